import { scanText, type LogFinding, type SignatureMatcher } from './scanLog';

/** Counts line breaks with indexOf, which runs at memory speed. */
export function countLineBreaks(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

/**
 * Scans text arriving in pieces (a file stream, stdin, a growing followed log) with correct global line numbers and
 * offsets: each piece is cut at its last line break and the rest carried into the next one.
 */
export class IncrementalScanner {
  private carry = '';
  private lines = 0;
  private offset = 0;
  readonly findings: LogFinding[] = [];

  constructor(private readonly matcher?: SignatureMatcher) {}

  push(piece: string): LogFinding[] {
    const text = this.carry + piece;
    const cut = text.lastIndexOf('\n') + 1;
    this.carry = text.slice(cut);
    return this.scan(text.slice(0, cut));
  }

  /** Scans what is left after the last line break (the final line without one). */
  end(): LogFinding[] {
    const rest = this.carry;
    this.carry = '';
    return this.scan(rest);
  }

  private scan(complete: string): LogFinding[] {
    if (complete === '') return [];
    const found = scanText(complete, this.matcher, this.lines, this.offset);
    this.lines += countLineBreaks(complete);
    this.offset += complete.length;
    this.findings.push(...found);
    return found;
  }
}

/**
 * Scans a large text in slices of about `sliceChars`, awaiting `pause()` between them so an editor stays
 * responsive; stops early when `signal` is aborted.
 */
export async function scanInSlices(text: string, pause: () => Promise<void>, signal?: AbortSignal, sliceChars = 1 << 20, matcher?: SignatureMatcher): Promise<LogFinding[]> {
  const scanner = new IncrementalScanner(matcher);
  for (let start = 0; start < text.length; start += sliceChars) {
    if (signal?.aborted) break;
    scanner.push(text.slice(start, start + sliceChars));
    await pause();
  }
  scanner.end();
  return scanner.findings;
}
