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

/** Each alternative is bounded, so no template construct costs more than a few KiB of scanning. */
const TEMPLATE_TOKEN = new RegExp(
  [
    '\\{#[\\s\\S]{0,4000}?#\\}', // Jinja comment
    '\\{\\{-?\\s*/\\*[\\s\\S]{0,4000}?\\*/\\s*-?\\}\\}', // Go template comment
    '\\{%[\\s\\S]{0,4000}?%\\}', // Jinja statement
    '\\{\\{[\\s\\S]{0,4000}?\\}\\}', // Jinja or Go expression / action
    '%\\{[^}\\n]{0,400}\\}', // Terraform directive
    '\\$\\{[^}\\n]{1,400}\\}', // Terraform interpolation, envsubst ${VAR}
    '\\$[A-Za-z_][A-Za-z0-9_]{0,100}', // envsubst $VAR
    '%[A-Za-z_][A-Za-z0-9_]{0,100}%', // %VAR%
  ].join('|'),
  'g',
);
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

export function maskTemplates(text: string): MaskedText {
  const syntaxes = new Set<TemplateSyntax>();
  if (!MAYBE_TEMPLATE.test(text)) return { text, syntaxes };
  const masked = text.replace(TEMPLATE_TOKEN, (token: string, offset: number) => {
    // `$$` and `%%` are the escapes of Terraform and Windows: a literal dollar or percent, not a template.
    if ((token.startsWith('$') || token.startsWith('%')) && text.charAt(offset - 1) === token.charAt(0)) return token;
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const lineEnd = text.indexOf('\n', offset + token.length);
    const before = text.slice(lineStart, offset);
    const after = text.slice(offset + token.length, lineEnd === -1 ? text.length : lineEnd);
    const syntax = syntaxOf(token);
    syntaxes.add(syntax);
    const substitution = token.startsWith('$') || syntax === 'percent';
    return replacement(token, !substitution && /^[ \t]*$/.test(before) && /^[ \t]*\r?$/.test(after), substitution ? VARIABLE : PLACEHOLDER);
  });
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
