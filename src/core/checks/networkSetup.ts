import type { ApiResult } from '../kube/apiResult';
import type { ListResult } from '../kube/clusterReader';
import { bool, list, num, text, type Json } from '../kube/objectFields';
import { parseCidr } from '../net/cidr';
import type { ClusterEvidence } from './clusterEvidence';

/** How pods are encapsulated, read from the Installation's pools or, failing that, from the IPPools themselves. */
export interface Encapsulation {
  /** Installation values: VXLAN, VXLANCrossSubnet, IPIP, IPIPCrossSubnet, None. */
  readonly modes: readonly string[];
  readonly source: string;
}

/** The workload pools: those that hand out pod addresses (not LoadBalancer-only pools). */
export function workloadPools(ipPools: ApiResult<ListResult>): Json[] | undefined {
  if (ipPools.kind !== 'ok') return undefined;
  return ipPools.value.items.filter((pool) => {
    const uses = list(pool, 'spec', 'allowedUses').filter((use): use is string => typeof use === 'string');
    return uses.length === 0 || uses.includes('Workload');
  });
}

function poolMode(pool: Json): string {
  const vxlan = text(pool, 'spec', 'vxlanMode');
  const ipip = text(pool, 'spec', 'ipipMode');
  if (vxlan === 'Always') return 'VXLAN';
  if (vxlan === 'CrossSubnet') return 'VXLANCrossSubnet';
  if (ipip === 'Always') return 'IPIP';
  if (ipip === 'CrossSubnet') return 'IPIPCrossSubnet';
  return 'None';
}

export function encapsulation(evidence: ClusterEvidence): Encapsulation | undefined {
  if (evidence.installation.kind === 'ok') {
    const modes = list(evidence.installation.value, 'spec', 'calicoNetwork', 'ipPools').map((pool) => text(pool, 'encapsulation')).filter((mode): mode is string => mode !== undefined);
    if (modes.length > 0) return { modes: [...new Set(modes)], source: 'Installation default spec.calicoNetwork.ipPools[].encapsulation' };
  }
  const pools = workloadPools(evidence.ipPools);
  if (pools && pools.length > 0) return { modes: [...new Set(pools.map(poolMode))], source: 'IPPool spec.vxlanMode / spec.ipipMode' };
  return undefined;
}

export function usesVxlan(mode: string): boolean {
  return mode.startsWith('VXLAN');
}

/** Installation spec.calicoNetwork.linuxDataplane; Iptables when the Installation leaves it unset. */
export function linuxDataplane(evidence: ClusterEvidence): string | undefined {
  if (evidence.installation.kind === 'ok') return text(evidence.installation.value, 'spec', 'calicoNetwork', 'linuxDataplane') ?? 'Iptables';
  // A manifest install has no Installation: FelixConfiguration default says it (bpfEnabled, nftablesMode).
  if (evidence.installation.kind === 'not-found' && evidence.manifestInstall?.calicoNodeDaemonSet.kind === 'ok' && evidence.felixConfiguration.kind === 'ok') {
    if (bool(evidence.felixConfiguration.value, 'spec', 'bpfEnabled') === true) return 'BPF';
    return text(evidence.felixConfiguration.value, 'spec', 'nftablesMode') === 'Enabled' ? 'Nftables' : 'Iptables';
  }
  return undefined;
}

export function configuredMtu(evidence: ClusterEvidence): number | undefined {
  return evidence.installation.kind === 'ok' ? num(evidence.installation.value, 'spec', 'calicoNetwork', 'mtu') : undefined;
}

/** A Linux kernel release as major.minor (`6.12.0-55.el10.x86_64` → 6.12); undefined when it does not start so. */
function kernelLine(release: string | undefined): { major: number; minor: number } | undefined {
  const match = release === undefined ? null : /^(\d+)\.(\d+)/.exec(release);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

/** Whether a kernel release is at least major.minor; undefined when it cannot be read. */
export function kernelAtLeast(release: string | undefined, major: number, minor: number): boolean | undefined {
  const line = kernelLine(release);
  return line === undefined ? undefined : line.major > major || (line.major === major && line.minor >= minor);
}

export function isWindowsNode(node: Json): boolean {
  return text(node, 'status', 'nodeInfo', 'operatingSystem') === 'windows' || text(node, 'metadata', 'labels', 'kubernetes.io/os') === 'windows';
}

/** Pool CIDRs by family, for telling an IPv6-only cluster. */
export function poolFamilies(pools: readonly Json[]): Set<4 | 6> {
  const families = new Set<4 | 6>();
  for (const pool of pools) {
    const parsed = parseCidr(text(pool, 'spec', 'cidr') ?? '');
    if (parsed.ok) families.add(parsed.cidr.family);
  }
  return families;
}

/** The tag of a container image reference (`…/mirrored-calico-operator:v1.42.0` → v1.42.0). */
export function imageTag(image: string | undefined): string | undefined {
  const match = image === undefined ? null : /:(v?\d+\.\d+\.\d+)(?:@.*)?$/.exec(image);
  return match?.[1];
}
