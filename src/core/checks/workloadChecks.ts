import { condition, list, name, num, text, type Json } from '../kube/objectFields';
import { CALICO_NAMESPACE, PATHS } from './calicoObjects';
import { result, unknownFrom, type CheckDefinition, type CheckResult, type ObjectRef } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';

export const CALICO_NODE_CHECK: CheckDefinition = { id: 'workloads.calico-node', area: 'Workloads', title: 'calico-node DaemonSet ready on every node' };
export const TYPHA_CHECK: CheckDefinition = { id: 'workloads.calico-typha', area: 'Workloads', title: 'calico-typha available with endpoints' };
export const KUBE_CONTROLLERS_CHECK: CheckDefinition = { id: 'workloads.calico-kube-controllers', area: 'Workloads', title: 'calico-kube-controllers available' };

function podRef(pod: Json): ObjectRef {
  return { kind: 'Pod', namespace: CALICO_NAMESPACE, name: name(pod), path: PATHS.pod(CALICO_NAMESPACE, name(pod)), containers: [...list(pod, 'spec', 'initContainers'), ...list(pod, 'spec', 'containers')].map((container) => text(container, 'name') ?? '') };
}

/** A pod that is not Ready, described with its node, restarts and the last container state. */
function describeUnreadyPod(pod: Json): string {
  const statuses = list(pod, 'status', 'containerStatuses');
  const restarts = statuses.reduce<number>((sum, status) => sum + (num(status, 'restartCount') ?? 0), 0);
  const waiting = statuses.map((status) => text(status, 'state', 'waiting', 'reason')).find((reason) => reason !== undefined);
  const lastTerminated = statuses.map((status) => text(status, 'lastState', 'terminated', 'reason')).find((reason) => reason !== undefined);
  return `${name(pod)} on ${text(pod, 'spec', 'nodeName') ?? '?'}: ${text(pod, 'status', 'phase') ?? '?'}${waiting ? ` (${waiting})` : ''}, ${restarts} restart(s)${lastTerminated ? `, last terminated: ${lastTerminated}` : ''}`;
}

export function checkCalicoNode(evidence: ClusterEvidence): CheckResult {
  const found = evidence.calicoNodeDaemonSet;
  if (found.kind === 'not-found') return result(CALICO_NODE_CHECK, 'fail', 'DaemonSet calico-system/calico-node not found', [], { remediation: 'The tigera-operator creates it from Installation default; check TigeraStatus and the operator logs.' });
  if (found.kind !== 'ok') return unknownFrom(CALICO_NODE_CHECK, 'DaemonSet calico-system/calico-node', found);
  const desired = num(found.value, 'status', 'desiredNumberScheduled') ?? 0;
  const ready = num(found.value, 'status', 'numberReady') ?? 0;
  const updated = num(found.value, 'status', 'updatedNumberScheduled') ?? 0;
  const lines = [`desired ${desired}, ready ${ready}, updated ${updated}`];
  const objects: ObjectRef[] = [{ kind: 'DaemonSet', namespace: CALICO_NAMESPACE, name: 'calico-node', path: PATHS.daemonSet(CALICO_NAMESPACE, 'calico-node') }];
  if (evidence.calicoNodePods.kind === 'ok') {
    const unready = evidence.calicoNodePods.value.items.filter((pod) => condition(pod, 'Ready')?.status !== 'True');
    lines.push(...unready.slice(0, 20).map(describeUnreadyPod));
    if (unready.length > 20) lines.push(`… and ${unready.length - 20} more pods not ready`);
    objects.push(...unready.slice(0, 20).map(podRef));
  } else {
    lines.push(`calico-node pods: could not list (${evidence.calicoNodePods.kind})`);
  }
  if (desired === 0) return result(CALICO_NODE_CHECK, 'fail', 'calico-node is scheduled on no node', lines, { remediation: 'No node matches the DaemonSet: check that nodes are registered, and its node selector and tolerations (the operator renders them from Installation default) against the nodes\' labels and taints; then TigeraStatus calico.', objects });
  if (ready < desired || updated < desired) {
    return result(CALICO_NODE_CHECK, 'fail', `calico-node ready on ${ready} of ${desired} nodes`, lines, { remediation: 'Open the logs of the pods listed; "cni plugin not initialized" on their nodes clears once calico-node is ready.', objects });
  }
  return result(CALICO_NODE_CHECK, 'pass', `calico-node ready on all ${desired} nodes`, lines, { objects });
}

export function checkTypha(evidence: ClusterEvidence): CheckResult {
  const found = evidence.typhaDeployment;
  if (found.kind === 'not-found') return result(TYPHA_CHECK, 'fail', 'Deployment calico-system/calico-typha not found', [], { remediation: 'The tigera-operator creates it; check TigeraStatus and the operator logs.' });
  if (found.kind !== 'ok') return unknownFrom(TYPHA_CHECK, 'Deployment calico-system/calico-typha', found);
  const available = condition(found.value, 'Available')?.status === 'True';
  const ready = num(found.value, 'status', 'readyReplicas') ?? 0;
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
  if (!available || ready === 0) return result(TYPHA_CHECK, 'fail', 'calico-typha is not available', lines, { remediation: 'Open the calico-typha logs. "Failed to get Typha endpoint … Unauthorized" (401) during init is rancher/rke2#7808; "forbidden" (403) is missing RBAC.', objects });
  if (endpoints.kind === 'ok' && addresses === 0) return result(TYPHA_CHECK, 'fail', 'calico-typha has no ready endpoints', lines, { remediation: 'calico-node finds Typha through these endpoints; check the typha pods readiness.', objects });
  if (endpoints.kind !== 'ok') return unknownFrom(TYPHA_CHECK, 'Endpoints calico-system/calico-typha', endpoints);
  return result(TYPHA_CHECK, 'pass', `calico-typha available, ${addresses} endpoint(s)`, lines, { objects });
}

export function checkKubeControllers(evidence: ClusterEvidence): CheckResult {
  const found = evidence.kubeControllersDeployment;
  if (found.kind === 'not-found') return result(KUBE_CONTROLLERS_CHECK, 'fail', 'Deployment calico-system/calico-kube-controllers not found', [], { remediation: 'The tigera-operator creates it from Installation default; check TigeraStatus and the operator logs.' });
  if (found.kind !== 'ok') return unknownFrom(KUBE_CONTROLLERS_CHECK, 'Deployment calico-system/calico-kube-controllers', found);
  const available = condition(found.value, 'Available');
  const objects = [{ kind: 'Deployment', namespace: CALICO_NAMESPACE, name: 'calico-kube-controllers', path: PATHS.deployment(CALICO_NAMESPACE, 'calico-kube-controllers') }];
  const lines = [`Available: ${available?.status ?? '?'}${available?.message ? ` — ${available.message}` : ''}`];
  if (available?.status !== 'True') return result(KUBE_CONTROLLERS_CHECK, 'fail', 'calico-kube-controllers is not available', lines, { remediation: 'Open the calico-kube-controllers logs: it garbage-collects IPAM blocks and node state, and stops on API errors (a 403 on ipamconfigs is the rbac.denials check).', objects });
  return result(KUBE_CONTROLLERS_CHECK, 'pass', 'calico-kube-controllers is available', lines, { objects });
}
