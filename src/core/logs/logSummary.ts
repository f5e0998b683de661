import type { LogSignature } from './logSignature';

/** Per signature: how often, first and last time (and line) seen. */
export interface SignatureSummary {
  readonly signature: LogSignature;
  readonly count: number;
  readonly first: string | undefined;
  readonly last: string | undefined;
  readonly firstLine: number;
  readonly lastLine: number;
  /** A line after the last occurrence that says the component recovered (a start-up signature's recovery line). */
  readonly recoveredLine?: number;
}

const RANK = { error: 0, warning: 1, info: 2 } as const;

/** Counts per signature; its size is bounded by the catalog, not by the log. */
export class LogSummary {
  private readonly bySignature = new Map<string, { -readonly [K in keyof SignatureSummary]: SignatureSummary[K] }>();

  add(signature: LogSignature, line: number, timestamp: string | undefined): void {
    // A signature's possibly-transient (info) lines are counted apart from its persisting ones.
    const key = `${signature.id}|${signature.severity}`;
    const entry = this.bySignature.get(key);
    if (!entry) {
      this.bySignature.set(key, { signature, count: 1, first: timestamp, last: timestamp, firstLine: line, lastLine: line });
      return;
    }
    entry.count++;
    if (timestamp !== undefined) entry.last = timestamp;
    entry.lastLine = line;
    delete entry.recoveredLine;
  }

  /** A recovery line of this signature: it ends every entry of the signature seen so far. */
  recover(signatureId: string, line: number): void {
    for (const entry of this.bySignature.values()) if (entry.signature.id === signatureId && entry.lastLine < line) entry.recoveredLine = line;
  }

  /** Replaces the kept timestamps with copies (see LogScanner: they must not pin the chunk they came from). */
  detach(copy: (text: string | undefined) => string | undefined): void {
    for (const entry of this.bySignature.values()) {
      entry.first = copy(entry.first);
      entry.last = copy(entry.last);
    }
  }

  /** Errors first, then warnings, then info; within a severity by first line. */
  entries(): SignatureSummary[] {
    return [...this.bySignature.values()].sort((a, b) => RANK[a.signature.severity] - RANK[b.signature.severity] || a.firstLine - b.firstLine);
  }
}

/** The summary of findings already in hand (an editor document, a bundle's few lines). */
export function summarizeFindings(findings: readonly { readonly signature: LogSignature; readonly line: number; readonly timestamp: string | undefined }[]): SignatureSummary[] {
  const summary = new LogSummary();
  for (const finding of findings) summary.add(finding.signature, finding.line, finding.timestamp);
  return summary.entries();
}
