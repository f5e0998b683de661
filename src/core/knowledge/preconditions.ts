/**
 * Conditions beyond versions under which a known issue bites. The checks establish them from read-only evidence
 * (node info, Calico resources); where nothing establishes one, the issue is shown as "may apply if …".
 */
export type PreconditionId =
  | 'windows-node'
  | 'kernel-6.12-or-later'
  | 'ipv6-only'
  | 'private-registry-with-goldmane-or-whisker'
  | 'checksum-offload-override-dropped'
  | 'vxlan-encapsulation'
  | 'nftables-dataplane'
  | 'nftables-foreign-rules'
  | 'loadbalancer-ip-pool';

export interface Precondition {
  readonly id: PreconditionId;
  /** Completes "may apply if …". */
  readonly description: string;
  /** What the product reads to decide it. */
  readonly evidence: string;
}

/** What is known about each precondition: true, false, or absent when nothing could decide it. */
export type PreconditionFacts = { readonly [K in PreconditionId]?: boolean };

export const PRECONDITIONS: Readonly<Record<PreconditionId, Precondition>> = {
  'windows-node': {
    id: 'windows-node',
    description: 'a Windows node runs Calico',
    evidence: 'node status nodeInfo.operatingSystem == windows',
  },
  'kernel-6.12-or-later': {
    id: 'kernel-6.12-or-later',
    description: 'a node runs kernel 6.12 or later',
    evidence: 'node status nodeInfo.kernelVersion',
  },
  'ipv6-only': {
    id: 'ipv6-only',
    description: 'the cluster is IPv6-only',
    evidence: 'Installation calicoNetwork.ipPools / the IPPools: none with an IPv4 CIDR',
  },
  'private-registry-with-goldmane-or-whisker': {
    id: 'private-registry-with-goldmane-or-whisker',
    description: 'images come from a private registry and goldmane or whisker is on',
    evidence: 'the registry of the Calico images; Goldmane/Whisker resources (operator.tigera.io)',
  },
  'checksum-offload-override-dropped': {
    id: 'checksum-offload-override-dropped',
    description: "featureDetectOverride lost RKE2's ChecksumOffloadBroken=true",
    evidence: 'FelixConfiguration default spec.featureDetectOverride',
  },
  'vxlan-encapsulation': {
    id: 'vxlan-encapsulation',
    description: 'VXLAN encapsulation is used (the RKE2 default)',
    evidence: 'Installation calicoNetwork.ipPools[].encapsulation or IPPool spec.vxlanMode',
  },
  'nftables-dataplane': {
    id: 'nftables-dataplane',
    description: 'Calico runs its nftables dataplane',
    evidence: 'Installation calicoNetwork.linuxDataplane == Nftables',
  },
  'nftables-foreign-rules': {
    id: 'nftables-foreign-rules',
    description: 'another tool writes nftables rules into the standard tables',
    evidence: 'not readable through the Kubernetes API; shows in calico-node logs as an incompatible-table panic',
  },
  'loadbalancer-ip-pool': {
    id: 'loadbalancer-ip-pool',
    description: 'Calico assigns LoadBalancer IPs',
    evidence: 'IPPool spec.allowedUses',
  },
};

/** "a Windows node runs Calico and …": the open preconditions of an issue as one clause. */
export function describePreconditions(ids: readonly PreconditionId[]): string {
  return ids.map((id) => PRECONDITIONS[id].description).join(' and ');
}
