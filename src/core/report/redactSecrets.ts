/**
 * Removes anything that looks like a credential from text that leaves the product (exports, clipboard): PEM blocks,
 * bearer tokens, kubeconfig credential fields, JWTs. The product never puts credentials into reports; this is the
 * belt to those braces, applied to every string of an export.
 */
const PATTERNS: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g, '[redacted PEM block]'],
  [/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]'],
  [/\b(token|client-key-data|client-certificate-data|certificate-authority-data|password|secret)(\s*[:=]\s*)("?)[^\s",}]{4,}\3/gi, '$1$2$3[redacted]$3'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, '[redacted JWT]'],
];

export function redactSecrets(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
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
