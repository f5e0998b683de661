import type { CheckReportJson } from '../checks/checkReport';
import type { FileFindings } from '../findings/locatedFinding';
import type { SignatureSummary } from '../logs/logSummary';
import { findingsToJson, type FindingsJson } from './findingsJson';
import { findingsToSarif } from './findingsSarif';
import { provingLinks } from '../causes/provingLinks';
import { markdownCell } from './markdownText';
import { summaryToJson, type LogSummaryJson } from './logFindingsReport';
import { redactDeep } from './redactSecrets';

/** Everything the readiness report shows and exports: the `check` JSON plus the workspace's file and log findings. */
export interface ReadinessReport extends CheckReportJson {
  files: FindingsJson['findings'];
  logs: { file: string; summary: LogSummaryJson[] }[];
}

export function buildReadinessReport(checks: CheckReportJson, files: readonly FileFindings[], logs: readonly { file: string; summary: readonly SignatureSummary[] }[]): ReadinessReport {
  return redactDeep({
    ...checks,
    files: findingsToJson(files).findings,
    logs: logs.filter((entry) => entry.summary.length > 0).map((entry) => ({ file: entry.file, summary: summaryToJson(entry.summary) })),
  });
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
      ...(cause.explains.length > 0 ? [`  - explains: ${markdownCell(cause.explains.map((id) => titleOf.get(id) ?? id).join('; '))}`] : []),
      ...provingLinks(cause).map((link) => `  - evidence: ${markdownCell(link)}`),
      ...(cause.remediation ? [`  - what to do: ${markdownCell(cause.remediation)}`] : []),
    ]),
    '',
  ];
}

export function readinessReportToMarkdown(report: ReadinessReport): string {
  const cell = markdownCell;
  const lines = [
    '# Calico readiness report',
    '',
    `Cluster **${cell(report.cluster.context ?? 'unknown')}** (${cell(report.cluster.server ?? 'unknown')}) — RKE2 ${cell(report.cluster.rke2 ?? 'unknown')}, Calico ${cell(report.cluster.calico ?? 'unknown')}, containerd ${cell(report.cluster.containerd ?? 'unknown')}. Generated ${report.generatedAt}.`,
    '',
    `**${report.summary.pass} pass, ${report.summary.warn} warn, ${report.summary.fail} fail, ${report.summary.unknown} unknown, ${report.summary.skipped} skipped.**`,
    '',
    ...(report.verdict ? [`**Verdict: ${cell(report.verdict.label)}** — ${cell(report.verdict.reason)}`, ''] : []),
    ...rootCausesMarkdown(report),
    '| area | check | status | summary |',
    '|---|---|---|---|',
    ...report.checks.map((check) => `| ${cell(check.area)} | ${cell(check.title)} | ${MARK[check.status] ?? check.status} | ${cell(check.summary)} |`),
  ];
  for (const check of report.checks.filter((entry) => entry.status === 'fail' || entry.status === 'warn' || entry.status === 'unknown')) {
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
    lines.push('', '## File findings', '', '| file | line | severity | code | message |', '|---|---|---|---|---|');
    for (const finding of report.files) lines.push(`| ${cell(finding.file)} | ${finding.line}:${finding.column} | ${finding.severity} | ${finding.code} | ${cell(finding.message)} |`);
  }
  if (report.logs.length > 0) {
    lines.push('', '## Log findings', '');
    for (const log of report.logs) {
      lines.push(`- ${cell(log.file)}: ${log.summary.map((entry) => `${entry.code} ×${entry.count}`).join(', ')}`);
    }
  }
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
