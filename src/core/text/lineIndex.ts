/** A 0-based line and character (UTF-16 code unit) position, as editors count. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** Converts between offsets and line/character positions of one text, in O(log lines) per lookup. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: clamped - (this.lineStarts[low] ?? 0) };
  }

  offsetAt(position: Position): number {
    const start = this.lineStarts[Math.max(0, Math.min(position.line, this.lineStarts.length - 1))] ?? 0;
    return Math.min(start + position.character, this.text.length);
  }

  /** The text of a 0-based line without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    const next = this.lineStarts[line + 1];
    return this.text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, '');
  }
}
