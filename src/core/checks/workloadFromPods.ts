import { name, text, type Json } from '../kube/objectFields';
import type { ApiFailure } from '../kube/apiResult';
import { result, type CheckDefinition, type CheckResult, type ObjectRef } from './checkResult';
import { PATHS } from './calicoObjects';
import { isWindowsNode } from './networkSetup';
import { podReady, podStatusShown, stuckContainer } from './podProblems';
import { startingResult } from './startingPods';

/**
 * A Calico workload judged by its pods when its DaemonSet or Deployment could not be read (a role that may list pods
 * but not apps, a support bundle without them). Pods that are not Ready are a fault whatever their controller says;
 * all Ready passes only when the pods cover what the controller asks for, which for calico-node is every Linux node.
 * Undefined when the pods cannot decide: the controller's refusal then stands as "unknown".
 */
export interface PodsJudgement {
  /** When the pods were read: a pod not Ready yet within its start is not a fault yet. */
  readonly collectedAt: string;
  readonly definition: CheckDefinition;
  /** The controller that could not be read, e.g. "DaemonSet calico-system/calico-node". */
  readonly controller: string;
  readonly refusal: ApiFailure;
  readonly pods: readonly Json[];
  readonly lines: readonly string[];
  readonly objects: readonly ObjectRef[];
  /** calico-node: the cluster's nodes, each Linux one of which needs a Ready pod; undefined when not readable. */
  readonly nodesToCover?: readonly Json[] | undefined;
  /** Typha and kube-controllers: whether a Ready pod is enough (Typha also needs its endpoints). */
  readonly readyIsEnough: boolean;
  readonly remediation: string;
}

export function judgeFromPods(judgement: PodsJudgement): CheckResult | undefined {
  const { definition, controller, refusal } = judgement;
  // Pods whose status was not shown decide nothing either way.
  const pods = judgement.pods.filter(podStatusShown);
  if (pods.length === 0) return undefined;
  const workload = definition.id.split('.')[1] ?? definition.id;
  const unready = pods.filter((pod) => !podReady(pod) || stuckContainer(pod) !== undefined);
  const note = `${controller} could not be read (${refusal.kind}); judged from its ${pods.length} pod(s)`;
  const lines = [note, ...judgement.lines];
  const starting = startingResult(definition, workload, unready, judgement.collectedAt, lines, judgement.objects);
  if (starting) return starting;
  if (unready.length > 0) {
    return result(definition, 'fail', `${workload}: ${unready.length} of ${pods.length} pod(s) not ready`, lines, { remediation: judgement.remediation, objects: [...judgement.objects] });
  }
  if (pods.length < judgement.pods.length) return undefined;
  if (judgement.nodesToCover !== undefined) {
    // A running pod is always bound to a node (the scheduler writes spec.nodeName): one shown without it is a partial
    // copy (`kubectl get pods` without -o wide, a bundle that dropped the field), which cannot tell what is covered.
    if (pods.some((pod) => text(pod, 'spec', 'nodeName') === undefined)) return undefined;
    const covered = new Set(pods.map((pod) => text(pod, 'spec', 'nodeName')));
    const linux = judgement.nodesToCover.filter((node) => !isWindowsNode(node));
    const missing = linux.filter((node) => !covered.has(name(node)));
    if (missing.length > 0) {
      const uncovered: ObjectRef[] = missing.slice(0, 50).map((node) => ({ kind: 'Node', name: name(node), path: `${PATHS.nodes}/${name(node)}`, node: name(node), condition: `no ${workload} pod` }));
      return result(definition, 'fail', `${workload}: no pod on ${missing.length} of ${linux.length} Linux node(s), e.g. ${name(missing[0])}`, [...lines, ...missing.slice(0, 10).map((node) => `${name(node)}: no ${workload} pod`)], { remediation: judgement.remediation, objects: [...judgement.objects, ...uncovered] });
    }
    return result(definition, 'pass', `${workload} ready on all ${linux.length} Linux node(s) (judged from its pods)`, lines, { objects: [...judgement.objects] });
  }
  if (judgement.readyIsEnough) return result(definition, 'pass', `${workload}: ${pods.length} pod(s) ready (judged from its pods)`, lines, { objects: [...judgement.objects] });
  return undefined;
}

/** The pods of one Calico component (its k8s-app label) among a list of pods. */
export function podsOfApp(pods: readonly Json[], app: string): Json[] {
  return pods.filter((pod) => text(pod, 'metadata', 'labels', 'k8s-app') === app);
}

