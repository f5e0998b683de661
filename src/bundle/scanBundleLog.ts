import { LogScanner, MAX_LINE_CHARS, type LogFinding } from '../core/logs/logScanner';
import type { SignatureSummary } from '../core/logs/logSummary';
import { BinarySniffer } from '../core/text/binaryContent';
import { FOLDER_LIMITS, type BundleFiles } from './bundleFiles';

export interface BundleLogScan {
  readonly file: string;
  readonly findings: readonly LogFinding[];
  readonly summary: readonly SignatureSummary[];
}

/** Findings kept per signature and file: enough to show where, while a log of millions of failure lines stays small. */
const FINDINGS_KEPT_PER_SIGNATURE = 10;

/** A copy that does not keep the piece of the log it was sliced from alive. */
function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/**
 * Scans one log of the bundle as a stream: at most FOLDER_LIMITS.maxLogBytes are read, a piece at a time, into the
 * log scanner (whose memory is bounded by a piece and one line window), so neither the log's size nor its number of
 * failure lines grows memory. A binary file is not scanned. What was cut is noted in the bundle's notes.
 */
export function scanBundleLog(files: BundleFiles, path: string, maxBytes: number = FOLDER_LIMITS.maxLogBytes): BundleLogScan {
  const file = path.slice(1);
  const kept: LogFinding[] = [];
  const perSignature = new Map<string, number>();
  const scanner = new LogScanner({
    onFinding: (finding) => {
      const count = perSignature.get(finding.signature.id) ?? 0;
      perSignature.set(finding.signature.id, count + 1);
      if (count >= FINDINGS_KEPT_PER_SIGNATURE) return;
      kept.push({
        ...finding,
        text: detached(finding.text),
        timestamp: finding.timestamp === undefined ? undefined : detached(finding.timestamp),
        ...(finding.knownIssue ? { knownIssue: { id: finding.knownIssue.id, because: detached(finding.knownIssue.because) } } : {}),
      });
    },
  });
  // The same test as any log: the first 64 Ki characters that are not NUL decide, and binary content is not scanned.
  const sniffer = new BinarySniffer();
  files.readPieces(path, maxBytes, (piece) => {
    if (sniffer.push(piece) === 'binary') return false;
    scanner.push(piece);
    return true;
  });
  if (sniffer.binary) return { file, findings: [], summary: [] };
  scanner.end();
  const overlong = scanner.scanStats.overlongLines;
  if (overlong > 0) files.note(path, `${overlong} line(s) longer than ${MAX_LINE_CHARS} characters scanned in windows`);
  return { file, findings: kept, summary: scanner.summary.entries() };
}
