import { summarize, type CheckResult, type CheckStatus } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';
import { clusterIdentity } from './identityChecks';
import type { TimelineEntry } from './initTimeline';

/** The `check --format json` object (and the report webview's data): a public contract. */
export interface CheckReportJson {
  cluster: { rke2: string | null; calico: string | null; containerd: string | null; context: string | null; server: string | null };
  checks: {
    id: string;
    area: string;
    title: string;
    status: CheckStatus;
    summary: string;
    evidence: string[];
    remediation?: string;
    knownIssue?: { id: string; url: string };
  }[];
  summary: Record<CheckStatus, number>;
  timeline?: TimelineEntry[];
  generatedAt: string;
}

export function buildCheckReport(
  results: readonly CheckResult[],
  evidence: ClusterEvidence | undefined,
  target: { context: string; server: string } | undefined,
  timeline?: readonly TimelineEntry[],
): CheckReportJson {
  const identity = evidence ? clusterIdentity(evidence) : undefined;
  return {
    cluster: {
      rke2: identity?.rke2.join(', ') || null,
      calico: identity?.calico ?? null,
      containerd: identity?.containerd.join(', ') || null,
      context: target?.context ?? null,
      server: target?.server ?? null,
    },
    checks: results.map((entry) => ({
      id: entry.id,
      area: entry.area,
      title: entry.title,
      status: entry.status,
      summary: entry.summary,
      evidence: [...entry.evidence],
      ...(entry.remediation !== undefined ? { remediation: entry.remediation } : {}),
      ...(entry.knownIssue !== undefined ? { knownIssue: entry.knownIssue } : {}),
    })),
    summary: summarize(results),
    ...(timeline && timeline.length > 0 ? { timeline: [...timeline] } : {}),
    generatedAt: evidence?.collectedAt ?? new Date().toISOString(),
  };
}

const MARKS: Record<CheckStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', unknown: 'UNKNOWN', skipped: 'SKIP' };

/** Plain text for terminals: one line per check, evidence and the fix indented under problems. */
export function checkReportToText(report: CheckReportJson): string {
  const lines = [
    `Cluster: ${report.cluster.context ?? '?'} (${report.cluster.server ?? '?'})`,
    `RKE2 ${report.cluster.rke2 ?? 'unknown'} · Calico ${report.cluster.calico ?? 'unknown'} · containerd ${report.cluster.containerd ?? 'unknown'}`,
    '',
  ];
  let area = '';
  for (const check of report.checks) {
    if (check.area !== area) {
      area = check.area;
      lines.push(area);
    }
    lines.push(`  ${MARKS[check.status].padEnd(8)}${check.title}: ${check.summary}`);
    if (check.status === 'fail' || check.status === 'warn' || check.status === 'unknown') {
      for (const line of check.evidence.slice(0, 8)) lines.push(`          · ${line}`);
      if (check.remediation) lines.push(`          → ${check.remediation}`);
      if (check.knownIssue) lines.push(`          ${check.knownIssue.id}: ${check.knownIssue.url}`);
    }
  }
  if (report.timeline && report.timeline.length > 0) {
    lines.push('', 'Initialisation timeline');
    for (const entry of report.timeline) lines.push(`  +${String(entry.atSeconds).padStart(4)} s  ${entry.message}`);
  }
  const counts = report.summary;
  lines.push('', `${counts.pass} pass, ${counts.warn} warn, ${counts.fail} fail, ${counts.unknown} unknown, ${counts.skipped} skipped`);
  return lines.join('\n');
}
