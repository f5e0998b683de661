import type { GatewayTuning, OpenResult } from '../cluster/kubeGateway';
import type { ParsedArgs } from './argv';

type Gateway = typeof import('../cluster/kubeGateway');

/** Where tests (and unusual pods) put the service-account folder; the option wins over it. */
export const SERVICE_ACCOUNT_DIR_VARIABLE = 'RKE2_CALICO_SERVICE_ACCOUNT_DIR';

/** `--in-cluster` reads the pod's own cluster; a kubeconfig or a context would be a second source. */
export function inClusterUsageError(args: ParsedArgs): string | undefined {
  if (!args.options.has('in-cluster')) return args.options.has('service-account-dir') ? '--service-account-dir goes with --in-cluster' : undefined;
  const other = ['kubeconfig', 'context', 'no-cluster'].find((name) => args.options.has(name));
  return other === undefined ? undefined : `--in-cluster uses the pod's service account; it does not go with --${other}`;
}

/** The pod's cluster through client-node's in-cluster configuration (the service-account folder may be moved). */
export function openInCluster(gateway: Gateway, args: ParsedArgs, environment: NodeJS.ProcessEnv, tuning: GatewayTuning): OpenResult {
  const option = args.options.get('service-account-dir');
  const folder = typeof option === 'string' ? option : environment[SERVICE_ACCOUNT_DIR_VARIABLE];
  const built = gateway.inClusterKubeConfig({ environment, ...(folder !== undefined && folder !== '' ? { serviceAccountDir: folder } : {}) });
  if (!built.ok) return { ok: false, kind: 'unreadable', error: built.error };
  return gateway.openKubeConfig(built.config, { label: 'the in-cluster service account' }, undefined, tuning);
}
