import { evaluateKnownIssues } from '../knowledge/knownIssueVerdict';
import { name, num, text, type Json } from '../kube/objectFields';
import { containerStates, describeWaiting, podCounts, PULL_WAITING } from './podProblems';
import { CALICO_NAMESPACE, HELM_NAMESPACE, OPERATOR_NAMESPACE, PATHS } from './calicoObjects';
import { result, unknownFrom, type CheckDefinition, type CheckResult, type ObjectRef } from './checkResult';
import { eventPodRef } from './eventObjects';
import type { ClusterEvidence } from './clusterEvidence';
import { clusterIdentity } from './identityChecks';
import { preconditionFacts } from './preconditionFacts';

export const IMAGES_CHECK: CheckDefinition = { id: 'workloads.images', area: 'Workloads', title: 'Calico and tigera-operator image pulls' };

const SHOWN = 10;

interface PullFailure {
  readonly image: string;
  readonly pod: string;
  readonly detail: string;
  /** The pod and its node, so the failure can be linked to the workload and the node it stops. */
  readonly ref: ObjectRef | undefined;
}

/** kubelet's "Failed to pull image "<ref>": …" (reason Failed) or a container waiting in ErrImagePull/ImagePullBackOff. */
function fromEvent(event: Json): PullFailure | undefined {
  const message = text(event, 'message') ?? '';
  const image = /^Failed to pull image "([^"]+)"/.exec(message)?.[1];
  if (!image) return undefined;
  const count = num(event, 'count');
  return { image, pod: `${text(event, 'involvedObject', 'namespace') ?? ''}/${text(event, 'involvedObject', 'name') ?? '?'}`, detail: `${message.slice(0, 240)}${count && count > 1 ? ` (×${count})` : ''}`, ref: eventPodRef(event, 'ErrImagePull') };
}

/** An event about one of Calico's own pods (calico-node, calico-kube-controllers, calico-typha by their names). */
function aboutCalicoPod(event: Json): boolean {
  return text(event, 'involvedObject', 'kind') === 'Pod' && /^calico-(node|kube-controllers|typha)-/.test(text(event, 'involvedObject', 'name') ?? '');
}

function fromPod(pod: Json): PullFailure[] {
  // Init containers too: a calico-node that cannot pull its init image shows Init:ErrImagePull.
  return containerStates(pod).flatMap((state) => {
    if (!state.waiting || !PULL_WAITING.has(state.waiting)) return [];
    const namespace = text(pod, 'metadata', 'namespace') ?? '';
    const node = text(pod, 'spec', 'nodeName');
    const ref: ObjectRef = { kind: 'Pod', namespace, name: name(pod), path: PATHS.pod(namespace, name(pod)), ...(node ? { node } : {}), condition: describeWaiting(state), ...podCounts(pod) };
    return [{ image: state.image ?? '?', pod: `${namespace}/${name(pod)}`, detail: `${describeWaiting(state)}${state.init ? ` (init container ${state.container})` : ''}: ${(state.message ?? '').slice(0, 240)}`, ref }];
  });
}

/**
 * Image pulls that fail for Calico's pods (calico-system) and the operator (tigera-operator), from kubelet's
 * Warning events (reason Failed) and the waiting state of the Calico pods already read. Air-gapped clusters need
 * every image in their registry: RKE2 points the chart at it with system-default-registry, and releases before the
 * goldmane/whisker images were listed miss those (rancher/rke2#8621).
 */
export function checkImages(evidence: ClusterEvidence): CheckResult {
  const lines: string[] = [];
  const failures: PullFailure[] = [];
  let read = 0;
  for (const namespace of [CALICO_NAMESPACE, OPERATOR_NAMESPACE]) {
    const events = evidence.failedEvents[namespace];
    if (events?.kind === 'ok') {
      read++;
      failures.push(...events.value.items.flatMap((event) => fromEvent(event) ?? []));
    } else lines.push(`events in ${namespace}: not read (${events?.kind ?? 'missing'})`);
  }
  // kube-system holds every add-on's pods: only Calico's (a manifest install) are this check's.
  const kubeSystem = evidence.failedEvents[HELM_NAMESPACE];
  if (kubeSystem?.kind === 'ok') failures.push(...kubeSystem.value.items.filter(aboutCalicoPod).flatMap((event) => fromEvent(event) ?? []));
  const manifest = evidence.manifestInstall;
  const podLists = [evidence.calicoNodePods, evidence.controlPlanePods, ...(manifest ? [manifest.calicoNodePods, ...(manifest.controlPlanePods ? [manifest.controlPlanePods] : [])] : []), ...(evidence.operatorRollout ? [evidence.operatorRollout.pods] : [])];
  for (const pods of podLists) if (pods.kind === 'ok') failures.push(...pods.value.items.flatMap(fromPod));
  const byImage = new Map<string, PullFailure[]>();
  for (const failure of failures) byImage.set(failure.image, [...(byImage.get(failure.image) ?? []), failure]);
  const registry = evidence.installation.kind === 'ok' ? (text(evidence.installation.value, 'spec', 'registry') ?? '(unset)') : `unknown (${evidence.installation.kind})`;
  lines.push(`Installation default spec.registry: ${registry}`);
  if (byImage.size === 0) {
    const failure = Object.values(evidence.failedEvents).find((events) => events.kind !== 'ok');
    if (read === 0 && failure !== undefined) return { ...unknownFrom(IMAGES_CHECK, `events of ${CALICO_NAMESPACE} and ${OPERATOR_NAMESPACE}`, failure), evidence: lines };
    return result(IMAGES_CHECK, 'pass', 'No failed image pull for Calico or tigera-operator pods', lines);
  }
  for (const [image, entries] of [...byImage].slice(0, SHOWN)) lines.push(`${image}: ${[...new Set(entries.map((entry) => entry.pod))].slice(0, 3).join(', ')} — ${entries[0]?.detail ?? ''}`);
  if (byImage.size > SHOWN) lines.push(`… and ${byImage.size - SHOWN} more images`);
  const images = [...byImage.keys()];
  const goldmane = images.some((image) => /mirrored-calico-(goldmane|whisker)/.test(image));
  const rke2 = clusterIdentity(evidence).rke2;
  const airGapIssue = goldmane ? rke2.flatMap((release) => evaluateKnownIssues({ rke2: release }, { ...preconditionFacts(evidence), 'private-registry-with-goldmane-or-whisker': true }).applies).find((match) => match.issue.id === 'rancher/rke2#8621') : undefined;
  const remediation =
    `Make each image listed available to the nodes. On an air-gapped cluster set system-default-registry in config.yaml (RKE2 passes it to the chart as global.systemDefaultRegistry, which becomes the Installation's registry: now ${registry}) and load the release's image archive into that registry or /var/lib/rancher/rke2/agent/images on each node.` +
    (airGapIssue ? ` ${airGapIssue.issue.title}: ${airGapIssue.because}; fixed in ${airGapIssue.issue.fixedIn.join('; ')}.` : '');
  // One ref per pod, the pod's own state before an event's word for it (it carries the node for certain).
  const refs = new Map<string, ObjectRef>();
  for (const failure of failures) if (failure.ref !== undefined && (!refs.has(failure.pod) || refs.get(failure.pod)?.node === undefined)) refs.set(failure.pod, failure.ref);
  return result(IMAGES_CHECK, 'fail', `${images.length} image(s) cannot be pulled, e.g. ${images[0] ?? ''}`, lines, {
    remediation,
    objects: [...refs.values()].slice(0, 50),
    ...(airGapIssue ? { knownIssue: { id: airGapIssue.issue.id, url: airGapIssue.issue.url } } : {}),
  });
}
