import { isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Document } from 'yaml';
import { appendAll } from '../findings/appendAll';
import type { Finding } from '../findings/finding';
import { holdsPlaceholder, isMaskedTemplate, VARIABLE } from './templateMask';

export interface ParsedYaml {
  readonly documents: readonly Document[];
  readonly findings: readonly Finding[];
  /** The spans of template documents that are not YAML until rendered (each reported as template-not-checked). */
  readonly unchecked: readonly { readonly start: number; readonly end: number }[];
}

/**
 * Parses every document of a YAML stream, turning the parser's errors and warnings into `yaml-syntax` findings at
 * their exact offsets. Aliases are never expanded here, so alias bombs cost nothing.
 *
 * A masked template (see templateMask) is parsed leniently: keys may repeat (the branches of an if/else set the same
 * key), pairs whose key is decided at render time are dropped, and a document the template leaves unreadable as YAML
 * is not checked at all: one info finding says so instead of syntax errors the template syntax caused.
 */
export function parseYaml(text: string): ParsedYaml {
  const templated = isMaskedTemplate(text);
  // The parser's own unique-key check compares each key with every earlier one (quadratic); duplicateKeys is linear.
  const parsed = parseAllDocuments(text, { prettyErrors: false, strict: !templated, uniqueKeys: false });
  const all: Document[] = Array.isArray(parsed) ? parsed : [];
  const documents: Document[] = [];
  const findings: Finding[] = [];
  const unchecked: { start: number; end: number }[] = [];
  for (const document of all) {
    const problems = [...document.errors, ...(templated ? [] : document.warnings)];
    if (templated) {
      const first = problems[0];
      if (first) {
        const [start, end] = first.pos;
        findings.push({
          code: 'template-not-checked',
          severity: 'info',
          message: `Not checked: this part of the template is not YAML until it is rendered (${firstLine(first.message)}).`,
          span: { start, end: Math.max(end, start + 1) },
        });
        unchecked.push({ start: document.range?.[0] ?? start, end: document.range?.[2] ?? text.length });
        continue;
      }
      dropTemplatedKeys(document);
      documents.push(document);
      continue;
    }
    if (text.includes(VARIABLE)) dropTemplatedKeys(document);
    documents.push(document);
    appendAll(findings, duplicateKeys(document));
    for (const problem of problems) {
      const [start, end] = problem.pos;
      findings.push({
        code: 'yaml-syntax',
        severity: problem.name === 'YAMLParseError' ? 'error' : 'warning',
        message: firstLine(problem.message),
        span: { start, end: Math.max(end, start + 1) },
      });
    }
  }
  return { documents, findings, unchecked };
}

/**
 * Keys that repeat in one mapping, reported as the parser would (`uniqueKeys`: scalar keys of equal value) at each
 * repeat, but with one set per mapping instead of a comparison with every earlier key.
 */
function duplicateKeys(document: Document): Finding[] {
  const findings: Finding[] = [];
  // A plain stack walk: yaml's visit() builds a frozen path for every node, which costs a tenth of the parse.
  const stack: unknown[] = [document.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          if (seen.has(pair.key.value)) {
            const start = pair.key.range?.[0] ?? 0;
            findings.push({ code: 'yaml-syntax', severity: 'error', message: 'Map keys must be unique', span: { start, end: start + 1 } });
          }
          seen.add(pair.key.value);
        } else {
          stack.push(pair.key);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return findings.sort((a, b) => a.span.start - b.span.start);
}

/** A key decided at render time names nothing that can be checked. */
function dropTemplatedKeys(document: Document): void {
  visit(document, {
    Pair: (_key, pair) => (isPair(pair) && isScalar(pair.key) && typeof pair.key.value === 'string' && holdsPlaceholder(pair.key.value) ? visit.REMOVE : undefined),
  });
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
