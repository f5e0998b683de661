/**
 * Release candidates that matter for rancher/rke2#7808: the builds the race was reported and validated on, and the
 * RCs of the other lines that shipped the same Calico but an older containerd.
 *
 * Source: `git show <tag>:Dockerfile` (hardened-containerd) and `git show <tag>:charts/chart_versions.yaml`
 * (rke2-calico) in rancher/rke2 — REFERENCE §1.3. The operator tag follows from chart v3.29.200, whose values.yaml
 * pins `tigeraOperator.version: v1.36.5` (rancher/rke2-charts). The rke2-calico-crd chart of these RCs is not recorded.
 */
import type { ReleaseRecord } from './releaseRecord';

export const RC_BUILDS_SOURCE = 'rancher/rke2 release-candidate tags: Dockerfile (hardened-containerd) and charts/chart_versions.yaml';

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
];
