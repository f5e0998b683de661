import { bool } from '../kube/objectFields';
import { result, unknownFrom, type CheckDefinition, type CheckResult } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';
import { configuredMtu, encapsulation, poolFamilies, usesVxlan, workloadPools } from './networkSetup';

export const MTU_CHECK: CheckDefinition = { id: 'dataplane.mtu', area: 'Dataplane', title: 'Pod MTU and the encapsulation overhead' };

/** Bytes each encapsulation adds (felix/dataplane/linux/int_dataplane.go: ipipMTUOverhead … wireguardV6MTUOverhead). */
export const MTU_OVERHEAD = { ipip: 20, vxlan: 50, vxlanV6: 70, wireguard: 60, wireguardV6: 80 } as const;
/** The MTU of a plain Ethernet NIC; more needs jumbo frames all along the path. */
const ETHERNET_MTU = 1500;

/** The largest overhead among what the cluster enables, with its name. */
export function largestOverhead(modes: readonly string[], families: ReadonlySet<4 | 6>, wireguard: { v4: boolean; v6: boolean }): { bytes: number; what: string } {
  const candidates: { bytes: number; what: string }[] = [];
  if (modes.some(usesVxlan)) {
    if (families.has(4) || families.size === 0) candidates.push({ bytes: MTU_OVERHEAD.vxlan, what: 'VXLAN (IPv4)' });
    if (families.has(6)) candidates.push({ bytes: MTU_OVERHEAD.vxlanV6, what: 'VXLAN (IPv6)' });
  }
  if (modes.some((mode) => mode.startsWith('IPIP'))) candidates.push({ bytes: MTU_OVERHEAD.ipip, what: 'IP-in-IP' });
  if (wireguard.v4) candidates.push({ bytes: MTU_OVERHEAD.wireguard, what: 'WireGuard (IPv4)' });
  if (wireguard.v6) candidates.push({ bytes: MTU_OVERHEAD.wireguardV6, what: 'WireGuard (IPv6)' });
  return candidates.reduce((largest, entry) => (entry.bytes > largest.bytes ? entry : largest), { bytes: 0, what: 'no encapsulation' });
}

/**
 * Installation spec.calicoNetwork.mtu is the pod (and tunnel) MTU; every node's NIC must carry it plus the
 * encapsulation header, or large packets are dropped while small ones pass ("large transfers hang"). Unset, Calico
 * derives it from the host NIC itself (RKE2's chart sets none). The NICs are not visible through the API: on a
 * node or in a bundle the host MTU check compares them.
 */
export function checkMtu(evidence: ClusterEvidence): CheckResult {
  if (evidence.installation.kind !== 'ok') return unknownFrom(MTU_CHECK, 'Installation default', evidence.installation);
  const mtu = configuredMtu(evidence);
  const modes = encapsulation(evidence);
  const felix = evidence.felixConfiguration.kind === 'ok' ? evidence.felixConfiguration.value : undefined;
  const wireguard = { v4: bool(felix, 'spec', 'wireguardEnabled') === true, v6: bool(felix, 'spec', 'wireguardEnabledV6') === true };
  const families = poolFamilies(workloadPools(evidence.ipPools) ?? []);
  const overhead = largestOverhead(modes?.modes ?? [], families, wireguard);
  const lines = [
    `Installation default spec.calicoNetwork.mtu: ${mtu ?? 'unset (Calico detects it from the host interfaces)'}`,
    `encapsulation: ${modes ? `${modes.modes.join(', ')} (${modes.source})` : 'unknown'}${wireguard.v4 || wireguard.v6 ? ', WireGuard on' : ''}; largest header: ${overhead.bytes} bytes (${overhead.what})`,
  ];
  if (mtu === undefined) return result(MTU_CHECK, 'pass', 'Calico sizes the pod MTU from the host NIC (no mtu set)', lines);
  if (!modes && felix === undefined) return result(MTU_CHECK, 'unknown', 'unknown: the encapsulation could not be read, so the MTU cannot be judged', lines);
  const needed = mtu + overhead.bytes;
  lines.push(`every node's NIC (and the network between them) must carry ${needed} bytes`);
  if (families.has(6) && mtu < 1280) {
    return result(MTU_CHECK, 'fail', `MTU ${mtu} is below IPv6's minimum of 1280`, lines, { remediation: 'Raise installation.calicoNetwork.mtu to at least 1280 or remove it so Calico detects it.' });
  }
  if (needed > ETHERNET_MTU) {
    return result(MTU_CHECK, 'warn', `MTU ${mtu} + ${overhead.bytes} bytes of ${overhead.what} needs NICs with MTU ≥ ${needed} (jumbo frames)`, lines, {
      remediation: `Check the NIC MTU on every node (ip link; the host MTU check does it on a node or in a bundle). If a NIC or hop carries only ${ETHERNET_MTU}, set installation.calicoNetwork.mtu to ${ETHERNET_MTU - overhead.bytes} or remove it so Calico detects it; otherwise large transfers stall while pings pass.`,
    });
  }
  return result(MTU_CHECK, 'pass', `MTU ${mtu} fits a ${ETHERNET_MTU}-byte NIC with ${overhead.what}`, lines);
}
