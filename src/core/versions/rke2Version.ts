import { parsed, rejected, type ParseResult } from './parseResult';
import { compareTriples, parseNumericPart, stripVersionPrefix, type Triple } from './triple';

/**
 * An RKE2 version: the Kubernetes version it packages, an optional release candidate number and the RKE2
 * revision (`v1.32.2-rc3+rke2r1`). `revision` is undefined when the input named only the Kubernetes version
 * (`v1.32.2`), which identifies one or several RKE2 releases but not exactly one.
 */
export interface Rke2Version {
  readonly kubernetes: Triple;
  readonly rc: number | undefined;
  readonly revision: number | undefined;
}

/** `+rke2rN`, or `-rke2rN` as in image tags and system-upgrade-controller Plans (a tag cannot hold `+`). */
const RKE2_PATTERN = /^(\d+)\.(\d+)\.(\d+)(?:-rc(\d+))?(?:[+-]rke2r(\d+))?$/;

export function parseRke2Version(input: string): ParseResult<Rke2Version> {
  const text = stripVersionPrefix(input);
  const match = RKE2_PATTERN.exec(text);
  if (!match) {
    return rejected(`"${input.trim()}" is not an RKE2 version (expected e.g. v1.32.4+rke2r1 or v1.32.2-rc3+rke2r1)`);
  }
  const [major, minor, patch] = [match[1], match[2], match[3]].map((part) => parseNumericPart(part ?? ''));
  const rc = match[4] === undefined ? undefined : parseNumericPart(match[4]);
  const revision = match[5] === undefined ? undefined : parseNumericPart(match[5]);
  if (major === undefined || minor === undefined || patch === undefined) {
    return rejected(`"${input.trim()}" has a malformed number in its Kubernetes version`);
  }
  if ((match[4] !== undefined && rc === undefined) || (match[5] !== undefined && revision === undefined)) {
    return rejected(`"${input.trim()}" has a malformed release-candidate or revision number`);
  }
  if (major !== 1) {
    return rejected(`"${input.trim()}" is not an RKE2 version: RKE2 packages Kubernetes 1.x`);
  }
  return parsed({ kubernetes: { major, minor, patch }, rc, revision });
}

/** Canonical text, always with the leading `v`, e.g. `v1.32.2-rc3+rke2r1`. */
export function formatRke2Version(version: Rke2Version): string {
  const { major, minor, patch } = version.kubernetes;
  const rc = version.rc === undefined ? '' : `-rc${version.rc}`;
  const revision = version.revision === undefined ? '' : `+rke2r${version.revision}`;
  return `v${major}.${minor}.${patch}${rc}${revision}`;
}

/** The minor line a release belongs to, e.g. `v1.32`. */
export function rke2MinorLine(version: Rke2Version): string {
  return `v${version.kubernetes.major}.${version.kubernetes.minor}`;
}

/**
 * Release order: Kubernetes version, then RKE2 revision, then release candidates before the GA build of that
 * revision: `v1.32.2-rc3+rke2r1` < `v1.32.2+rke2r1` < `v1.32.2-rc1+rke2r2`. A missing revision sorts as 0.
 */
export function compareRke2Versions(a: Rke2Version, b: Rke2Version): number {
  const byKubernetes = compareTriples(a.kubernetes, b.kubernetes);
  if (byKubernetes !== 0) return byKubernetes;
  const byRevision = (a.revision ?? 0) - (b.revision ?? 0);
  if (byRevision !== 0) return byRevision;
  const rcRank = (v: Rke2Version): number => (v.rc === undefined ? Number.MAX_SAFE_INTEGER : v.rc);
  return rcRank(a) - rcRank(b);
}

export function sameRke2Version(a: Rke2Version, b: Rke2Version): boolean {
  return compareTriples(a.kubernetes, b.kubernetes) === 0 && a.rc === b.rc && a.revision === b.revision;
}
