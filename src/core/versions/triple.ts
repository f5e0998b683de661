/** A dotted numeric version `major.minor.patch`, the common core of every version this product reads. */
export interface Triple {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** Negative, zero or positive, like `Array.prototype.sort` wants. */
export function compareTriples(a: Triple, b: Triple): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** Digits only, no sign, no leading zeros unless the number is 0; within the safe integer range. */
export function parseNumericPart(text: string): number | undefined {
  if (!/^(0|[1-9]\d{0,8})$/.test(text)) return undefined;
  return Number(text);
}

/** Trim and drop one leading `v`/`V`; versions appear both ways in configs and node status. */
export function stripVersionPrefix(input: string): string {
  const trimmed = input.trim();
  return /^[vV]\d/.test(trimmed) ? trimmed.slice(1) : trimmed;
}
