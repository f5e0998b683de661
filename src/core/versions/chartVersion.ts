import { formatCalicoVersion, splitTriple, type CalicoVersion } from './calicoVersion';
import { parsed, rejected, type ParseResult } from './parseResult';
import { compareTriples } from './triple';

/**
 * An rke2-calico (or rke2-calico-crd) chart version. RKE2 packages Calico X.Y.Z as chart `vX.Y.<Z><NN>`, NN being a
 * two-digit package revision: `v3.29.200` = Calico v3.29.2 revision 00, `v3.27.002` = v3.27.0 revision 02.
 * (Scheme observed across every rke2-calico chart in rancher/rke2-charts; REFERENCE §2.)
 */
export const CHART_SCHEME_SOURCE = 'rke2-calico chart version scheme vX.Y.<Z><NN> (rancher/rke2-charts)';

export interface ChartVersion {
  readonly calico: CalicoVersion;
  readonly packageRevision: number;
}

export function parseChartVersion(input: string): ParseResult<ChartVersion> {
  const split = splitTriple(input);
  if (!split || split.triple.major !== 3 || split.patchDigits.length < 3) {
    return rejected(`"${input.trim()}" is not an rke2-calico chart version (expected e.g. v3.29.200)`);
  }
  const calicoPatchDigits = split.patchDigits.slice(0, -2);
  if (/^0\d/.test(calicoPatchDigits)) {
    return rejected(`"${input.trim()}" is not an rke2-calico chart version: "${calicoPatchDigits}" has a leading zero`);
  }
  return parsed({
    calico: { major: split.triple.major, minor: split.triple.minor, patch: Number(calicoPatchDigits) },
    packageRevision: Number(split.patchDigits.slice(-2)),
  });
}

export function formatChartVersion(version: ChartVersion): string {
  const { major, minor, patch } = version.calico;
  return `v${major}.${minor}.${patch}${String(version.packageRevision).padStart(2, '0')}`;
}

/** The Calico release a chart version packages, e.g. `v3.29.200` → `v3.29.2`. */
export function chartCalicoVersion(version: ChartVersion): string {
  return formatCalicoVersion(version.calico);
}

export function compareChartVersions(a: ChartVersion, b: ChartVersion): number {
  return compareTriples(a.calico, b.calico) || a.packageRevision - b.packageRevision;
}
