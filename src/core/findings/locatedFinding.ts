import { LineIndex } from '../text/lineIndex';
import type { Finding, TextSpan } from './finding';

/** 1-based line/column range, as terminals, JSON output and SARIF count. */
export interface OneBasedRange {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A finding with the file it belongs to and the line index to place it. */
export interface FileFindings {
  readonly file: string;
  readonly text: string;
  readonly findings: readonly Finding[];
}

export function oneBasedRange(index: LineIndex, span: TextSpan): OneBasedRange {
  const start = index.positionAt(span.start);
  const end = index.positionAt(span.end);
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/** Every finding of every file with its 1-based range; line indexes are built once per file. */
export function locateAll(files: readonly FileFindings[]): { file: FileFindings; finding: Finding; range: OneBasedRange; index: LineIndex }[] {
  return files.flatMap((file) => {
    if (file.findings.length === 0) return [];
    const index = new LineIndex(file.text);
    return file.findings.map((finding) => ({ file, finding, range: oneBasedRange(index, finding.span), index }));
  });
}
