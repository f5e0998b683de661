/**
 * Template syntax in the files people keep their RKE2 and Calico configuration in: Jinja (`{{ x }}`, `{% if %}`,
 * `{# #}`, Ansible), Go/Helm templates (`{{ .Values.x }}`, `{{- if }}`, Go comments), Terraform `templatefile`
 * (`${var}`, `%{ if }`), envsubst (`$VAR`, `${VAR}`) and Windows-style `%VAR%`.
 *
 * Masking keeps every offset: an expression becomes as many PLACEHOLDER characters (so the value that holds it is
 * recognisably "decided when the template renders" and is never judged), and a statement or an expression alone on
 * its line becomes a YAML comment (it decides structure, which only rendering can tell). What stays literal is still
 * checked: a literal `encapsulation: ipip` in a template is as wrong as in a plain file.
 */
export const PLACEHOLDER = '\uE000';
/**
 * The placeholder of a variable that is only substituted (`${VAR}`, `$VAR`, `%VAR%`): the value is never judged, but
 * a substitution cannot change the YAML around it, so the file's syntax is still checked strictly.
 */
export const VARIABLE = '\uE002';
/** Marks a line that held a template statement, so a masked text is recognisable even without expressions. */
export const DIRECTIVE = '\uE001';

export type TemplateSyntax = 'jinja-or-go' | 'terraform' | 'envsubst' | 'percent';

export interface MaskedText {
  readonly text: string;
  readonly syntaxes: ReadonlySet<TemplateSyntax>;
}

/** How far a construct may reach from its opener to its closer (Jinja and Go: 4000 characters; Terraform: 400). */
const MAX_BLOCK = 4000;
const MAX_INTERPOLATION = 400;
/** Where a construct may start; which one it is, and where it ends, is decided by `tokenAt`. */
const OPENER = /\{\{|\{%|\{#|%\{|\$\{|\$[A-Za-z_]|%[A-Za-z_]/g;
const GO_COMMENT_OPEN = /\{\{-?\s*\/\*/y;
const GO_COMMENT_CLOSE = /\s*-?\}\}/y;
const ENV_VARIABLE = /\$[A-Za-z_][A-Za-z0-9_]{0,100}/y;
const PERCENT_VARIABLE = /%[A-Za-z_][A-Za-z0-9_]{0,100}%/y;

/**
 * The next occurrence of each closer at or after a position. Openers are met in order, so each answer is reused until
 * the scan passes it: a text full of openers without closers costs one pass per closer, not one per opener.
 */
class NextCloser {
  private readonly found = new Map<string, { from: number; at: number }>();

  constructor(private readonly text: string) {}

  after(closer: string, from: number): number {
    const known = this.found.get(closer);
    if (known && from >= known.from && (known.at === -1 || from <= known.at)) return known.at;
    const at = this.text.indexOf(closer, from);
    this.found.set(closer, { from, at });
    return at;
  }
}

function sticky(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/** The end of the template construct that starts at `at`, if one does (the same constructs, in the same order of preference, as the list above). */
function tokenEnd(text: string, at: number, closers: NextCloser): number | undefined {
  const within = (close: number, limit: number): boolean => close !== -1 && close - at <= limit;
  const two = text.slice(at, at + 2);
  if (two === '{#') {
    const close = closers.after('#}', at + 2);
    return within(close, MAX_BLOCK + 2) ? close + 2 : undefined;
  }
  if (two === '{{') {
    const open = sticky(GO_COMMENT_OPEN, text, at);
    if (open) {
      const close = closers.after('*/', at + open[0].length);
      const tail = within(close, MAX_BLOCK + open[0].length) ? sticky(GO_COMMENT_CLOSE, text, close + 2) : null;
      if (tail) return close + 2 + tail[0].length;
    }
    const close = closers.after('}}', at + 2);
    return within(close, MAX_BLOCK + 2) ? close + 2 : undefined;
  }
  if (two === '{%') {
    const close = closers.after('%}', at + 2);
    return within(close, MAX_BLOCK + 2) ? close + 2 : undefined;
  }
  if (two === '%{' || two === '${') {
    // Terraform and envsubst: one line, no brace inside, at least one character for ${}.
    const close = closers.after('}', at + 2);
    const newline = closers.after('\n', at + 2);
    const ok = within(close, MAX_INTERPOLATION + 2) && (newline === -1 || close < newline) && (two === '%{' || close > at + 2);
    return ok ? close + 1 : undefined;
  }
  const variable = sticky(text[at] === '$' ? ENV_VARIABLE : PERCENT_VARIABLE, text, at);
  return variable ? at + variable[0].length : undefined;
}

/** Quick test before the scan: most files hold none of these. */
const MAYBE_TEMPLATE = /\{\{|\{%|\{#|%\{|\$\{|\$[A-Za-z_]|%[A-Za-z_][A-Za-z0-9_]*%/;

function syntaxOf(token: string): TemplateSyntax {
  if (token.startsWith('%{')) return 'terraform';
  if (token.startsWith('${')) return 'terraform';
  if (token.startsWith('$')) return 'envsubst';
  if (token.startsWith('%')) return 'percent';
  return 'jinja-or-go';
}

/**
 * Replaces a template construct. Alone on its line(s), it shapes the document (a statement, a comment, an `include`
 * of a block): it becomes a comment. With other text on its line, it is part of a value or a key: placeholders.
 */
function replacement(token: string, alone: boolean, fill: string): string {
  let out = '';
  let lineStart = true;
  for (const char of token) {
    if (char === '\n' || char === '\r') {
      out += char;
      lineStart = true;
      continue;
    }
    if (alone && lineStart) {
      out += '#';
    } else if (alone) {
      out += out.endsWith('#') ? DIRECTIVE : ' ';
    } else {
      // A UTF-16 surrogate pair stays two units long.
      out += fill.repeat(char.length);
    }
    lineStart = false;
  }
  return out;
}

/**
 * Whether the text before and after a span of its line is blank. The bounds of the last line asked about are kept,
 * and tokens come in order, so a line with thousands of tokens is scanned once, not once per token.
 */
class LineBlanks {
  private start = 0;
  private end = -1;
  /** Offsets of the first and last character of the line that is neither a space nor a tab (nor a closing \r). */
  private firstFilled = 0;
  private lastFilled = -1;

  constructor(private readonly text: string) {}

  private lineOf(offset: number): void {
    if (offset >= this.start && offset <= this.end) return;
    this.start = this.text.lastIndexOf('\n', offset - 1) + 1;
    const newline = this.text.indexOf('\n', offset);
    this.end = newline === -1 ? this.text.length : newline;
    let first = this.start;
    while (first < this.end && (this.text[first] === ' ' || this.text[first] === '\t')) first++;
    let last = this.end - 1;
    while (last >= first && (this.text[last] === ' ' || this.text[last] === '\t' || this.text[last] === '\r')) last--;
    this.firstFilled = first;
    this.lastFilled = last;
  }

  blankBefore(offset: number): boolean {
    this.lineOf(offset);
    return offset <= this.firstFilled;
  }

  blankAfter(end: number): boolean {
    this.lineOf(end);
    return end > this.lastFilled;
  }
}

export function maskTemplates(text: string): MaskedText {
  const syntaxes = new Set<TemplateSyntax>();
  if (!MAYBE_TEMPLATE.test(text)) return { text, syntaxes };
  const lines = new LineBlanks(text);
  const closers = new NextCloser(text);
  const parts: string[] = [];
  let copied = 0;
  OPENER.lastIndex = 0;
  for (let match = OPENER.exec(text); match !== null; match = OPENER.exec(text)) {
    const offset = match.index;
    const end = tokenEnd(text, offset, closers);
    if (end === undefined) {
      OPENER.lastIndex = offset + 1;
      continue;
    }
    OPENER.lastIndex = end;
    const token = text.slice(offset, end);
    // `$$` and `%%` are the escapes of Terraform and Windows: a literal dollar or percent, not a template.
    if ((token.startsWith('$') || token.startsWith('%')) && text.charAt(offset - 1) === token.charAt(0)) continue;
    const syntax = syntaxOf(token);
    syntaxes.add(syntax);
    const substitution = token.startsWith('$') || syntax === 'percent';
    const alone = !substitution && lines.blankBefore(offset) && lines.blankAfter(end);
    parts.push(text.slice(copied, offset), replacement(token, alone, substitution ? VARIABLE : PLACEHOLDER));
    copied = end;
  }
  parts.push(text.slice(copied));
  const masked = parts.join('');
  return { text: masked, syntaxes };
}

/** Whether a masked text held any template syntax (its placeholders or directive comments). */
export function isMaskedTemplate(text: string): boolean {
  return text.includes(PLACEHOLDER) || text.includes(DIRECTIVE);
}

/** A value decided when the template renders or the variables are substituted. */
export function holdsPlaceholder(value: string): boolean {
  return value.includes(PLACEHOLDER) || value.includes(VARIABLE);
}
