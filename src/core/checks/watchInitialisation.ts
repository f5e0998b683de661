import { sleepWithSignal } from '../kube/sleepWithSignal';
import type { CheckResult } from './checkResult';
import { collectClusterEvidence, type ClusterEvidence, type EvidenceSource } from './clusterEvidence';
import { initState, transitions, type InitState, type TimelineEntry } from './initTimeline';
import { runClusterChecks } from './runClusterChecks';

export interface WatchSnapshot {
  readonly evidence: ClusterEvidence;
  readonly results: readonly CheckResult[];
  readonly timeline: readonly TimelineEntry[];
}

export interface WatchOptions {
  readonly durationSeconds: number;
  readonly intervalMs: number;
  readonly signal?: AbortSignal;
  /** Called after every poll with everything known so far. */
  readonly onPoll?: (snapshot: WatchSnapshot) => void;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Polls the cluster for `durationSeconds` (or until cancelled) and records a timeline of the transitions that tell
 * a Calico start-up: ClusterInformation appearing, calico-node and nodes becoming ready, checks changing status.
 * Only GETs; each poll is one evidence collection.
 */
export async function watchInitialisation(reader: EvidenceSource, options: WatchOptions): Promise<WatchSnapshot> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepWithSignal;
  const started = now();
  const timeline: TimelineEntry[] = [];
  let previous: InitState | undefined;
  let last: WatchSnapshot | undefined;
  for (;;) {
    const evidence = await collectClusterEvidence(reader, options.signal);
    const results = runClusterChecks(evidence);
    const state = initState(evidence, results);
    timeline.push(...transitions(previous, state, Math.round((now() - started) / 1000)));
    previous = state;
    last = { evidence, results, timeline: [...timeline] };
    options.onPoll?.(last);
    const elapsed = now() - started;
    if (options.signal?.aborted || elapsed >= options.durationSeconds * 1000) return last;
    await sleep(Math.min(options.intervalMs, options.durationSeconds * 1000 - elapsed), options.signal);
    if (options.signal?.aborted) return last;
  }
}
