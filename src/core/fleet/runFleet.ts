import type { ClusterOutcome } from './fleetOutcome';

export interface FleetRunOptions<T> {
  /** Clusters checked at once. */
  readonly parallel: number;
  /** A cluster still being checked after this long is given up (its reads are aborted) and reported unreachable. */
  readonly clusterTimeoutMs: number;
  /** Ctrl-C: clusters in flight are aborted, the rest are not started; both are reported as cancelled. */
  readonly signal?: AbortSignal;
  readonly check: (target: T, signal: AbortSignal) => Promise<ClusterOutcome>;
  /** Called as each cluster finishes, in completion order (progress output). */
  readonly onDone?: (index: number, outcome: ClusterOutcome) => void;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/**
 * One cluster under its own timeout and abort signal. Whatever the check does — throws, rejects, ignores its
 * signal and never settles — this settles once, so one cluster can neither stop the run nor hold its slot.
 */
function checkOne<T>(target: T, options: FleetRunOptions<T>): Promise<ClusterOutcome> {
  const cancelled: ClusterOutcome = { kind: 'cancelled', reason: 'cancelled before this cluster finished' };
  if (options.signal?.aborted) return Promise.resolve(cancelled);
  const controller = new AbortController();
  return new Promise<ClusterOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: ClusterOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      controller.abort();
      resolve(outcome);
    };
    const onAbort = (): void => {
      finish(cancelled);
    };
    const timer = setTimeout(() => {
      finish({ kind: 'unreachable', reason: `no complete answer within the per-cluster timeout of ${seconds(options.clusterTimeoutMs)}` });
    }, options.clusterTimeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let started: Promise<ClusterOutcome>;
    try {
      started = options.check(target, controller.signal);
    } catch (error) {
      started = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    started.then(finish, (error: unknown) => {
      finish({ kind: 'unreachable', reason: `the check stopped with an error: ${error instanceof Error ? error.message : String(error)}` });
    });
  });
}

/**
 * Checks every target with at most `parallel` at once. Results come back in the targets' order; each cluster is
 * isolated from the others (its own timeout, abort signal and error handling).
 */
export async function runFleet<T>(targets: readonly T[], options: FleetRunOptions<T>): Promise<ClusterOutcome[]> {
  const outcomes = new Array<ClusterOutcome>(targets.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const index = next++;
      const outcome = await checkOne(targets[index] as T, options);
      outcomes[index] = outcome;
      options.onDone?.(index, outcome);
    }
  };
  const width = Math.max(1, Math.min(Math.floor(options.parallel), targets.length));
  await Promise.all(Array.from({ length: width }, worker));
  return outcomes;
}
