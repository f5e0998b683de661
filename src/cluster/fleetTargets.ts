import { dirname } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { checkClusterReader } from '../core/fleet/checkClusterReader';
import { isRancherClusterId, rancherIdOfServer, skipReason } from '../core/fleet/rancherClusters';
import type { ClusterOutcome, FleetTarget } from '../core/fleet/fleetOutcome';
import type { GatewayTuning, OpenResult } from './kubeGateway';
import type { KubeconfigChoice } from './kubeconfigDiscovery';
import { loadGateway } from './loadGateway';
import { listRancherClusters, type RancherConnection } from './rancherApi';
import { rancherTrust } from './rancherTrust';
import { rancherServerUrl } from './rancherUrl';

/** A cluster of the fleet and how to open it; a cluster that is not checked carries why instead. */
export interface FleetMember {
  readonly target: FleetTarget;
  readonly open?: () => OpenResult;
  readonly skipped?: string;
}

export type FleetMembers = { readonly ok: true; readonly source: string; readonly members: readonly FleetMember[] } | { readonly ok: false; readonly error: string };

/**
 * The contexts of a kubeconfig as fleet members: every context (`names` = 'all') or those named, in the order
 * given. The file is read once; each member gets its own copy with its context current. A context whose server is
 * Rancher's cluster proxy (`…/k8s/clusters/<id>`, as in kubeconfigs Rancher generates) is marked with its id.
 */
export async function contextMembers(choice: KubeconfigChoice, names: readonly string[] | 'all', tuning: GatewayTuning): Promise<FleetMembers> {
  const gateway = await loadGateway();
  const label = `kubeconfig ${choice.paths.join(', ')}`;
  const loaded = gateway.loadKubeConfig(choice);
  if (!loaded.ok) return { ok: false, error: loaded.error };
  const config: KubeConfig = loaded.config;
  const available = config.getContexts().map((context) => context.name);
  if (available.length === 0) return { ok: false, error: `${label} has no contexts` };
  const wanted = names === 'all' ? available : [...new Set(names)];
  const missing = wanted.filter((name) => !available.includes(name));
  if (missing.length > 0) return { ok: false, error: `context(s) ${missing.map((name) => `"${name}"`).join(', ')} not in the kubeconfig (it has: ${available.join(', ')})` };
  const source = { label, ...(choice.paths.length === 1 && choice.paths[0] ? { baseDirectory: dirname(choice.paths[0]) } : {}) };
  const members = wanted.map((name): FleetMember => {
    const clusterName = config.getContextObject(name)?.cluster;
    const server = config.getCluster(clusterName ?? '')?.server ?? '';
    const rancherId = rancherIdOfServer(server);
    return {
      target: { name, source: 'context', ...(rancherId !== undefined ? { rancherId } : {}) },
      open: () => gateway.openKubeConfig(gateway.contextKubeConfig(config, name), source, name, tuning),
    };
  });
  return { ok: true, source: label, members };
}

/**
 * The clusters Rancher manages: RKE2 ones are opened through Rancher's cluster proxy with the Rancher token; the
 * others are listed as skipped with their distribution.
 */
export async function rancherMembers(connection: RancherConnection, tuning: GatewayTuning): Promise<FleetMembers> {
  const listing = await listRancherClusters(connection);
  if (!listing.ok) return listing;
  const gateway = await loadGateway();
  const members = listing.clusters.map((cluster): FleetMember => {
    const target: FleetTarget = { name: cluster.name, source: 'rancher', rancherId: cluster.id, ...(cluster.distribution !== undefined ? { distribution: cluster.distribution } : {}) };
    if (!isRancherClusterId(cluster.id)) return { target, skipped: `Rancher listed it with the id "${cluster.id.slice(0, 100)}", which is not a cluster id (letters, digits and dashes); not read` };
    if (!cluster.rke2) return { target, skipped: skipReason(cluster) };
    const config = gateway.rancherProxyKubeConfig({ rancherUrl: connection.url, clusterId: cluster.id, token: connection.token, ...(connection.caPem !== undefined ? { caPem: connection.caPem } : {}) });
    return { target, open: () => gateway.openKubeConfig(config, { label: `Rancher cluster ${cluster.id}` }, cluster.id, tuning) };
  });
  return { ok: true, source: `rancher ${connection.url.origin}${connection.url.pathname.replace(/\/+$/, '')} (${listing.api === 'v1' ? '/v1 Steve API' : '/v3 API'})`, members };
}

/**
 * Per cluster of a fleet: several clusters are read at once, so each gets a smaller share of memory than a single
 * check (a 1,000-node page of nodes is about 20 MB and still fits).
 */
export function fleetTuning(timeoutMs: number): GatewayTuning {
  return { timeoutMs, retries: 3, maxBytes: 32 * 1024 * 1024, maxBytesInFlight: 48 * 1024 * 1024 };
}

/** Where the clusters of a fleet come from: Rancher (with its token and CA), or the contexts of a kubeconfig. */
export type FleetSource =
  | { readonly kind: 'rancher'; readonly url: string; readonly token: string; readonly caFile: string | undefined }
  | { readonly kind: 'contexts'; readonly choice: KubeconfigChoice; readonly names: readonly string[] | 'all' };

/** The members of a fleet, from either source; every failure is a message, never an exception. */
export async function fleetMembers(source: FleetSource, environment: NodeJS.ProcessEnv, tuning: GatewayTuning, signal: AbortSignal): Promise<FleetMembers> {
  if (source.kind === 'contexts') return contextMembers(source.choice, source.names, tuning);
  const parsed = rancherServerUrl(source.url);
  if (!parsed.ok) return parsed;
  const url = parsed.url;
  const trust = rancherTrust(source.caFile, environment);
  if (!trust.ok) return trust;
  return rancherMembers({ url, token: source.token, caPem: trust.caPem, timeoutMs: tuning.timeoutMs, signal }, tuning);
}

/** Checks one member: skipped ones say why, one that cannot be opened is unreachable, the rest are read. */
export function checkMember(member: FleetMember, signal: AbortSignal): Promise<ClusterOutcome> {
  if (member.skipped !== undefined || !member.open) return Promise.resolve({ kind: 'skipped', reason: member.skipped ?? 'not checked' });
  const opened = member.open();
  if (!opened.ok) return Promise.resolve({ kind: 'unreachable', reason: opened.error });
  return checkClusterReader(opened.reader, signal, member.target.rancherId !== undefined);
}
