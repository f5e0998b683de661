import type { Finding, TextSpan } from '../../findings/finding';
import { parseYaml } from '../../yaml/parseYaml';
import { DIRECTIVE } from '../../yaml/templateMask';
import { isRke2ConfigPath } from '../fileKinds';
import type { LintContext } from '../lintContext';
import { lintRke2ConfigDocument } from '../rke2Config/lintRke2Config';

/** `content: |` (a literal block; folded `>` text is not the file's bytes), with optional indicators and a comment. */
const LITERAL_CONTENT = /^([ \t]*)(-[ \t]+)?content[ \t]*:[ \t]*\|([1-9]?)[+-]?([1-9]?)[ \t]*(?:#.*)?\r?$/;
/** The target of a cloud-init write_files entry (`path`) or of an Ansible copy (`dest`). */
const TARGET = /^(?:path|dest)[ \t]*:[ \t]*(["']?)([^"'#\s]+)\1[ \t]*(?:#.*)?\r?$/;
/** A `key:` line, after its indentation and any `- ` of a list item. */
const KEY_LINE = /^([ \t]*)(-[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*:/;

interface Line {
  readonly start: number;
  readonly text: string;
}

/** A masked template statement alone on its line, or a line with nothing on it: neither ends a block. */
function isFiller(text: string): boolean {
  return /^[ \t]*\r?$/.test(text) || new RegExp(`^[ \\t]*#${DIRECTIVE}`).test(text);
}

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

/** The column of a line's key and whether the line opens a list item (`- key:`). */
function keyColumn(text: string): { column: number; item: boolean; key: string } | undefined {
  const match = KEY_LINE.exec(text);
  if (!match) return undefined;
  return { column: (match[1] ?? '').length + (match[2] ?? '').length, item: match[2] !== undefined, key: match[3] ?? '' };
}

/** The `path:`/`dest:` value among the keys of the mapping that holds the `content:` at line `at`. */
function siblingTarget(lines: readonly Line[], at: number, column: number, opensItem: boolean): string | undefined {
  const target = (text: string): string | undefined => TARGET.exec(text.slice(column))?.[2];
  let found: string | undefined;
  if (!opensItem) {
    for (let index = at - 1; index >= 0 && found === undefined; index--) {
      const text = lines[index]?.text ?? '';
      if (isFiller(text) || /^[ \t]*#/.test(text)) continue;
      const key = keyColumn(text);
      const indent = indentOf(text);
      if (indent < column && !(key?.item === true && key.column === column)) break;
      if (key?.column === column) {
        found = target(text);
        if (key.item) break;
      }
    }
  }
  for (let index = at + 1; index < lines.length && found === undefined; index++) {
    const text = lines[index]?.text ?? '';
    if (isFiller(text) || /^[ \t]*#/.test(text)) continue;
    const key = keyColumn(text);
    if (indentOf(text) < column || key?.item === true) break;
    if (key?.column === column) found = target(text);
  }
  return found;
}

/** One literal block written to an RKE2 config path: its lines' starts in the file and in the extracted text. */
export interface WrittenConfigBlock {
  readonly path: string;
  readonly text: string;
  /** For each line of `text`: where it starts in `text` and in the file. */
  readonly lineStarts: readonly { readonly inner: number; readonly outer: number }[];
}

/**
 * Finds, by reading lines rather than parsing (the template around them need not be YAML), the literal blocks
 * (`content: |`) that a cloud-init `write_files` entry or an Ansible `copy` writes to an RKE2 config path
 * (`/etc/rancher/rke2/config.yaml`, `config.yaml.d/*.yaml`). A masked template statement inside the block is kept as
 * a comment line, so both branches of an `%{ if }` are read, as for any template.
 */
export function findWrittenConfigBlocks(text: string, range: TextSpan = { start: 0, end: text.length }): WrittenConfigBlock[] {
  const lines: Line[] = [];
  for (let start = range.start; start < range.end;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 || newline >= range.end ? range.end : newline;
    lines.push({ start, text: text.slice(start, end) });
    start = end + 1;
  }
  const blocks: WrittenConfigBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const match = LITERAL_CONTENT.exec(lines[index]?.text ?? '');
    if (!match) continue;
    const column = (match[1] ?? '').length + (match[2] ?? '').length;
    const path = siblingTarget(lines, index, column, match[2] !== undefined);
    if (path === undefined || !isRke2ConfigPath(path)) continue;
    const explicit = Number(match[3] || match[4] || 0);
    let blockIndent = explicit > 0 ? column + explicit : 0;
    const body: Line[] = [];
    for (let next = index + 1; next < lines.length; next++) {
      const line = lines[next];
      if (!line) break;
      if (!isFiller(line.text)) {
        if (blockIndent === 0) blockIndent = indentOf(line.text);
        if (blockIndent <= column || indentOf(line.text) < blockIndent) break;
      }
      body.push(line);
    }
    while (body.length > 0 && /^[ \t]*\r?$/.test(body[body.length - 1]?.text ?? '')) body.pop();
    if (body.length === 0 || blockIndent === 0) continue;
    let inner = '';
    const lineStarts: { inner: number; outer: number }[] = [];
    for (const line of body) {
      const directive = new RegExp(`^[ \\t]*#${DIRECTIVE}`).test(line.text);
      lineStarts.push({ inner: inner.length, outer: line.start + (directive ? 0 : Math.min(blockIndent, line.text.length)) });
      // A statement line stays a marked comment, so the extracted text is still read as a template (leniently).
      inner += `${directive ? `#${DIRECTIVE}` : line.text.slice(blockIndent)}\n`;
    }
    blocks.push({ path, text: inner, lineStarts });
    index += body.length;
  }
  return blocks;
}

function toFileOffset(block: WrittenConfigBlock, offset: number): number {
  let low = 0;
  let high = block.lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((block.lineStarts[middle]?.inner ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  const line = block.lineStarts[low] ?? { inner: 0, outer: 0 };
  return line.outer + (offset - line.inner);
}

/** Lints each RKE2 config block a template writes, with findings placed in the outer file. */
export function lintWrittenConfigBlocks(text: string, range: TextSpan, context: LintContext): Finding[] {
  return findWrittenConfigBlocks(text, range).flatMap((block) => {
    const toFile = (span: TextSpan): TextSpan => {
      const start = toFileOffset(block, span.start);
      return { start, end: Math.max(start + 1, toFileOffset(block, span.end)) };
    };
    const parsed = parseYaml(block.text);
    const inner = [...parsed.findings, ...parsed.documents.flatMap((document) => lintRke2ConfigDocument(document, context))];
    return inner.map((finding): Finding => ({
      ...finding,
      message: finding.code === 'yaml-syntax' || finding.code === 'template-not-checked' ? `${block.path}: ${finding.message}` : finding.message,
      span: toFile(finding.span),
      ...(finding.fix ? { fix: { ...finding.fix, edits: finding.fix.edits.map((edit) => ({ ...toFile(edit), newText: edit.newText })) } } : {}),
      ...(finding.related ? { related: finding.related.map((location) => (location.file === undefined ? { ...location, span: toFile(location.span) } : location)) } : {}),
    }));
  });
}
