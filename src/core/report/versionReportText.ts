import type { KnownIssueMatch } from '../knowledge/knownIssueVerdict';
import { describePreconditions } from '../knowledge/preconditions';
import type { VersionReport } from '../versionLookup';

const KIND_NAMES: Record<VersionReport['kind'], string> = {
  rke2: 'RKE2 release',
  calico: 'Calico release',
  chart: 'rke2-calico chart',
  operator: 'tigera-operator release',
};

function row(label: string, value: string): string {
  return `  ${label.padEnd(18)}${value}`;
}

function fixedInText(match: KnownIssueMatch): string {
  return match.issue.fixedIn.length > 0 ? `Fixed in: ${match.issue.fixedIn.join('; ')}.` : 'No released fix.';
}

function issueLines(match: KnownIssueMatch): string[] {
  return [
    `  ${match.severity.toUpperCase().padEnd(8)}${match.issue.id} — ${match.issue.title}`,
    `          ${match.because}. ${fixedInText(match)}`,
    `          ${match.issue.url}`,
  ];
}

/** Conditional issues in two lines each: they are possibilities, not verdicts. */
function conditionalLines(match: KnownIssueMatch): string[] {
  return [
    `  ${match.issue.id} — ${match.issue.title}`,
    `          only if ${describePreconditions(match.openPreconditions)}. ${fixedInText(match)}`,
  ];
}

/** The plain-text answer of `rke2-calico-diag versions` for people at a terminal. */
export function versionReportToText(report: VersionReport): string {
  const lines: string[] = [];
  const build = report.build === 'rc' ? ' (release candidate)' : '';
  lines.push(`${report.input} — ${KIND_NAMES[report.kind]}${build}`);
  if (report.rke2 !== undefined && report.kind === 'rke2') lines.push(row('RKE2', report.rke2 + (report.released ? `  released ${report.released}` : '')));
  lines.push(row('Calico', report.calico ?? 'unknown'));
  if (report.chart !== undefined) lines.push(row('rke2-calico chart', report.chart));
  if (report.operator !== undefined) lines.push(row('tigera-operator', report.operator));
  if (report.crdChart !== undefined) lines.push(row('rke2-calico-crd', report.crdChart));
  if (report.containerd !== undefined) lines.push(row('containerd', report.containerd));
  if (report.kind !== 'rke2') {
    lines.push(row('Shipped by', report.rke2Releases.length > 0 ? report.rke2Releases.join(', ') : 'no RKE2 release in the matrix'));
  }
  lines.push('');
  if (!report.inMatrix && report.knownIssues.length === 0) {
    lines.push('Verdict: unknown — not in the matrix.');
  } else if (report.knownIssues.length === 0) {
    lines.push(report.conditional.length > 0 ? 'Verdict: no known issue applies to the versions alone.' : 'Verdict: no known issue applies.');
  } else {
    lines.push('Verdict: affected.');
    for (const match of report.knownIssues) lines.push(...issueLines(match));
  }
  if (report.conditional.length > 0) {
    lines.push('May apply — only under a condition the version cannot tell:');
    for (const match of report.conditional) lines.push(...conditionalLines(match));
  }
  if (report.upgradeTo !== undefined) lines.push(`Upgrade to: ${report.upgradeTo}`);
  if (report.kind !== 'rke2' && report.upgradeTargets.length > 0) {
    lines.push(`RKE2 releases that leave it: ${report.upgradeTargets.join(', ')}`);
  }
  for (const match of report.related) {
    lines.push(`Related (does not apply to RKE2's operator install): ${match.issue.id} — ${match.issue.title}. ${match.because}.`);
  }
  for (const sentence of [...report.alternatives, ...report.notes]) lines.push(`Note: ${sentence}`);
  if (report.sources.length > 0) lines.push(`Source: ${report.sources.join('; ')}`);
  return lines.join('\n');
}
