import type { Scalar } from 'yaml';

/**
 * Maps offsets in a scalar's decoded value back to offsets in the file, so problems found by parsing a string
 * (a HelmChartConfig's `valuesContent`) are reported where the user sees them. Literal and folded block scalars
 * of any indentation map exactly: decoded characters are aligned with the source, skipping the block indentation
 * that YAML strips and the line breaks it folds. Where the alignment cannot follow (escape sequences in a
 * double-quoted scalar) the offset falls back to the scalar's start.
 */
export class ScalarSourceMap {
  private readonly sourceOffsets: Int32Array;

  constructor(
    private readonly fileText: string,
    private readonly scalar: Scalar,
    readonly value: string,
  ) {
    this.sourceOffsets = this.align();
  }

  /** The file offset of a decoded-value offset. */
  toFileOffset(valueOffset: number): number {
    const index = Math.max(0, Math.min(valueOffset, this.value.length));
    return this.sourceOffsets[index] ?? this.scalarStart();
  }

  private scalarStart(): number {
    return this.scalar.range?.[0] ?? 0;
  }

  private align(): Int32Array {
    const offsets = new Int32Array(this.value.length + 1);
    const [start, end] = this.scalar.range ?? [0, 0];
    const text = this.fileText;
    // Content starts after the block header line, or after the opening quote.
    let cursor = start;
    const isBlock = this.scalar.type === 'BLOCK_LITERAL' || this.scalar.type === 'BLOCK_FOLDED';
    if (isBlock) {
      const headerEnd = text.indexOf('\n', start);
      cursor = headerEnd === -1 ? end : headerEnd + 1;
    } else if (this.scalar.type === 'QUOTE_DOUBLE' || this.scalar.type === 'QUOTE_SINGLE') {
      cursor = start + 1;
    }
    const indent = isBlock ? blockIndent(text, cursor, end) : 0;
    if (isBlock) cursor = skipIndent(text, cursor, indent);
    let aligned = true;
    for (let index = 0; index < this.value.length; index++) {
      const character = this.value[index];
      if (!aligned || cursor >= end) {
        offsets[index] = aligned ? Math.min(cursor, end) : start;
        aligned = false;
        continue;
      }
      if (character !== '\n' && character !== ' ') {
        // Folding drops the line breaks of blank lines: step over them before matching content.
        while ((text[cursor] === '\n' || text[cursor] === '\r') && cursor < end) cursor = skipIndent(text, cursor + 1, indent);
      }
      if (text[cursor] === character && character !== '\n') {
        offsets[index] = cursor++;
        continue;
      }
      if ((character === '\n' || character === ' ') && (text[cursor] === '\n' || text[cursor] === '\r')) {
        // A line break in the source: kept (literal) or folded to a space; then skip the next line's indentation.
        offsets[index] = cursor;
        if (text[cursor] === '\r') cursor++;
        cursor = skipIndent(text, cursor + 1, indent);
        continue;
      }
      if (character === '\n' && text[cursor] !== '\n') {
        // Folded blocks may emit an extra newline for a blank source line that was already consumed.
        offsets[index] = cursor;
        continue;
      }
      aligned = false;
      offsets[index] = start;
    }
    offsets[this.value.length] = aligned ? Math.min(cursor, end) : start;
    return offsets;
  }
}

/** The indentation of a block scalar: that of its first non-empty content line. */
function blockIndent(text: string, contentStart: number, end: number): number {
  let lineStart = contentStart;
  while (lineStart < end) {
    let column = 0;
    while (text[lineStart + column] === ' ') column++;
    const next = text[lineStart + column];
    if (next !== '\n' && next !== '\r' && next !== undefined) return column;
    const lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) break;
    lineStart = lineEnd + 1;
  }
  return 0;
}

function skipIndent(text: string, offset: number, indent: number): number {
  let cursor = offset;
  for (let column = 0; column < indent && text[cursor] === ' '; column++) cursor++;
  return cursor;
}
