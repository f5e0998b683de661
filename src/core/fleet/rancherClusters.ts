import { text, type Json } from '../kube/objectFields';

/**
 * A downstream cluster as Rancher lists it. Field names from rancher/rancher
 * pkg/apis/management.cattle.io/v3/cluster_types.go: `status.driver` (how Rancher manages it: "rke2", "k3s",
 * "imported", "EKS"…), `status.provider` (the distribution its agent detected: "rke2", "k3s", "eks"…) and
 * `status.version.gitVersion`. The Steve API (`/v1/management.cattle.io.clusters`) returns the object itself;
 * the Norman API (`/v3/clusters`) flattens spec and status into the top level.
 */
export interface RancherCluster {
  /** The id the cluster proxy takes: `/k8s/clusters/<id>`. */
  readonly id: string;
  readonly name: string;
  /** provider, else driver, else what the Kubernetes version says ("+rke2r1"), else undefined. */
  readonly distribution: string | undefined;
  readonly version: string | undefined;
  readonly rke2: boolean;
}

function distributionOf(provider: string | undefined, driver: string | undefined, version: string | undefined): string | undefined {
  if (provider !== undefined && provider !== '') return provider;
  if (driver !== undefined && driver !== '' && driver !== 'imported') return driver;
  if (version?.includes('+rke2')) return 'rke2';
  if (version?.includes('+k3s')) return 'k3s';
  return driver !== undefined && driver !== '' ? driver : undefined;
}

/** One item of either API's collection; undefined when it names no id. */
export function rancherCluster(item: Json): RancherCluster | undefined {
  const id = text(item, 'id') ?? text(item, 'metadata', 'name');
  if (id === undefined || id === '') return undefined;
  const steve = text(item, 'metadata', 'name') !== undefined;
  const provider = steve ? text(item, 'status', 'provider') : text(item, 'provider');
  const driver = steve ? text(item, 'status', 'driver') : text(item, 'driver');
  const version = steve ? text(item, 'status', 'version', 'gitVersion') : text(item, 'version', 'gitVersion');
  const name = (steve ? text(item, 'spec', 'displayName') : text(item, 'name')) || id;
  const distribution = distributionOf(provider, driver, version);
  const rke2 = distribution?.toLowerCase() === 'rke2' || (version?.includes('+rke2') ?? false);
  return { id, name, distribution, version, rke2 };
}

/** Why a cluster is not checked: it does not run RKE2 (or Rancher does not know what it runs). */
export function skipReason(cluster: RancherCluster): string {
  if (cluster.distribution === undefined) return 'Rancher records no distribution or version for it (its agent may never have connected); only RKE2 clusters are checked';
  return `runs ${cluster.distribution}${cluster.version ? ` ${cluster.version}` : ''}, not RKE2`;
}

/** `/k8s/clusters/<id>` in a server URL (a kubeconfig Rancher generated): the cluster's Rancher id. */
export function rancherIdOfServer(server: string): string | undefined {
  try {
    const match = /\/k8s\/clusters\/([^/]+)\/?$/.exec(new URL(server).pathname);
    return match?.[1] !== undefined ? decodeURIComponent(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A Rancher cluster id as Rancher makes them (`local`, `c-m-abc12345`, `c-7x2kq`): a DNS label. Anything else
 * (`.`, `..`, a slash, a percent sign) could name another path than `/k8s/clusters/<id>/` on the Rancher server, so
 * it is never put into a URL.
 */
const RANCHER_CLUSTER_ID = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

export function isRancherClusterId(id: string): boolean {
  return RANCHER_CLUSTER_ID.test(id);
}
