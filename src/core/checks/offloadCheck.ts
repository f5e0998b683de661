import { checksumOffloadOverride, RKE2_FEATURE_DETECT_OVERRIDE } from '../knowledge/dataplaneSupport';
import { CALICO_11435, CALICO_8746, OFFLOAD_ON_BY_DEFAULT } from '../knowledge/issues/vxlanOffload';
import { text } from '../kube/objectFields';
import { inCalicoRange } from '../knowledge/knownIssueVerdict';
import { PATHS } from './calicoObjects';
import { result, unknownFrom, type CheckDefinition, type CheckResult } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';
import { clusterIdentity } from './identityChecks';
import { encapsulation, isWindowsNode, kernelAtLeast, usesVxlan } from './networkSetup';

export const OFFLOAD_CHECK: CheckDefinition = { id: 'dataplane.vxlan-offload', area: 'Dataplane', title: "VXLAN checksum offload (ChecksumOffloadBroken)" };

/**
 * FelixConfiguration default spec.featureDetectOverride against the kernels and Calico version: RKE2's chart keeps
 * VXLAN TX checksum offload off (rancher/rke2#1541); without that, Calico v3.28.0 and v3.28.2+ turn it on for
 * kernels newer than 5.7 (projectcalico/calico#8746), which breaks cross-node TCP on some NICs and hypervisors,
 * and on kernels 6.12+ was reported to cap VXLAN at 50–300 Mbit/s (projectcalico/calico#11435).
 */
export function checkVxlanOffload(evidence: ClusterEvidence): CheckResult {
  const modes = encapsulation(evidence);
  if (modes && !modes.modes.some(usesVxlan)) return result(OFFLOAD_CHECK, 'skipped', `skipped: pods are not encapsulated with VXLAN (${modes.modes.join(', ')})`, [`encapsulation: ${modes.source}`]);
  const felix = evidence.felixConfiguration;
  if (felix.kind !== 'ok' && felix.kind !== 'not-found') return unknownFrom(OFFLOAD_CHECK, 'FelixConfiguration default', felix);
  const value = felix.kind === 'ok' ? (text(felix.value, 'spec', 'featureDetectOverride') ?? '') : '';
  const setting = felix.kind === 'ok' ? checksumOffloadOverride(value) : 'dropped';
  const identity = clusterIdentity(evidence);
  const kernels = evidence.nodes.kind === 'ok' ? [...new Set(evidence.nodes.value.items.filter((node) => !isWindowsNode(node)).map((node) => text(node, 'status', 'nodeInfo', 'kernelVersion') ?? 'unknown'))] : [];
  const newKernels = kernels.filter((kernel) => kernelAtLeast(kernel, 6, 12) === true);
  const lines = [
    felix.kind === 'ok' ? `FelixConfiguration default spec.featureDetectOverride: ${value === '' ? '(unset)' : `"${value}"`}` : 'FelixConfiguration default: not found (Felix uses its own feature detection)',
    `encapsulation: ${modes ? `${modes.modes.join(', ')} (${modes.source})` : 'unknown'}`,
    `node kernels: ${kernels.slice(0, 8).join(', ') || 'unknown'}${kernels.length > 8 ? ' …' : ''}`,
    `Calico ${identity.calico ?? 'unknown'}`,
  ];
  const objects = [{ kind: 'FelixConfiguration', name: 'default', path: PATHS.felixConfiguration }];
  if (setting === 'kept') return result(OFFLOAD_CHECK, 'pass', `RKE2's ${RKE2_FEATURE_DETECT_OVERRIDE} is in place`, lines, { objects });
  if (identity.calico !== undefined && !inCalicoRange(OFFLOAD_ON_BY_DEFAULT, identity.calico)) return result(OFFLOAD_CHECK, 'pass', `Calico ${identity.calico} keeps VXLAN checksum offload off by itself`, lines, { objects });
  const oldKernelsOnly = kernels.length > 0 && kernels.every((kernel) => kernelAtLeast(kernel, 5, 8) === false);
  if (oldKernelsOnly) return result(OFFLOAD_CHECK, 'pass', 'Every kernel is 5.7 or older: Calico keeps VXLAN checksum offload off there', lines, { objects });
  const restore = `Keep ${RKE2_FEATURE_DETECT_OVERRIDE} in felixConfiguration.featureDetectOverride of the rke2-calico HelmChartConfig (add it to any other flags you set there).`;
  if (newKernels.length > 0) {
    return result(OFFLOAD_CHECK, 'warn', `VXLAN checksum offload is on with kernel ${newKernels[0] ?? ''}: reported to cap VXLAN at 50–300 Mbit/s`, lines, {
      remediation: `${restore} Reporter's check on a node: ethtool -k vxlan.calico | grep tx-checksum-ip-generic.`,
      knownIssue: { id: CALICO_11435.id, url: CALICO_11435.url },
      objects,
    });
  }
  if (setting === 'enabled') {
    lines.push('ChecksumOffloadBroken=false is a choice the RKE2 docs describe for throughput on kernels newer than 5.7');
    return result(OFFLOAD_CHECK, 'pass', 'VXLAN checksum offload turned on on purpose (ChecksumOffloadBroken=false)', lines, { objects, knownIssue: { id: CALICO_8746.id, url: CALICO_8746.url } });
  }
  return result(OFFLOAD_CHECK, 'warn', `featureDetectOverride lost RKE2's ${RKE2_FEATURE_DETECT_OVERRIDE}: Calico turns VXLAN checksum offload on for kernels newer than 5.7`, lines, {
    remediation: `${restore} Without it, some NICs and hypervisors (vSphere/ESXi) corrupt VXLAN checksums and cross-node TCP fails while ping works.`,
    knownIssue: { id: CALICO_8746.id, url: CALICO_8746.url },
    objects,
  });
}
