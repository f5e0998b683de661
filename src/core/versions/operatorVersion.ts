import { parsed, rejected, type ParseResult } from './parseResult';
import { splitTriple } from './calicoVersion';
import { compareTriples, type Triple } from './triple';

/** A tigera-operator release, `v1.36.5`. Which Calico it deploys is knowledge, not syntax (see operatorPairing). */
export type OperatorVersion = Triple;

export function parseOperatorVersion(input: string): ParseResult<OperatorVersion> {
  const split = splitTriple(input);
  if (!split || split.triple.major !== 1 || split.patchDigits.length > 3 || /^0\d/.test(split.patchDigits)) {
    return rejected(`"${input.trim()}" is not a tigera-operator version (expected e.g. v1.36.5)`);
  }
  return parsed(split.triple);
}

export function formatOperatorVersion(version: OperatorVersion): string {
  return `v${version.major}.${version.minor}.${version.patch}`;
}

export const compareOperatorVersions = compareTriples;
