import { compareRke2Versions, formatRke2Version, parseRke2Version, rke2MinorLine, type Rke2Version } from '../versions/rke2Version';
import { OPERATOR_PAIRINGS, type OperatorPairing } from './operatorPairing';
import { RC_BUILDS } from './rcBuilds';
import { RELEASE_MATRIX } from './releaseMatrix';
import type { ReleaseRecord } from './releaseRecord';

/** A release with its parsed version, so lookups compare numbers rather than strings. */
export interface IndexedRelease {
  readonly record: ReleaseRecord;
  readonly version: Rke2Version;
}

function indexed(records: readonly ReleaseRecord[]): IndexedRelease[] {
  return records.map((record) => {
    const result = parseRke2Version(record.rke2);
    if (!result.ok) throw new Error(`release data holds a malformed RKE2 version: ${record.rke2}`);
    return { record, version: result.value };
  });
}

const GA_RELEASES = indexed(RELEASE_MATRIX).sort((a, b) => compareRke2Versions(a.version, b.version));
const RC_RELEASES = indexed(RC_BUILDS).sort((a, b) => compareRke2Versions(a.version, b.version));
const BY_CANONICAL = new Map([...GA_RELEASES, ...RC_RELEASES].map((entry) => [formatRke2Version(entry.version), entry]));

/** GA releases in release order. */
export function gaReleases(): readonly IndexedRelease[] {
  return GA_RELEASES;
}

/** The GA release or recorded release candidate with exactly this version. */
export function findBuild(version: Rke2Version): IndexedRelease | undefined {
  return BY_CANONICAL.get(formatRke2Version(version));
}

/** Every GA release and recorded RC packaging this Kubernetes version (for input without `+rke2rN`). */
export function buildsOfKubernetesVersion(version: Rke2Version): IndexedRelease[] {
  const sameKubernetes = (entry: IndexedRelease): boolean =>
    entry.version.kubernetes.major === version.kubernetes.major &&
    entry.version.kubernetes.minor === version.kubernetes.minor &&
    entry.version.kubernetes.patch === version.kubernetes.patch &&
    entry.version.rc === version.rc;
  return [...GA_RELEASES, ...RC_RELEASES].filter(sameKubernetes);
}

export function gaReleasesInLine(line: string): IndexedRelease[] {
  return GA_RELEASES.filter((entry) => rke2MinorLine(entry.version) === line);
}

export function gaReleasesShipping(field: 'calico' | 'chart' | 'operator', value: string): ReleaseRecord[] {
  return GA_RELEASES.filter((entry) => entry.record[field] === value).map((entry) => entry.record);
}

export function pairingForCalico(calico: string): OperatorPairing | undefined {
  return OPERATOR_PAIRINGS.find((pairing) => pairing.calico === calico);
}

export function pairingForOperator(operator: string): OperatorPairing | undefined {
  return OPERATOR_PAIRINGS.find((pairing) => pairing.operator === operator);
}

export function pairingForChart(chart: string): OperatorPairing | undefined {
  return OPERATOR_PAIRINGS.find((pairing) => pairing.charts.includes(chart) || pairing.unreleasedCharts?.includes(chart));
}

/** The newest GA release the data knows; used to say "newer than anything in the matrix". */
export function newestGaRelease(): IndexedRelease {
  const newest = GA_RELEASES[GA_RELEASES.length - 1];
  if (!newest) throw new Error('release matrix is empty');
  return newest;
}
