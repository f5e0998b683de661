/**
 * Which `profile` values RKE2 accepts, by release: anything else makes rke2 exit with "invalid value provided for
 * --profile flag". Read from rancher/rke2 `pkg/cli/cmds/profile_linux.go` (`validateProfile`) at the tags named;
 * the generic `cis` came with rancher/rke2#4708, `etcd` (and the end of `cis-1.23`) with rancher/rke2#8349.
 * On Windows the check is a no-op.
 */
export interface ProfileEra {
  /** The first release of each minor line that has this set (a line missing here has it from .0, or not at all). */
  readonly from: Readonly<Record<string, number>>;
  /** Minor lines that have this set from their first release. */
  readonly wholeLinesFrom: number;
  readonly accepted: readonly string[];
  readonly source: string;
}

export const PROFILE_SOURCE = 'rancher/rke2 pkg/cli/cmds/profile_linux.go validateProfile (tags v1.24.17, v1.25.0, v1.28.2, v1.30.13, v1.30.14, v1.33.2)';

/** Newest first: the first era whose threshold a release reaches decides. */
export const PROFILE_ERAS: readonly ProfileEra[] = [
  { from: { '1.30': 14, '1.31': 10, '1.32': 6, '1.33': 2 }, wholeLinesFrom: 34, accepted: ['cis', 'etcd'], source: 'rancher/rke2#8349 (v1.30.14, v1.31.10, v1.32.6, v1.33.2, v1.34.0)' },
  { from: { '1.25': 15, '1.26': 10, '1.27': 7, '1.28': 2 }, wholeLinesFrom: 29, accepted: ['cis', 'cis-1.23'], source: 'rancher/rke2#4708 (v1.25.15, v1.26.10, v1.27.7, v1.28.2)' },
  { from: {}, wholeLinesFrom: 25, accepted: ['cis-1.23'], source: 'rancher/rke2#3282 (v1.25.0)' },
  { from: {}, wholeLinesFrom: 0, accepted: ['cis-1.5', 'cis-1.6'], source: 'rancher/rke2 v1.24.17 and earlier' },
];

/** The profiles a release accepts (Kubernetes minor and patch of the RKE2 version). */
export function acceptedProfiles(minor: number, patch: number): ProfileEra {
  for (const era of PROFILE_ERAS) {
    const threshold = era.from[`1.${minor}`];
    if (threshold !== undefined ? patch >= threshold : minor >= era.wholeLinesFrom) return era;
  }
  return PROFILE_ERAS[PROFILE_ERAS.length - 1] as ProfileEra;
}
