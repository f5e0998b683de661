import { KNOWN_ISSUES } from '../knowledge/knownIssues';
import type { IssueSupport } from './logContext';
import { LogScanner, type LogFinding, type LogScanOptions, type LogScanStats } from './logScanner';
import type { SignatureSummary } from './logSummary';

/** A whole scan held in memory: for an editor document, a bundle's log or a test. */
export interface LogScanResult {
  readonly findings: readonly LogFinding[];
  readonly summary: readonly SignatureSummary[];
  /** Known issues the log is evidence of, with why. */
  readonly knownIssues: readonly LogIssueEvidence[];
  readonly stats: LogScanStats;
}

export interface LogIssueEvidence extends IssueSupport {
  /** The signatures of this log that are symptoms of the issue. */
  readonly codes: readonly string[];
}

/** At the end of a scan: every known issue whose symptoms the log shows and whose context supports naming it. */
export function knownIssuesOf(scanner: LogScanner): LogIssueEvidence[] {
  const seen = new Set(scanner.summary.entries().map((entry) => entry.signature.id));
  const evidence: LogIssueEvidence[] = [];
  for (const issue of KNOWN_ISSUES) {
    const codes = issue.logSignatures.filter((code) => seen.has(code));
    if (codes.length === 0) continue;
    const support = scanner.context.support(issue.id);
    if (support) evidence.push({ ...support, codes });
  }
  return evidence;
}

/**
 * Once the whole text has been read, every finding of an issue's symptoms names the issue when the whole log
 * supports it (a streaming reader can only name it from the line where the support appeared).
 */
function attribute(findings: readonly LogFinding[], issues: readonly LogIssueEvidence[]): LogFinding[] {
  if (issues.length === 0) return [...findings];
  return findings.map((finding) => {
    const issue = issues.find((candidate) => candidate.codes.includes(finding.signature.id));
    return issue ? { ...finding, knownIssue: { id: issue.id, because: issue.because } } : finding;
  });
}

function collect(options: LogScanOptions): { scanner: LogScanner; findings: LogFinding[] } {
  const findings: LogFinding[] = [];
  const scanner = new LogScanner({ ...options, onFinding: (finding) => findings.push(finding) });
  return { scanner, findings };
}

function result(scanner: LogScanner, findings: readonly LogFinding[]): LogScanResult {
  const knownIssues = knownIssuesOf(scanner);
  return { findings: attribute(findings, knownIssues), summary: scanner.summary.entries(), knownIssues, stats: scanner.scanStats };
}

/** Scans a text in one go. */
export function scanText(text: string, options: Omit<LogScanOptions, 'onFinding'> = {}): LogScanResult {
  const { scanner, findings } = collect(options);
  scanner.push(text);
  scanner.end();
  return result(scanner, findings);
}

/**
 * Scans a large text in slices of about `sliceChars`, awaiting `pause()` between them so an editor stays
 * responsive; undefined when `signal` is aborted first.
 */
export async function scanInSlices(text: string, pause: () => Promise<void>, signal?: AbortSignal, sliceChars = 1 << 20, options: Omit<LogScanOptions, 'onFinding'> = {}): Promise<LogScanResult | undefined> {
  const { scanner, findings } = collect(options);
  for (let start = 0; start < text.length; start += sliceChars) {
    if (signal?.aborted) return undefined;
    scanner.push(text.slice(start, start + sliceChars));
    await pause();
  }
  if (signal?.aborted) return undefined;
  scanner.end();
  return result(scanner, findings);
}
