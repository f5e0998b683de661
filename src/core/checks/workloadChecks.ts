import { condition, list, name, num, text, type Json } from '../kube/objectFields';
import { CALICO_NAMESPACE, CANAL_APP, HELM_NAMESPACE, LEGACY_KUBE_CONTROLLERS_APP, OPERATOR_NAMESPACE, PATHS } from './calicoObjects';
import { installKind } from './clusterKind';
import { containerStates, describeWaiting, podCounts, podReady, podState, stuckContainer } from './podProblems';
import { result, skipped, unknownFrom, type CheckDefinition, type CheckResult, type ObjectRef } from './checkResult';
import type { ApiFailure, ApiResult } from '../kube/apiResult';
import type { ListResult } from '../kube/clusterReader';
import type { ClusterEvidence } from './clusterEvidence';
import { judgeFromPods, podsOfApp } from './workloadFromPods';
import { deploymentAvailable } from './deploymentAvailability';
import { admissionRefusal, type AdmissionRefusal } from './admissionRefusal';
import { startingResult } from './startingPods';
import { kubeControllersExpectation } from './kubeControllersExpectation';

export const CALICO_NODE_CHECK: CheckDefinition = { id: 'workloads.calico-node', area: 'Workloads', title: 'calico-node DaemonSet' };
export const TYPHA_CHECK: CheckDefinition = { id: 'workloads.calico-typha', area: 'Workloads', title: 'calico-typha Deployment and endpoints' };
export const KUBE_CONTROLLERS_CHECK: CheckDefinition = { id: 'workloads.calico-kube-controllers', area: 'Workloads', title: 'calico-kube-controllers Deployment' };

function podRef(pod: Json): ObjectRef {
  const namespace = text(pod, 'metadata', 'namespace') ?? CALICO_NAMESPACE;
  const node = text(pod, 'spec', 'nodeName');
  return { kind: 'Pod', namespace, name: name(pod), path: PATHS.pod(namespace, name(pod)), containers: [...list(pod, 'spec', 'initContainers'), ...list(pod, 'spec', 'containers')].map((container) => text(container, 'name') ?? ''), ...(node ? { node } : {}), condition: podState(pod), ...podCounts(pod) };
}

/** A pod that is not Ready, described with its node, restarts and the stuck container (init containers first). */
function describeUnreadyPod(pod: Json): string {
  const states = containerStates(pod);
  const restarts = states.reduce<number>((sum, state) => sum + state.restarts, 0);
  const stuck = stuckContainer(pod) ?? states.find((state) => state.waiting !== undefined);
  const lastTerminated = states.map((state) => state.lastTerminated).find((reason) => reason !== undefined);
  return `${name(pod)} on ${text(pod, 'spec', 'nodeName') ?? '?'}: ${text(pod, 'status', 'phase') ?? '?'}${stuck ? ` (${describeWaiting(stuck)}${stuck.init ? ` in init container ${stuck.container}` : ''})` : ''}, ${restarts} restart(s)${lastTerminated ? `, last terminated: ${lastTerminated}` : ''}`;
}

interface CalicoNodeSource {
  readonly daemonSet: ClusterEvidence['calicoNodeDaemonSet'];
  readonly pods: ClusterEvidence['calicoNodePods'];
  readonly namespace: string;
  /** calico-node, or Canal's DaemonSet (rke2-canal, canal) whose pods run calico-node beside flannel. */
  readonly name: string;
}

/**
 * calico-node's DaemonSet and pods: calico-system for an operator install, kube-system for a manifest install or
 * Canal (its own DaemonSet name, pods labelled k8s-app=canal).
 */
function calicoNodeSource(evidence: ClusterEvidence): CalicoNodeSource {
  const manifest = evidence.manifestInstall;
  const canal = manifest?.canalDaemonSet;
  const withApp = (pods: ClusterEvidence['calicoNodePods'], app: string): ClusterEvidence['calicoNodePods'] => (pods.kind === 'ok' ? { kind: 'ok', value: { ...pods.value, items: podsOfApp(pods.value.items, app) } } : pods);
  if (evidence.calicoNodeDaemonSet.kind === 'not-found' && manifest?.calicoNodeDaemonSet.kind === 'ok') return { daemonSet: manifest.calicoNodeDaemonSet, pods: withApp(manifest.calicoNodePods, 'calico-node'), namespace: HELM_NAMESPACE, name: 'calico-node' };
  if (evidence.calicoNodeDaemonSet.kind === 'not-found' && manifest?.calicoNodeDaemonSet.kind === 'not-found' && canal?.read.kind === 'ok') return { daemonSet: canal.read, pods: withApp(manifest.calicoNodePods, CANAL_APP), namespace: HELM_NAMESPACE, name: canal.name };
  // Neither DaemonSet readable: the pods say where calico-node runs (kube-system for a manifest install or Canal).
  const operatorPods = evidence.calicoNodePods;
  const noOperatorPods = operatorPods.kind !== 'ok' || operatorPods.value.items.length === 0;
  if (evidence.calicoNodeDaemonSet.kind !== 'ok' && noOperatorPods && manifest?.calicoNodePods.kind === 'ok' && manifest.calicoNodePods.value.items.length > 0) {
    const isCanal = podsOfApp(manifest.calicoNodePods.value.items, 'calico-node').length === 0;
    const daemonSet = isCanal ? (canal?.read.kind === 'ok' ? canal.read : evidence.calicoNodeDaemonSet) : manifest.calicoNodeDaemonSet.kind === 'ok' ? manifest.calicoNodeDaemonSet : evidence.calicoNodeDaemonSet;
    return { daemonSet, pods: withApp(manifest.calicoNodePods, isCanal ? CANAL_APP : 'calico-node'), namespace: HELM_NAMESPACE, name: isCanal ? (canal?.name ?? 'canal') : 'calico-node' };
  }
  return { daemonSet: evidence.calicoNodeDaemonSet, pods: evidence.calicoNodePods, namespace: CALICO_NAMESPACE, name: 'calico-node' };
}

/**
 * calico-node's DaemonSet could not be read, but Calico is meant to run — the tigera-operator is deployed, or
 * calico-kube-controllers (or its pre-v2.4 calico-policy-controller) has pods, which only Calico's own manifest or
 * operator creates — and the pod lists calico-node would run in answered in full without one: no calico-node runs,
 * so no node has pod networking. (As for calico-kube-controllers, an absence is read only from complete lists.)
 */
function calicoNodeAbsent(evidence: ClusterEvidence, refusal: ApiFailure): CheckResult | undefined {
  const intent = calicoIntent(evidence);
  if (intent === undefined) return undefined;
  const { lists, where } = installPodLists(evidence, 'calicoNodePods');
  if (!lists.every(completeList) || lists.some((pods) => pods.value.items.length > 0)) return undefined;
  return result(CALICO_NODE_CHECK, 'fail', `No calico-node pod runs, although ${intent.summary}`, [`DaemonSet calico-node could not be read (${refusal.kind}); the pods of ${where} labelled k8s-app=calico-node: none`, intent.evidence], { remediation: intent.remediation });
}

/** What says Calico is meant to run on this cluster, when calico-node's DaemonSet cannot say it. */
function calicoIntent(evidence: ClusterEvidence): { summary: string; evidence: string; remediation: string } | undefined {
  if (evidence.operatorDeployment.kind === 'ok') return { summary: 'the tigera-operator is deployed', evidence: `Deployment ${OPERATOR_NAMESPACE}/tigera-operator found`, remediation: 'The operator renders calico-node from Installation default: check that it exists (kubectl get installation default), TigeraStatus, and the tigera-operator log for why calico-system holds no Calico yet.' };
  const controllers = installPodLists(evidence, 'controlPlanePods').lists.flatMap((pods) => (pods?.kind === 'ok' ? [...podsOfApp(pods.value.items, 'calico-kube-controllers'), ...podsOfApp(pods.value.items, LEGACY_KUBE_CONTROLLERS_APP)] : []));
  const first = controllers[0];
  if (first === undefined) return undefined;
  return { summary: `${name(first)} (Calico's controller) was created`, evidence: `Pod ${text(first, 'metadata', 'namespace') ?? '?'}/${name(first)}: ${text(first, 'status', 'phase') ?? '?'}`, remediation: 'Calico\'s manifest creates calico-node beside its controller: check that the calico-node DaemonSet exists (kubectl get ds -A -l k8s-app=calico-node), its events (FailedCreate) and node selector, and that the whole manifest was applied.' };
}

const CALICO_NODE_REMEDIATION = 'Open the logs of the pods listed; "cni plugin not initialized" on their nodes clears once calico-node is ready.';

export function checkCalicoNode(evidence: ClusterEvidence): CheckResult {
  const source = calicoNodeSource(evidence);
  const found = source.daemonSet;
  const manifestRead = evidence.manifestInstall?.calicoNodeDaemonSet;
  // Not in calico-system, and kube-system could not be looked at: a manifest install cannot be ruled out.
  if (found.kind === 'not-found' && manifestRead !== undefined && manifestRead.kind !== 'ok' && manifestRead.kind !== 'not-found') return unknownFrom(CALICO_NODE_CHECK, 'DaemonSet kube-system/calico-node (calico-system has none)', manifestRead);
  const canalRead = evidence.manifestInstall?.canalDaemonSet;
  if (found.kind === 'not-found' && installKind(evidence) === 'canal') {
    // RKE2's Canal chart is deployed, but its DaemonSet is not (yet) there, or could not be read.
    if (canalRead !== undefined && canalRead.read.kind !== 'not-found' && canalRead.read.kind !== 'ok') return unknownFrom(CALICO_NODE_CHECK, `DaemonSet kube-system/${canalRead.name}`, canalRead.read);
    return result(CALICO_NODE_CHECK, 'fail', 'Canal\'s DaemonSet not found (no DaemonSet labelled k8s-app=canal in kube-system)', [], { remediation: 'RKE2 deploys it with the rke2-canal chart: check the helm-install-rke2-canal Job in kube-system and the rke2-server log.' });
  }
  if (found.kind === 'not-found') return result(CALICO_NODE_CHECK, 'fail', `DaemonSet calico-system/calico-node not found${evidence.manifestInstall?.calicoNodeDaemonSet.kind === 'not-found' ? ', nor kube-system/calico-node (a manifest install)' : ''}`, [], { remediation: 'The tigera-operator creates it from Installation default; check TigeraStatus and the operator logs.' });
  if (found.kind !== 'ok') {
    const pods = source.pods.kind === 'ok' ? source.pods.value.items : [];
    const fromPods = judgeFromPods({
      collectedAt: evidence.collectedAt,
      definition: CALICO_NODE_CHECK,
      controller: `DaemonSet ${source.namespace}/${source.name}`,
      refusal: found,
      pods,
      lines: pods.filter((pod) => !podReady(pod) || stuckContainer(pod) !== undefined).slice(0, 20).map(describeUnreadyPod),
      objects: pods.slice(0, 20).map(podRef),
      nodesToCover: evidence.nodes.kind === 'ok' ? evidence.nodes.value.items : undefined,
      readyIsEnough: false,
      remediation: CALICO_NODE_REMEDIATION,
    });
    return fromPods ?? calicoNodeAbsent(evidence, found) ?? unknownFrom(CALICO_NODE_CHECK, `DaemonSet ${source.namespace}/${source.name}`, found);
  }
  const desired = num(found.value, 'status', 'desiredNumberScheduled') ?? 0;
  const ready = num(found.value, 'status', 'numberReady') ?? 0;
  const updated = num(found.value, 'status', 'updatedNumberScheduled') ?? 0;
  const canal = source.name !== 'calico-node';
  const shownName = canal ? `${source.name} (Canal)` : 'calico-node';
  const lines = [`desired ${desired}, ready ${ready}, updated ${updated}`, ...(source.namespace === CALICO_NAMESPACE ? [] : [`DaemonSet ${source.namespace}/${source.name} (${canal ? 'Canal: calico-node and kube-flannel in each pod' : 'a manifest install'})`])];
  const objects: ObjectRef[] = [{ kind: 'DaemonSet', namespace: source.namespace, name: source.name, path: PATHS.daemonSet(source.namespace, source.name) }];
  let stuckPods: Json[] = [];
  if (source.pods.kind === 'ok') {
    // A pod stuck in an init container (Init:ErrImagePull) is not Ready either; both are listed, stuck first.
    stuckPods = source.pods.value.items.filter((pod) => stuckContainer(pod) !== undefined);
    const unready = [...stuckPods, ...source.pods.value.items.filter((pod) => !podReady(pod) && stuckContainer(pod) === undefined)];
    lines.push(...unready.slice(0, 20).map(describeUnreadyPod));
    if (unready.length > 20) lines.push(`… and ${unready.length - 20} more pods not ready`);
    objects.push(...unready.slice(0, 20).map(podRef));
  } else {
    lines.push(`calico-node pods: could not list (${source.pods.kind})`);
  }
  const refused = refusedPods(evidence, found.value, desired, source);
  if (refused) return result(CALICO_NODE_CHECK, 'fail', refused.summary, [...lines, ...refused.lines], { remediation: refused.remediation, objects });
  if (desired === 0) return result(CALICO_NODE_CHECK, 'fail', 'calico-node is scheduled on no node', lines, { remediation: 'No node matches the DaemonSet: check that nodes are registered, and its node selector and tolerations (the operator renders them from Installation default) against the nodes\' labels and taints; then TigeraStatus calico.', objects });
  const unreadyPods = source.pods.kind === 'ok' ? source.pods.value.items.filter((pod) => !podReady(pod)) : [];
  const behind = ready < desired || updated < desired;
  const starting = behind && stuckPods.length === 0 && unreadyPods.length >= desired - ready ? startingResult(CALICO_NODE_CHECK, shownName, unreadyPods, evidence.collectedAt, lines, objects) : undefined;
  if (starting) return starting;
  if (behind || stuckPods.length > 0) {
    const first = stuckPods.map(stuckContainer).find((state) => state?.init === true);
    return result(CALICO_NODE_CHECK, 'fail', `${shownName} ready on ${ready} of ${desired} nodes${first ? `; ${stuckPods.length} pod(s) stuck in ${describeWaiting(first)}` : ''}`, lines, { remediation: first?.init ? `An init container (${first.container}) cannot start: fix its cause (${first.waiting ?? ''}) — for pulls, the registry or air-gap images — and the pods proceed.` : CALICO_NODE_REMEDIATION, objects });
  }
  return result(CALICO_NODE_CHECK, 'pass', `${shownName} ready on all ${desired} nodes`, lines, { objects });
}

const REFUSAL_REMEDIATION: Readonly<Record<AdmissionRefusal, (namespace: string) => string>> = {
  'PodSecurity admission': (namespace) => `calico-node runs privileged, on the host network, with host paths: Pod Security admission must let it in. Label the namespace (kubectl label namespace ${namespace} pod-security.kubernetes.io/enforce=privileged) or exempt it in the admission configuration (Rancher's rancher-restricted template exempts calico-system, calico-apiserver and tigera-operator); the DaemonSet then creates its pods.`,
  PodSecurityPolicy: (namespace) => `No PodSecurityPolicy admits calico-node (privileged, host network, host paths). Bind one that does to the ServiceAccount ${namespace}/calico-node (RKE2's CIS profile before v1.25 applies global-restricted-psp to every namespace but kube-system).`,
};

/**
 * A calico-node DaemonSet that has created pods for fewer nodes than it should: its FailedCreate events say why (an
 * admission refusal, a quota). Everything else about calico-node follows from that, so it is what the check says.
 */
function refusedPods(evidence: ClusterEvidence, daemonSet: Json, desired: number, source: CalicoNodeSource): { summary: string; lines: string[]; remediation: string } | undefined {
  const { namespace, name: setName } = source;
  const current = num(daemonSet, 'status', 'currentNumberScheduled') ?? desired;
  const events = evidence.calicoNodeRefusals;
  if (current >= desired || events?.kind !== 'ok') return undefined;
  const messages = events.value.items.map((event) => text(event, 'message') ?? '').filter((message) => message !== '');
  const first = messages.find((message) => admissionRefusal(message) !== undefined) ?? messages[0];
  if (first === undefined) return undefined;
  const refusal = admissionRefusal(first);
  const said = first.replace(/\s+/g, ' ').slice(0, 300);
  return {
    summary: `calico-node pods are not created on ${desired - current} of ${desired} nodes: ${refusal ? `${refusal} refuses them` : 'the DaemonSet controller cannot create them'} — ${said}`,
    lines: messages.slice(0, 5).map((message) => `Event FailedCreate on DaemonSet ${namespace}/${setName}: ${message.replace(/\s+/g, ' ').slice(0, 300)}`),
    remediation: refusal ? REFUSAL_REMEDIATION[refusal](namespace) : `Read the DaemonSet's events (kubectl -n ${namespace} describe daemonset ${setName}): quotas, limit ranges or webhooks can refuse its pods.`,
  };
}

export function checkTypha(evidence: ClusterEvidence): CheckResult {
  const found = evidence.typhaDeployment;
  // A manifest install (known by its DaemonSet, or by its calico-node pods in kube-system) runs Typha only with calico-typha.yaml.
  if (found.kind === 'not-found' && installKind(evidence) === 'manifest') return skipped(TYPHA_CHECK, 'not applicable: a manifest install runs Typha only with calico-typha.yaml, and this one has none in calico-system');
  if (found.kind === 'not-found') return result(TYPHA_CHECK, 'fail', 'Deployment calico-system/calico-typha not found', [], { remediation: 'The tigera-operator creates it; check TigeraStatus and the operator logs.' });
  if (found.kind !== 'ok') return typhaFromPods(evidence, found) ?? unknownFrom(TYPHA_CHECK, 'Deployment calico-system/calico-typha', found);
  const available = deploymentAvailable(found.value);
  const ready = num(found.value, 'status', 'readyReplicas') ?? 0;
  // Scaled to 0, a Deployment is "Available" with nothing running.
  if (num(found.value, 'spec', 'replicas') === 0) return result(TYPHA_CHECK, 'fail', 'calico-typha is scaled to 0', [`spec.replicas 0`], { remediation: 'calico-node needs Typha when the operator deploys it: scale it back (the operator does so when it reconciles).' });
  const lines = [`readyReplicas ${ready} of ${num(found.value, 'spec', 'replicas') ?? '?'}`];
  const objects: ObjectRef[] = [{ kind: 'Deployment', namespace: CALICO_NAMESPACE, name: 'calico-typha', path: PATHS.deployment(CALICO_NAMESPACE, 'calico-typha') }];
  if (evidence.controlPlanePods.kind === 'ok') objects.push(...evidence.controlPlanePods.value.items.filter((pod) => text(pod, 'metadata', 'labels', 'k8s-app') === 'calico-typha').map(podRef));
  const endpoints = evidence.typhaEndpoints;
  let addresses = 0;
  if (endpoints.kind === 'ok') {
    addresses = list(endpoints.value, 'subsets').reduce<number>((sum, subset) => sum + list(subset, 'addresses').length, 0);
    lines.push(`Endpoints calico-system/calico-typha: ${addresses} ready address(es)`);
  } else {
    lines.push(`Endpoints calico-system/calico-typha: ${endpoints.kind}`);
  }
  if (available === undefined) return result(TYPHA_CHECK, 'unknown', 'unknown: the calico-typha Deployment carries no status', lines, { objects });
  if (!available) {
    const unready = typhaPods(evidence).filter((pod) => !podReady(pod));
    return startingResult(TYPHA_CHECK, 'calico-typha', unready, evidence.collectedAt, lines, objects) ?? result(TYPHA_CHECK, 'fail', 'calico-typha is not available', lines, { remediation: TYPHA_REMEDIATION, objects });
  }
  if (endpoints.kind === 'ok' && addresses === 0) return result(TYPHA_CHECK, 'fail', 'calico-typha has no ready endpoints', lines, { remediation: 'calico-node finds Typha through these endpoints; check the typha pods readiness.', objects });
  if (endpoints.kind !== 'ok') return unknownFrom(TYPHA_CHECK, 'Endpoints calico-system/calico-typha', endpoints);
  return result(TYPHA_CHECK, 'pass', `calico-typha available, ${addresses} endpoint(s)`, lines, { objects });
}

const KUBE_CONTROLLERS_REMEDIATION = 'Open the calico-kube-controllers logs: it garbage-collects IPAM blocks and node state, and stops on API errors (a 403 on ipamconfigs is the rbac.denials check).';
const TYPHA_REMEDIATION = 'Open the calico-typha logs. "Failed to get Typha endpoint … Unauthorized" (401) during init is rancher/rke2#7808; "forbidden" (403) is missing RBAC.';

function typhaPods(evidence: ClusterEvidence): Json[] {
  return evidence.controlPlanePods.kind === 'ok' ? podsOfApp(evidence.controlPlanePods.value.items, 'calico-typha') : [];
}

/** Typha by its pods when its Deployment could not be read; a Ready pod passes only with ready endpoints. */
function typhaFromPods(evidence: ClusterEvidence, refusal: Exclude<ClusterEvidence['typhaDeployment'], { kind: 'ok' | 'not-found' }>): CheckResult | undefined {
  const pods = typhaPods(evidence);
  const endpoints = evidence.typhaEndpoints;
  const addresses = endpoints.kind === 'ok' ? list(endpoints.value, 'subsets').reduce<number>((sum, subset) => sum + list(subset, 'addresses').length, 0) : 0;
  return judgeFromPods({ collectedAt: evidence.collectedAt, definition: TYPHA_CHECK, controller: 'Deployment calico-system/calico-typha', refusal, pods, lines: [...pods.map(describeUnreadyPod), `Endpoints calico-system/calico-typha: ${endpoints.kind === 'ok' ? `${addresses} ready address(es)` : endpoints.kind}`], objects: pods.map(podRef), readyIsEnough: addresses > 0, remediation: TYPHA_REMEDIATION });
}

/**
 * calico-kube-controllers' pods when its Deployment could not be read: calico-system's, else (none there) those of a
 * manifest install in kube-system, as for calico-node. A kube-system without any falls back to the pods of Calico's
 * pre-v2.4 calico-policy-controller, the same role under its old name.
 */
function kubeControllersPods(evidence: ClusterEvidence, namespace: string): { pods: Json[]; namespace: string; name: string } {
  const of = (pods: ApiResult<ListResult> | undefined, app: string): Json[] => (pods?.kind === 'ok' ? podsOfApp(pods.value.items, app) : []);
  const manifestPods = evidence.manifestInstall?.controlPlanePods;
  const current = of(manifestPods, 'calico-kube-controllers');
  const legacy = of(manifestPods, LEGACY_KUBE_CONTROLLERS_APP);
  const inKubeSystem = current.length > 0 || legacy.length === 0 ? { pods: current, namespace: HELM_NAMESPACE, name: 'calico-kube-controllers' } : { pods: legacy, namespace: HELM_NAMESPACE, name: LEGACY_KUBE_CONTROLLERS_APP };
  if (namespace === HELM_NAMESPACE) return inKubeSystem;
  const own = of(evidence.controlPlanePods, 'calico-kube-controllers');
  return own.length === 0 && inKubeSystem.pods.length > 0 ? inKubeSystem : { pods: own, namespace, name: 'calico-kube-controllers' };
}

/** The controller a kube-controllers result names: its Deployment, under the pre-v2.4 name where that is what runs. */
function kubeControllersController(source: { namespace: string; name: string }): string {
  return `Deployment ${source.namespace}/${source.name}${source.name === LEGACY_KUBE_CONTROLLERS_APP ? ' (kube-controllers\' name before Calico v2.4)' : ''}`;
}

/** One kind of Calico pod list as read in calico-system and, where a manifest install was looked for, kube-system. */
function installPodLists(evidence: ClusterEvidence, kind: 'calicoNodePods' | 'controlPlanePods'): { lists: (ApiResult<ListResult> | undefined)[]; where: string } {
  const manifest = evidence.manifestInstall;
  return { lists: [evidence[kind], ...(manifest ? [manifest[kind]] : [])], where: manifest ? `${CALICO_NAMESPACE} and ${HELM_NAMESPACE}` : CALICO_NAMESPACE };
}

/** A pod list that answered in full (no page left unread): what it lacks does not run. */
function completeList(pods: ApiResult<ListResult> | undefined): pods is { kind: 'ok'; value: ListResult } {
  return pods?.kind === 'ok' && !pods.value.truncated;
}

/**
 * calico-kube-controllers' Deployment could not be read, but the pod lists it would run in answered in full without
 * one while calico-node runs: no kube-controllers runs. A warning, as pod networking works without it for a while.
 */
function kubeControllersAbsent(evidence: ClusterEvidence, refusal: ApiFailure): CheckResult | undefined {
  // Canal runs without it unless its manifest deploys it (optional in RKE2's rke2-canal chart).
  if (installKind(evidence) === 'canal') return undefined;
  const { lists, where } = installPodLists(evidence, 'controlPlanePods');
  if (!lists.every(completeList)) return undefined;
  const nodePods = installPodLists(evidence, 'calicoNodePods').lists.flatMap((pods) => (pods?.kind === 'ok' ? pods.value.items : []));
  if (nodePods.length === 0 || lists.some((pods) => podsOfApp(pods.value.items, 'calico-kube-controllers').length + podsOfApp(pods.value.items, LEGACY_KUBE_CONTROLLERS_APP).length > 0)) return undefined;
  const optional = notExpected(evidence);
  if (optional) return optional;
  return result(KUBE_CONTROLLERS_CHECK, 'warn', 'No calico-kube-controllers pod runs', [`Deployment calico-kube-controllers could not be read (${refusal.kind}); the pods of ${where} labelled k8s-app=calico-kube-controllers: none`, `${nodePods.length} calico-node pod(s) run, so Calico is installed`], { remediation: 'Without it, the IPAM blocks and node state of deleted nodes are never cleaned up. Check its Deployment (kubectl get deploy -A -l k8s-app=calico-kube-controllers): scaled to 0, refused, or never deployed (installers have at times left it out); the operator or Calico\'s manifest deploys it. Calico\'s Kubernetes-datastore manifests before v3.8 ship none: on such a release its absence is expected.' });
}

/** A manifest install whose release ships no calico-kube-controllers for its datastore, or may not: no absence to report. */
function notExpected(evidence: ClusterEvidence): CheckResult | undefined {
  const expectation = kubeControllersExpectation(evidence);
  if (expectation.kind === 'not-shipped') return skipped(KUBE_CONTROLLERS_CHECK, expectation.reason);
  if (expectation.kind === 'not-known') return result(KUBE_CONTROLLERS_CHECK, 'unknown', expectation.reason, [], { remediation: 'An etcd-datastore install of this release needs calico-kube-controllers (kubectl -n kube-system get configmap calico-config -o yaml shows etcd_endpoints when it uses etcd).' });
  return undefined;
}

export function checkKubeControllers(evidence: ClusterEvidence): CheckResult {
  const manifest = evidence.manifestInstall;
  const canal = evidence.kubeControllersDeployment.kind === 'not-found' && installKind(evidence) === 'canal';
  if (canal && manifest?.kubeControllersDeployment.kind === 'not-found') {
    // Calico's canal.yaml deploys calico-kube-controllers; RKE2's rke2-canal chart deploys rke2-canal-kube-controllers
    // only with calico.calicoKubeControllers set (rke2-charts packages/rke2-canal templates/kube-controllers-deployment.yaml).
    const source = kubeControllersPods(evidence, HELM_NAMESPACE);
    const { pods } = source;
    if (pods.length === 0) return skipped(KUBE_CONTROLLERS_CHECK, 'not applicable: this Canal install runs without calico-kube-controllers (optional in RKE2\'s rke2-canal chart)');
    return judgeFromPods({ collectedAt: evidence.collectedAt, definition: KUBE_CONTROLLERS_CHECK, controller: kubeControllersController(source), refusal: manifest.kubeControllersDeployment, pods, lines: pods.map(describeUnreadyPod), objects: pods.map(podRef), readyIsEnough: true, remediation: KUBE_CONTROLLERS_REMEDIATION }) ?? unknownFrom(KUBE_CONTROLLERS_CHECK, `Deployment ${HELM_NAMESPACE}/calico-kube-controllers`, manifest.kubeControllersDeployment);
  }
  const fromManifest = evidence.kubeControllersDeployment.kind === 'not-found' && (installKind(evidence) === 'manifest' || canal) ? manifest : undefined;
  const inKubeSystem = fromManifest !== undefined;
  const found = fromManifest ? fromManifest.kubeControllersDeployment : evidence.kubeControllersDeployment;
  const namespace = inKubeSystem ? HELM_NAMESPACE : CALICO_NAMESPACE;
  // Calico's manifest deploys it with calico-node; installers have at times left it out (Kubespray on its default
  // datastore in 2022, until kubernetes-sigs/kubespray#9358).
  if (found.kind === 'not-found' && inKubeSystem) {
    // Calico before v2.4 runs the same role as calico-policy-controller.
    const legacy = kubeControllersPods(evidence, namespace);
    if (legacy.name === LEGACY_KUBE_CONTROLLERS_APP) return judgeFromPods({ collectedAt: evidence.collectedAt, definition: KUBE_CONTROLLERS_CHECK, controller: kubeControllersController(legacy), refusal: found, pods: legacy.pods, lines: legacy.pods.map(describeUnreadyPod), objects: legacy.pods.map(podRef), readyIsEnough: true, remediation: KUBE_CONTROLLERS_REMEDIATION }) ?? unknownFrom(KUBE_CONTROLLERS_CHECK, kubeControllersController(legacy), found);
    return notExpected(evidence) ?? result(KUBE_CONTROLLERS_CHECK, 'fail', `Deployment ${namespace}/calico-kube-controllers not found: this manifest install runs without it`, [], { remediation: 'Pod networking works without it for a while, but the IPAM blocks and node state of deleted nodes are never cleaned up: apply calico-kube-controllers from the manifest of the installed Calico release.' });
  }
  if (found.kind === 'not-found') return result(KUBE_CONTROLLERS_CHECK, 'fail', `Deployment ${namespace}/calico-kube-controllers not found`, [], { remediation: 'The tigera-operator creates it from Installation default; check TigeraStatus and the operator logs.' });
  if (found.kind !== 'ok') {
    const source = kubeControllersPods(evidence, namespace);
    const fromPods = judgeFromPods({ collectedAt: evidence.collectedAt, definition: KUBE_CONTROLLERS_CHECK, controller: kubeControllersController(source), refusal: found, pods: source.pods, lines: source.pods.map(describeUnreadyPod), objects: source.pods.map(podRef), readyIsEnough: true, remediation: KUBE_CONTROLLERS_REMEDIATION });
    return fromPods ?? kubeControllersAbsent(evidence, found) ?? unknownFrom(KUBE_CONTROLLERS_CHECK, `Deployment ${namespace}/calico-kube-controllers`, found);
  }
  const available = condition(found.value, 'Available');
  const objects = [{ kind: 'Deployment', namespace, name: 'calico-kube-controllers', path: PATHS.deployment(namespace, 'calico-kube-controllers') }];
  const replicas = num(found.value, 'spec', 'replicas');
  const ready = num(found.value, 'status', 'readyReplicas') ?? 0;
  const lines = [`Deployment ${namespace}/calico-kube-controllers: spec.replicas ${replicas ?? '(default 1)'}, readyReplicas ${ready}`, `Available: ${available?.status ?? '?'}${available?.message ? ` — ${available.message}` : ''}`];
  if (replicas === 0) return result(KUBE_CONTROLLERS_CHECK, 'warn', 'calico-kube-controllers is scaled to 0', lines, { remediation: 'Scale it back to 1: without it, IPAM blocks and node state of deleted nodes are never cleaned up.', objects });
  const isAvailable = deploymentAvailable(found.value);
  if (isAvailable === undefined) return result(KUBE_CONTROLLERS_CHECK, 'unknown', 'unknown: the calico-kube-controllers Deployment carries no status', lines, { objects });
  if (!isAvailable) {
    const unready = kubeControllersPods(evidence, namespace).pods.filter((pod) => !podReady(pod));
    return startingResult(KUBE_CONTROLLERS_CHECK, 'calico-kube-controllers', unready, evidence.collectedAt, lines, objects) ?? result(KUBE_CONTROLLERS_CHECK, 'fail', 'calico-kube-controllers is not available', lines, { remediation: KUBE_CONTROLLERS_REMEDIATION, objects });
  }
  return result(KUBE_CONTROLLERS_CHECK, 'pass', 'calico-kube-controllers is available', lines, { objects });
}
