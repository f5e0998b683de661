import { readLivePolicyInputs } from '../src/core/policy/livePolicyReads';
import { evaluateConnection, preparePolicies } from '../src/core/policy/evaluateConnection';
import { PolicyInputCollector } from '../src/core/policy/policyInputs';
import { resolveEndpoint } from '../src/core/policy/connectionQuery';
import type { ApiResult } from '../src/core/kube/apiResult';
import type { ClusterReader, ListResult } from '../src/core/kube/clusterReader';
import { runBench, writeBenchResult } from './benchOutput';

// Explaining one connection on a large cluster: 500 policies (Kubernetes NetworkPolicies, Calico NetworkPolicies
// in three tiers, GlobalNetworkPolicies) and 50,000 pods in 100 namespaces. Goal: ≤ 1 s after the reads, ≤ 10 requests.
const NAMESPACES = 100;
const PODS = 50_000;
const APPS = 25;

function namespaceName(index: number): string {
  return `team-${index}`;
}

function pod(index: number): unknown {
  const namespace = namespaceName(index % NAMESPACES);
  const app = `app-${index % APPS}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace, name: `${app}-${index}`, labels: { app, tier: index % 3 === 0 ? 'db' : 'web', 'pod-template-hash': String(index % 97) } },
    spec: { serviceAccountName: 'default', containers: [{ ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }] }] },
    status: { podIP: `10.${42 + Math.floor(index / 65_536)}.${Math.floor(index / 256) % 256}.${index % 256}` },
  };
}

function policies(): unknown[] {
  const list: unknown[] = [];
  for (const tier of ['security', 'platform', 'application']) list.push({ apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name: tier }, spec: { order: tier === 'security' ? 100 : tier === 'platform' ? 200 : 300 } });
  for (let index = 0; index < 200; index++) {
    list.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace: namespaceName(index % NAMESPACES), name: `knp-${index}` }, spec: { podSelector: { matchLabels: { app: `app-${index % APPS}` } }, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'web' } } }, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespaceName((index + 1) % NAMESPACES) } } }], ports: [{ port: 'http' }, { port: 5432, endPort: 5440 }] }], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.96.0.0/12'] } }] }] } });
  }
  for (let index = 0; index < 250; index++) {
    const tier = ['security', 'platform', 'application'][index % 3] ?? 'application';
    list.push({ apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { namespace: namespaceName(index % NAMESPACES), name: `${tier}.cnp-${index}` }, spec: { tier, order: index, selector: `app == 'app-${index % APPS}' && tier in {'web', 'db'}`, types: ['Ingress'], ingress: [{ action: 'Deny', protocol: 'TCP', source: { selector: `has(quarantine)` } }, { action: 'Allow', protocol: 'TCP', source: { namespaceSelector: `kubernetes.io/metadata.name starts with 'team-1'`, selector: "tier == 'web'" }, destination: { ports: ['http', '9000:9100'] } }, { action: index % 2 === 0 ? 'Pass' : 'Log' }] } });
  }
  for (let index = 0; index < 50; index++) {
    list.push({ apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: `security.gnp-${index}` }, spec: { tier: 'security', order: 1000 + index, selector: `app == 'app-${index % APPS}'`, namespaceSelector: 'all()', ingress: [{ action: 'Deny', protocol: 'UDP', destination: { notPorts: [53] } }, { action: 'Pass' }], egress: [{ action: 'Pass' }] } });
  }
  return list;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** A reader over the generated cluster that answers lists by namespace, as the API server would. */
function generatedCluster(objects: readonly unknown[]): ClusterReader & { requests: number } {
  const byPath = new Map<string, unknown[]>();
  const add = (path: string, object: unknown): void => {
    byPath.set(path, [...(byPath.get(path) ?? []), object]);
  };
  const single = new Map<string, unknown>();
  for (const object of objects) {
    const { kind, apiVersion, metadata } = object as { kind: string; apiVersion: string; metadata: { name: string; namespace?: string } };
    if (kind === 'Pod') single.set(`/api/v1/namespaces/${metadata.namespace ?? ''}/pods/${metadata.name}`, object);
    else if (kind === 'Namespace') single.set(`/api/v1/namespaces/${metadata.name}`, object);
    else if (kind === 'NetworkPolicy' && apiVersion.startsWith('networking')) add(`/apis/networking.k8s.io/v1/namespaces/${metadata.namespace ?? ''}/networkpolicies`, object);
    else if (kind === 'NetworkPolicy') add(`/apis/crd.projectcalico.org/v1/namespaces/${metadata.namespace ?? ''}/networkpolicies`, object);
    else if (kind === 'GlobalNetworkPolicy') add('/apis/crd.projectcalico.org/v1/globalnetworkpolicies', object);
    else if (kind === 'Tier') add('/apis/crd.projectcalico.org/v1/tiers', object);
  }
  const reader = {
    requests: 0,
    identity: { context: 'bench', server: 'https://bench' },
    get: (path: string): Promise<ApiResult<unknown>> => {
      reader.requests++;
      const found = single.get(path);
      return Promise.resolve(found === undefined ? { kind: 'not-found', message: path } : { kind: 'ok', value: found });
    },
    list: (path: string): Promise<ApiResult<ListResult>> => {
      reader.requests++;
      return Promise.resolve({ kind: 'ok', value: { items: byPath.get(path) ?? [], truncated: false } });
    },
    podLog: () => Promise.resolve({ kind: 'forbidden' as const, message: 'no' }),
    followPodLog: () => Promise.resolve({ kind: 'forbidden' as const, message: 'no' }),
  };
  return reader;
}

async function main(): Promise<void> {
  const namespaces = Array.from({ length: NAMESPACES }, (_unused, index) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespaceName(index), labels: { team: String(index % 7) } } }));
  const pods = Array.from({ length: PODS }, (_unused, index) => pod(index));
  const policyObjects = policies();
  const all = [...namespaces, ...pods, ...policyObjects];

  // Offline: everything in memory (a GitOps repository and a pod list of the whole cluster).
  const collectStarted = performance.now();
  const collector = new PolicyInputCollector();
  for (const object of all) collector.add(object);
  const inputs = collector.result();
  const collectMs = performance.now() - collectStarted;
  const prepareStarted = performance.now();
  const prepared = preparePolicies(inputs);
  const prepareMs = performance.now() - prepareStarted;
  const podName = (index: number): string => `app-${index % APPS}-${index}`;
  const pairs = Array.from({ length: 200 }, (_unused, index) => [podName((index * 7919) % PODS), podName((index * 104_729 + 1) % PODS)] as const);
  const offlineTimes: number[] = [];
  let denied = 0;
  for (const [from, to] of pairs) {
    const started = performance.now();
    const source = resolveEndpoint({ kind: 'pod', namespace: namespaceName(Number(from.split('-').at(-1)) % NAMESPACES), name: from }, inputs.endpoints);
    const destination = resolveEndpoint({ kind: 'pod', namespace: namespaceName(Number(to.split('-').at(-1)) % NAMESPACES), name: to }, inputs.endpoints);
    if (!source.ok || !destination.ok) throw new Error(`not found: ${from} ${to}`);
    const explanation = evaluateConnection(source.value, destination.value, { protocol: 'TCP', port: 8080 }, prepared);
    offlineTimes.push(performance.now() - started);
    if (!explanation.allowed) denied++;
  }

  // Live: the reads of one question against the generated cluster, then the explanation.
  const cluster = generatedCluster(all);
  const liveTimes: number[] = [];
  let maxRequests = 0;
  for (const [from, to] of pairs.slice(0, 50)) {
    const refs = [from, to].map((name) => ({ kind: 'pod' as const, namespace: namespaceName(Number(name.split('-').at(-1)) % NAMESPACES), name }));
    const before = cluster.requests;
    const live = await readLivePolicyInputs(cluster, refs);
    maxRequests = Math.max(maxRequests, cluster.requests - before);
    const started = performance.now();
    const livePrepared = preparePolicies(live.inputs);
    const [source, destination] = refs.map((ref) => resolveEndpoint(ref, live.inputs.endpoints));
    if (!source?.ok || !destination?.ok) throw new Error('not found');
    evaluateConnection(source.value, destination.value, { protocol: 'TCP', port: 8080 }, livePrepared);
    liveTimes.push(performance.now() - started);
  }
  writeBenchResult('policy.md', [
    '# Policy explanation benchmark',
    '',
    `Machine: ${process.platform} ${process.arch}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. Generated cluster: ${policyObjects.length - 3} policies (200 Kubernetes NetworkPolicies, 250 Calico NetworkPolicies in 3 tiers, 50 GlobalNetworkPolicies), ${PODS.toLocaleString('en')} pods in ${NAMESPACES} namespaces.`,
    '',
    '| measurement | result | goal |',
    '|---|---|---|',
    `| offline: read ${all.length.toLocaleString('en')} objects into the model | ${collectMs.toFixed(0)} ms | — |`,
    `| offline: sort tiers and policies once | ${prepareMs.toFixed(1)} ms | — |`,
    `| offline: one explanation (find both pods among 50,000, full trace), median of ${offlineTimes.length} (${denied} denied) | ${median(offlineTimes).toFixed(2)} ms | ≤ 1,000 ms |`,
    `| offline: slowest of those | ${Math.max(...offlineTimes).toFixed(2)} ms | ≤ 1,000 ms |`,
    `| live: requests for one question (two pods in two namespaces), at most | ${maxRequests} | ≤ 10 |`,
    `| live: explanation after the reads (model, sort, trace), median of ${liveTimes.length} | ${median(liveTimes).toFixed(2)} ms | ≤ 1,000 ms |`,
    '',
  ]);
}

runBench(main);
