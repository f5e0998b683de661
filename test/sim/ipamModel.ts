import type { ClusterState } from './scenarioTypes';

/** IPAM objects as calico-node and calico-ipam write them (libcalico-go internalapi IPAMBlock, BlockAffinity). */
export interface IpamObjects {
  readonly blocks: Record<string, unknown>[];
  readonly affinities: Record<string, unknown>[];
  readonly config: Record<string, unknown>;
  /** The first address of each node's first block (its VXLAN tunnel address), by node name. */
  readonly tunnelAddresses: ReadonlyMap<string, string>;
}

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((total, part) => total * 256 + Number(part), 0);
}

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function blockObjects(cidr: string, node: string, blockSize: number, allocated: number, t0: string): { block: Record<string, unknown>; affinity: Record<string, unknown> } {
  const size = 2 ** (32 - blockSize);
  const name = cidr.replace(/[./]/g, '-');
  const used = Math.min(allocated, size);
  return {
    block: {
      apiVersion: 'crd.projectcalico.org/v1',
      kind: 'IPAMBlock',
      metadata: { name, uid: `uid-block-${name}`, resourceVersion: '1', creationTimestamp: t0 },
      spec: {
        cidr,
        affinity: `host:${node}`,
        allocations: Array.from({ length: size }, (_, index) => (index < used ? index : null)),
        unallocated: Array.from({ length: size - used }, (_, index) => index + used),
        attributes: Array.from({ length: used }, (_, index) => ({ handle_id: `k8s-pod-network.${node}-${index}`, secondary: { namespace: 'default', node, pod: `pod-${index}`, timestamp: t0 } })),
        deleted: false,
        sequenceNumber: used,
        strictAffinity: false,
      },
    },
    affinity: {
      apiVersion: 'crd.projectcalico.org/v1',
      kind: 'BlockAffinity',
      metadata: { name: `${node}-${name}`, uid: `uid-affinity-${node}-${name}`, resourceVersion: '1', creationTimestamp: t0 },
      spec: { state: 'confirmed', node, type: 'host', cidr, deleted: 'false' },
    },
  };
}

/**
 * One or more blocks per node, handed out in order from the first IPv4 pool until it is full (later nodes get
 * none), plus the blocks leaked by nodes that are gone. IPAMConfig default as the RKE2 chart sets it.
 */
export function ipamObjects(state: ClusterState, nodeNames: readonly string[], t0: string): IpamObjects {
  const ipam = state.ipam ?? {};
  const blockSize = ipam.blockSize ?? 26;
  const pool = state.ipPools.find((cidr) => !cidr.includes(':'));
  const blocks: Record<string, unknown>[] = [];
  const affinities: Record<string, unknown>[] = [];
  const tunnelAddresses = new Map<string, string>();
  if (pool && state.cni === 'calico') {
    const [network = '0.0.0.0', prefix = '16'] = pool.split('/');
    const capacity = 2 ** (blockSize - Number(prefix));
    const base = ipv4ToNumber(network);
    // The deleted nodes claimed their blocks first: they were there before the current ones.
    const owners = [...(ipam.leakedNodes ?? []), ...nodeNames];
    let next = 0;
    for (const node of owners) {
      for (let count = 0; count < (ipam.blocksPerNode ?? 1) && next < capacity; count++, next++) {
        const start = base + next * 2 ** (32 - blockSize);
        const made = blockObjects(`${numberToIpv4(start)}/${blockSize}`, node, blockSize, ipam.allocatedPerBlock ?? 5, t0);
        blocks.push(made.block);
        affinities.push(made.affinity);
        if (!tunnelAddresses.has(node)) tunnelAddresses.set(node, numberToIpv4(start));
      }
    }
  }
  const config = {
    apiVersion: 'crd.projectcalico.org/v1',
    kind: 'IPAMConfig',
    metadata: { name: 'default', uid: 'uid-ipamconfig', resourceVersion: '1', creationTimestamp: t0 },
    spec: { strictAffinity: ipam.strictAffinity ?? true, autoAllocateBlocks: true, ...(ipam.maxBlocksPerHost !== undefined ? { maxBlocksPerHost: ipam.maxBlocksPerHost } : {}) },
  };
  return { blocks, affinities, config, tunnelAddresses };
}
