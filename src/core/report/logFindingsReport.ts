import type { LogFinding, SignatureSummary } from '../logs/scanLog';

/** The `logs --format json` object: a public contract for scripts and CI (1-based lines). */
export interface LogFindingsJson {
  findings: { line: number; code: string; severity: string; message: string; knownIssue?: string; text: string }[];
  summary: { code: string; count: number; first: string | null; last: string | null }[];
}

export function logFindingsToJson(findings: readonly LogFinding[], summary: readonly SignatureSummary[]): LogFindingsJson {
  return {
    findings: findings.map((finding) => ({
      line: finding.line,
      code: finding.signature.id,
      severity: finding.signature.severity,
      message: `${finding.signature.title}: ${finding.signature.meaning}`,
      ...(finding.signature.knownIssue ? { knownIssue: finding.signature.knownIssue } : {}),
      text: finding.text,
    })),
    summary: summary.map((entry) => ({ code: entry.signature.id, count: entry.count, first: entry.first ?? null, last: entry.last ?? null })),
  };
}

export function logFindingsToText(source: string, findings: readonly LogFinding[], summary: readonly SignatureSummary[]): string {
  const lines = findings.map((finding) => `${source}:${finding.line}: ${finding.signature.severity} ${finding.signature.id}: ${finding.signature.title}${finding.signature.knownIssue ? ` (${finding.signature.knownIssue})` : ''}`);
  if (summary.length > 0) lines.push('', 'Summary');
  for (const entry of summary) {
    const when = entry.first ? `, first ${entry.first}, last ${entry.last ?? entry.first}` : '';
    lines.push(`  ${entry.signature.severity.toUpperCase().padEnd(8)}${entry.signature.id} ×${entry.count}${when}`);
    lines.push(`          ${entry.signature.meaning}`);
    lines.push(`          → ${entry.signature.remediation}`);
  }
  lines.push(`${findings.length} known failure line(s) in ${source}.`);
  return lines.join('\n');
}
