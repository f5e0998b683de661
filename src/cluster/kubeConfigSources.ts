import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { readBoundedFile } from './boundedFile';
import { keepKubeconfigProblems } from './kubeconfigFile';

/**
 * KubeConfigs built in memory for the fleet sources. Nothing here is written to disk: a Rancher token stays in this
 * process, and a kubeconfig file is only read.
 */

/** The folder Kubernetes mounts a pod's service account into (token, ca.crt, namespace). */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * A copy of `base` whose current context is `context`: every reader of a fleet needs its own, since a reader asks
 * its KubeConfig for the current context on each request.
 */
export function contextKubeConfig(base: KubeConfig, context: string): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({ clusters: base.clusters, contexts: base.contexts, users: base.users, currentContext: context });
  keepKubeconfigProblems(base, config);
  return config;
}

export interface InClusterOptions {
  /** KUBERNETES_SERVICE_HOST / _PORT come from here (the pod's environment). */
  readonly environment: NodeJS.ProcessEnv;
  /** The service-account folder; tests point it at a folder of their own. */
  readonly serviceAccountDir?: string;
}

/**
 * The pod's own cluster, from client-node's in-cluster configuration: the API server from KUBERNETES_SERVICE_HOST
 * and _PORT, the CA and the token from the service-account folder. The token is read from its file on use, so a
 * projected token that the kubelet rotates keeps working in a long run.
 */
export function inClusterKubeConfig(options: InClusterOptions): { ok: true; config: KubeConfig } | { ok: false; error: string } {
  const host = options.environment.KUBERNETES_SERVICE_HOST;
  const port = options.environment.KUBERNETES_SERVICE_PORT;
  if (host === undefined || host === '' || port === undefined || port === '') return { ok: false, error: '--in-cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set; this is not running in a pod' };
  const folder = options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR;
  for (const file of ['token', 'ca.crt']) {
    if (!existsSync(join(folder, file))) return { ok: false, error: `--in-cluster: ${join(folder, file)} does not exist; is a service account token mounted (automountServiceAccountToken)?` };
  }
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // Built here rather than by client-node's loadFromCluster, which reads the namespace file whole and blocking; the
  // CA is read once, bounded (client-node would read it again for every request), the token by the gateway.
  const ca = readBoundedFile(join(folder, 'ca.crt'), 4 * 1024 * 1024);
  if (!ca.ok) return { ok: false, error: `--in-cluster: cannot read ${join(folder, 'ca.crt')}: ${ca.error}` };
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'inCluster', server, caData: ca.data.toString('base64'), skipTLSVerify: false }],
    users: [{ name: 'inClusterUser', authProvider: { name: 'tokenFile', config: { tokenFile: join(folder, 'token') } } }],
    contexts: [{ name: 'inClusterContext', cluster: 'inCluster', user: 'inClusterUser' }],
    currentContext: 'inClusterContext',
  });
  return { ok: true, config };
}

export interface RancherProxyOptions {
  readonly rancherUrl: URL;
  readonly clusterId: string;
  readonly token: string;
  /** PEM bundle to trust instead of Node's default CAs (--rancher-ca, NODE_EXTRA_CA_CERTS and the public roots). */
  readonly caPem?: string;
}

/** One downstream cluster through Rancher's cluster proxy: `<rancher>/k8s/clusters/<id>` with the Rancher token. */
export function rancherProxyKubeConfig(options: RancherProxyOptions): KubeConfig {
  const base = options.rancherUrl.href.replace(/\/+$/, '');
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: options.clusterId, server: `${base}/k8s/clusters/${encodeURIComponent(options.clusterId)}`, skipTLSVerify: false, ...(options.caPem !== undefined ? { caData: Buffer.from(options.caPem).toString('base64') } : {}) }],
    users: [{ name: 'rancher', token: options.token }],
    contexts: [{ name: options.clusterId, cluster: options.clusterId, user: 'rancher' }],
    currentContext: options.clusterId,
  });
  return config;
}
