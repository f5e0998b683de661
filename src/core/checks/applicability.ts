import { name } from '../kube/objectFields';
import type { ClusterEvidence } from './clusterEvidence';
import { clusterDistribution, installKind, MANIFEST_INSTALL } from './clusterKind';

/** Checks about the tigera-operator and what it owns: meaningless for a manifest install. */
const OPERATOR_CHECKS = ['operator.deployment', 'operator.installation', 'operator.tigerastatus'];
/** Checks about RKE2's rke2-calico charts and their helm-install Jobs. */
const CHART_CHECKS = ['install.helm-jobs', 'install.upgrade'];

/**
 * The checks that do not apply to this cluster, with the reason: judge only what applies. A manifest install has no
 * operator, Installation or TigeraStatus; a cluster whose Calico RKE2's charts did not install (another
 * distribution, or RKE2 with `cni: none` and Calico applied by hand) has no helm-install Jobs to judge.
 */
export function notApplicable(evidence: ClusterEvidence): ReadonlyMap<string, string> {
  const skip = new Map<string, string>();
  const install = installKind(evidence);
  if (install === 'manifest') {
    for (const id of OPERATOR_CHECKS) skip.set(id, `not applicable: ${MANIFEST_INSTALL}`);
    skip.set('dataplane.mtu', `not applicable: ${MANIFEST_INSTALL} sets the MTU in ConfigMap kube-system/calico-config (veth_mtu), which the checks do not read`);
  }
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
