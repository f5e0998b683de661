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
  /** Document markers (`---`, `...` at a line start): each document costs the parser a fixed setup. */
  readonly documents: number;
}

/** How often a character occurs; indexOf scans far faster than a loop over the characters. */
function occurrences(text: string, char: string, each?: (index: number) => void): number {
  let count = 0;
  for (let index = text.indexOf(char); index !== -1; index = text.indexOf(char, index + 1)) {
    count++;
    each?.(index);
  }
  return count;
}

export function measureText(text: string): TextShape {
  let documents = 1;
  let aliases = 0;
  const lines = occurrences(text, '\n', (index) => {
    const next = text.charCodeAt(index + 1);
    // `---` or `...` at a line start: a document marker.
    if ((next === 45 || next === 46) && text.charCodeAt(index + 2) === next && text.charCodeAt(index + 3) === next) documents++;
  });
  if (text.startsWith('---') || text.startsWith('...')) documents++;
  occurrences(text, '*', (index) => {
    if (index === 0 || NODE_START.has(text.charAt(index - 1))) aliases++;
  });
  const structure = lines + occurrences(text, ',') + occurrences(text, '[') + occurrences(text, '{');
  return { chars: text.length, structure, aliases, documents };
}

/** Why a text is not parsed at all, if it is too complex for any caller (the CLI included). */
export function tooComplexToLint(text: string, shape: TextShape = measureText(text)): string | undefined {
  if (shape.aliases > MAX_ALIASES) return `it holds ${shape.aliases} YAML aliases (*name), more than ${MAX_ALIASES}; RKE2 and Calico files hold none or a few, and parsing this many takes seconds and gigabytes`;
  if (shape.structure > MAX_STRUCTURE) return `it holds ${shape.structure} lines and flow items, more than ${MAX_STRUCTURE}; Calico's largest manifest holds 57,000, and parsing this many takes seconds and gigabytes`;
  return undefined;
}

/**
 * The milliseconds a lint of the text is expected to take at most, from the worst inputs of bench/editorBlockingBench.ts
 * (the complexity bombs of test/hardening/lintInputs.test.ts at every size): up to 60 µs per line or flow item (with its
 * finding and diagnostic) on a parser that is not yet warm, 200 µs per document, 40 ns per character. Used by the editor, which must not block
 * for more than its budget.
 */
export function estimatedLintMs(shape: TextShape): number {
  return shape.structure * NODE_MS + shape.chars * CHAR_MS + shape.aliases * NODE_MS + shape.documents * DOCUMENT_MS;
}

/** Whether a lint of the text is expected to fit the budget: the editor lints such a text on its own thread. */
export function fitsLintBudget(text: string, budgetMs: number): boolean {
  return text.length <= maxCharsWithin(budgetMs) && estimatedLintMs(measureText(text)) <= budgetMs;
}

/**
 * The editor's budget for one lint: the extension host must not be blocked for more than 50 ms, and reading the
 * document's text and turning findings into diagnostics come on top of the lint itself.
 */
export const EDITOR_LINT_BUDGET_MS = 30;

/**
 * The longest document the editor lints at all (on its worker thread): reading a document's text and copying it to
 * the worker happen on the extension host's thread, and cost about a millisecond per megabyte each.
 */
export const EDITOR_MAX_CHARS = 16 * 1024 * 1024;

/** The longest text that can be linted within a budget whatever its shape (its characters alone cost that much). */
export function maxCharsWithin(budgetMs: number): number {
  return Math.floor(budgetMs / CHAR_MS);
}

/** How much of a text too large for the budget is read to tell whether it is an RKE2 or Calico file at all. */
export const HEAD_CHARS = 64 * 1024;

/** Per node and per character, from the worst of the measured inputs (bench/results/editor-blocking.md). */
const NODE_MS = 0.06;
const CHAR_MS = 0.00004;
const DOCUMENT_MS = 0.2;
