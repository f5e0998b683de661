import type { Document } from 'yaml';
import type { Finding } from '../../findings/finding';
import { LineIndex } from '../../text/lineIndex';
import { documentRoot, mapPairs, nodeSpan } from '../../yaml/yamlNodes';
import { renderedName } from '../fileKinds';
import { sliceItems, type SliceItem } from '../rke2Config/sliceValues';

/** One RKE2 config file, parsed, as one input of a node's merge. */
export interface ConfigInput {
  readonly path: string;
  readonly label: string;
  readonly text: string;
  readonly documents: readonly Document[];
}

/** A node's effective value of a list flag after the merge, and the file that set it last. */
export interface MergedValue {
  readonly items: readonly SliceItem[];
  readonly path: string;
  readonly label: string;
  readonly span: { readonly start: number; readonly end: number };
}

/**
 * The configs of one node: `config.yaml` and its `config.yaml.d/*.yaml` drop-ins are merged into one, every other
 * config file stands alone. The key is the node's config.yaml path.
 */
export function nodeKey(path: string): string {
  const name = renderedName(path);
  const dropIn = /^(.*)[\\/]config\.yaml\.d[\\/][^\\/]+$/.exec(name);
  return dropIn ? `${dropIn[1] ?? ''}/config.yaml` : path;
}

/** k3s reads config.yaml first, then the drop-ins in filename order (os.ReadDir sorts by name). */
export function mergeOrder(inputs: readonly ConfigInput[]): ConfigInput[] {
  const isDropIn = (input: ConfigInput): boolean => /[\\/]config\.yaml\.d[\\/]/.test(renderedName(input.path));
  const base = (input: ConfigInput): string => input.path.slice(input.path.search(/[^\\/]+$/));
  return [...inputs].sort((a, b) => Number(isDropIn(a)) - Number(isDropIn(b)) || (base(a) < base(b) ? -1 : base(a) > base(b) ? 1 : 0));
}

/**
 * Merges a node's files as k3s `configfilearg` does: in order, `key: v` replaces what came before and `key+: v`
 * appends to it. Where a plain key replaces a value that an earlier `key+` appended, that appended value is lost:
 * that is the one case warned about (a drop-in overriding config.yaml is what drop-ins are for).
 */
export function mergeNode(inputs: readonly ConfigInput[], options: { readonly acrossFilesOnly?: boolean } = {}): { values: Map<string, MergedValue>; findings: Map<string, Finding[]> } {
  const values = new Map<string, MergedValue & { items: SliceItem[] }>();
  const appended = new Map<string, { label: string; path: string; text: string; span: { start: number; end: number } }>();
  const findings = new Map<string, Finding[]>();
  for (const input of mergeOrder(inputs)) {
    // k3s decodes a config file with a single-document YAML reader: only the first document takes part.
    for (const document of input.documents.slice(0, 1)) {
      for (const pair of mapPairs(documentRoot(document))) {
        const append = pair.key.endsWith('+');
        const name = append ? pair.key.slice(0, -1) : pair.key;
        const keySpan = nodeSpan(pair.keyNode, { start: 0, end: 0 });
        const items = sliceItems(pair.value);
        const previous = values.get(name);
        if (append) {
          // Appended in place: copying the list on every `key+` made a node of many drop-ins quadratic.
          const list = previous?.items ?? [];
          for (const item of items) list.push(item);
          values.set(name, { items: list, path: input.path, label: input.label, span: keySpan });
          appended.set(name, { label: input.label, path: input.path, text: input.text, span: keySpan });
          continue;
        }
        const lost = appended.get(name);
        // Losses inside one file are reported by that file's own lint; the workspace adds those across files.
        if (lost && !(options.acrossFilesOnly === true && lost.path === input.path)) {
          const here = findings.get(input.path) ?? [];
          here.push({
            code: 'conflicting-append',
            severity: 'warning',
            message: `"${name}" replaces the value that "${name}+" appended${lost.path === input.path ? '' : ` in ${lost.label}`}: RKE2 reads the files in order (config.yaml, then config.yaml.d/* by name) and a key without + replaces what came before. Use "${name}+" here to keep both.`,
            span: keySpan,
            fix: { title: `Change to "${name}+"`, edits: [{ ...keySpan, newText: `${name}+` }] },
            related: [lost.path === input.path ? { file: undefined, span: lost.span, message: `"${name}+" appended here` } : { file: lost.path, span: lost.span, range: rangeOf(lost.text, lost.span), message: `"${name}+" appended here` }],
          });
          findings.set(input.path, here);
        }
        appended.delete(name);
        values.set(name, { items, path: input.path, label: input.label, span: keySpan });
      }
    }
  }
  return { values, findings };
}

/** Line/character of a span in a file the reader may not have open. */
export function rangeOf(text: string, span: { readonly start: number; readonly end: number }): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const index = new LineIndex(text);
  return { start: index.positionAt(span.start), end: index.positionAt(span.end) };
}
