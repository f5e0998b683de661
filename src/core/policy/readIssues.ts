/** A problem found while reading a policy object: the object, the field path and what is wrong. */
export interface ReadIssue {
  readonly object: string;
  /** The file (or `cluster`) the object came from. */
  readonly origin: string | undefined;
  readonly path: string;
  readonly message: string;
}

/** Collects issues while an object is read, so one bad field does not hide the rest of the policy. */
export class IssueSink {
  readonly issues: ReadIssue[] = [];

  constructor(
    private readonly object: string,
    private readonly origin?: string,
  ) {}

  add(path: string, message: string): void {
    this.issues.push({ object: this.object, origin: this.origin, path, message });
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function recordAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined;
  const inner = value[key];
  return isRecord(inner) ? inner : undefined;
}

export function stringAt(value: unknown, key: string): string | undefined {
  if (!isRecord(value)) return undefined;
  const inner = value[key];
  return typeof inner === 'string' ? inner : undefined;
}

export function listAt(value: unknown, key: string): readonly unknown[] {
  if (!isRecord(value)) return [];
  const inner = value[key];
  return Array.isArray(inner) ? inner : [];
}

export function labelsAt(value: unknown, key: string): Record<string, string> {
  const labels = recordAt(value, key);
  if (!labels) return {};
  return Object.fromEntries(Object.entries(labels).map(([name, label]) => [name, String(label)]));
}
