/**
 * Release candidates the known issues name: the builds rancher/rke2#7808 was reported and validated on (and the RCs
 * of the other lines that shipped the same Calico with an older containerd), the RCs with rke2-calico v3.32.002
 * (rancher/rke2#10494), the November 2025 RCs of the Windows start-up race (rancher/rke2#9276), and the RCs after
 * v1.36.3, the newest GA release.
 *
 * Source: `git show <tag>:Dockerfile` (hardened-containerd), `git show <tag>:charts/chart_versions.yaml`
 * (rke2-calico, rke2-calico-crd) and `git show <tag>:scripts/build-images` (calico-node, operator) in rancher/rke2.
 * For the #7808 RCs the operator follows from chart v3.29.200, whose values.yaml pins `tigeraOperator.version:
 * v1.36.5` (rancher/rke2-charts), and their rke2-calico-crd chart is not recorded.
 */
import type { ReleaseRecord } from './releaseRecord';

export const RC_BUILDS_SOURCE = 'rancher/rke2 release-candidate tags: Dockerfile (hardened-containerd) and charts/chart_versions.yaml';

interface CalicoStack {
  readonly chart: string;
  readonly calico: string;
  readonly operator: string;
}

const CALICO_3_30_4: CalicoStack = { chart: 'v3.30.401', calico: 'v3.30.4', operator: 'v1.38.7' };
const CALICO_3_32_0_CHART_002: CalicoStack = { chart: 'v3.32.002', calico: 'v3.32.0', operator: 'v1.42.0' };
const CALICO_3_32_1: CalicoStack = { chart: 'v3.32.100', calico: 'v3.32.1', operator: 'v1.42.3' };

function laterRc(rke2: string, stack: CalicoStack, containerd: string, note: string): ReleaseRecord {
  return { rke2, ...stack, crdChart: stack.chart, containerd, released: undefined, releasedFrom: undefined, note };
}

function rc(rke2: string, containerd: string, note: string): ReleaseRecord {
  return {
    rke2,
    chart: 'v3.29.200',
    calico: 'v3.29.2',
    operator: 'v1.36.5',
    crdChart: undefined,
    containerd,
    released: undefined,
    releasedFrom: undefined,
    note,
  };
}

const GO_CNI_DEADLOCK = 'built with hardened-containerd v2.0.2-k3s1-build20250120 (go-cni deadlock); #7808 reproduced here';
const GO_CNI_FIXED = 'built with hardened-containerd v2.0.2-k3s2-build20250221 (go-cni deadlock fix, rancher/rke2#7811/#7812)';
const NEWER_THAN_GA = 'release candidate of 2026-08-21, after v1.36.3+rke2r1; no GA release of it is recorded';
const CONTAINERD_1_7 = 'containerd 1.7.x: the go-cni STATUS change of containerd 2.0.1+ is not in this build';

export const RC_BUILDS: readonly ReleaseRecord[] = [
  rc('v1.29.14-rc1+rke2r1', 'v1.7.23-k3s2', CONTAINERD_1_7),
  rc('v1.29.14-rc2+rke2r1', 'v1.7.23-k3s2', CONTAINERD_1_7),
  rc('v1.30.10-rc1+rke2r1', 'v1.7.23-k3s2', CONTAINERD_1_7),
  rc('v1.30.10-rc2+rke2r1', 'v1.7.23-k3s2', CONTAINERD_1_7),
  rc('v1.31.6-rc1+rke2r1', 'v2.0.2-k3s1', GO_CNI_DEADLOCK),
  rc('v1.31.6-rc2+rke2r1', 'v2.0.2-k3s1', GO_CNI_DEADLOCK),
  rc('v1.31.6-rc3+rke2r1', 'v2.0.2-k3s2', `${GO_CNI_FIXED}; same commit (f75cdf813) as v1.31.6+rke2r1`),
  rc('v1.32.2-rc1+rke2r1', 'v2.0.2-k3s1', GO_CNI_DEADLOCK),
  rc('v1.32.2-rc2+rke2r1', 'v2.0.2-k3s1', GO_CNI_DEADLOCK),
  rc('v1.32.2-rc3+rke2r1', 'v2.0.2-k3s1', GO_CNI_DEADLOCK),
  rc('v1.32.2-rc4+rke2r1', 'v2.0.2-k3s2', `${GO_CNI_FIXED}; became v1.32.2+rke2r1`),
  ...['v1.31.14-rc1+rke2r1', 'v1.32.10-rc1+rke2r1', 'v1.33.6-rc1+rke2r1', 'v1.34.2-rc1+rke2r1'].map((rke2) =>
    laterRc(rke2, CALICO_3_30_4, 'v2.1.5-k3s1', 'November 2025 RC without the Windows Calico start-up fix (rancher/rke2#9276)'),
  ),
  ...['v1.33.12', 'v1.34.8', 'v1.35.5', 'v1.36.1'].flatMap((kubernetes) =>
    ['rc1', 'rc2'].map((candidate) =>
      laterRc(`${kubernetes}-${candidate}+rke2r2`, CALICO_3_32_0_CHART_002, 'v2.2.3-k3s1', 'rke2-calico v3.32.002: Typha without the network-unavailable toleration (rancher/rke2#10494)'),
    ),
  ),
  laterRc('v1.34.11-rc1+rke2r1', CALICO_3_32_1, 'v2.2.7-k3s1', NEWER_THAN_GA),
  laterRc('v1.35.8-rc1+rke2r1', CALICO_3_32_1, 'v2.2.7-k3s1', NEWER_THAN_GA),
  laterRc('v1.36.4-rc1+rke2r1', CALICO_3_32_1, 'v2.3.4-k3s1.36', NEWER_THAN_GA),
];
