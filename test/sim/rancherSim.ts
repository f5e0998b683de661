/**
 * A simulated Rancher server over HTTPS on 127.0.0.1: its cluster API (Steve `/v1/management.cattle.io.clusters`
 * and Norman `/v3/clusters`, paged) lists N downstream clusters, and its cluster proxy `/k8s/clusters/<id>/…`
 * answers for each from a scenario (a simulated API server per cluster, reached in-process). Per cluster: faults of
 * its API server, or a proxy that is disconnected (503), forbidden (403), gone (404) or hangs. Every request is
 * recorded with its method, so tests prove the product only sent GETs.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeServerCertificates } from './certificates';
import type { Fault, Scenario } from './scenarioTypes';
import { loadScenario, startSimulatedCluster, type RecordedRequest, type RunningSim } from './simServer';

export interface DownstreamCluster {
  /** Rancher's id, as in `/k8s/clusters/<id>`. */
  readonly id: string;
  /** spec.displayName. */
  readonly name: string;
  /** The cluster behind the proxy; absent for a cluster that is only listed (K3s, EKS…). */
  readonly scenario?: string | Scenario;
  /** status.driver and status.provider as Rancher records them; default rke2. */
  readonly driver?: string;
  readonly provider?: string;
  /** status.version.gitVersion; default the scenario's RKE2 version. */
  readonly version?: string;
  /** The scenario second the cluster is at (race-3.29.2 fails from about 10 s on). */
  readonly startAt?: number;
  /** Faults of the cluster's own API server. */
  readonly faults?: readonly Fault[];
  /** How Rancher's proxy treats the cluster: answers (default), agent disconnected (503), forbidden (403), gone (404) or never answers. */
  readonly proxy?: 'ok' | 'disconnected' | 'forbidden' | 'gone' | 'hang';
}

export interface RancherSimOptions {
  readonly clusters: readonly DownstreamCluster[];
  /** `v3`: Steve answers 404, as on a Rancher that only exposes the Norman API. */
  readonly api?: 'v1' | 'v3';
  /** Largest page the server returns whatever `limit` asks. */
  readonly pageSize?: number;
  /** Every API path answers the dashboard's HTML page (a URL that is not the API, a login proxy). */
  readonly html?: boolean;
}

export interface RunningRancher {
  readonly url: string;
  readonly token: string;
  /** The CA of the server certificate, and an unrelated one (PEM). */
  readonly caPem: string;
  readonly otherCaPem: string;
  readonly folder: string;
  /** Every request Rancher received, proxied ones with their full path. */
  readonly requests: RecordedRequest[];
  /** A kubeconfig as Rancher generates it: one context per served cluster, server `<url>/k8s/clusters/<id>`. */
  readonly kubeconfigPath: string;
  readonly downstream: ReadonlyMap<string, RunningSim>;
  stop(): Promise<void>;
}

/** Writes a JSON answer; returns true so handlers can `return json(…)`. */
function json(response: ServerResponse, record: RecordedRequest, code: number, body: unknown): true {
  (record as { status: number }).status = code;
  const text = JSON.stringify(body);
  response.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
  return true;
}

function rancherError(code: number, kind: string, message: string): object {
  return { type: 'error', status: String(code), code: kind, message };
}

function versionOf(cluster: DownstreamCluster, scenario: Scenario | undefined): string | undefined {
  return cluster.version ?? scenario?.state.rke2;
}

function steveObject(cluster: DownstreamCluster, scenario: Scenario | undefined): object {
  const gitVersion = versionOf(cluster, scenario);
  return {
    id: cluster.id,
    type: 'management.cattle.io.cluster',
    apiVersion: 'management.cattle.io/v3',
    kind: 'Cluster',
    metadata: { name: cluster.id, uid: `uid-${cluster.id}`, resourceVersion: '1' },
    spec: { displayName: cluster.name },
    status: { driver: cluster.driver ?? 'rke2', provider: cluster.provider ?? 'rke2', ...(gitVersion ? { version: { gitVersion } } : {}), conditions: [{ type: 'Ready', status: cluster.proxy === 'disconnected' ? 'False' : 'True' }] },
  };
}

function normanObject(cluster: DownstreamCluster, scenario: Scenario | undefined): object {
  const gitVersion = versionOf(cluster, scenario);
  return { id: cluster.id, type: 'cluster', name: cluster.name, driver: cluster.driver ?? 'rke2', provider: cluster.provider ?? 'rke2', state: cluster.proxy === 'disconnected' ? 'unavailable' : 'active', ...(gitVersion ? { version: { gitVersion } } : {}) };
}

function rancherKubeconfig(url: string, caPem: string, token: string, clusters: readonly DownstreamCluster[]): string {
  const ca = Buffer.from(caPem).toString('base64');
  const lines = ['apiVersion: v1', 'kind: Config', 'clusters:'];
  for (const cluster of clusters) lines.push(`- name: ${JSON.stringify(cluster.name)}`, '  cluster:', `    server: ${JSON.stringify(`${url}/k8s/clusters/${cluster.id}`)}`, `    certificate-authority-data: ${ca}`);
  lines.push('users:', '- name: rancher', '  user:', `    token: ${JSON.stringify(token)}`, 'contexts:');
  for (const cluster of clusters) lines.push(`- name: ${JSON.stringify(cluster.name)}`, `  context: {cluster: ${JSON.stringify(cluster.name)}, user: rancher}`);
  lines.push(`current-context: ${JSON.stringify(clusters[0]?.name ?? '')}`, '');
  return lines.join('\n');
}

/** Starts Rancher and one simulated API server per cluster that has a scenario (sharing one server certificate). */
export async function startRancherSim(options: RancherSimOptions): Promise<RunningRancher> {
  const folder = mkdtempSync(join(tmpdir(), 'rke2-calico-rancher-'));
  const certificates = makeServerCertificates(folder);
  const token = `token-${randomBytes(3).toString('hex')}:${randomBytes(26).toString('hex')}`;
  const requests: RecordedRequest[] = [];
  const started = Date.now();
  const scenarios = new Map<string, Scenario>();
  const downstream = new Map<string, RunningSim>();
  for (const cluster of options.clusters) {
    if (cluster.scenario === undefined) continue;
    const scenario = typeof cluster.scenario === 'string' ? loadScenario(cluster.scenario) : cluster.scenario;
    scenarios.set(cluster.id, scenario);
    downstream.set(cluster.id, await startSimulatedCluster(scenario, { manualClock: true, certificates, extraFaults: cluster.faults ?? [], ...(cluster.startAt !== undefined ? { startAt: cluster.startAt } : {}) }));
  }
  const byId = new Map(options.clusters.map((cluster) => [cluster.id, cluster]));
  const pageSize = options.pageSize ?? 100;

  const page = (url: URL, key: 'continue' | 'marker'): { items: DownstreamCluster[]; next: string | undefined } => {
    const limit = Math.min(pageSize, Number(url.searchParams.get('limit') ?? pageSize) || pageSize);
    const offset = Number(url.searchParams.get(key) ?? '0') || 0;
    const items = options.clusters.slice(offset, offset + limit);
    return { items, next: offset + limit < options.clusters.length ? String(offset + limit) : undefined };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<unknown> => {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    const record: RecordedRequest = { method: request.method ?? '?', path: url.pathname, query: url.search, status: 0, atMs: Date.now() - started };
    requests.push(record);
    if (request.headers.authorization !== `Bearer ${token}`) return json(response, record, 401, rancherError(401, 'Unauthorized', 'must authenticate'));
    if (request.method !== 'GET') return json(response, record, 405, rancherError(405, 'MethodNotAllowed', 'the simulated Rancher is read-only'));
    if (options.html === true) {
      (record as { status: number }).status = 200;
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<!DOCTYPE html><html><head><title>Rancher</title></head><body><div id="app"></div></body></html>');
      return;
    }
    if (url.pathname === '/v1/management.cattle.io.clusters') {
      if (options.api === 'v3') return json(response, record, 404, rancherError(404, 'NotFound', 'schema not found'));
      const { items, next } = page(url, 'continue');
      return json(response, record, 200, { type: 'collection', resourceType: 'management.cattle.io.cluster', revision: '1', count: items.length, data: items.map((cluster) => steveObject(cluster, scenarios.get(cluster.id))), ...(next ? { continue: next, pagination: { partial: true } } : {}) });
    }
    if (url.pathname === '/v3/clusters') {
      const { items, next } = page(url, 'marker');
      const nextUrl = next ? `https://${request.headers.host ?? '127.0.0.1'}/v3/clusters?limit=${pageSize}&marker=${next}` : undefined;
      return json(response, record, 200, { type: 'collection', resourceType: 'cluster', data: items.map((cluster) => normanObject(cluster, scenarios.get(cluster.id))), pagination: { limit: pageSize, total: options.clusters.length, ...(nextUrl ? { next: nextUrl } : {}) } });
    }
    const proxied = /^\/k8s\/clusters\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (!proxied) return json(response, record, 404, rancherError(404, 'NotFound', 'not found'));
    const id = decodeURIComponent(proxied[1] ?? '');
    const cluster = byId.get(id);
    const sim = downstream.get(id);
    if (!cluster || !sim || cluster.proxy === 'gone') return json(response, record, 404, rancherError(404, 'NotFound', `clusters.management.cattle.io "${id}" not found`));
    if (cluster.proxy === 'disconnected') return json(response, record, 503, rancherError(503, 'ClusterUnavailable', 'ClusterUnavailable 503: cluster agent disconnected'));
    // A careless proxy quotes the request's credentials: the product must never print them.
    if (cluster.proxy === 'forbidden') return json(response, record, 403, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Forbidden', code: 403, message: `clusters.management.cattle.io "${id}" is forbidden: User "u-sim" (${request.headers.authorization ?? ''}) cannot get resource "clusters/proxy"` });
    if (cluster.proxy === 'hang') return new Promise<void>((resolve) => response.on('close', resolve));
    (record as { status: number }).status = 200;
    // As Rancher does: the request goes on to the cluster as the user, with the cluster's own credentials.
    request.url = `${proxied[2] ?? '/'}${url.search}`;
    request.headers.authorization = `Bearer ${sim.token}`;
    return sim.handle(request, response);
  };

  const server = https.createServer({ cert: certificates.certPem, key: certificates.keyPem }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const kubeconfigPath = join(folder, 'rancher-kubeconfig.yaml');
  writeFileSync(kubeconfigPath, rancherKubeconfig(url, certificates.caPem, token, options.clusters.filter((cluster) => downstream.has(cluster.id))), { mode: 0o600 });
  return {
    url,
    token,
    caPem: certificates.caPem,
    otherCaPem: certificates.otherCaPem,
    folder,
    requests,
    kubeconfigPath,
    downstream,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...downstream.values()].map((sim) => sim.stop()));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
