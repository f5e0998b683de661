import type { ApiResult } from '../kube/apiResult';
import type { ClusterReader, ListQuery, ListResult } from '../kube/clusterReader';
import { CALICO_CHARTS, CALICO_NAMESPACE, CALICO_RBAC, HELM_NAMESPACE, OPERATOR_NAMESPACE, PATHS } from './calicoObjects';

/** How the connection to the API server is secured, as the kubeconfig set it up. */
export interface ConnectionFacts {
  /** `insecure-skip-tls-verify: true`: the server's certificate is not checked. */
  readonly insecureSkipTlsVerify: boolean;
  /** The cluster entry names a certificate-authority (ignored when verification is skipped). */
  readonly certificateAuthority: boolean;
}

/**
 * A reader that may also say how its connection is secured, and how many body bytes it has received so far (the
 * gateway's readers do both).
 */
export type EvidenceSource = ClusterReader & { readonly connection?: ConnectionFacts; readonly bytesReceived?: () => number };

/**
 * The most body bytes one evidence collection keeps. A 5,000-node cluster with large objects answers ~150 MB in
 * all; past this, a server is broken or hostile, and further answers are not kept (their checks are unknown).
 */
export const MAX_EVIDENCE_BYTES = 256 * 1024 * 1024;

/** Everything the readiness checks read, gathered once so checks are pure functions of it. */
export interface ClusterEvidence {
  readonly collectedAt: string;
  /** Absent when the evidence does not come from a live connection (support bundles). */
  readonly connection?: ConnectionFacts;
  readonly nodes: ApiResult<ListResult>;
  readonly crds: ApiResult<ListResult>;
  readonly clusterInformation: ApiResult<unknown>;
  readonly ipPools: ApiResult<ListResult>;
  readonly installation: ApiResult<unknown>;
  readonly tigeraStatuses: ApiResult<ListResult>;
  readonly helmCharts: ApiResult<ListResult>;
  readonly helmJobs: Readonly<Record<string, ApiResult<unknown>>>;
  readonly helmPods: ApiResult<ListResult>;
  readonly clusterRoles: Readonly<Record<string, ApiResult<unknown>>>;
  readonly clusterRoleBindings: Readonly<Record<string, ApiResult<unknown>>>;
  readonly operatorDeployment: ApiResult<unknown>;
  readonly calicoNodeDaemonSet: ApiResult<unknown>;
  readonly typhaDeployment: ApiResult<unknown>;
  readonly kubeControllersDeployment: ApiResult<unknown>;
  readonly calicoNodePods: ApiResult<ListResult>;
  readonly typhaPods: ApiResult<ListResult>;
  readonly typhaEndpoints: ApiResult<unknown>;
  readonly sandboxEvents: ApiResult<ListResult>;
}

/**
 * Page sizes chosen so even 5,000 nodes take five pages; events are capped (the newest page is enough). CRDs come in
 * pages of 50: with their OpenAPI schemas they are the largest objects a cluster has (hundreds of KB each), and a
 * cluster with many operators has hundreds of them.
 */
const NODE_PAGE = 1000;
const CRD_PAGE = 50;
const EVENT_LIMIT = 500;

/** Runs async jobs with at most `width` in flight, so a large cluster is not hit with every request at once. */
async function limited<T>(width: number, jobs: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index];
      if (job) results[index] = await job();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
  return results;
}

/**
 * Reads what the checks need: about 35 GETs on any cluster size. Calico pods are selected by namespace and label,
 * nodes are paged, events are filtered by reason on the server; nothing lists every pod of the cluster.
 */
export async function collectClusterEvidence(reader: EvidenceSource, signal?: AbortSignal, now: () => Date = () => new Date()): Promise<ClusterEvidence> {
  const options = signal ? { signal } : {};
  const get = (path: string) => () => reader.get(path, options);
  const list = (path: string, query: ListQuery) => () => reader.list(path, query, options);
  const single: Record<string, () => Promise<ApiResult<unknown>>> = {
    clusterInformation: get(PATHS.clusterInformation),
    installation: get(PATHS.installation),
    operatorDeployment: get(PATHS.deployment(OPERATOR_NAMESPACE, 'tigera-operator')),
    calicoNodeDaemonSet: get(PATHS.daemonSet(CALICO_NAMESPACE, 'calico-node')),
    typhaDeployment: get(PATHS.deployment(CALICO_NAMESPACE, 'calico-typha')),
    kubeControllersDeployment: get(PATHS.deployment(CALICO_NAMESPACE, 'calico-kube-controllers')),
    typhaEndpoints: get(PATHS.endpoints(CALICO_NAMESPACE, 'calico-typha')),
  };
  const lists: Record<string, () => Promise<ApiResult<ListResult>>> = {
    nodes: list(PATHS.nodes, { limit: NODE_PAGE }),
    crds: list(PATHS.crds, { limit: CRD_PAGE }),
    ipPools: list(PATHS.ipPools, { limit: 500 }),
    tigeraStatuses: list(PATHS.tigeraStatuses, { limit: 100 }),
    helmCharts: list(PATHS.helmCharts, { limit: 200 }),
    helmPods: list(PATHS.pods(HELM_NAMESPACE), { labelSelector: `job-name in (${CALICO_CHARTS.map((chart) => `helm-install-${chart}`).join(',')})`, limit: 200 }),
    calicoNodePods: list(PATHS.pods(CALICO_NAMESPACE), { labelSelector: 'k8s-app=calico-node', limit: NODE_PAGE }),
    typhaPods: list(PATHS.pods(CALICO_NAMESPACE), { labelSelector: 'k8s-app=calico-typha', limit: 100 }),
    sandboxEvents: list(PATHS.events, { fieldSelector: 'reason=FailedCreatePodSandBox', limit: EVENT_LIMIT, maxItems: EVENT_LIMIT }),
  };
  // Each read stores its own result, in the order the requests are started (8 in flight at most).
  const results: Record<string, ApiResult<unknown>> = {};
  const roles: Record<string, ApiResult<unknown>> = {};
  const bindings: Record<string, ApiResult<unknown>> = {};
  const jobs: Record<string, ApiResult<unknown>> = {};
  const reads: (() => Promise<void>)[] = [];
  // Each answer is kept only while all answers so far stay within MAX_EVIDENCE_BYTES; once past it, no more reads.
  const startedAt = reader.bytesReceived?.() ?? 0;
  const overBudget = (): boolean => (reader.bytesReceived?.() ?? startedAt) - startedAt > MAX_EVIDENCE_BYTES;
  const notKept: ApiResult<never> = { kind: 'malformed', message: `not kept: the API's answers to this check exceed ${MAX_EVIDENCE_BYTES} bytes in total` };
  const into = (target: Record<string, ApiResult<unknown>>, key: string, read: () => Promise<ApiResult<unknown>>): void => {
    reads.push(async () => {
      if (overBudget()) {
        target[key] = notKept;
        return;
      }
      const answer = await read();
      target[key] = overBudget() ? notKept : answer;
    });
  };
  for (const [key, read] of [...Object.entries(single), ...Object.entries(lists)]) into(results, key, read);
  for (const { name } of CALICO_RBAC) {
    into(roles, name, get(PATHS.clusterRole(name)));
    into(bindings, name, get(PATHS.clusterRoleBinding(name)));
  }
  for (const chart of CALICO_CHARTS) into(jobs, chart, get(PATHS.helmJob(chart)));
  await limited(8, reads);
  const evidence = { collectedAt: now().toISOString(), ...(reader.connection ? { connection: reader.connection } : {}), ...results, clusterRoles: roles, clusterRoleBindings: bindings, helmJobs: jobs };
  return evidence as unknown as ClusterEvidence;
}
