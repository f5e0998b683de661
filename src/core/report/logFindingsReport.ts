import { findKnownIssue } from '../knowledge/knownIssueVerdict';
import type { LogFinding, LogScanStats } from '../logs/logScanner';
import type { SignatureSummary } from '../logs/logSummary';
import type { LogIssueEvidence } from '../logs/scanText';
import { stripControlCharacters } from '../text/terminalText';
import { findingJsonText } from './findingJsonText';

export type LogOutputFormat = 'text' | 'json' | 'jsonl';

/** One finding in `logs --format json|jsonl`: a public contract for scripts and CI (1-based lines). */
export interface LogFindingJson {
  line: number;
  code: string;
  severity: string;
  message: string;
  timestamp: string | null;
  knownIssue?: string;
  persistedSeconds?: number;
  /** A start-up line the log gives no time for: reported at info severity, it may be a normal start-up line. */
  possiblyTransient?: true;
  /** A start-up line without times that repeated this often (the repeats are the evidence it persists). */
  repeats?: number;
  text: string;
}

export interface LogSummaryJson {
  code: string;
  severity: string;
  count: number;
  first: string | null;
  last: string | null;
  firstLine: number;
  lastLine: number;
}

export interface LogKnownIssueJson {
  id: string;
  title: string;
  url: string;
  because: string;
  codes: string[];
}

export function findingToJson(finding: LogFinding): LogFindingJson {
  return {
    line: finding.line,
    code: finding.signature.id,
    severity: finding.signature.severity,
    message: `${finding.signature.title}: ${finding.signature.meaning}`,
    timestamp: finding.timestamp ?? null,
    ...(finding.knownIssue ? { knownIssue: finding.knownIssue.id } : {}),
    ...(finding.persistedSeconds !== undefined ? { persistedSeconds: finding.persistedSeconds } : {}),
    ...(finding.possiblyTransient ? { possiblyTransient: true as const } : {}),
    ...(finding.repeats !== undefined ? { repeats: finding.repeats } : {}),
    text: finding.text,
  };
}

export function summaryToJson(summary: readonly SignatureSummary[]): LogSummaryJson[] {
  return summary.map((entry) => ({
    code: entry.signature.id,
    severity: entry.signature.severity,
    count: entry.count,
    first: entry.first ?? null,
    last: entry.last ?? null,
    firstLine: entry.firstLine,
    lastLine: entry.lastLine,
  }));
}

export function knownIssuesToJson(issues: readonly LogIssueEvidence[]): LogKnownIssueJson[] {
  return issues.map((issue) => {
    const known = findKnownIssue(issue.id);
    return { id: issue.id, title: known?.title ?? issue.id, url: known?.url ?? '', because: issue.because, codes: [...issue.codes] };
  });
}

/** What the end of a scan adds after the findings. */
export interface LogScanEnd {
  readonly summary: readonly SignatureSummary[];
  readonly knownIssues: readonly LogIssueEvidence[];
  readonly stats: LogScanStats;
}

/** Writes findings as they come and the summary at the end; output is flushed in pieces of about 64 KiB (1 MiB as bytes). */
export interface LogReportWriter {
  finding(finding: LogFinding): void;
  end(end: LogScanEnd): void;
}

interface Buffered {
  add(text: string): void;
  flush(): void;
}

const FLUSH_AT = 64 * 1024;
const BYTE_BUFFER = 1 << 20;

class BufferedText implements Buffered {
  private pending: string[] = [];
  private size = 0;

  constructor(private readonly write: (chunk: string) => void) {}

  add(text: string): void {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.size === 0) return;
    this.write(this.pending.join(''));
    this.pending = [];
    this.size = 0;
  }
}

/**
 * Encodes each piece straight into a buffer as UTF-8. Joining pieces into one string and encoding that is several
 * times slower once a single character outside Latin-1 makes the joined string two bytes a character.
 */
class BufferedBytes implements Buffered {
  private buffer = Buffer.allocUnsafe(BYTE_BUFFER);
  private used = 0;

  constructor(private readonly write: (chunk: Uint8Array) => void) {}

  add(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    if (this.used + text.length * 3 > this.buffer.length) {
      this.flush();
      if (text.length * 3 > this.buffer.length) {
        this.write(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.buffer.write(text, this.used);
  }

  flush(): void {
    if (this.used === 0) return;
    const full = this.buffer.subarray(0, this.used);
    // A fresh buffer: the destination may still hold the full one (a pipe's write queue).
    this.buffer = Buffer.allocUnsafe(BYTE_BUFFER);
    this.used = 0;
    this.write(full);
  }
}

function minutes(seconds: number): string {
  return seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
}

function textWriter(source: string, out: Buffered): LogReportWriter {
  let count = 0;
  const name = stripControlCharacters(source);
  return {
    finding(finding) {
      count++;
      const persisted = finding.persistedSeconds !== undefined
        ? ` [persisting ${minutes(finding.persistedSeconds)}]`
        : finding.repeats !== undefined ? ` [repeated ${finding.repeats}×]` : finding.possiblyTransient ? ' [possibly start-up: no time on the line]' : '';
      const issue = finding.knownIssue ? ` (${finding.knownIssue.id})` : '';
      out.add(`${name}:${finding.line}: ${finding.signature.severity} ${finding.signature.id}: ${finding.signature.title}${persisted}${issue}\n`);
    },
    end({ summary, knownIssues, stats }) {
      if (summary.length > 0) out.add('\nSummary\n');
      for (const entry of summary) {
        const when = entry.first ? `, first ${stripControlCharacters(entry.first)}, last ${stripControlCharacters(entry.last ?? entry.first)}` : '';
        out.add(`  ${entry.signature.severity.toUpperCase().padEnd(8)}${entry.signature.id} ×${entry.count} (lines ${entry.firstLine}–${entry.lastLine}${when})\n`);
        out.add(`          ${entry.signature.meaning}\n`);
        out.add(`          → ${entry.signature.remediation}\n`);
      }
      if (knownIssues.length > 0) out.add('\nKnown issues\n');
      for (const issue of knownIssuesToJson(knownIssues)) out.add(`  ${issue.id} — ${issue.title}\n          because ${issue.because}\n          ${issue.url}\n`);
      const notes: string[] = [];
      if (stats.transientLinesQuiet > 0) notes.push(`${stats.transientLinesQuiet} start-up line(s) not reported: they are normal unless they persist for more than 5 minutes`);
      if (stats.overlongLines > 0) notes.push(`${stats.overlongLines} line(s) over 1 MiB scanned in windows`);
      if (stats.binaryLinesSkipped > 0) notes.push(`${stats.binaryLinesSkipped} binary line(s) skipped`);
      out.add(`${count} known failure line(s) in ${name} (${stats.lines} lines read).${notes.length > 0 ? ` ${notes.join('; ')}.` : ''}\n`);
      out.flush();
    },
  };
}

function jsonWriter(source: string, out: Buffered): LogReportWriter {
  let first = true;
  out.add(`{\n  "source": ${JSON.stringify(source)},\n  "findings": [`);
  return {
    finding(finding) {
      out.add(`${first ? '' : ','}\n    ${findingJsonText(finding)}`);
      first = false;
    },
    end({ summary, knownIssues, stats }) {
      out.add(`${first ? '' : '\n  '}],\n  "summary": ${JSON.stringify(summaryToJson(summary))},\n  "knownIssues": ${JSON.stringify(knownIssuesToJson(knownIssues))},\n  "stats": ${JSON.stringify(stats)}\n}\n`);
      out.flush();
    },
  };
}

function jsonLinesWriter(source: string, out: Buffered): LogReportWriter {
  const head = `{"type":"finding","source":${JSON.stringify(source)},`;
  return {
    finding(finding) {
      // `{"type":"finding","source":…,` then the finding's own keys, as JSON.stringify of the merged object writes it.
      out.add(`${head}${findingJsonText(finding).slice(1)}\n`);
    },
    end({ summary, knownIssues, stats }) {
      for (const entry of summaryToJson(summary)) out.add(`${JSON.stringify({ type: 'summary', source, ...entry })}\n`);
      for (const issue of knownIssuesToJson(knownIssues)) out.add(`${JSON.stringify({ type: 'knownIssue', source, ...issue })}\n`);
      out.add(`${JSON.stringify({ type: 'stats', source, ...stats })}\n`);
      out.flush();
    },
  };
}

/**
 * A writer for `logs`: text for people, one JSON document, or JSON Lines for pipelines. Each finding is written
 * when its line is read, so memory does not grow with the number of findings, and the JSON stays one valid document.
 * Text output strips terminal control characters from log text; JSON escapes them. `writeBytes`, when the destination
 * takes bytes (the process's stdout), receives the same output encoded as UTF-8, in larger pieces.
 */
export function logReportWriter(format: LogOutputFormat, source: string, write: (chunk: string) => void, writeBytes?: (chunk: Uint8Array) => void): LogReportWriter {
  const out = writeBytes ? new BufferedBytes(writeBytes) : new BufferedText(write);
  if (format === 'json') return jsonWriter(source, out);
  if (format === 'jsonl') return jsonLinesWriter(source, out);
  return textWriter(source, out);
}
