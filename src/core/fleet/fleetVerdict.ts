import type { CheckReportJson } from '../checks/checkReport';
import type { CheckStatus } from '../checks/checkResult';
import type { ClusterOutcome, FleetEntry } from './fleetOutcome';

/**
 * The state of one cluster in the fleet table, and of the whole fleet (the worst of its clusters). Worst first:
 * - `fail`: a check fails (exit 1);
 * - `unreachable`: the cluster could not be read at all, or the run was cancelled (exit 2);
 * - `could-not-verify`: nothing fails, but too much is unknown to call it ready (exit 3);
 * - `warn`, `pass`: exit 0; `skipped` (not RKE2) never changes the exit code.
 * An unreachable cluster ranks above one that could not be verified: nothing at all is known about it.
 */
export type FleetStatus = 'fail' | 'unreachable' | 'could-not-verify' | 'warn' | 'pass' | 'skipped';

export const FLEET_STATUS_ORDER: readonly FleetStatus[] = ['fail', 'unreachable', 'could-not-verify', 'warn', 'pass', 'skipped'];

const EXIT_CODES: Record<FleetStatus, number> = { fail: 1, unreachable: 2, 'could-not-verify': 3, warn: 0, pass: 0, skipped: 0 };

export function clusterStatus(outcome: ClusterOutcome): FleetStatus {
  switch (outcome.kind) {
    case 'checked':
      return outcome.report.verdict?.status ?? 'could-not-verify';
    case 'skipped':
      return 'skipped';
    default:
      return 'unreachable';
  }
}

/** The worst status of the fleet: skipped clusters count only when every cluster was skipped. */
export function fleetStatus(entries: readonly Pick<FleetEntry, 'outcome'>[]): FleetStatus {
  let worst: FleetStatus = 'skipped';
  for (const entry of entries) {
    const status = clusterStatus(entry.outcome);
    if (FLEET_STATUS_ORDER.indexOf(status) < FLEET_STATUS_ORDER.indexOf(worst)) worst = status;
  }
  return worst;
}

/** `check` over several clusters exits with the worst of them: 1 > 2 > 3 > 0. */
export function fleetExitCode(entries: readonly Pick<FleetEntry, 'outcome'>[]): number {
  return EXIT_CODES[fleetStatus(entries)];
}

export interface WorstKnownIssue {
  readonly id: string;
  readonly url: string;
  readonly status: CheckStatus;
}

const ISSUE_RANK: Partial<Record<CheckStatus, number>> = { fail: 3, warn: 2, unknown: 1 };

/** The known issue named by the worst check that names one (a failing #7808 before a warning about another). */
export function worstKnownIssue(report: CheckReportJson): WorstKnownIssue | undefined {
  let worst: WorstKnownIssue | undefined;
  for (const check of report.checks) {
    const rank = ISSUE_RANK[check.status];
    if (!check.knownIssue || rank === undefined) continue;
    if (!worst || rank > (ISSUE_RANK[worst.status] ?? 0)) worst = { id: check.knownIssue.id, url: check.knownIssue.url, status: check.status };
  }
  return worst;
}

/** Entries worst first; clusters of the same status keep the order their source listed them in. */
export function worstFirst<T extends Pick<FleetEntry, 'outcome'>>(entries: readonly T[]): T[] {
  return entries.map((entry, index) => ({ entry, index, rank: FLEET_STATUS_ORDER.indexOf(clusterStatus(entry.outcome)) })).sort((a, b) => a.rank - b.rank || a.index - b.index).map(({ entry }) => entry);
}
