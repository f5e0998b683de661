import { condition, conditions, name, num, text } from '../kube/objectFields';
import type { ClusterEvidence } from './clusterEvidence';
import { admissionRefusal } from './admissionRefusal';
import { describeWaiting, stuckContainer, unschedulable } from './podProblems';

/** Why the tigera-operator is not running, named as what a user can act on. */
export type OperatorBlocker = 'absent' | 'scaled to 0' | 'PodSecurity admission' | 'PodSecurityPolicy' | 'image pull' | 'scheduling' | 'crash' | 'not ready';

export interface OperatorDiagnosis {
  /** undefined: the operator runs (a ready replica), or it could not be told. */
  readonly blocker: OperatorBlocker | undefined;
  /** One sentence: "tigera-operator never ran: its ReplicaSet may not create pods — violates PodSecurity …". */
  readonly reason: string;
  readonly lines: readonly string[];
  /** Whether the operator is known to have run (a ready replica now). */
  readonly running: boolean | undefined;
}

const clip = (message: string): string => message.replace(/\s+/g, ' ').slice(0, 300);

/**
 * The chain behind a tigera-operator without a ready pod: the Deployment (absent, scaled to 0), its ReplicaSets'
 * ReplicaFailure condition and FailedCreate events (PodSecurity admission "violates PodSecurity", PSP "unable to
 * validate against any pod security policy"), its pods (image pulls, crashes, Pending and unschedulable).
 */
export function diagnoseOperator(evidence: ClusterEvidence): OperatorDiagnosis {
  const deployment = evidence.operatorDeployment;
  if (deployment.kind === 'not-found') return { blocker: 'absent', reason: 'the tigera-operator Deployment does not exist', lines: ['Deployment tigera-operator/tigera-operator: not found'], running: false };
  if (deployment.kind !== 'ok') return { blocker: undefined, reason: `the tigera-operator Deployment could not be read (${deployment.kind})`, lines: [], running: undefined };
  const ready = num(deployment.value, 'status', 'readyReplicas') ?? 0;
  if (ready > 0) return { blocker: undefined, reason: 'tigera-operator runs', lines: [`readyReplicas: ${ready}`], running: true };
  if (num(deployment.value, 'spec', 'replicas') === 0) return { blocker: 'scaled to 0', reason: 'tigera-operator is scaled to 0 (spec.replicas: 0)', lines: ['spec.replicas: 0'], running: false };
  const lines: string[] = [];
  const found: { blocker: OperatorBlocker; message: string }[] = [];
  const note = (blocker: OperatorBlocker | undefined, message: string): void => {
    if (blocker) found.push({ blocker, message: clip(message) });
  };
  for (const entry of conditions(deployment.value).filter((item) => item.type === 'ReplicaFailure' && item.status === 'True')) {
    lines.push(`Deployment ReplicaFailure: ${clip(entry.message ?? '')}`);
    note(admissionRefusal(entry.message ?? ''), entry.message ?? '');
  }
  const rollout = evidence.operatorRollout;
  if (rollout?.replicaSets.kind === 'ok') {
    for (const set of rollout.replicaSets.value.items) {
      const failure = condition(set, 'ReplicaFailure');
      if (failure?.status === 'True') {
        lines.push(`ReplicaSet ${name(set)} ReplicaFailure (${failure.reason ?? ''}): ${clip(failure.message ?? '')}`);
        note(admissionRefusal(failure.message ?? '') ?? 'not ready', failure.message ?? '');
      }
    }
  } else if (rollout) lines.push(`ReplicaSets in tigera-operator: not read (${rollout.replicaSets.kind})`);
  if (rollout?.events.kind === 'ok') {
    for (const event of rollout.events.value.items) {
      const reason = text(event, 'reason') ?? '';
      const message = text(event, 'message') ?? '';
      if (reason === 'FailedCreate') note(admissionRefusal(message) ?? 'not ready', message);
      else if (reason === 'FailedScheduling') note('scheduling', message);
      else if (/^Failed to pull image|ErrImagePull|ImagePullBackOff/.test(message)) note('image pull', message);
      else continue;
      lines.push(`Event ${reason} on ${text(event, 'involvedObject', 'kind') ?? ''} ${text(event, 'involvedObject', 'name') ?? ''}: ${clip(message)}`);
    }
  } else if (rollout) lines.push(`Warning events in tigera-operator: not read (${rollout.events.kind})`);
  if (rollout?.pods.kind === 'ok') {
    for (const pod of rollout.pods.value.items) {
      const stuck = stuckContainer(pod);
      const pending = unschedulable(pod);
      if (stuck) {
        lines.push(`Pod ${name(pod)}: ${describeWaiting(stuck)}${stuck.message ? ` — ${clip(stuck.message)}` : ''}`);
        note(stuck.waiting === 'CrashLoopBackOff' ? 'crash' : /Pull|ImageName/.test(stuck.waiting ?? '') ? 'image pull' : 'not ready', `${describeWaiting(stuck)} ${stuck.message ?? ''}`);
      } else if (pending) {
        lines.push(`Pod ${name(pod)}: Pending — ${clip(pending)}`);
        note('scheduling', pending);
      }
    }
    if (rollout.pods.value.items.length === 0) lines.push('no tigera-operator pod exists');
  } else if (rollout) lines.push(`tigera-operator pods: not read (${rollout.pods.kind})`);
  // Admission refusals explain everything after them; then pulls, scheduling and crashes.
  const order: OperatorBlocker[] = ['PodSecurity admission', 'PodSecurityPolicy', 'image pull', 'scheduling', 'crash', 'not ready'];
  const first = order.map((blocker) => found.find((entry) => entry.blocker === blocker)).find((entry) => entry !== undefined);
  const what: Record<OperatorBlocker, string> = {
    absent: 'does not exist',
    'scaled to 0': 'is scaled to 0',
    'PodSecurity admission': 'never ran: PodSecurity admission refused its pods',
    PodSecurityPolicy: 'never ran: no PodSecurityPolicy admits its pods',
    'image pull': 'cannot start: its image cannot be pulled',
    scheduling: 'is not scheduled on any node',
    crash: 'keeps crashing',
    'not ready': 'has no ready pod',
  };
  if (!first) return { blocker: 'not ready', reason: `tigera-operator has no ready pod${rollout ? '' : ' (why was not read)'}`, lines, running: false };
  return { blocker: first.blocker, reason: `tigera-operator ${what[first.blocker]} — ${first.message}`, lines, running: false };
}

