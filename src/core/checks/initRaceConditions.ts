import { RKE2_7808 } from '../knowledge/issues/initRace';
import { scanText } from '../logs/scanText';
import { field, text } from '../kube/objectFields';
import type { ClusterEvidence } from './clusterEvidence';
import { installKind, MANIFEST_INSTALL } from './clusterKind';
import { clusterIdentity } from './identityChecks';
import { diagnoseOperator, type OperatorDiagnosis } from './operatorRollout';
import { describeWaiting, podReady, stuckContainer } from './podProblems';

export const RACE_ISSUE = { id: RKE2_7808.id, url: RKE2_7808.url };

export interface RaceVerdict {
  /** Whether rancher/rke2#7808 may be named: its preconditions hold. */
  readonly applies: boolean;
  /** Why ClusterInformation is (or would be) missing, as one clause. */
  readonly reason: string;
  /** The operator chain, when it is the reason. */
  readonly operator?: OperatorDiagnosis;
}

const RECENT_MS = 60 * 60 * 1000;

/** The #7808 pair of symptoms: sandboxes refused for ClusterInformation, and Typha's 401s (rancher/rke2#7808). */
function symptomPair(evidence: ClusterEvidence): boolean {
  const now = Date.parse(evidence.collectedAt);
  const sandbox = evidence.sandboxEvents.kind === 'ok' && evidence.sandboxEvents.value.items.some((event) => /ClusterInformation/.test(text(event, 'message') ?? '') && !(now - Date.parse(text(event, 'lastTimestamp') ?? text(event, 'metadata', 'creationTimestamp') ?? '') > RECENT_MS));
  const typha401 = evidence.podLogs.some((log) => log.purpose === 'typha' && log.text.kind === 'ok' && scanText(log.text.value).findings.some((finding) => finding.signature.id === 'typha-unauthorized'));
  return sandbox && typha401;
}

/**
 * rancher/rke2#7808 is a race of an operator install that runs: the operator ran and created Installation default,
 * calico-node starts, and pods ask for ClusterInformation before calico-node wrote it — on the Calico release it was
 * reported against, or with its pair of symptoms. When the operator never ran, or calico-node cannot start, that is
 * the reason ClusterInformation is missing, and the race is not named.
 */
export function raceVerdict(evidence: ClusterEvidence): RaceVerdict {
  const blocked = raceBlocker(evidence);
  if (blocked) return blocked;
  const calico = clusterIdentity(evidence).calico;
  const affected = calico !== undefined && RKE2_7808.rules.some((rule) => rule.when.calico?.includes(calico) ?? false);
  if (affected) return { applies: true, reason: `Calico ${calico} is the release rancher/rke2#7808 was reported against` };
  if (symptomPair(evidence)) return { applies: true, reason: 'the rancher/rke2#7808 pair of symptoms is seen: sandboxes refused for ClusterInformation while calico-typha gets 401 Unauthorized' };
  return { applies: false, reason: `calico-node has not created it yet (Calico ${calico ?? 'version unknown'} is not a release rancher/rke2#7808 was reported against, and its pair of symptoms is not seen)` };
}

/**
 * What rules the race out whatever the versions: a manifest install, an operator that never ran, no Installation,
 * a calico-node that cannot start. undefined when none of them holds (the versions then decide).
 */
export function raceBlocker(evidence: ClusterEvidence): RaceVerdict | undefined {
  const install = installKind(evidence);
  if (install === 'manifest') return { applies: false, reason: `${MANIFEST_INSTALL}: calico-node in kube-system creates ClusterInformation when it first starts` };
  const operator = diagnoseOperator(evidence);
  if (operator.running === false) return { applies: false, reason: operator.reason, operator };
  if (evidence.installation.kind === 'not-found') return { applies: false, reason: 'Installation default does not exist, so the operator deploys no calico-node to create it' };
  const stuck = evidence.calicoNodePods.kind === 'ok' ? evidence.calicoNodePods.value.items.map((pod) => ({ pod, state: stuckContainer(pod) })).find((entry) => entry.state !== undefined) : undefined;
  if (stuck?.state) return { applies: false, reason: `calico-node cannot start (${text(stuck.pod, 'metadata', 'name') ?? ''}: ${describeWaiting(stuck.state)}${stuck.state.message ? ` — ${stuck.state.message.slice(0, 200)}` : ''})` };
  // Not knowing whether the operator ran does not rule the race out: the versions then decide.
  return undefined;
}

/**
 * rancher/rke2#7808 is a start-up race: once ClusterInformation says the datastore is ready, or calico-node is Ready
 * (it writes ClusterInformation when it starts), the cluster is past it, and affected versions alone do not make it
 * the explanation of anything. The reason, or undefined while the cluster may still be in it.
 */
export function racePassed(evidence: ClusterEvidence): string | undefined {
  if (evidence.clusterInformation.kind === 'ok' && field(evidence.clusterInformation.value, 'spec', 'datastoreReady') === true) return 'ClusterInformation default exists with datastoreReady true';
  const pods = evidence.calicoNodePods.kind === 'ok' ? evidence.calicoNodePods.value.items : [];
  if (pods.length > 0 && pods.every(podReady)) return `calico-node is Ready (${pods.length} pod(s)), so it wrote ClusterInformation`;
  return undefined;
}
