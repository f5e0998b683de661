import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { TextSpan } from '../findings/finding';
import { holdsPlaceholder } from './templateMask';

/** A key/value pair of a YAML mapping whose key is a plain string, with both nodes at hand for exact ranges. */
export interface KeyedPair {
  readonly key: string;
  readonly keyNode: Scalar;
  readonly value: Node | null;
  readonly pair: Pair;
}

/** The pairs of a mapping with string keys, in source order; complex keys are skipped (RKE2 never uses them). */
export function mapPairs(node: unknown): KeyedPair[] {
  if (!isMap(node)) return [];
  const pairs: KeyedPair[] = [];
  for (const item of node.items) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    const key = item.key.value;
    if (typeof key !== 'string') continue;
    pairs.push({ key, keyNode: item.key, value: (item.value as Node | null) ?? null, pair: item });
  }
  return pairs;
}

export function mapGet(node: unknown, key: string): KeyedPair | undefined {
  return mapPairs(node).find((pair) => pair.key === key);
}

/** Follows a path of mapping keys, e.g. ['spec', 'rkeConfig', 'machineGlobalConfig']. */
export function mapPath(node: unknown, path: readonly string[]): KeyedPair | undefined {
  let current: unknown = node;
  let found: KeyedPair | undefined;
  for (const key of path) {
    found = mapGet(current, key);
    if (!found) return undefined;
    current = found.value;
  }
  return found;
}

/** A scalar whose text a template decides at render time: never judged. */
export function isTemplatedScalar(node: unknown): boolean {
  return isScalar(node) && typeof node.value === 'string' && holdsPlaceholder(node.value);
}

/** The string value of a scalar node (numbers and booleans are not strings here). */
export function scalarString(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** The span of a node without trailing comments or line breaks: `range[0]..range[1]`. */
export function nodeSpan(node: Node | Pair | null | undefined, fallback: TextSpan): TextSpan {
  if (node && !isPair(node) && node.range) return { start: node.range[0], end: node.range[1] };
  return fallback;
}

/**
 * The span of a scalar's text without its quotes, so a replacement keeps the author's quoting style.
 * Block scalars and plain scalars are returned whole.
 */
export function scalarContentSpan(node: Scalar): TextSpan {
  const [start, end] = node.range ?? [0, 0];
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return { start: start + 1, end: Math.max(start + 1, end - 1) };
  return { start, end };
}

/** Short names for the kind of a node, used in "expected … but found …" messages. */
export function describeNode(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) {
    // Say which item is wrong: "a list" alone reads as if a list were the problem.
    const index = node.items.findIndex((item) => !isScalar(item) || (typeof item.value !== 'string' && typeof item.value !== 'number'));
    if (index === -1) return 'a list';
    const item = node.items[index];
    return `a list whose item ${index + 1} is ${describeNode(item)}${isMap(item) ? ' (an unquoted "{{ … }}" or "key: value" item is a mapping in YAML; quote it)' : ''}`;
  }
  if (isScalar(node)) {
    const value = node.value;
    if (value === null) return 'null';
    if (typeof value === 'boolean') return `the boolean ${String(value)}`;
    if (typeof value === 'number') return `the number ${String(value)}`;
    return 'a string';
  }
  return 'an alias';
}

/** The top-level mapping of a document, if it is one. */
export function documentRoot(document: Document): YAMLMap | undefined {
  return isMap(document.contents) ? document.contents : undefined;
}

/** `apiVersion` and `kind` of a Kubernetes manifest document. */
export function manifestType(document: Document): { apiVersion: string; kind: string } | undefined {
  const root = documentRoot(document);
  const apiVersion = scalarString(mapGet(root, 'apiVersion')?.value);
  const kind = scalarString(mapGet(root, 'kind')?.value);
  return apiVersion !== undefined && kind !== undefined ? { apiVersion, kind } : undefined;
}
