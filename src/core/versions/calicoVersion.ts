import { parsed, rejected, type ParseResult } from './parseResult';
import { compareTriples, parseNumericPart, stripVersionPrefix, type Triple } from './triple';

/** A Calico release, `v3.29.2`. Calico has been on major version 3 for every release RKE2 ships. */
export type CalicoVersion = Triple;

const TRIPLE_PATTERN = /^(\d+)\.(\d+)\.(\d+)$/;

/** Splits `1.2.3` (optionally `v`-prefixed) into its parts; the digit strings are kept for the chart scheme. */
export function splitTriple(input: string): { triple: Triple; patchDigits: string } | undefined {
  const match = TRIPLE_PATTERN.exec(stripVersionPrefix(input));
  if (!match) return undefined;
  const major = parseNumericPart(match[1] ?? '');
  const minor = parseNumericPart(match[2] ?? '');
  // Chart patches carry leading zeros (`v3.27.002`), so the patch is read as a plain digit run.
  const patchDigits = match[3] ?? '';
  const patch = /^\d{1,9}$/.test(patchDigits) ? Number(patchDigits) : undefined;
  if (major === undefined || minor === undefined || patch === undefined) return undefined;
  return { triple: { major, minor, patch }, patchDigits };
}

export function parseCalicoVersion(input: string): ParseResult<CalicoVersion> {
  const split = splitTriple(input);
  if (!split || split.triple.major !== 3 || split.patchDigits.length > 2 || /^0\d/.test(split.patchDigits)) {
    return rejected(`"${input.trim()}" is not a Calico version (expected e.g. v3.29.2)`);
  }
  return parsed(split.triple);
}

export function formatCalicoVersion(version: CalicoVersion): string {
  return `v${version.major}.${version.minor}.${version.patch}`;
}

export const compareCalicoVersions = compareTriples;
