/**
 * What linting a text will cost, known before parsing it, from one pass over its characters. The YAML parser's cost
 * is linear but heavy per node (about a kilobyte of memory and several microseconds each), so the count of nodes, not
 * the byte size, decides: a 3 MB file of one million aliases took 10 s and 1.3 GiB to parse.
 */

/** Aliases (`*name`) in one file beyond which it is not parsed: RKE2 and Calico files hold none or a handful. */
export const MAX_ALIASES = 10_000;

/** Lines and flow items in one file beyond which it is not parsed: Calico's largest manifest (operator-crds.yaml) has 57,000. */
export const MAX_STRUCTURE = 200_000;

/** Characters a YAML node can start after: an alias is a `*` at such a place. */
const NODE_START = new Set([' ', '\t', '\n', '[', '{', ',']);

export interface TextShape {
  readonly chars: number;
  /** Line breaks, flow separators and collection openers: an upper bound on the nodes a parse creates, roughly. */
  readonly structure: number;
  readonly aliases: number;
}

export function measureText(text: string): TextShape {
  let structure = 0;
  let aliases = 0;
  let previous = '\n';
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? '';
    if (char === '\n' || char === ',' || char === '[' || char === '{') structure++;
    else if (char === '*' && NODE_START.has(previous)) aliases++;
    previous = char;
  }
  return { chars: text.length, structure, aliases };
}

/** Why a text is not parsed at all, if it is too complex for any caller (the CLI included). */
export function tooComplexToLint(text: string, shape: TextShape = measureText(text)): string | undefined {
  if (shape.aliases > MAX_ALIASES) return `it holds ${shape.aliases} YAML aliases (*name), more than ${MAX_ALIASES}; RKE2 and Calico files hold none or a few, and parsing this many takes seconds and gigabytes`;
  if (shape.structure > MAX_STRUCTURE) return `it holds ${shape.structure} lines and flow items, more than ${MAX_STRUCTURE}; Calico's largest manifest holds 57,000, and parsing this many takes seconds and gigabytes`;
  return undefined;
}

/**
 * The milliseconds a lint of the text is expected to take at most, measured on the worst inputs of
 * test/hardening/lintInputs.test.ts (bench/editorBlockingBench.ts): a few microseconds per node, a few
 * nanoseconds per character. Used by the editor, which must not block for more than its budget.
 */
export function estimatedLintMs(shape: TextShape): number {
  return shape.structure * NODE_MS + shape.chars * CHAR_MS + shape.aliases * NODE_MS;
}

/** Per node and per character, from the worst of the measured inputs (bench/results/editor-blocking.md). */
const NODE_MS = 0.008;
const CHAR_MS = 0.00008;
