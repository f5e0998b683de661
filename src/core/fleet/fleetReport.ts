import { checkReportToText, terminalField, type CheckReportJson } from '../checks/checkReport';
import type { CheckStatus } from '../checks/checkResult';
import type { Verdict } from '../checks/verdict';
import type { FleetEntry } from './fleetOutcome';
import { clusterStatus, fleetExitCode, fleetStatus, worstFirst, worstKnownIssue, type FleetStatus, type WorstKnownIssue } from './fleetVerdict';

/** One cluster in `check --format json` over several clusters: a public contract, like CheckReportJson. */
export interface FleetClusterJson {
  name: string;
  source: 'context' | 'rancher' | 'in-cluster';
  rancherId?: string;
  distribution?: string;
  /** checked, unreachable, skipped or cancelled. */
  outcome: FleetEntry['outcome']['kind'];
  status: FleetStatus;
  /** Why the cluster was not checked (unreachable, skipped, cancelled). */
  reason?: string;
  rke2: string | null;
  calico: string | null;
  verdict?: Verdict;
  summary?: Record<CheckStatus, number>;
  worstKnownIssue?: WorstKnownIssue;
  /** The first root cause of the cluster's report: the one answer per cluster (absent when nothing fails or warns). */
  rootCause?: FleetRootCause;
  /** The cluster's full check report, as `check --format json` prints it for one cluster. */
  report?: CheckReportJson;
}

export interface FleetRootCause {
  /** Check id (or `log:<signature>`) of the cause. */
  check: string;
  title: string;
  summary: string;
  /** How many findings it explains. */
  explains: number;
  /** Titles of the causes the evidence cannot tell apart from it ("one of"). */
  alternatives: string[];
}

/** The first root cause of one report, with the titles of its alternatives. */
export function firstRootCause(report: CheckReportJson): FleetRootCause | undefined {
  const cause = report.rootCauses?.[0];
  if (cause === undefined) return undefined;
  const titleOf = new Map(report.checks.map((check) => [check.id, check.title]));
  return { check: cause.check, title: cause.title, summary: cause.summary, explains: cause.explains.length, alternatives: cause.alternatives.map((id) => titleOf.get(id) ?? id) };
}

/** A root cause in one table cell: its title, the alternatives it cannot be told from, and how much it explains. */
export function rootCauseCell(cause: FleetRootCause | undefined): string {
  if (cause === undefined) return '-';
  return `${[cause.title, ...cause.alternatives].join(' | ')}${cause.alternatives.length > 0 ? ' (one of)' : ''}${cause.explains > 0 ? ` (+${cause.explains} explained)` : ''}`;
}

export interface FleetReportJson {
  fleet: {
    /** Where the clusters came from: `kubeconfig …` or `rancher https://…`. */
    source: string;
    clusters: number;
    counts: Record<FleetStatus, number>;
    status: FleetStatus;
    exitCode: number;
  };
  clusters: FleetClusterJson[];
  generatedAt: string;
}

export function fleetClusterJson(entry: FleetEntry): FleetClusterJson {
  const { target, outcome } = entry;
  const base = {
    name: target.name,
    source: target.source,
    ...(target.rancherId !== undefined ? { rancherId: target.rancherId } : {}),
    ...(target.distribution !== undefined ? { distribution: target.distribution } : {}),
    outcome: outcome.kind,
    status: clusterStatus(outcome),
  };
  if (outcome.kind !== 'checked') return { ...base, reason: outcome.reason, rke2: null, calico: null };
  const report = outcome.report;
  const issue = worstKnownIssue(report);
  const cause = firstRootCause(report);
  return {
    ...base,
    rke2: report.cluster.rke2,
    calico: report.cluster.calico,
    ...(report.verdict ? { verdict: report.verdict } : {}),
    summary: report.summary,
    ...(issue ? { worstKnownIssue: issue } : {}),
    ...(cause ? { rootCause: cause } : {}),
    report,
  };
}

export function buildFleetReport(source: string, entries: readonly FleetEntry[], now: () => Date = () => new Date()): FleetReportJson {
  const counts: Record<FleetStatus, number> = { fail: 0, unreachable: 0, 'could-not-verify': 0, warn: 0, pass: 0, skipped: 0 };
  for (const entry of entries) counts[clusterStatus(entry.outcome)]++;
  return {
    fleet: { source, clusters: entries.length, counts, status: fleetStatus(entries), exitCode: fleetExitCode(entries) },
    clusters: worstFirst(entries).map(fleetClusterJson),
    generatedAt: now().toISOString(),
  };
}

const STATUS_WORDS: Record<FleetStatus, string> = { fail: 'FAIL', unreachable: 'UNREACHABLE', 'could-not-verify': 'COULD NOT VERIFY', warn: 'WARN', pass: 'READY', skipped: 'SKIPPED' };

function verdictCell(cluster: FleetClusterJson): string {
  if (cluster.outcome === 'skipped') return `SKIPPED (${cluster.distribution ?? 'not RKE2'})`;
  if (cluster.outcome === 'cancelled') return 'CANCELLED';
  return STATUS_WORDS[cluster.status];
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = (rows[0] ?? []).map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd());
}

/**
 * The fleet table for terminals (worst first): cluster, RKE2, Calico, verdict, pass/warn/fail/unknown, the worst
 * known issue and the first root cause; then why each cluster that was not checked was not; then, with `details`, every checked cluster's
 * full report. Every outside string goes through terminalField.
 */
export function fleetReportToText(report: FleetReportJson, options: { readonly details?: boolean } = {}): string {
  const field = terminalField;
  const rows = [['CLUSTER', 'RKE2', 'CALICO', 'VERDICT', 'PASS', 'WARN', 'FAIL', 'UNKNOWN', 'WORST KNOWN ISSUE', 'ROOT CAUSE']];
  for (const cluster of report.clusters) {
    const counts = cluster.summary;
    rows.push([
      field(cluster.name),
      field(cluster.rke2 ?? '-'),
      field(cluster.calico ?? '-'),
      verdictCell(cluster),
      ...(counts ? [counts.pass, counts.warn, counts.fail, counts.unknown].map(String) : ['-', '-', '-', '-']),
      cluster.worstKnownIssue ? `${field(cluster.worstKnownIssue.id)} (${cluster.worstKnownIssue.status})` : '-',
      field(rootCauseCell(cluster.rootCause)),
    ]);
  }
  const lines = [`Fleet: ${field(report.fleet.source)} — ${report.fleet.clusters} cluster(s)`, '', ...table(rows)];
  const notChecked = report.clusters.filter((cluster) => cluster.reason !== undefined);
  if (notChecked.length > 0) {
    lines.push('', 'Not checked');
    for (const cluster of notChecked) lines.push(`  ${field(cluster.name)}: ${cluster.outcome} — ${field(cluster.reason ?? '')}`);
  }
  const counts = report.fleet.counts;
  lines.push('', `${counts.fail} failing, ${counts.unreachable} unreachable, ${counts['could-not-verify']} could not verify, ${counts.warn} with warnings, ${counts.pass} ready, ${counts.skipped} skipped`);
  lines.push(`Fleet verdict: ${STATUS_WORDS[report.fleet.status]} (exit ${report.fleet.exitCode})`);
  if (options.details === true) {
    for (const cluster of report.clusters) {
      if (!cluster.report) continue;
      lines.push('', `━━ ${field(cluster.name)} ━━`, checkReportToText(cluster.report));
    }
  }
  return lines.join('\n');
}
