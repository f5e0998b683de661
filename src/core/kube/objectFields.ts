/**
 * Defensive readers for fields of Kubernetes objects decoded from JSON. The API is trusted to be Kubernetes, not
 * to be well-formed: every read checks its type and yields undefined otherwise.
 */
export type Json = unknown;

export function field(value: Json, ...path: (string | number)[]): Json {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, Json>)[key];
  }
  return current;
}

export function text(value: Json, ...path: (string | number)[]): string | undefined {
  const found = field(value, ...path);
  return typeof found === 'string' ? found : undefined;
}

export function num(value: Json, ...path: (string | number)[]): number | undefined {
  const found = field(value, ...path);
  return typeof found === 'number' && Number.isFinite(found) ? found : undefined;
}

export function bool(value: Json, ...path: (string | number)[]): boolean | undefined {
  const found = field(value, ...path);
  return typeof found === 'boolean' ? found : undefined;
}

export function list(value: Json, ...path: (string | number)[]): Json[] {
  const found = field(value, ...path);
  return Array.isArray(found) ? (found as Json[]) : [];
}

export function name(object: Json): string {
  return text(object, 'metadata', 'name') ?? '(unnamed)';
}

export interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
  readonly lastTransitionTime?: string;
}

export function conditions(object: Json, ...path: string[]): Condition[] {
  return list(object, ...(path.length > 0 ? path : ['status', 'conditions'])).flatMap((entry) => {
    const type = text(entry, 'type');
    const status = text(entry, 'status');
    if (type === undefined || status === undefined) return [];
    const reason = text(entry, 'reason');
    const message = text(entry, 'message');
    const lastTransitionTime = text(entry, 'lastTransitionTime');
    return [{ type, status, ...(reason !== undefined ? { reason } : {}), ...(message !== undefined ? { message } : {}), ...(lastTransitionTime !== undefined ? { lastTransitionTime } : {}) }];
  });
}

export function condition(object: Json, type: string): Condition | undefined {
  return conditions(object).find((entry) => entry.type === type);
}
