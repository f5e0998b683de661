import { name } from '../kube/objectFields';
import type { ClusterEvidence } from './clusterEvidence';
import { clusterDistribution, installKind, MANIFEST_INSTALL } from './clusterKind';
import { otherCniPlugin, POLICY_ONLY_SKIPS } from './policyOnly';

/** Checks about the tigera-operator and what it owns: meaningless for a manifest install. */
const OPERATOR_CHECKS = ['operator.deployment', 'operator.installation', 'operator.tigerastatus'];
/** Checks about RKE2's rke2-calico charts and their helm-install Jobs. */
const CHART_CHECKS = ['install.helm-jobs', 'install.upgrade'];
/**
 * What Canal does not have, with why: no operator, Typha, BGP or Calico IPAM (flannel routes, host-local IPAM hands
 * out the node's podCIDR), no rke2-calico chart, and no per-release list of the CRDs and roles its manifests ship.
 * calico-kube-controllers is judged only where it exists (workloadChecks).
 */
const CANAL_SKIPS: Readonly<Record<string, string>> = {
  'operator.deployment': 'Canal has no tigera-operator',
  'operator.installation': 'Canal has no Installation',
  'operator.tigerastatus': 'Canal has no TigeraStatus',
  'operator.stuck-deletion': 'Canal has no Installation',
  'install.helm-jobs': 'the rke2-calico charts are not deployed (RKE2 installs Canal with rke2-canal)',
  'install.upgrade': 'the rke2-calico charts are not deployed (RKE2 installs Canal with rke2-canal)',
  'identity.known-issues': 'the known issues are recorded for rke2-calico and Calico installs, not for Canal',
  'crds.calico': 'the CRDs of each Canal manifest are not in the per-release data',
  'rbac.calico': 'the roles of each Canal manifest are not in the per-release data',
  'rbac.denials': 'the roles of each Canal manifest are not in the per-release data',
  'workloads.calico-typha': 'Canal runs without Typha',
  'nodes.calico-addresses': 'Canal\'s calico-node runs without BGP; flannel carries the routes',
  'nodes.windows': 'Canal has no Windows support (RKE2 runs Windows nodes with Calico or Flannel)',
  'race.join-burst': 'rancher/rke2#7808 is a race of the rke2-calico install',
  'ippools.cidr': 'Canal allocates pod addresses with host-local IPAM from the node\'s podCIDR, not from IP pools',
  'ipam.blocks': 'Canal allocates pod addresses with host-local IPAM, not Calico IPAM blocks',
  'dataplane.mode': 'Canal has no Installation',
  'dataplane.felix-encapsulation': 'flannel, not Felix, encapsulates Canal\'s traffic',
  'dataplane.vxlan-offload': 'flannel\'s VXLAN device (flannel.1) is not Felix\'s',
  'dataplane.mtu': 'Canal sets its MTU in its own ConfigMap (veth_mtu), which the checks do not read',
};

/**
 * The checks that do not apply to this cluster, with the reason: judge only what applies. A manifest install has no
 * operator, Installation or TigeraStatus; where another CNI plugin carries the pods (EKS, AKS, GKE), Calico has no IP
 * pools, blocks or tunnels to judge; a cluster whose Calico RKE2's charts did not install (another
 * distribution, or RKE2 with `cni: none` and Calico applied by hand) has no helm-install Jobs to judge.
 */
export function notApplicable(evidence: ClusterEvidence): ReadonlyMap<string, string> {
  const skip = new Map<string, string>();
  const install = installKind(evidence);
  if (install === 'manifest') {
    for (const id of OPERATOR_CHECKS) skip.set(id, `not applicable: ${MANIFEST_INSTALL}`);
    skip.set('dataplane.mtu', `not applicable: ${MANIFEST_INSTALL} sets the MTU in ConfigMap kube-system/calico-config (veth_mtu), which the checks do not read`);
  }
  if (install === 'canal') {
    for (const [id, why] of Object.entries(CANAL_SKIPS)) skip.set(id, `not applicable: ${why}`);
    return skip;
  }
  const other = otherCniPlugin(evidence);
  if (other) for (const [id, why] of Object.entries(POLICY_ONLY_SKIPS)) skip.set(id, `not applicable: Calico enforces network policy only, the CNI is ${other.plugin}: ${why}`);
  const { distribution } = clusterDistribution(evidence);
  const charts = evidence.helmCharts.kind === 'ok' ? evidence.helmCharts.value.items.map(name) : undefined;
  const fromCharts = charts?.includes('rke2-calico') ?? false;
  const installedOtherwise = !fromCharts && (install === 'operator' || install === 'manifest');
  if (distribution !== undefined && distribution !== 'RKE2') {
    for (const id of CHART_CHECKS) skip.set(id, `not applicable: a ${distribution} cluster, not RKE2 (no rke2-calico charts)`);
  } else if (installedOtherwise && charts !== undefined) {
    for (const id of CHART_CHECKS) skip.set(id, `not applicable: Calico was not installed by RKE2's rke2-calico chart (${install === 'manifest' ? MANIFEST_INSTALL : 'tigera-operator applied by hand'})`);
  }
  return skip;
}
