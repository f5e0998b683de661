import { describePreconditions } from '../knowledge/preconditions';
import type { VersionReport } from '../versionLookup';
import { escapeMarkdown, knownIssueToMarkdown } from './knownIssueMarkdown';

function tableRow(label: string, value: string | undefined): string | undefined {
  return value === undefined ? undefined : `| ${label} | \`${value}\` |`;
}

/** The version answer as a Markdown page (shown in the editor's preview). */
export function versionReportToMarkdown(report: VersionReport): string {
  const lines: string[] = [`# ${escapeMarkdown(report.input)}`, ''];
  if (!report.inMatrix && report.knownIssues.length === 0) {
    lines.push('**Verdict: unknown** — this version is not in the matrix, so no verdict can be given.');
  } else if (report.knownIssues.length === 0) {
    lines.push(report.conditional.length > 0 ? '**Verdict: no known issue applies to the versions alone.**' : '**Verdict: no known issue applies.**');
  } else {
    const strongest = report.knownIssues[0];
    lines.push(`**Verdict: affected** (${strongest?.severity ?? 'warning'}) — ${escapeMarkdown(strongest?.because ?? '')}.`);
  }
  if (report.upgradeTo !== undefined) lines.push('', `**Upgrade to \`${report.upgradeTo}\`.**`);
  lines.push('', '| component | version |', '|---|---|');
  const rows = [
    tableRow('RKE2', report.rke2),
    tableRow('Calico', report.calico ?? 'unknown'),
    tableRow('rke2-calico chart', report.chart),
    tableRow('tigera-operator', report.operator),
    tableRow('rke2-calico-crd chart', report.crdChart),
    tableRow('containerd', report.containerd),
    tableRow('released', report.released),
  ];
  for (const line of rows) if (line) lines.push(line);
  if (report.kind !== 'rke2') {
    lines.push('', `Shipped by: ${report.rke2Releases.length > 0 ? report.rke2Releases.map((r) => `\`${r}\``).join(', ') : 'no RKE2 release in the matrix'}`);
    if (report.upgradeTargets.length > 0) lines.push('', `RKE2 releases that leave it: ${report.upgradeTargets.map((r) => `\`${r}\``).join(', ')}`);
  }
  for (const sentence of [...report.alternatives, ...report.notes]) lines.push('', `> ${escapeMarkdown(sentence)}`);
  for (const match of report.knownIssues) lines.push('', knownIssueToMarkdown(match.issue));
  if (report.conditional.length > 0) lines.push('', '## May apply', '', 'Only under a condition the version alone cannot tell.');
  for (const match of report.conditional) {
    lines.push('', `_Only if ${escapeMarkdown(describePreconditions(match.openPreconditions))}._`, '', knownIssueToMarkdown(match.issue));
  }
  for (const match of report.related) {
    lines.push('', `_Related, does not apply to RKE2's operator install:_ [${escapeMarkdown(match.issue.id)}](${match.issue.url}) — ${escapeMarkdown(match.because)}.`);
  }
  if (report.sources.length > 0) lines.push('', `_Source: ${escapeMarkdown(report.sources.join('; '))}_`);
  return lines.join('\n') + '\n';
}
