import { markdownCell } from '../report/markdownText';
import { rootCauseCell, type FleetReportJson } from './fleetReport';
import type { FleetStatus } from './fleetVerdict';
import { problemsFirst } from '../report/reportRows';

const MARK: Record<FleetStatus, string> = { fail: '❌ fail', unreachable: '⛔ unreachable', 'could-not-verify': '❔ could not verify', warn: '⚠️ warn', pass: '✅ ready', skipped: '⏭ skipped' };

/** The fleet page as Markdown (export and copy): the table, why clusters were not checked, and each cluster's problems. */
export function fleetReportToMarkdown(report: FleetReportJson): string {
  const cell = markdownCell;
  const counts = report.fleet.counts;
  const lines = [
    '# Calico fleet report',
    '',
    `${cell(report.fleet.source)} — ${report.fleet.clusters} cluster(s). Generated ${report.generatedAt}.`,
    '',
    `**${counts.fail} failing, ${counts.unreachable} unreachable, ${counts['could-not-verify']} could not verify, ${counts.warn} with warnings, ${counts.pass} ready, ${counts.skipped} skipped.** Exit code of the same CLI run: ${report.fleet.exitCode}.`,
    '',
    '| cluster | RKE2 | Calico | verdict | pass | warn | fail | unknown | worst known issue | root cause |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...report.clusters.map((cluster) => {
      const summary = cluster.summary;
      const issue = cluster.worstKnownIssue ? `[${cell(cluster.worstKnownIssue.id)}](${cluster.worstKnownIssue.url}) (${cluster.worstKnownIssue.status})` : '';
      return `| ${cell(cluster.name)} | ${cell(cluster.rke2 ?? '')} | ${cell(cluster.calico ?? '')} | ${MARK[cluster.status]}${cluster.reason ? `: ${cell(cluster.reason)}` : ''} | ${summary?.pass ?? ''} | ${summary?.warn ?? ''} | ${summary?.fail ?? ''} | ${summary?.unknown ?? ''} | ${issue} | ${cluster.rootCause ? cell(rootCauseCell(cluster.rootCause)) : ''} |`;
    }),
  ];
  for (const cluster of report.clusters) {
    // fail, then warn, then unknown, as the readiness report orders them.
    const problems = problemsFirst(cluster.report?.checks.filter((check) => check.status === 'fail' || check.status === 'warn' || check.status === 'unknown') ?? []);
    if (problems.length === 0) continue;
    lines.push('', `## ${cell(cluster.name)}`, '');
    if (cluster.rootCause) lines.push(`**Root cause:** ${cell(rootCauseCell(cluster.rootCause))} — ${cell(cluster.rootCause.summary)}`, '');
    for (const check of problems) {
      lines.push(`- **${check.status}** ${cell(check.title)}: ${cell(check.summary)}${check.remediation ? ` — ${cell(check.remediation)}` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
