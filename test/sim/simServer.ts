import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeServerCertificates, type ServerCertificates } from './certificates';
import { materialize, stateAt, type KubeObject, type ObjectStore } from './clusterModel';
import { simKubeconfig } from './kubeconfig';
import type { ReadRequest } from '../../src/core/checks/clusterReads';
import type { Fault, Scenario } from './scenarioTypes';
import { compileSelector, selectableFields } from './selectors';
import { rawStore, servesResource, type RawCluster } from './rawCluster';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly status: number;
  readonly atMs: number;
}

export interface SimOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  /** Scenario seconds per real second (100 plays a 40 s start-up in 0.4 s). */
  readonly timeScale?: number;
  /** Start the timeline at this scenario second. */
  readonly startAt?: number;
  /** Freeze the clock; move it with setTime(). */
  readonly manualClock?: boolean;
  /** The timeline starts with the first request rather than at start-up (the demo: when the editor first asks). */
  readonly clockStartsOnFirstRequest?: boolean;
  readonly extraFaults?: readonly Fault[];
  /** An RBAC authorizer for the token: a resource request it refuses is answered 403 (discovery stays open). */
  readonly authorize?: (request: ReadRequest) => boolean;
  /** Reuse these instead of making new ones (a Rancher simulation starts hundreds of clusters). */
  readonly certificates?: ServerCertificates;
  /** Serve exactly these objects instead of the scenario's model (a real cluster state; see rawCluster.ts). */
  readonly raw?: RawCluster;
}

export interface RunningSim {
  readonly url: string;
  readonly port: number;
  readonly kubeconfigPath: string;
  readonly folder: string;
  readonly token: string;
  /** The CA that signed the server's certificate, and an unrelated one (PEM). */
  readonly caPem: string;
  readonly otherCaPem: string;
  readonly requests: RecordedRequest[];
  setTime(seconds: number): void;
  now(): number;
  /** Plays the scenario's timeline again from its start (the demo's "replay"). */
  restartClock(): void;
  addFault(fault: Fault): void;
  stop(): Promise<void>;
  /** Answers one request as this cluster's API server would (a Rancher simulation proxies to it). */
  handle(request: IncomingMessage, response: ServerResponse): Promise<unknown>;
}

export interface Route {
  readonly group: string;
  readonly resource: string;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly subresource: string | undefined;
}

const GROUPS = ['apps/v1', 'batch/v1', 'rbac.authorization.k8s.io/v1', 'apiextensions.k8s.io/v1', 'crd.projectcalico.org/v1', 'operator.tigera.io/v1', 'helm.cattle.io/v1'];
const CLUSTER_SCOPED = new Set(['nodes', 'namespaces', 'customresourcedefinitions', 'clusterroles', 'clusterrolebindings', 'clusterinformations', 'ippools', 'felixconfigurations', 'ipamblocks', 'blockaffinities', 'ipamconfigs', 'installations', 'tigerastatuses', 'globalnetworkpolicies', 'tiers', 'hostendpoints', 'globalnetworksets']);

export function parseRoute(path: string): Route | undefined {
  const parts = path.split('/').filter((part) => part !== '').map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (parts[0] === 'api' && parts[1] === 'v1') {
    group = '';
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1] ?? '';
    rest = parts.slice(3);
  } else return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource] = rest;
  if (resource === undefined) return undefined;
  return { group, resource, namespace, name, subresource };
}

/** Resources served per group version, for discovery (kubectl maps "nodes,pods" through it). */
const RESOURCES: Readonly<Record<string, readonly [string, string][]>> = {
  v1: [['nodes', 'Node'], ['namespaces', 'Namespace'], ['pods', 'Pod'], ['events', 'Event'], ['endpoints', 'Endpoints'], ['services', 'Service'], ['configmaps', 'ConfigMap']],
  'apps/v1': [['daemonsets', 'DaemonSet'], ['deployments', 'Deployment'], ['replicasets', 'ReplicaSet']],
  'batch/v1': [['jobs', 'Job']],
  'rbac.authorization.k8s.io/v1': [['clusterroles', 'ClusterRole'], ['clusterrolebindings', 'ClusterRoleBinding']],
  'apiextensions.k8s.io/v1': [['customresourcedefinitions', 'CustomResourceDefinition']],
  'crd.projectcalico.org/v1': [['clusterinformations', 'ClusterInformation'], ['ippools', 'IPPool'], ['felixconfigurations', 'FelixConfiguration'], ['ipamblocks', 'IPAMBlock'], ['blockaffinities', 'BlockAffinity'], ['ipamconfigs', 'IPAMConfig']],
  'operator.tigera.io/v1': [['installations', 'Installation'], ['tigerastatuses', 'TigeraStatus']],
  'helm.cattle.io/v1': [['helmcharts', 'HelmChart'], ['helmchartconfigs', 'HelmChartConfig']],
};

function discovery(path: string): object | undefined {
  const groupVersion = path === '/api/v1' ? 'v1' : /^\/apis\/([^/]+\/v1)$/.exec(path)?.[1];
  const resources = groupVersion === undefined ? undefined : RESOURCES[groupVersion];
  if (!resources || groupVersion === undefined) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: resources.map(([name, kind]) => ({ name, singularName: kind.toLowerCase(), namespaced: !CLUSTER_SCOPED.has(name), kind, verbs: ['get', 'list'] })),
  };
}

function status(code: number, reason: string, message: string): object {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

/** Starts the simulated Kubernetes API over HTTPS on 127.0.0.1 with a scenario. */
export async function startSimulatedCluster(scenario: Scenario, options: SimOptions = {}): Promise<RunningSim> {
  const folder = mkdtempSync(join(tmpdir(), 'rke2-calico-sim-'));
  const certificates = options.certificates ?? makeServerCertificates(folder);
  const token = randomBytes(24).toString('hex');
  const requests: RecordedRequest[] = [];
  const faults: { fault: Fault; used: number }[] = [...(scenario.faults ?? []), ...(options.extraFaults ?? [])].map((fault) => ({ fault, used: 0 }));
  const realStart = Date.now();
  // When the timeline started; undefined until the first request when the clock waits for one.
  let clockStart: number | undefined = options.clockStartsOnFirstRequest === true ? undefined : realStart;
  const timelineStart = (): number => clockStart ?? Date.now();
  let t0 = timelineStart() - (options.startAt ?? 0) * 1000;
  let manualSecond = options.startAt ?? 0;
  const scale = options.timeScale ?? 1;
  const now = (): number => (options.manualClock ? manualSecond : (options.startAt ?? 0) + ((Date.now() - timelineStart()) / 1000) * scale);
  const startClockAt = (moment: number): void => {
    clockStart = moment;
    t0 = moment - (options.startAt ?? 0) * 1000;
    cached = undefined;
  };
  let cached: { second: number; store: ObjectStore } | undefined;
  const raw = options.raw;
  const rawObjects = raw ? rawStore(raw) : undefined;
  const storeNow = (): ObjectStore => {
    if (rawObjects) return rawObjects;
    const second = Math.floor(now());
    if (cached?.second !== second) cached = { second, store: materialize(scenario, second, t0) };
    return cached.store;
  };
  const openStreams = new Set<ServerResponse>();

  /** Writes a JSON answer; returns true so handlers can `return send(…)`. */
  const send = (response: ServerResponse, code: number, body: unknown, started: RecordedRequest): true => {
    (started as { status: number }).status = code;
    const text = JSON.stringify(body);
    response.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    response.end(text);
    return true;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<unknown> => {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    if (clockStart === undefined) startClockAt(Date.now());
    const record: RecordedRequest = { method: request.method ?? '?', path: url.pathname, query: url.search, status: 0, atMs: Date.now() - realStart };
    requests.push(record);
    if (request.headers.authorization !== `Bearer ${token}`) return send(response, 401, status(401, 'Unauthorized', 'Unauthorized'), record);
    if (request.method !== 'GET') return send(response, 405, status(405, 'MethodNotAllowed', `the simulated cluster is read-only; ${request.method ?? '?'} refused`), record);
    const fault = faults.find((entry) => new RegExp(entry.fault.path).test(url.pathname) && (entry.fault.times === undefined || entry.used < entry.fault.times) && (!entry.fault.onContinue || url.searchParams.has('continue')));
    if (fault) {
      fault.used++;
      if (fault.fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.fault.delayMs));
      if (response.destroyed) return;
      if (fault.fault.drop) {
        (record as { status: number }).status = -1;
        request.socket.destroy();
        return;
      }
      if (fault.fault.bodyBytes !== undefined) return streamBody(response, fault.fault.bodyBytes, fault.fault.malformed !== true, record);
      if (fault.fault.malformed) {
        (record as { status: number }).status = 200;
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end('{"kind": "NodeList", "items": [ {"metadata": ');
        return;
      }
      if (fault.fault.status) {
        if (fault.fault.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(fault.fault.retryAfterSeconds));
        const code = fault.fault.status;
        const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 410: 'Expired', 429: 'TooManyRequests', 503: 'ServiceUnavailable' }[code] ?? 'InternalError';
        const authorization = request.headers.authorization ?? '';
        const message =
          code === 410
            ? 'The provided continue parameter is too old to display a consistent list result.'
            : fault.fault.echoAuthorization
              ? `${reason.toLowerCase()}: the request with "Authorization: ${authorization}" was refused; token ${authorization.replace(/^Bearer\s+/i, '')} may not get ${url.pathname}`
              : `injected ${code}`;
        return send(response, code, status(code, reason, message), record);
      }
    }
    if (url.pathname === '/version') {
      const firstNode = rawObjects?.resources.get('/nodes')?.[0] as { status?: { nodeInfo?: { kubeletVersion?: string } } } | undefined;
      const rke2 = raw ? (firstNode?.status?.nodeInfo?.kubeletVersion ?? 'v1.0.0') : stateAt(scenario, now()).rke2;
      return send(response, 200, { major: '1', minor: rke2.split('.')[1] ?? '', gitVersion: rke2, platform: 'linux/amd64' }, record);
    }
    if (url.pathname === '/api') return send(response, 200, { kind: 'APIVersions', versions: ['v1'] }, record);
    if (url.pathname === '/apis') return send(response, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups: GROUPS.map((entry) => ({ name: entry.split('/')[0], versions: [{ groupVersion: entry, version: 'v1' }], preferredVersion: { groupVersion: entry, version: 'v1' } })) }, record);
    const resourceList = discovery(url.pathname);
    if (resourceList) return send(response, 200, resourceList, record);
    const route = parseRoute(url.pathname);
    if (!route) return send(response, 404, status(404, 'NotFound', 'the server could not find the requested resource'), record);
    const forbidden = raw ? [] : (stateAt(scenario, now()).forbidden ?? []);
    const resourcePath = route.subresource ? `${route.resource}/${route.subresource}` : route.resource;
    // A raw case serves what its source showed; a pod log is shown when the case has it.
    const hidden = raw?.shown !== undefined && !raw.shown.includes(resourcePath) && !(resourcePath === 'pods/log' && [...raw.logs.keys()].some((key) => key.startsWith(`${route.namespace ?? ''}/${route.name ?? ''}/`)));
    if (forbidden.includes(route.resource) || hidden) {
      const verb = route.name === undefined ? 'list' : 'get';
      return send(response, 403, status(403, 'Forbidden', `${route.resource}${route.group ? `.${route.group}` : ''} is forbidden: User "sim-admin" cannot ${verb} resource "${route.resource}" in API group "${route.group}" ${route.namespace ? `in the namespace "${route.namespace}"` : 'at the cluster scope'}`), record);
    }
    const verb = route.name === undefined ? (url.searchParams.get('watch') === 'true' ? 'watch' : 'list') : 'get';
    if (options.authorize && !options.authorize({ verb, apiGroup: route.group, resource: route.subresource ? `${route.resource}/${route.subresource}` : route.resource, namespace: route.namespace, name: route.name })) {
      return send(response, 403, status(403, 'Forbidden', `${route.resource}${route.group ? `.${route.group}` : ''}${route.name ? ` "${route.name}"` : ''} is forbidden: the role may not ${verb} it${route.namespace ? ` in the namespace "${route.namespace}"` : ' at the cluster scope'}`), record);
    }
    if (raw && !servesResource(raw, route.group, route.resource)) return send(response, 404, status(404, 'NotFound', 'the server could not find the requested resource'), record);
    if (route.subresource === 'log' && route.resource === 'pods') return raw ? serveRawLog(raw, route, url, response, record) : serveLog(route, url, response, record);
    const store = storeNow();
    const key = `${route.group}/${route.resource}`;
    const all = store.resources.get(key) ?? (raw ? [] : undefined);
    if (!all) return send(response, 404, status(404, 'NotFound', 'the server could not find the requested resource'), record);
    // A kind the source showed in part cannot prove an absence: what is not in it may exist.
    const partlyShown = raw?.partial.includes(route.resource) === true;
    const refusePartial = (): true => send(response, 403, status(403, 'Forbidden', `${route.resource}${route.group ? `.${route.group}` : ''}${route.name ? ` "${route.name}"` : ''} is forbidden: the source showed ${route.resource} only in part`), record);
    const inScope = (object: KubeObject): boolean => route.namespace === undefined || object.metadata.namespace === route.namespace;
    if (route.name !== undefined) {
      const found = all.find((object) => object.metadata.name === route.name && inScope(object) && (CLUSTER_SCOPED.has(route.resource) || route.namespace !== undefined));
      if (!found && partlyShown) return refusePartial();
      return found ? send(response, 200, found, record) : send(response, 404, status(404, 'NotFound', `${route.resource}${route.group ? `.${route.group}` : ''} "${route.name}" not found`), record);
    }
    let labelMatch;
    let fieldMatch;
    try {
      labelMatch = compileSelector(url.searchParams.get('labelSelector'));
      fieldMatch = compileSelector(url.searchParams.get('fieldSelector'));
    } catch (error) {
      return send(response, 400, status(400, 'BadRequest', error instanceof Error ? error.message : 'bad selector'), record);
    }
    const matches = (object: KubeObject): boolean => inScope(object) && labelMatch(object.metadata.labels ?? {}) && fieldMatch(selectableFields(object));
    const limit = Number(url.searchParams.get('limit') ?? '0');
    const continueToken = url.searchParams.get('continue');
    const offset = continueToken ? (JSON.parse(Buffer.from(continueToken, 'base64').toString('utf8')) as { offset: number }).offset : 0;
    const page: KubeObject[] = [];
    let index = 0;
    const cursor = { more: false };
    const consider = (object: KubeObject): boolean => {
      if (!matches(object)) return true;
      if (index++ < offset) return true;
      if (limit > 0 && page.length >= limit) {
        cursor.more = true;
        return false;
      }
      page.push(object);
      return true;
    };
    let going = true;
    for (const object of all) if (going) going = consider(object);
    if (route.resource === 'pods' && going) {
      for (let extra = 0; extra < store.extraPods.count && going; extra++) {
        // A real API server reads one namespace's pods under its own key prefix: pods of other namespaces are never built.
        if (route.namespace !== undefined && store.extraPods.namespaceOf(extra) !== route.namespace) continue;
        going = consider(store.extraPods.make(extra));
      }
    }
    if (partlyShown && page.length === 0 && offset === 0) return refusePartial();
    const kind = `${route.resource.charAt(0).toUpperCase()}${route.resource.slice(1)}List`;
    return send(response, 200, { kind, apiVersion: route.group ? `${route.group}/v1` : 'v1', metadata: { resourceVersion: '1', ...(cursor.more ? { continue: Buffer.from(JSON.stringify({ offset: offset + page.length })).toString('base64') } : {}) }, items: page }, record);
  };

  /**
   * A 200 answer of `bytes` bytes, streamed with backpressure, that stops when the client goes away: a JSON object
   * with a long `padding` string, or (`closed` false) the same never closed, which is not JSON.
   */
  const streamBody = async (response: ServerResponse, bytes: number, closed: boolean, record: RecordedRequest): Promise<true> => {
    (record as { status: number }).status = 200;
    response.writeHead(200, { 'Content-Type': 'application/json' });
    const head = '{"kind":"List","apiVersion":"v1","metadata":{},"items":[],"padding":"';
    response.write(head);
    const piece = Buffer.alloc(1024 * 1024, 0x61);
    let left = Math.max(0, bytes - head.length - 2);
    while (left > 0 && !response.destroyed) {
      const chunk = left >= piece.length ? piece : piece.subarray(0, left);
      left -= chunk.length;
      if (!response.write(chunk)) {
        await new Promise<void>((resolve) => {
          const go = (): void => {
            response.off('drain', go);
            response.off('close', go);
            resolve();
          };
          response.on('drain', go);
          response.on('close', go);
        });
      }
    }
    if (!response.destroyed) response.end(closed ? '"}' : 'aa');
    return true;
  };

  /** A raw case's pod log: its logs/ file (tailLines applied), else 404 for no such pod, else an empty log. */
  const serveRawLog = (cluster: RawCluster, route: Route, url: URL, response: ServerResponse, record: RecordedRequest): true => {
    const container = url.searchParams.get('container');
    const prefix = `${route.namespace ?? ''}/${route.name ?? ''}/`;
    const key = [...cluster.logs.keys()].find((entry) => entry.startsWith(prefix) && (container === null || entry === `${prefix}${container}`));
    const pod = storeNow().resources.get('/pods')?.find((object) => object.metadata.name === route.name && object.metadata.namespace === route.namespace);
    if (key === undefined && !pod) return send(response, 404, status(404, 'NotFound', `pods "${route.name ?? ''}" not found`), record);
    let lines = (key === undefined ? '' : (cluster.logs.get(key) ?? '')).split('\n');
    if (lines.at(-1) === '') lines.pop();
    const tail = url.searchParams.get('tailLines');
    if (tail !== null) lines = lines.slice(Math.max(0, lines.length - Number(tail)));
    (record as { status: number }).status = 200;
    response.writeHead(200, { 'Content-Type': 'text/plain' });
    response.end(lines.map((line) => `${line}\n`).join(''));
    return true;
  };

  const serveLog = (route: Route, url: URL, response: ServerResponse, record: RecordedRequest): true => {
    const container = url.searchParams.get('container');
    const log = (scenario.logs ?? []).find((entry) => entry.namespace === route.namespace && entry.pod === route.name && (container === null || entry.container === container));
    if (!log) {
      // A pod the scenario gives no log: none if it does not exist, an empty one if its container ran, else the API's 400.
      const pod = storeNow().resources.get('/pods')?.find((object) => object.metadata.name === route.name && object.metadata.namespace === route.namespace) as { status?: { phase?: string } } | undefined;
      if (!pod) return send(response, 404, status(404, 'NotFound', `pods "${route.name ?? ''}" not found`), record);
      if (pod.status?.phase === 'Pending') return send(response, 400, status(400, 'BadRequest', `container "${container ?? ''}" in pod "${route.name ?? ''}" is waiting to start: ContainerCreating`), record);
      (record as { status: number }).status = 200;
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      response.end('');
      return true;
    }
    const previous = url.searchParams.get('previous') === 'true';
    if (previous && !log.previous) return send(response, 400, status(400, 'BadRequest', `previous terminated container "${log.container}" in pod "${log.pod}" not found`), record);
    const streamed = (log.stream ?? []).filter(([second]) => second <= now()).map(([, line]) => line);
    let lines = previous ? (log.previous ?? []) : [...log.current, ...streamed];
    const tail = url.searchParams.get('tailLines');
    if (tail !== null) lines = lines.slice(Math.max(0, lines.length - Number(tail)));
    (record as { status: number }).status = 200;
    response.writeHead(200, { 'Content-Type': 'text/plain' });
    response.write(lines.map((line) => `${line}\n`).join(''));
    if (url.searchParams.get('follow') !== 'true' || previous) {
      response.end();
      return true;
    }
    let sent = (log.stream ?? []).filter(([second]) => second <= now()).length;
    openStreams.add(response);
    const timer = setInterval(() => {
      const pending = (log.stream ?? []).filter(([second]) => second <= now());
      for (const [, line] of pending.slice(sent)) response.write(`${line}\n`);
      sent = pending.length;
    }, 50);
    response.on('close', () => {
      clearInterval(timer);
      openStreams.delete(response);
    });
    return true;
  };

  const server = https.createServer({ cert: certificates.certPem, key: certificates.keyPem }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const closedPort = await freePort();
  const kubeconfigPath = join(folder, 'kubeconfig.yaml');
  writeFileSync(kubeconfigPath, simKubeconfig(`https://127.0.0.1:${port}`, certificates.caPem, certificates.otherCaPem, token, closedPort), { mode: 0o600 });

  return {
    url: `https://127.0.0.1:${port}`,
    port,
    kubeconfigPath,
    folder,
    token,
    caPem: certificates.caPem,
    otherCaPem: certificates.otherCaPem,
    requests,
    setTime: (seconds) => {
      manualSecond = seconds;
    },
    now,
    restartClock: () => startClockAt(Date.now()),
    addFault: (fault) => faults.unshift({ fault, used: 0 }),
    handle,
    stop: async () => {
      for (const stream of openStreams) stream.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A port nothing listens on (bound and released), for the unreachable context. */
async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 1;
}

export function loadScenario(nameOrPath: string): Scenario {
  const path = nameOrPath.endsWith('.json') ? nameOrPath : join(process.env.SIM_SCENARIOS ?? join(__dirname, '../../../test/sim/scenarios'), `${nameOrPath}.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as Scenario;
}

/** Serves a raw cluster state (rawCluster.ts): exactly its objects, its logs, and 403 for what its source did not show. */
export async function startRawCluster(raw: RawCluster, options: Omit<SimOptions, 'raw'> = {}): Promise<RunningSim> {
  const placeholder = loadScenario('healthy');
  return startSimulatedCluster({ ...placeholder, name: 'raw', description: 'raw objects' }, { manualClock: true, ...options, raw });
}
