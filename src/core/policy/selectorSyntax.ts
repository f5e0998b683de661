/**
 * The Calico selector language, parsed into a tree. Grammar as documented for `selector` fields
 * (https://docs.tigera.io/calico/latest/reference/resources/networkpolicy#selectors) and implemented by
 * libcalico-go/lib/selector/parser/parser.go: `all()`, `global()`, `has(k)`, `k == "v"`, `k != "v"`,
 * `k in {"a","b"}`, `k not in {…}`, `k contains "s"`, `k starts with "s"`, `k ends with "s"`, `!`, `&&`, `||` and
 * parentheses. An empty selector is `all()`.
 */
export type Selector =
  | { readonly kind: 'all' }
  | { readonly kind: 'global' }
  | { readonly kind: 'has'; readonly key: string }
  | { readonly kind: 'eq' | 'ne' | 'contains' | 'startsWith' | 'endsWith'; readonly key: string; readonly value: string }
  | { readonly kind: 'in' | 'notIn'; readonly key: string; readonly values: readonly string[] }
  | { readonly kind: 'not'; readonly operand: Selector }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly Selector[] };

export const ALL_SELECTOR: Selector = { kind: 'all' };

export type SelectorParse = { readonly ok: true; readonly selector: Selector } | { readonly ok: false; readonly error: string; readonly offset: number };

// Label keys as libcalico-go's tokenizer accepts them (prefix/name with dots, dashes, underscores).
const KEY = /^[a-zA-Z0-9_./-]+/;

class SelectorSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

/** Nesting deeper than any real selector: a hostile one fails with a message instead of exhausting the stack. */
const MAX_DEPTH = 64;

class Parser {
  private position = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parse(): Selector {
    this.skipSpace();
    if (this.position === this.text.length) return ALL_SELECTOR;
    const selector = this.parseOr();
    this.skipSpace();
    if (this.position < this.text.length) this.fail(`unexpected "${this.text.slice(this.position, this.position + 12)}"`);
    return selector;
  }

  private fail(message: string): never {
    throw new SelectorSyntaxError(`${message} at offset ${this.position}`, this.position);
  }

  private skipSpace(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position] ?? '')) this.position++;
  }

  private accept(token: string): boolean {
    this.skipSpace();
    if (this.text.startsWith(token, this.position)) {
      this.position += token.length;
      return true;
    }
    return false;
  }

  private acceptWord(word: string): boolean {
    this.skipSpace();
    const after = this.text[this.position + word.length] ?? '';
    if (this.text.startsWith(word, this.position) && !/[a-zA-Z0-9_./-]/.test(after)) {
      this.position += word.length;
      return true;
    }
    return false;
  }

  private expect(token: string): void {
    if (!this.accept(token)) this.fail(`expected "${token}"`);
  }

  private parseOr(): Selector {
    const operands = [this.parseAnd()];
    while (this.accept('||')) operands.push(this.parseAnd());
    return operands.length === 1 ? (operands[0] as Selector) : { kind: 'or', operands };
  }

  private parseAnd(): Selector {
    const operands = [this.parseUnary()];
    while (this.accept('&&')) operands.push(this.parseUnary());
    return operands.length === 1 ? (operands[0] as Selector) : { kind: 'and', operands };
  }

  private parseUnary(): Selector {
    if (++this.depth > MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH} levels`);
    try {
      return this.parseUnaryAtDepth();
    } finally {
      this.depth--;
    }
  }

  private parseUnaryAtDepth(): Selector {
    this.skipSpace();
    if (this.text[this.position] === '!' && this.text[this.position + 1] !== '=') {
      this.position++;
      return { kind: 'not', operand: this.parseUnary() };
    }
    if (this.accept('(')) {
      const inner = this.parseOr();
      this.expect(')');
      return inner;
    }
    if (this.acceptWord('all')) {
      this.expect('(');
      this.expect(')');
      return ALL_SELECTOR;
    }
    if (this.acceptWord('global')) {
      this.expect('(');
      this.expect(')');
      return { kind: 'global' };
    }
    if (this.acceptWord('has')) {
      this.expect('(');
      const key = this.parseKey();
      this.expect(')');
      return { kind: 'has', key };
    }
    return this.parseComparison();
  }

  private parseKey(): string {
    this.skipSpace();
    const match = KEY.exec(this.text.slice(this.position));
    if (!match) this.fail(this.position >= this.text.length ? 'expected a label key, found the end' : `expected a label key, found "${this.text[this.position] ?? ''}"`);
    this.position += match[0].length;
    return match[0];
  }

  private parseString(): string {
    this.skipSpace();
    const quote = this.text[this.position];
    if (quote !== '"' && quote !== "'") this.fail('expected a quoted value ("v" or \'v\')');
    const end = this.text.indexOf(quote, this.position + 1);
    if (end === -1) this.fail('unterminated string');
    const value = this.text.slice(this.position + 1, end);
    this.position = end + 1;
    return value;
  }

  private parseComparison(): Selector {
    const key = this.parseKey();
    if (this.accept('==')) return { kind: 'eq', key, value: this.parseString() };
    if (this.accept('!=')) return { kind: 'ne', key, value: this.parseString() };
    if (this.acceptWord('in')) return { kind: 'in', key, values: this.parseSet() };
    if (this.acceptWord('not')) {
      if (!this.acceptWord('in')) this.fail('expected "in" after "not"');
      return { kind: 'notIn', key, values: this.parseSet() };
    }
    if (this.acceptWord('contains')) return { kind: 'contains', key, value: this.parseString() };
    if (this.acceptWord('starts')) {
      if (!this.acceptWord('with')) this.fail('expected "with" after "starts"');
      return { kind: 'startsWith', key, value: this.parseString() };
    }
    if (this.acceptWord('ends')) {
      if (!this.acceptWord('with')) this.fail('expected "with" after "ends"');
      return { kind: 'endsWith', key, value: this.parseString() };
    }
    if (this.text.startsWith('=', this.position) || this.text.slice(this.position).trimStart().startsWith('=')) this.fail(`a single "=" is not an operator; use "==" (${key} == "value")`);
    return this.fail(`expected an operator after "${key}" (==, !=, in, not in, contains, starts with, ends with)`);
  }

  private parseSet(): string[] {
    this.expect('{');
    const values: string[] = [];
    if (this.accept('}')) return values;
    do values.push(this.parseString());
    while (this.accept(','));
    this.expect('}');
    return values;
  }
}

/** Parses a Calico selector; an invalid one gives a message naming what was expected and where. */
export function parseSelector(text: string): SelectorParse {
  try {
    return { ok: true, selector: new Parser(text).parse() };
  } catch (error) {
    if (error instanceof SelectorSyntaxError) return { ok: false, error: error.message, offset: error.offset };
    throw error;
  }
}

/** The selector as Calico would print it, for explanations. */
export function formatSelector(selector: Selector): string {
  switch (selector.kind) {
    case 'all':
      return 'all()';
    case 'global':
      return 'global()';
    case 'has':
      return `has(${selector.key})`;
    case 'eq':
      return `${selector.key} == '${selector.value}'`;
    case 'ne':
      return `${selector.key} != '${selector.value}'`;
    case 'contains':
      return `${selector.key} contains '${selector.value}'`;
    case 'startsWith':
      return `${selector.key} starts with '${selector.value}'`;
    case 'endsWith':
      return `${selector.key} ends with '${selector.value}'`;
    case 'in':
    case 'notIn':
      return `${selector.key} ${selector.kind === 'in' ? 'in' : 'not in'} {${selector.values.map((value) => `'${value}'`).join(', ')}}`;
    case 'not':
      return `!${selector.operand.kind === 'and' || selector.operand.kind === 'or' ? `(${formatSelector(selector.operand)})` : formatSelector(selector.operand)}`;
    case 'and':
    case 'or':
      return selector.operands.map((operand) => (operand.kind === 'or' && selector.kind === 'and' ? `(${formatSelector(operand)})` : formatSelector(operand))).join(selector.kind === 'and' ? ' && ' : ' || ');
  }
}

/** `labels` as a map; labels are plain strings on every endpoint, namespace and service account. */
export type Labels = Readonly<Record<string, string>>;

/**
 * Whether `labels` match. Semantics of libcalico-go/lib/selector/parser/ast.go: `!=` and `not in` also match
 * when the key is absent; `==`, `in`, `contains`, `starts with` and `ends with` need it present. `global()` matches
 * only what `isGlobal` says is not namespaced (host endpoints, global network sets).
 */
export function selectorMatches(selector: Selector, labels: Labels, isGlobal = false): boolean {
  switch (selector.kind) {
    case 'all':
      return true;
    case 'global':
      return isGlobal;
    case 'has':
      return Object.hasOwn(labels, selector.key);
    case 'eq':
      return labels[selector.key] === selector.value;
    case 'ne':
      return labels[selector.key] !== selector.value;
    case 'contains':
      return labels[selector.key]?.includes(selector.value) ?? false;
    case 'startsWith':
      return labels[selector.key]?.startsWith(selector.value) ?? false;
    case 'endsWith':
      return labels[selector.key]?.endsWith(selector.value) ?? false;
    case 'in': {
      const value = labels[selector.key];
      return value !== undefined && selector.values.includes(value);
    }
    case 'notIn': {
      const value = labels[selector.key];
      return value === undefined || !selector.values.includes(value);
    }
    case 'not':
      return !selectorMatches(selector.operand, labels, isGlobal);
    case 'and':
      return selector.operands.every((operand) => selectorMatches(operand, labels, isGlobal));
    case 'or':
      return selector.operands.some((operand) => selectorMatches(operand, labels, isGlobal));
  }
}

/** Both selectors must match; `all()` drops out. */
export function andSelectors(...selectors: readonly Selector[]): Selector {
  const operands = selectors.filter((selector) => selector.kind !== 'all');
  if (operands.length === 0) return ALL_SELECTOR;
  return operands.length === 1 ? (operands[0] as Selector) : { kind: 'and', operands };
}
