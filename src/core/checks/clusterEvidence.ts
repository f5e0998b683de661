import type { ApiResult } from '../kube/apiResult';
import type { ClusterReader, ListQuery, ListResult } from '../kube/clusterReader';
import { num, text } from '../kube/objectFields';
import { CALICO_CHARTS, CALICO_NAMESPACE, CALICO_RBAC, HELM_NAMESPACE, OPERATOR_NAMESPACE, PATHS, POD_LABELS, SERVICES_ENDPOINT_CONFIGMAP } from './calicoObjects';
import { podLogsToRead, type PodLogEvidence } from './podLogSelection';

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
  /** calico-typha and calico-kube-controllers pods. */
  readonly controlPlanePods: ApiResult<ListResult>;
  readonly typhaEndpoints: ApiResult<unknown>;
  readonly sandboxEvents: ApiResult<ListResult>;
  readonly felixConfiguration: ApiResult<unknown>;
  readonly ipamConfig: ApiResult<unknown>;
  readonly ipamBlocks: ApiResult<ListResult>;
  readonly blockAffinities: ApiResult<ListResult>;
  /**
   * Warning events with reason Failed (image pulls among them), by namespace: calico-system and tigera-operator, and
   * kube-system where a manifest install was looked for.
   */
  readonly failedEvents: Readonly<Record<string, ApiResult<ListResult>>>;
  /** At most one kube-proxy pod: whether kube-proxy runs (RKE2's component=kube-proxy, else k8s-app=kube-proxy). */
  readonly kubeProxyPods: ApiResult<ListResult>;
  /** The label selector that found kubeProxyPods (the last one tried when none did). */
  readonly kubeProxySelector?: string;
  /**
   * A Calico manifest install (no operator): calico-node and calico-kube-controllers in kube-system. Read only when
   * calico-system has no calico-node DaemonSet.
   */
  readonly manifestInstall?: ManifestInstallEvidence;
  /**
   * FailedCreate events of the calico-node DaemonSet (admission refusals, quotas): read only when it has created fewer
   * pods than the nodes it should run on.
   */
  readonly calicoNodeRefusals?: ApiResult<ListResult>;
  /** Why the tigera-operator is not running: read only when its Deployment is not available. */
  readonly operatorRollout?: OperatorRolloutEvidence;
  /** ConfigMap tigera-operator/kubernetes-services-endpoint; read only when the eBPF dataplane needs it. */
  readonly servicesEndpoint?: ApiResult<unknown>;
  /** The tails of the pod logs the checks scan (kube-controllers, failed helm-install pods). */
  readonly podLogs: readonly PodLogEvidence[];
}

export interface ManifestInstallEvidence {
  readonly calicoNodeDaemonSet: ApiResult<unknown>;
  /** kube-system pods labelled k8s-app=calico-node, or k8s-app=canal (Canal's calico-node runs in them). */
  readonly calicoNodePods: ApiResult<ListResult>;
  /** Canal's DaemonSet, found by its label k8s-app=canal; absent where a source did not look for it. */
  readonly canalDaemonSet?: CanalDaemonSet;
  readonly kubeControllersDeployment: ApiResult<unknown>;
  /** calico-kube-controllers (and a manifest Typha) pods in kube-system; absent where a source did not collect them. */
  readonly controlPlanePods?: ApiResult<ListResult>;
}

export interface CanalDaemonSet {
  readonly name: string;
  readonly read: ApiResult<unknown>;
}

export interface OperatorRolloutEvidence {
  readonly replicaSets: ApiResult<ListResult>;
  readonly pods: ApiResult<ListResult>;
  /** Warning events in tigera-operator (FailedCreate of the ReplicaSet, FailedScheduling, pulls), newest page. */
  readonly events: ApiResult<ListResult>;
}

/**
 * Page sizes chosen so even 5,000 nodes take five pages; events are capped (the newest page is enough). CRDs come in
 * pages of 50: with their OpenAPI schemas they are the largest objects a cluster has (hundreds of KB each), and a
 * cluster with many operators has hundreds of them.
 */
const NODE_PAGE = 1000;
/** Pods and IPAM objects are small: 2,500 per page keeps a 5,000-node cluster at two pages each. */
const SMALL_OBJECT_PAGE = 2500;
const CRD_PAGE = 50;
const EVENT_LIMIT = 500;
const FAILED_EVENT_LIMIT = 200;

/** The most of one pod log the checks keep: its tail is what explains a failure. */
const POD_LOG_BYTES = 512 * 1024;

/** A tigera-operator Deployment that exists but has no ready replica: then why is worth reading. */
function operatorNotRunning(deployment: ApiResult<unknown>): boolean {
  if (deployment.kind !== 'ok') return false;
  return (num(deployment.value, 'status', 'readyReplicas') ?? 0) === 0 && (num(deployment.value, 'spec', 'replicas') ?? 1) > 0;
}

/** A DaemonSet that has created pods for fewer nodes than it should run on: its controller may be refused. */
function podsNotCreated(daemonSet: ApiResult<unknown> | undefined): boolean {
  if (daemonSet?.kind !== 'ok') return false;
  return (num(daemonSet.value, 'status', 'currentNumberScheduled') ?? 0) < (num(daemonSet.value, 'status', 'desiredNumberScheduled') ?? 0);
}

/** Canal's DaemonSet out of the kube-system DaemonSets labelled k8s-app=canal: the first, or why none could be read. */
function canalFound(listed: ApiResult<ListResult> | undefined): CanalDaemonSet {
  if (listed === undefined) return { name: 'canal', read: { kind: 'malformed', message: 'not read' } };
  if (listed.kind !== 'ok') return { name: 'canal', read: listed };
  const first = listed.value.items[0];
  return first === undefined ? { name: 'canal', read: { kind: 'not-found', message: 'no DaemonSet labelled k8s-app=canal in kube-system' } } : { name: text(first, 'metadata', 'name') ?? 'canal', read: { kind: 'ok', value: first } };
}

/** Whether the Installation asks for the eBPF dataplane (then the services endpoint ConfigMap matters). */
function usesEbpf(installation: ApiResult<unknown> | undefined): boolean {
  if (installation?.kind !== 'ok') return false;
  return text(installation.value, 'spec', 'calicoNetwork', 'linuxDataplane') === 'BPF';
}

/**
 * The named objects out of one LIST (a cluster has a few hundred ClusterRoles: one or two pages instead of one GET
 * per name). A name the list lacks is not-found; a list that failed fails every name the same way.
 */
function byName(listed: ApiResult<ListResult>, names: readonly string[], kind: string): Record<string, ApiResult<unknown>> {
  return Object.fromEntries(names.map((wanted): [string, ApiResult<unknown>] => {
    if (listed.kind !== 'ok') return [wanted, listed];
    const found = listed.value.items.find((item) => text(item, 'metadata', 'name') === wanted);
    if (found !== undefined) return [wanted, { kind: 'ok', value: found }];
    return [wanted, listed.value.truncated ? { kind: 'malformed', message: `the ${kind} list was cut short before ${wanted}` } : { kind: 'not-found', message: `${kind.toLowerCase()}s.rbac.authorization.k8s.io "${wanted}" not found` }];
  }));
}

/** The single objects and the lists one evidence collection reads, by the field (or helper) they fill. */
type ObjectRead = 'clusterInformation' | 'installation' | 'operatorDeployment' | 'calicoNodeDaemonSet' | 'typhaDeployment' | 'kubeControllersDeployment' | 'typhaEndpoints' | 'felixConfiguration' | 'ipamConfig' | 'servicesEndpoint';
type ListRead = 'nodes' | 'crds' | 'ipPools' | 'tigeraStatuses' | 'helmCharts' | 'helmPods' | 'calicoNodePods' | 'controlPlanePods' | 'sandboxEvents' | 'ipamBlocks' | 'blockAffinities' | 'kubeProxyPods' | 'roleList' | 'bindingList';

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
 * Reads what the checks need: about 30 GETs, plus a page per 1,000 nodes and per 2,500 calico-node pods and IPAM
 * blocks. Calico pods are selected by namespace and label, events are filtered by reason on the server; nothing
 * lists every pod of the cluster. A second round reads what the first one showed is needed: the tails of a few pod
 * logs, and the eBPF ConfigMap when the dataplane is eBPF.
 */
export async function collectClusterEvidence(reader: EvidenceSource, signal?: AbortSignal, now: () => Date = () => new Date()): Promise<ClusterEvidence> {
  const options = signal ? { signal } : {};
  const get = (path: string) => () => reader.get(path, options);
  const list = (path: string, query: ListQuery) => () => reader.list(path, query, options);
  // Each read stores its own result, in the order the requests are started (8 in flight at most).
  const objects: Partial<Record<ObjectRead, ApiResult<unknown>>> = {};
  const listsRead: Partial<Record<ListRead, ApiResult<ListResult>>> = {};
  const jobs: Record<string, ApiResult<unknown>> = {};
  const failedEvents: Record<string, ApiResult<ListResult>> = {};
  const reads: (() => Promise<void>)[] = [];
  // Each answer is kept only while all answers so far stay within MAX_EVIDENCE_BYTES; once past it, no more reads.
  const startedAt = reader.bytesReceived?.() ?? 0;
  const overBudget = (): boolean => (reader.bytesReceived?.() ?? startedAt) - startedAt > MAX_EVIDENCE_BYTES;
  const notKept: ApiResult<never> = { kind: 'malformed', message: `not kept: the API's answers to this check exceed ${MAX_EVIDENCE_BYTES} bytes in total` };
  const into = <K extends string, T>(target: Partial<Record<K, ApiResult<T>>>, key: K, read: () => Promise<ApiResult<T>>): void => {
    reads.push(async () => {
      if (overBudget()) {
        target[key] = notKept;
        return;
      }
      const answer = await read();
      target[key] = overBudget() ? notKept : answer;
    });
  };
  into(objects, 'clusterInformation', get(PATHS.clusterInformation));
  into(objects, 'installation', get(PATHS.installation));
  into(objects, 'operatorDeployment', get(PATHS.deployment(OPERATOR_NAMESPACE, 'tigera-operator')));
  into(objects, 'calicoNodeDaemonSet', get(PATHS.daemonSet(CALICO_NAMESPACE, 'calico-node')));
  into(objects, 'typhaDeployment', get(PATHS.deployment(CALICO_NAMESPACE, 'calico-typha')));
  into(objects, 'kubeControllersDeployment', get(PATHS.deployment(CALICO_NAMESPACE, 'calico-kube-controllers')));
  into(objects, 'typhaEndpoints', get(PATHS.endpoints(CALICO_NAMESPACE, 'calico-typha')));
  into(objects, 'felixConfiguration', get(PATHS.felixConfiguration));
  into(objects, 'ipamConfig', get(PATHS.ipamConfig));
  into(listsRead, 'nodes', list(PATHS.nodes, { limit: NODE_PAGE }));
  into(listsRead, 'crds', list(PATHS.crds, { limit: CRD_PAGE }));
  into(listsRead, 'ipPools', list(PATHS.ipPools, { limit: 500 }));
  into(listsRead, 'tigeraStatuses', list(PATHS.tigeraStatuses, { limit: 100 }));
  into(listsRead, 'helmCharts', list(PATHS.helmCharts, { limit: 200 }));
  into(listsRead, 'helmPods', list(PATHS.pods(HELM_NAMESPACE), { labelSelector: `job-name in (${CALICO_CHARTS.map((chart) => `helm-install-${chart}`).join(',')})`, limit: 200 }));
  into(listsRead, 'calicoNodePods', list(PATHS.pods(CALICO_NAMESPACE), { labelSelector: POD_LABELS.calicoNode, limit: SMALL_OBJECT_PAGE }));
  into(listsRead, 'controlPlanePods', list(PATHS.pods(CALICO_NAMESPACE), { labelSelector: POD_LABELS.controlPlane, limit: 100 }));
  into(listsRead, 'sandboxEvents', list(PATHS.events, { fieldSelector: 'reason=FailedCreatePodSandBox', limit: EVENT_LIMIT, maxItems: EVENT_LIMIT }));
  into(listsRead, 'ipamBlocks', list(PATHS.ipamBlocks, { limit: SMALL_OBJECT_PAGE }));
  into(listsRead, 'blockAffinities', list(PATHS.blockAffinities, { limit: SMALL_OBJECT_PAGE * 2 }));
  into(listsRead, 'kubeProxyPods', list(PATHS.pods(HELM_NAMESPACE), { labelSelector: POD_LABELS.kubeProxy, limit: 1, maxItems: 1 }));
  into(listsRead, 'roleList', list(PATHS.clusterRoles, { limit: 500 }));
  into(listsRead, 'bindingList', list(PATHS.clusterRoleBindings, { limit: 500 }));
  for (const namespace of [CALICO_NAMESPACE, OPERATOR_NAMESPACE]) {
    into(failedEvents, namespace, list(PATHS.namespacedEvents(namespace), { fieldSelector: 'reason=Failed', limit: FAILED_EVENT_LIMIT, maxItems: FAILED_EVENT_LIMIT }));
  }
  for (const chart of CALICO_CHARTS) into(jobs, chart, get(PATHS.helmJob(chart)));
  await limited(8, reads);
  reads.length = 0;
  // Every read above has stored its answer; one that somehow did not counts as not read, never as found.
  const notRead: ApiResult<never> = { kind: 'malformed', message: 'not read' };
  const object = (key: ObjectRead): ApiResult<unknown> => objects[key] ?? notRead;
  const listed = (key: ListRead): ApiResult<ListResult> => listsRead[key] ?? notRead;
  // Second round: what the first answers showed is worth reading.
  if (usesEbpf(object('installation'))) into(objects, 'servicesEndpoint', get(PATHS.configMap(OPERATOR_NAMESPACE, SERVICES_ENDPOINT_CONFIGMAP)));
  const kubeProxy = listed('kubeProxyPods');
  let kubeProxySelector: string = POD_LABELS.kubeProxy;
  if (kubeProxy.kind === 'ok' && kubeProxy.value.items.length === 0) {
    // kubeadm and most others run kube-proxy as a DaemonSet labelled k8s-app=kube-proxy; RKE2's static pods carry component=.
    kubeProxySelector = POD_LABELS.kubeProxyDaemonSet;
    into(listsRead, 'kubeProxyPods', list(PATHS.pods(HELM_NAMESPACE), { labelSelector: POD_LABELS.kubeProxyDaemonSet, limit: 1, maxItems: 1 }));
  }
  const manifest: Partial<Record<'calicoNodeDaemonSet' | 'kubeControllersDeployment', ApiResult<unknown>>> = {};
  const manifestLists: Partial<Record<'calicoNodePods' | 'controlPlanePods' | 'canalDaemonSets', ApiResult<ListResult>>> = {};
  // calico-system has no calico-node, or it could not be read and no calico-node pod is seen there: a manifest
  // install (kube-system) is possible, so look there too.
  const operatorNodePods = listed('calicoNodePods');
  const noOperatorNodePods = operatorNodePods.kind !== 'ok' || operatorNodePods.value.items.length === 0;
  const readManifest = object('calicoNodeDaemonSet').kind === 'not-found' || (object('calicoNodeDaemonSet').kind !== 'ok' && noOperatorNodePods);
  if (readManifest) {
    into(manifest, 'calicoNodeDaemonSet', get(PATHS.daemonSet(HELM_NAMESPACE, 'calico-node')));
    into(manifest, 'kubeControllersDeployment', get(PATHS.deployment(HELM_NAMESPACE, 'calico-kube-controllers')));
    into(manifestLists, 'canalDaemonSets', list(PATHS.daemonSets(HELM_NAMESPACE), { labelSelector: POD_LABELS.canalDaemonSet, limit: 10 }));
    into(manifestLists, 'calicoNodePods', list(PATHS.pods(HELM_NAMESPACE), { labelSelector: POD_LABELS.calicoNodeOrCanal, limit: SMALL_OBJECT_PAGE }));
    into(manifestLists, 'controlPlanePods', list(PATHS.pods(HELM_NAMESPACE), { labelSelector: POD_LABELS.controlPlane, limit: 100 }));
    // A manifest install's pulls fail in kube-system; the image check keeps the events of Calico's pods only.
    into(failedEvents, HELM_NAMESPACE, list(PATHS.namespacedEvents(HELM_NAMESPACE), { fieldSelector: 'reason=Failed', limit: FAILED_EVENT_LIMIT, maxItems: FAILED_EVENT_LIMIT }));
  }
  const rollout: Partial<Record<'replicaSets' | 'pods' | 'events', ApiResult<ListResult>>> = {};
  const readRollout = operatorNotRunning(object('operatorDeployment'));
  if (readRollout) {
    into(rollout, 'replicaSets', list(PATHS.replicaSets(OPERATOR_NAMESPACE), { labelSelector: POD_LABELS.operator, limit: 50 }));
    into(rollout, 'pods', list(PATHS.pods(OPERATOR_NAMESPACE), { labelSelector: POD_LABELS.operator, limit: 50 }));
    into(rollout, 'events', list(PATHS.namespacedEvents(OPERATOR_NAMESPACE), { fieldSelector: 'type=Warning', limit: FAILED_EVENT_LIMIT, maxItems: FAILED_EVENT_LIMIT }));
  }
  await limited(8, reads);
  reads.length = 0;
  // Third round: the few pod logs worth reading, now that a manifest install's pods are known too.
  const podLogs: PodLogEvidence[] = [];
  const operatorControlPlane = listed('controlPlanePods');
  const emptyInCalicoSystem = operatorControlPlane.kind === 'ok' ? operatorControlPlane.value.items.length === 0 : true;
  const controlPlane = readManifest && emptyInCalicoSystem && manifestLists.controlPlanePods ? manifestLists.controlPlanePods : operatorControlPlane;
  for (const wanted of podLogsToRead(controlPlane, listed('helmPods'))) {
    reads.push(async () => {
      const text = overBudget() ? notKept : await reader.podLog(wanted.namespace, wanted.pod, { container: wanted.container, tailLines: wanted.tailLines, limitBytes: POD_LOG_BYTES, ...(wanted.previous ? { previous: true } : {}) }, options);
      podLogs.push({ ...wanted, text });
    });
  }
  const canalDaemonSet = readManifest ? canalFound(manifestLists.canalDaemonSets) : undefined;
  // The calico-node DaemonSet that applies (calico-system, else a manifest install's or Canal's) and has pods missing: why.
  const nodeDaemonSet = object('calicoNodeDaemonSet').kind === 'ok'
    ? { set: object('calicoNodeDaemonSet'), namespace: CALICO_NAMESPACE, name: 'calico-node' }
    : manifest.calicoNodeDaemonSet?.kind !== 'ok' && canalDaemonSet?.read.kind === 'ok'
      ? { set: canalDaemonSet.read, namespace: HELM_NAMESPACE, name: canalDaemonSet.name }
      : { set: manifest.calicoNodeDaemonSet, namespace: HELM_NAMESPACE, name: 'calico-node' };
  const refusals: Partial<Record<'calicoNodeRefusals', ApiResult<ListResult>>> = {};
  if (podsNotCreated(nodeDaemonSet.set)) {
    into(refusals, 'calicoNodeRefusals', list(PATHS.namespacedEvents(nodeDaemonSet.namespace), { fieldSelector: `involvedObject.name=${nodeDaemonSet.name},reason=FailedCreate`, limit: 20, maxItems: 20 }));
  }
  await limited(8, reads);
  const evidence: ClusterEvidence = {
    collectedAt: now().toISOString(),
    ...(reader.connection ? { connection: reader.connection } : {}),
    nodes: listed('nodes'),
    crds: listed('crds'),
    clusterInformation: object('clusterInformation'),
    ipPools: listed('ipPools'),
    installation: object('installation'),
    tigeraStatuses: listed('tigeraStatuses'),
    helmCharts: listed('helmCharts'),
    helmJobs: jobs,
    helmPods: listed('helmPods'),
    clusterRoles: byName(listed('roleList'), CALICO_RBAC.map((entry) => entry.name), 'ClusterRole'),
    clusterRoleBindings: byName(listed('bindingList'), CALICO_RBAC.map((entry) => entry.name), 'ClusterRoleBinding'),
    operatorDeployment: object('operatorDeployment'),
    calicoNodeDaemonSet: object('calicoNodeDaemonSet'),
    typhaDeployment: object('typhaDeployment'),
    kubeControllersDeployment: object('kubeControllersDeployment'),
    calicoNodePods: listed('calicoNodePods'),
    controlPlanePods: listed('controlPlanePods'),
    typhaEndpoints: object('typhaEndpoints'),
    sandboxEvents: listed('sandboxEvents'),
    felixConfiguration: object('felixConfiguration'),
    ipamConfig: object('ipamConfig'),
    ipamBlocks: listed('ipamBlocks'),
    blockAffinities: listed('blockAffinities'),
    failedEvents,
    kubeProxyPods: listed('kubeProxyPods'),
    kubeProxySelector,
    ...(readManifest ? { manifestInstall: { calicoNodeDaemonSet: manifest.calicoNodeDaemonSet ?? notRead, calicoNodePods: manifestLists.calicoNodePods ?? notRead, kubeControllersDeployment: manifest.kubeControllersDeployment ?? notRead, controlPlanePods: manifestLists.controlPlanePods ?? notRead, ...(canalDaemonSet ? { canalDaemonSet } : {}) } } : {}),
    ...(refusals.calicoNodeRefusals ? { calicoNodeRefusals: refusals.calicoNodeRefusals } : {}),
    ...(readRollout ? { operatorRollout: { replicaSets: rollout.replicaSets ?? notRead, pods: rollout.pods ?? notRead, events: rollout.events ?? notRead } } : {}),
    ...(objects.servicesEndpoint ? { servicesEndpoint: objects.servicesEndpoint } : {}),
    podLogs,
  };
  return evidence;
}
