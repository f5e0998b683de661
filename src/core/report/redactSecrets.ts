/**
 * Removes anything that looks like a credential from text that leaves the product (exports, clipboard, CLI output,
 * error messages quoted from a server or an exec plugin): PEM blocks, bearer tokens, kubeconfig credential fields,
 * JWTs. The product never puts credentials into reports; this is the belt to those braces, applied to every string.
 *
 * It runs in the extension host on every report refresh, so it must stay linear in the length of the text whatever
 * the text is: PEM blocks and JWTs are found by scanners that look at each character a bounded number of times (the
 * regular expressions they replace backtracked quadratically: a 256 KB run of `eyJ-` took 34 s). The two remaining
 * expressions cannot backtrack over the same characters twice (see the comments), and a unit test holds all four to
 * a time bound on 10 MB adversarial inputs.
 */

const PEM_REPLACEMENT = '[redacted PEM block]';
const JWT_REPLACEMENT = '[redacted JWT]';
/** Known secrets (the bearer token sent, an exec credential) are replaced by this, wherever they appear. */
export const SECRET_REPLACEMENT = '[redacted]';

/**
 * `Bearer <token>`: after `Bearer`, `\s+` and the token class share no character, so a failed attempt backtracks
 * only over its own whitespace.
 */
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
/**
 * `token: value`, `password=value`, `refresh_token=value`, `client_secret: value`…: the key may follow `_` (so
 * `refresh_token`, `id_token` and `client_secret` count), not a letter or digit. The value class excludes `"`, so
 * when an opening quote finds no closing one the attempt backtracks over its own value only, and values of
 * different attempts do not overlap.
 */
const KEY_VALUE = /(?<![A-Za-z0-9])(token|client-key-data|client-certificate-data|certificate-authority-data|password|secret)(\s*[:=]\s*)("?)[^\s",}]{4,}\3/gi;

/** `[A-Z ]` */
function isLabelChar(code: number): boolean {
  return (code >= 65 && code <= 90) || code === 32;
}

/** `[A-Za-z0-9_-]`, the characters of a JWT segment. */
function isSegmentChar(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95 || code === 45;
}

/** `\w`, for `\b`. */
function isWordChar(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95;
}

/** Where `[A-Z ]+-----` starting at `from` ends, or -1. */
function labelEnd(text: string, from: number): number {
  let index = from;
  while (index < text.length && isLabelChar(text.charCodeAt(index))) index++;
  return index > from && text.startsWith('-----', index) ? index + 5 : -1;
}

/**
 * `-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----`, leftmost first, without backtracking: labels contain no
 * `-`, so no candidate is looked at twice, and when a BEGIN finds no END, no later BEGIN can either.
 */
function redactPemBlocks(text: string): string {
  if (!text.includes('-----BEGIN ')) return text;
  let output = '';
  let copied = 0;
  let from = 0;
  for (;;) {
    const begin = text.indexOf('-----BEGIN ', from);
    if (begin === -1) break;
    const headerEnd = labelEnd(text, begin + 11);
    if (headerEnd === -1) {
      from = begin + 1;
      continue;
    }
    let end = -1;
    for (let candidate = text.indexOf('-----END ', headerEnd); candidate !== -1; candidate = text.indexOf('-----END ', candidate + 1)) {
      end = labelEnd(text, candidate + 9);
      if (end !== -1) break;
    }
    if (end === -1) break;
    output += text.slice(copied, begin) + PEM_REPLACEMENT;
    copied = end;
    from = end;
  }
  return copied === 0 ? text : output + text.slice(copied);
}

/** End of the maximal run of JWT segment characters starting at `from`. */
function segmentEnd(text: string, from: number): number {
  let index = from;
  while (index < text.length && isSegmentChar(text.charCodeAt(index))) index++;
  return index;
}

/**
 * `\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}`, leftmost first. Segments cannot contain `.`, so
 * every `eyJ` inside one run of segment characters shares that run's end and what follows it: the run is scanned
 * once, and when it does not continue as `.segment.segment` the search resumes after it.
 */
function redactJwts(text: string): string {
  if (!text.includes('eyJ')) return text;
  let output = '';
  let copied = 0;
  let from = 0;
  for (;;) {
    const start = text.indexOf('eyJ', from);
    if (start === -1) break;
    if (start > 0 && isWordChar(text.charCodeAt(start - 1))) {
      from = start + 1;
      continue;
    }
    const first = segmentEnd(text, start + 3);
    let matchEnd = -1;
    if (first - (start + 3) >= 10 && text.charCodeAt(first) === 46) {
      const second = segmentEnd(text, first + 1);
      if (second - (first + 1) >= 10 && text.charCodeAt(second) === 46) {
        const third = segmentEnd(text, second + 1);
        if (third - (second + 1) >= 10) matchEnd = third;
      }
    }
    if (matchEnd === -1) {
      // Every later `eyJ` of this run ends at the same place, with less before it: none of them can match.
      from = Math.max(first, start + 1);
      continue;
    }
    output += text.slice(copied, start) + JWT_REPLACEMENT;
    copied = matchEnd;
    from = matchEnd;
  }
  return copied === 0 ? text : output + text.slice(copied);
}

export function redactSecrets(text: string): string {
  let result = redactPemBlocks(text);
  result = result.replace(BEARER, '$1 [redacted]');
  result = result.replace(KEY_VALUE, '$1$2$3[redacted]$3');
  return redactJwts(result);
}

/**
 * Replaces every occurrence of each known secret (at least 4 characters; shorter ones would redact ordinary words)
 * by `[redacted]`, then applies the patterns of `redactSecrets`. Longer secrets go first, so one that contains
 * another is replaced whole.
 */
export function redactKnownSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  const ordered = [...new Set(secrets)].filter((secret) => secret.length >= 4).sort((a, b) => b.length - a.length);
  for (const secret of ordered) if (result.includes(secret)) result = result.split(secret).join(SECRET_REPLACEMENT);
  return redactSecrets(result);
}

/** A deep copy of a JSON-like value with every string redacted. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (Array.isArray(value)) return value.map((entry: unknown) => redactDeep(entry)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, entry]) => [key, redactDeep(entry)])) as T;
  }
  return value;
}
