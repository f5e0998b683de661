import { CLUSTER_READS } from '../core/checks/clusterReads';
import { DIAGNOSTICS_NAMESPACE, rbacManifest } from '../core/checks/rbacManifest';
import { EXIT_OK, type CliIo } from './cliIo';
import { startCommand, usageError, type CommandSpec } from './commandArgs';

export const RBAC_USAGE = `Usage: rke2-calico-diag rbac [--namespace NS]

Prints the least-privilege RBAC for running "check --in-cluster" (a CronJob) and "explain": a ServiceAccount in NS
(default ${DIAGNOSTICS_NAMESPACE}), a ClusterRole and binding with the cluster-wide reads, and a Role and binding in
each namespace the namespaced reads are limited to. Only get and list, and gets only of the objects the checks read.
Apply it with: rke2-calico-diag rbac | kubectl apply -f -`;

const SPEC: CommandSpec<'yaml'> = { name: 'rbac', usage: RBAC_USAGE, values: ['namespace'], formats: ['yaml'] };

export function runRbacCommand(argv: readonly string[], io: CliIo): number {
  const started = startCommand(argv, io, SPEC);
  if (!started.ok) return started.code;
  if (started.args.positionals.length > 0) return usageError(io, SPEC, 'takes no arguments');
  const namespace = started.args.options.get('namespace');
  if (namespace === true || (namespace !== undefined && !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace))) return usageError(io, SPEC, '--namespace must be a Kubernetes namespace name');
  io.stdout(rbacManifest(CLUSTER_READS, namespace ?? DIAGNOSTICS_NAMESPACE));
  return EXIT_OK;
}
