import { parsed, rejected, type ParseResult } from './parseResult';
import { compareTriples, parseNumericPart, stripVersionPrefix, type Triple } from './triple';

/**
 * A containerd version as RKE2 reports it: upstream version, the k3s patch release and optionally the hardened
 * image build (`v2.0.2-k3s1-build20250120`). Node status shows it as `containerd://2.0.2-k3s1`.
 */
export interface ContainerdVersion {
  readonly upstream: Triple;
  readonly k3sRelease: number | undefined;
  /** The Kubernetes line some hardened builds append to the k3s release (`-k3s1.36`), as digits. */
  readonly k3sLine: string | undefined;
  readonly build: string | undefined;
}

const CONTAINERD_PATTERN = /^(\d+)\.(\d+)\.(\d+)(?:-k3s(\d+)(?:\.(\d{1,3}))?)?(?:-build(\d{8}))?$/;

export function parseContainerdVersion(input: string): ParseResult<ContainerdVersion> {
  const withoutScheme = input.trim().replace(/^containerd:\/\//, '');
  const match = CONTAINERD_PATTERN.exec(stripVersionPrefix(withoutScheme));
  if (!match) {
    return rejected(`"${input.trim()}" is not a containerd version (expected e.g. v2.0.2-k3s2 or containerd://2.0.2-k3s2)`);
  }
  const [major, minor, patch] = [match[1], match[2], match[3]].map((part) => parseNumericPart(part ?? ''));
  const k3sRelease = match[4] === undefined ? undefined : parseNumericPart(match[4]);
  if (major === undefined || minor === undefined || patch === undefined || (match[4] !== undefined && k3sRelease === undefined)) {
    return rejected(`"${input.trim()}" has a malformed number`);
  }
  return parsed({ upstream: { major, minor, patch }, k3sRelease, k3sLine: match[5], build: match[6] });
}

/** `v2.0.2-k3s1`: the form the release matrix uses; the image build suffix is left out. */
export function formatContainerdVersion(version: ContainerdVersion): string {
  const { major, minor, patch } = version.upstream;
  const k3s = version.k3sRelease === undefined ? '' : `-k3s${version.k3sRelease}${version.k3sLine === undefined ? '' : `.${version.k3sLine}`}`;
  return `v${major}.${minor}.${patch}${k3s}`;
}

export function compareContainerdVersions(a: ContainerdVersion, b: ContainerdVersion): number {
  return compareTriples(a.upstream, b.upstream) || (a.k3sRelease ?? 0) - (b.k3sRelease ?? 0);
}
