import { provingLinks } from '../causes/provingLinks';
import { explainedTitle, rootCausesOfChecks, type RootCauseJson } from '../causes/rootCauseReport';
import type { NodeLogScan } from '../causes/logFindings';
import { stripControlCharacters } from '../text/terminalText';
import { summarize, type CheckResult, type CheckStatus } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';
import { clusterIdentity } from './identityChecks';
import type { TimelineEntry } from './initTimeline';
import { overallVerdict, type Verdict } from './verdict';

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
  /** Findings nothing else explains, most explaining first, with the checks they explain (empty when all is well). */
  rootCauses?: RootCauseJson[];
  /** The overall answer (`check` and the editor; see verdict.ts): pass, warn, fail or could-not-verify. */
  verdict?: Verdict;
  timeline?: TimelineEntry[];
  generatedAt: string;
}

export function buildCheckReport(
  results: readonly CheckResult[],
  evidence: ClusterEvidence | undefined,
  target: { context: string; server: string } | undefined,
  timeline?: readonly TimelineEntry[],
  options: { readonly verdict?: boolean; readonly nodeLogs?: readonly NodeLogScan[]; readonly bundleNode?: string } = {},
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
    rootCauses: rootCausesOfChecks(results, { ...(evidence ? { podLogs: evidence.podLogs } : {}), ...(options.nodeLogs ? { nodeLogs: options.nodeLogs } : {}), ...(options.bundleNode !== undefined ? { bundleNode: options.bundleNode } : {}) }),
    ...(options.verdict === true ? { verdict: overallVerdict(results) } : {}),
    ...(timeline && timeline.length > 0 ? { timeline: [...timeline] } : {}),
    generatedAt: evidence?.collectedAt ?? new Date().toISOString(),
  };
}

const MARKS: Record<CheckStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', unknown: 'UNKNOWN', skipped: 'SKIP' };

/**
 * One field of cluster, kubeconfig or bundle text as a terminal may show it: C0/C1 control characters (an OSC 52
 * clipboard write, a title change, `ESC[2J`) become U+FFFD, and a line break inside a field cannot forge a line.
 */
export function terminalField(text: string): string {
  return stripControlCharacters(text.replace(/\r?\n/g, ' ⏎ '));
}

/** The verdict line of the text output. */
export function verdictLine(verdict: Verdict): string {
  return `Verdict: ${verdict.label} — ${terminalField(verdict.reason)}`;
}

/**
 * Plain text for terminals: one line per check, evidence and the fix indented under problems. Every string from the
 * cluster, the kubeconfig or a bundle goes through terminalField; JSON output is escaped by JSON.stringify instead.
 */
export function checkReportToText(report: CheckReportJson): string {
  const field = terminalField;
  const lines = [
    `Cluster: ${field(report.cluster.context ?? '?')} (${field(report.cluster.server ?? '?')})`,
    `RKE2 ${field(report.cluster.rke2 ?? 'unknown')} · Calico ${field(report.cluster.calico ?? 'unknown')} · containerd ${field(report.cluster.containerd ?? 'unknown')}`,
  ];
  // The answer first: the verdict, then each root cause with what it explains and the first step.
  if (report.verdict) lines.push(verdictLine(report.verdict));
  const titleOf = new Map(report.checks.map((check) => [check.id, check.title]));
  const explainedBy = new Map<string, string>();
  for (const cause of report.rootCauses ?? []) {
    const alternatives = cause.alternatives.map((id) => titleOf.get(id) ?? id);
    lines.push(`${alternatives.length > 0 ? 'Root cause, one of' : 'Root cause'}: ${field([cause.title, ...alternatives].join(' | '))} — ${field(cause.summary)}`);
    if (cause.explains.length > 0) lines.push(`  explains: ${field(cause.explains.map((id) => explainedTitle(id, titleOf)).join('; '))}`);
    for (const link of provingLinks(cause)) lines.push(`  evidence: ${field(link)}`);
    if (cause.remediation) lines.push(`  → ${field(cause.remediation)}`);
    for (const id of cause.explains) if (!explainedBy.has(id)) explainedBy.set(id, cause.title);
  }
  lines.push('');
  let area = '';
  for (const check of report.checks) {
    if (check.area !== area) {
      area = check.area;
      lines.push(field(area));
    }
    const cause = explainedBy.get(check.id);
    lines.push(`  ${MARKS[check.status].padEnd(8)}${field(check.title)}: ${field(check.summary)}${cause ? ` (follows from: ${field(cause)})` : ''}`);
    // A symptom folds under its cause: one line of its evidence; the rest stays in --format json and the editor.
    if (cause !== undefined) {
      const first = check.evidence[0];
      if (first !== undefined) lines.push(`          · ${field(first)}${check.evidence.length > 1 ? ` (+${check.evidence.length - 1} more)` : ''}`);
    } else if (check.status === 'fail' || check.status === 'warn' || check.status === 'unknown') {
      for (const line of check.evidence.slice(0, 8)) lines.push(`          · ${field(line)}`);
      if (check.remediation) lines.push(`          → ${field(check.remediation)}`);
      if (check.knownIssue) lines.push(`          ${field(check.knownIssue.id)}: ${field(check.knownIssue.url)}`);
    }
  }
  if (report.timeline && report.timeline.length > 0) {
    lines.push('', 'Initialisation timeline');
    for (const entry of report.timeline) lines.push(`  +${String(entry.atSeconds).padStart(4)} s  ${field(entry.message)}`);
  }
  const counts = report.summary;
  lines.push('', `${counts.pass} pass, ${counts.warn} warn, ${counts.fail} fail, ${counts.unknown} unknown, ${counts.skipped} skipped`);
  if (report.verdict) lines.push(verdictLine(report.verdict));
  return lines.join('\n');
}
