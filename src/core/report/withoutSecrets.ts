/** `text` with every occurrence of the given secrets replaced. */
export function removeSecrets(text: string, secrets: readonly string[]): string {
  return secrets.filter((secret) => secret.length >= 4).reduce((result, secret) => (result.includes(secret) ? result.split(secret).join('[redacted]') : result), text);
}

/**
 * Every string of `value` with the given secrets taken out: a server may quote a credential (the Rancher token)
 * in any message. Secret-looking text is redacted where it enters; this takes out the known secrets themselves.
 */
export function withoutSecrets<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') return removeSecrets(value, secrets) as T;
  if (Array.isArray(value)) return value.map((entry: unknown) => withoutSecrets(entry, secrets)) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, entry]) => [key, withoutSecrets(entry, secrets)])) as T;
  return value;
}
