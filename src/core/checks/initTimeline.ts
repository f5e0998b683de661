import { bool, condition, num, text } from '../kube/objectFields';
import type { CheckResult } from './checkResult';
import { deploymentAvailable } from './deploymentAvailability';
import type { ClusterEvidence } from './clusterEvidence';

export interface TimelineEntry {
  readonly atSeconds: number;
  readonly message: string;
}

/** The few facts whose changes tell the story of a Calico start-up. */
export interface InitState {
  readonly clusterInformation: 'absent' | 'present' | 'ready' | 'unknown';
  readonly calicoVersion: string | undefined;
  readonly calicoNodeReady: string | undefined;
  readonly nodesReady: string | undefined;
  readonly typhaAvailable: boolean | undefined;
  readonly sandboxFailures: number | undefined;
  readonly statuses: ReadonlyMap<string, string>;
}

export function initState(evidence: ClusterEvidence, results: readonly CheckResult[]): InitState {
  const info = evidence.clusterInformation;
  const daemonSet = evidence.calicoNodeDaemonSet.kind === 'ok' ? evidence.calicoNodeDaemonSet.value : undefined;
  const nodes = evidence.nodes.kind === 'ok' ? evidence.nodes.value.items : undefined;
  return {
    clusterInformation: info.kind === 'not-found' ? 'absent' : info.kind === 'ok' ? (bool(info.value, 'spec', 'datastoreReady') === true ? 'ready' : 'present') : 'unknown',
    calicoVersion: info.kind === 'ok' ? text(info.value, 'spec', 'calicoVersion') : undefined,
    calicoNodeReady: daemonSet ? `${num(daemonSet, 'status', 'numberReady') ?? 0}/${num(daemonSet, 'status', 'desiredNumberScheduled') ?? 0}` : undefined,
    nodesReady: nodes ? `${nodes.filter((node) => condition(node, 'Ready')?.status === 'True').length}/${nodes.length}` : undefined,
    typhaAvailable: evidence.typhaDeployment.kind === 'ok' ? deploymentAvailable(evidence.typhaDeployment.value) : undefined,
    sandboxFailures: evidence.sandboxEvents.kind === 'ok' ? evidence.sandboxEvents.value.items.filter((event) => /ClusterInformation/.test(text(event, 'message') ?? '')).length : undefined,
    statuses: new Map(results.map((entry) => [entry.title, entry.status])),
  };
}

/** What changed between two polls, as timeline sentences ("ClusterInformation default appeared at +42 s"). */
export function transitions(previous: InitState | undefined, next: InitState, atSeconds: number): TimelineEntry[] {
  const entries: string[] = [];
  if (!previous) {
    entries.push(`watch started: ClusterInformation default ${next.clusterInformation}, calico-node ready ${next.calicoNodeReady ?? '?'}, nodes Ready ${next.nodesReady ?? '?'}`);
  } else {
    if (previous.clusterInformation !== next.clusterInformation) {
      const words = { absent: 'disappeared', present: 'appeared (datastoreReady not yet true)', ready: previous.clusterInformation === 'absent' ? 'appeared, datastoreReady: true' : 'became datastoreReady', unknown: 'could not be read' };
      entries.push(`ClusterInformation default ${words[next.clusterInformation]}${next.calicoVersion ? ` (Calico ${next.calicoVersion})` : ''}`);
    }
    if (previous.calicoNodeReady !== next.calicoNodeReady && next.calicoNodeReady) entries.push(`calico-node ready ${next.calicoNodeReady}`);
    if (previous.nodesReady !== next.nodesReady && next.nodesReady) entries.push(`nodes Ready ${next.nodesReady}`);
    if (previous.typhaAvailable !== next.typhaAvailable && next.typhaAvailable !== undefined) entries.push(`calico-typha ${next.typhaAvailable ? 'available' : 'unavailable'}`);
    if ((next.sandboxFailures ?? 0) > (previous.sandboxFailures ?? 0)) entries.push(`${next.sandboxFailures ?? 0} pod(s) failed sandbox creation on ClusterInformation so far`);
    for (const [title, status] of next.statuses) {
      const before = previous.statuses.get(title);
      if (before !== undefined && before !== status) entries.push(`${title}: ${before} → ${status}`);
    }
  }
  return entries.map((message) => ({ atSeconds, message }));
}
