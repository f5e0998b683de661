import { name, text } from '../kube/objectFields';
import { result, unknownFrom, type CheckDefinition, type CheckResult } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';
import { eventPodRef } from './eventObjects';
import { raceVerdict } from './initRaceConditions';

export const SANDBOX_EVENTS_CHECK: CheckDefinition = { id: 'race.sandbox-events', area: 'Init race', title: 'FailedCreatePodSandBox events quoting ClusterInformation' };
export const JOIN_BURST_CHECK: CheckDefinition = { id: 'race.join-burst', area: 'Init race', title: 'Node joins during Calico start-up' };

const ISSUE = { id: 'rancher/rke2#7808', url: 'https://github.com/rancher/rke2/issues/7808' };
/** Events older than this are history, not a race in progress. */
const RECENT_MS = 60 * 60 * 1000;

function eventTime(event: unknown): number {
  const stamp = text(event, 'lastTimestamp') ?? text(event, 'eventTime') ?? text(event, 'metadata', 'creationTimestamp');
  return stamp ? Date.parse(stamp) : Number.NaN;
}

/** Recent Warning events FailedCreatePodSandBox whose message quotes the ClusterInformation error of #7808. */
export function checkSandboxEvents(evidence: ClusterEvidence): CheckResult {
  if (evidence.sandboxEvents.kind !== 'ok') return unknownFrom(SANDBOX_EVENTS_CHECK, 'events', evidence.sandboxEvents);
  const now = Date.parse(evidence.collectedAt);
  const matching = evidence.sandboxEvents.value.items.filter((event) => /ClusterInformation/.test(text(event, 'message') ?? '') && !(now - eventTime(event) > RECENT_MS));
  if (matching.length === 0) return result(SANDBOX_EVENTS_CHECK, 'pass', 'No recent sandbox failures quoting ClusterInformation', [`${evidence.sandboxEvents.value.items.length} FailedCreatePodSandBox event(s) read`]);
  const lines = matching.slice(0, 10).map((event) => `${text(event, 'involvedObject', 'namespace') ?? ''}/${text(event, 'involvedObject', 'name') ?? '?'} ×${String(text(event, 'count') ?? (event as { count?: number }).count ?? 1)}: ${(text(event, 'message') ?? '').slice(0, 300)}`);
  const objects = matching.slice(0, 50).flatMap((event) => eventPodRef(event, 'FailedCreatePodSandBox') ?? []);
  const race = raceVerdict(evidence);
  if (!race.applies) {
    return result(SANDBOX_EVENTS_CHECK, 'warn', `${matching.length} pod(s) failed to get a sandbox because ClusterInformation was missing`, [...lines, `why it is missing: ${race.reason}`], {
      remediation: `ClusterInformation default is missing because ${race.reason}; the sandboxes are retried once calico-node creates it.`,
      objects,
    });
  }
  return result(SANDBOX_EVENTS_CHECK, 'warn', `${matching.length} pod(s) failed to get a sandbox because ClusterInformation was missing`, lines, {
    remediation: 'The rancher/rke2#7808 race: pods started before calico-node created ClusterInformation default. They are retried; wait for ClusterInformation default and join further nodes in batches.',
    knownIssue: ISSUE,
    objects,
  });
}

/**
 * Nodes that joined before ClusterInformation default existed, within seconds of each other: the join pattern of
 * #7808 ("Join new nodes as soon as first server is ready").
 */
export function checkJoinBurst(evidence: ClusterEvidence): CheckResult {
  if (evidence.nodes.kind !== 'ok') return unknownFrom(JOIN_BURST_CHECK, 'nodes', evidence.nodes);
  const created = evidence.clusterInformation.kind === 'ok' ? Date.parse(text(evidence.clusterInformation.value, 'metadata', 'creationTimestamp') ?? '') : Number.NaN;
  const missing = evidence.clusterInformation.kind === 'not-found';
  if (Number.isNaN(created) && !missing) return result(JOIN_BURST_CHECK, 'unknown', 'unknown: the creation time of ClusterInformation default could not be read', []);
  const joins = evidence.nodes.value.items.map((node) => ({ name: name(node), at: Date.parse(text(node, 'metadata', 'creationTimestamp') ?? '') })).filter((entry) => !Number.isNaN(entry.at)).sort((a, b) => a.at - b.at);
  const first = joins[0];
  const early = joins.slice(1).filter((entry) => missing || entry.at < created);
  if (!first || early.length === 0) return result(JOIN_BURST_CHECK, 'pass', 'No node joined before Calico was ready', [`${joins.length} node(s); ClusterInformation default ${missing ? 'not created yet' : `created ${new Date(created).toISOString()}`}`]);
  const lines = early.slice(0, 20).map((entry) => `${entry.name} joined at +${Math.round((entry.at - first.at) / 1000)} s after ${first.name}${missing ? '' : `, ${Math.round((created - entry.at) / 1000)} s before ClusterInformation default`}`);
  const race = raceVerdict(evidence);
  if (!race.applies) {
    // Nodes joining before Calico is up is how every cluster starts; it is a problem only with the race's release, or now.
    if (!missing) return result(JOIN_BURST_CHECK, 'pass', `${early.length} node(s) joined before ClusterInformation default existed; it exists now`, [...lines, `rancher/rke2#7808 not named: ${race.reason}`]);
    return result(JOIN_BURST_CHECK, 'warn', `${early.length} node(s) joined while ClusterInformation default does not exist`, [...lines, `why it is missing: ${race.reason}`], { remediation: 'Fix why ClusterInformation default is missing (the datastore check says); the nodes become Ready once calico-node runs on them.' });
  }
  return result(JOIN_BURST_CHECK, 'warn', `${early.length} node(s) joined before ClusterInformation default existed`, lines, {
    remediation: 'Join nodes in batches: wait for ClusterInformation default (datastoreReady: true) and calico-node Ready on the first server before adding more.',
    knownIssue: ISSUE,
  });
}
