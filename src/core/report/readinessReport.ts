import type { CheckReportJson } from '../checks/checkReport';
import type { FileFindings } from '../findings/locatedFinding';
import type { SignatureSummary } from '../logs/logSummary';
import type { PolicyMatricesJson } from '../policy/policyMatrixReport';
import { findingsToJson, type FindingsJson } from './findingsJson';
import { findingsToSarif } from './findingsSarif';
import { provingLinks } from '../causes/provingLinks';
import { explainedTitle } from '../causes/rootCauseReport';
import { markdownCell } from './markdownText';
import { summaryToJson, type LogSummaryJson } from './logFindingsReport';
import { redactDeep } from './redactSecrets';
import { reportRows } from './reportRows';

/** Everything the readiness report shows and exports: the `check` JSON plus the workspace's file and log findings. */
export interface ReadinessReport extends CheckReportJson {
  files: FindingsJson['findings'];
  logs: { file: string; summary: LogSummaryJson[] }[];
  /** Which namespaces can reach which under the open policy files (absent: no policy and pods open). */
  policyMatrices?: PolicyMatricesJson;
}

export function buildReadinessReport(checks: CheckReportJson, files: readonly FileFindings[], logs: readonly { file: string; summary: readonly SignatureSummary[] }[], policyMatrices?: PolicyMatricesJson): ReadinessReport {
  return redactDeep({
    ...checks,
    files: findingsToJson(files).findings,
    logs: logs.filter((entry) => entry.summary.length > 0).map((entry) => ({ file: entry.file, summary: summaryToJson(entry.summary) })),
    ...(policyMatrices ? { policyMatrices } : {}),
  });
}

const CELL_MARK: Readonly<Record<string, string>> = { allowed: '✓ allowed', denied: '✗ denied', partial: '~ some pods', 'no-pods': '·' };

/** One table per port: rows are sources, columns destinations. */
function policyMatricesMarkdown(report: ReadinessReport): string[] {
  const section = report.policyMatrices;
  if (!section) return [];
  const lines = ['', '## Namespace connectivity', '', `From ${markdownCell(section.basis)}; rows are sources, columns destinations.`];
  for (const matrix of section.matrices) {
    lines.push('', `### ${markdownCell(matrix.traffic)}`, '', `| from \\ to | ${matrix.namespaces.map(markdownCell).join(' | ')} |`, `|---|${matrix.namespaces.map(() => '---').join('|')}|`);
    matrix.namespaces.forEach((from, row) => lines.push(`| ${markdownCell(from)} | ${(matrix.cells[row] ?? []).map((cell) => CELL_MARK[cell] ?? cell).join(' | ')} |`));
  }
  return lines;
}

const MARK: Record<string, string> = { pass: '✅ pass', warn: '⚠️ warn', fail: '❌ fail', unknown: '❔ unknown', skipped: '⏭ skipped' };

/** The root causes first: each with what it explains, the node or log line that proves it, and the first step. */
function rootCausesMarkdown(report: ReadinessReport): string[] {
  const causes = report.rootCauses ?? [];
  if (causes.length === 0) return [];
  const titleOf = new Map(report.checks.map((check) => [check.id, check.title]));
  return [
    '## Root causes',
    '',
    ...causes.flatMap((cause) => [
      `- **${markdownCell([cause.title, ...cause.alternatives.map((id) => titleOf.get(id) ?? id)].join(' | '))}** — ${markdownCell(cause.summary)}`,
      ...(cause.explains.length > 0 ? [`  - explains: ${markdownCell(cause.explains.map((id) => explainedTitle(id, titleOf)).join('; '))}`] : []),
      ...provingLinks(cause).map((link) => `  - evidence: ${markdownCell(link)}`),
      ...(cause.remediation ? [`  - what to do: ${markdownCell(cause.remediation)}`] : []),
    ]),
    '',
  ];
}

/**
 * A workspace-relative file as a link the Markdown preview and GitHub open at the line, when the export sits next to
 * the workspace; an absolute or odd path stays text.
 */
function fileLink(file: string, line: number, column: number): string {
  const place = `${markdownCell(file)}:${line}:${column}`;
  // Absolute paths, drive letters and URIs (a pod log the editor fetched), "..", and characters a link would need escaped.
  if (file.startsWith('/') || file.includes(':') || file.split(/[\\/]/).includes('..') || /[()<>\s]/.test(file)) return place;
  return `[${place}](${encodeURI(file)}#L${line})`;
}

export function readinessReportToMarkdown(report: ReadinessReport): string {
  const cell = markdownCell;
  // Problems first, an unreachable cluster as one row, the status leading: the table reads like the report page.
  const rows = reportRows(report.checks);
  const lines = [
    '# Calico readiness report',
    '',
    `Cluster **${cell(report.cluster.context ?? 'unknown')}** (${cell(report.cluster.server ?? 'unknown')}) — RKE2 ${cell(report.cluster.rke2 ?? 'unknown')}, Calico ${cell(report.cluster.calico ?? 'unknown')}, containerd ${cell(report.cluster.containerd ?? 'unknown')}. Generated ${report.generatedAt}.`,
    '',
    `**${report.summary.pass} pass, ${report.summary.warn} warn, ${report.summary.fail} fail, ${report.summary.unknown} unknown, ${report.summary.skipped} skipped.**`,
    '',
    ...(report.verdict ? [`**Verdict: ${cell(report.verdict.label)}** — ${cell(report.verdict.reason)}`, ''] : []),
    ...rootCausesMarkdown(report),
    '| status | check | summary | area |',
    '|---|---|---|---|',
    ...rows.map((check) => `| ${MARK[check.status] ?? check.status} | ${cell(check.title)} | ${cell(check.summary)} | ${cell(check.area)} |`),
  ];
  for (const check of rows.filter((entry) => entry.status === 'fail' || entry.status === 'warn' || entry.status === 'unknown')) {
    lines.push('', `## ${cell(check.title)} — ${check.status}`, '', cell(check.summary), '');
    for (const line of check.evidence) lines.push(`- ${cell(line)}`);
    if (check.remediation) lines.push('', `**What to do:** ${cell(check.remediation)}`);
    if (check.knownIssue) lines.push('', `Known issue: [${check.knownIssue.id}](${check.knownIssue.url})`);
  }
  if (report.timeline && report.timeline.length > 0) {
    lines.push('', '## Initialisation timeline', '');
    for (const entry of report.timeline) lines.push(`- +${entry.atSeconds} s — ${cell(entry.message)}`);
  }
  if (report.files.length > 0) {
    lines.push('', '## File findings', '', '| file | severity | code | message |', '|---|---|---|---|');
    for (const finding of report.files) lines.push(`| ${fileLink(finding.file, finding.line, finding.column)} | ${finding.severity} | ${finding.code} | ${cell(finding.message)} |`);
  }
  if (report.logs.length > 0) {
    lines.push('', '## Log findings', '');
    for (const log of report.logs) {
      lines.push(`- ${cell(log.file)}: ${log.summary.map((entry) => `${entry.code} ×${entry.count} (${fileLink(log.file, entry.firstLine, 1)})`).join(', ')}`);
    }
  }
  lines.push(...policyMatricesMarkdown(report));
  return lines.join('\n') + '\n';
}

const LEVEL: Record<string, 'error' | 'warning' | 'note' | 'none'> = { fail: 'error', warn: 'warning', unknown: 'note', pass: 'none', skipped: 'none' };

/** SARIF 2.1.0: the file findings with their locations, plus one result per failing/warning/unknown check. */
export function readinessReportToSarif(report: ReadinessReport, files: readonly FileFindings[], toolVersion: string): object {
  const sarif = findingsToSarif(files, toolVersion) as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } }; results: object[] }[] };
  const run = sarif.runs[0];
  if (!run) return sarif;
  for (const check of report.checks) {
    if (LEVEL[check.status] === 'none') continue;
    run.tool.driver.rules.push({ id: check.id, shortDescription: { text: check.title } });
    run.results.push({
      ruleId: check.id,
      level: LEVEL[check.status],
      message: { text: `${check.summary}${check.remediation ? ` — ${check.remediation}` : ''}` },
      properties: { area: check.area, evidence: check.evidence, ...(check.knownIssue ? { knownIssue: check.knownIssue.id } : {}) },
    });
  }
  return redactDeep(sarif);
}
