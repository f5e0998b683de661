import { result, type CheckDefinition, type CheckResult } from '../core/checks/checkResult';
import { kernelAtLeast } from '../core/checks/networkSetup';

export const HOST_OFFLOAD_CHECK: CheckDefinition = { id: 'host.vxlan-offload', area: 'Host', title: 'TX checksum offload of vxlan.calico' };

/** `ethtool -k` output of one interface, from a file holding several ("Features for <if>:" sections). */
export function ethtoolFeatures(text: string, iface: string): Map<string, string> | undefined {
  const start = text.indexOf(`Features for ${iface}:`);
  if (start < 0) return undefined;
  const rest = text.slice(start).split('\n').slice(1);
  const features = new Map<string, string>();
  for (const line of rest) {
    if (/^Features for /.test(line)) break;
    const match = /^\s*([\w-]+):\s+(on|off)\b/.exec(line);
    if (match?.[1] && match[2]) features.set(match[1], match[2]);
  }
  return features;
}

/**
 * TX checksum offload on vxlan.calico, as `ethtool -k` recorded it, with the kernel. RKE2's featureDetectOverride
 * keeps it off; on means the override was lost: some NICs then corrupt VXLAN checksums (projectcalico/calico#8746),
 * and kernels 6.12+ were reported at 50–300 Mbit/s (projectcalico/calico#11435).
 */
export function judgeVxlanOffload(features: Map<string, string> | undefined, kernel: string | undefined, source: string): CheckResult {
  if (!features) return result(HOST_OFFLOAD_CHECK, 'skipped', 'skipped: no vxlan.calico device was recorded', [source]);
  const state = features.get('tx-checksum-ip-generic') ?? features.get('tx-checksumming');
  const lines = [source, `vxlan.calico tx-checksum-ip-generic: ${state ?? 'not listed'}`, `kernel ${kernel ?? 'unknown'}`];
  if (state === undefined) return result(HOST_OFFLOAD_CHECK, 'unknown', 'unknown: the offload state of vxlan.calico was not recorded', lines);
  if (state === 'off') return result(HOST_OFFLOAD_CHECK, 'pass', 'TX checksum offload is off on vxlan.calico', lines);
  const newKernel = kernelAtLeast(kernel, 6, 12) === true;
  return result(HOST_OFFLOAD_CHECK, 'warn', `TX checksum offload is on on vxlan.calico${newKernel ? ` with kernel ${kernel ?? ''}` : ''}`, lines, {
    remediation: 'Keep ChecksumOffloadBroken=true in felixConfiguration.featureDetectOverride (the rke2-calico default). Reporter\'s workaround on a node: ethtool -K vxlan.calico tx-checksum-ip-generic off.',
    knownIssue: newKernel ? { id: 'projectcalico/calico#11435', url: 'https://github.com/projectcalico/calico/issues/11435' } : { id: 'projectcalico/calico#8746', url: 'https://github.com/projectcalico/calico/pull/8746' },
  });
}
