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
  /** The cluster's full check report, as `check --format json` prints it for one cluster. */
  report?: CheckReportJson;
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
  return {
    ...base,
    rke2: report.cluster.rke2,
    calico: report.cluster.calico,
    ...(report.verdict ? { verdict: report.verdict } : {}),
    summary: report.summary,
    ...(issue ? { worstKnownIssue: issue } : {}),
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
 * The fleet table for terminals (worst first): cluster, RKE2, Calico, verdict, pass/warn/fail/unknown and the worst
 * known issue; then why each cluster that was not checked was not; then, with `details`, every checked cluster's
 * full report. Every outside string goes through terminalField.
 */
export function fleetReportToText(report: FleetReportJson, options: { readonly details?: boolean } = {}): string {
  const field = terminalField;
  const rows = [['CLUSTER', 'RKE2', 'CALICO', 'VERDICT', 'PASS', 'WARN', 'FAIL', 'UNKNOWN', 'WORST KNOWN ISSUE']];
  for (const cluster of report.clusters) {
    const counts = cluster.summary;
    rows.push([
      field(cluster.name),
      field(cluster.rke2 ?? '-'),
      field(cluster.calico ?? '-'),
      verdictCell(cluster),
      ...(counts ? [counts.pass, counts.warn, counts.fail, counts.unknown].map(String) : ['-', '-', '-', '-']),
      cluster.worstKnownIssue ? `${field(cluster.worstKnownIssue.id)} (${cluster.worstKnownIssue.status})` : '-',
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
