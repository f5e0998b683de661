import { bool, list, name, num, text, type Json } from '../kube/objectFields';
import { cidrContains, parseCidr, type Cidr } from '../net/cidr';
import { result, unknownFrom, type CheckDefinition, type CheckResult } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';
import { workloadPools } from './networkSetup';

export const IPAM_CHECK: CheckDefinition = { id: 'ipam.blocks', area: 'IPAM', title: 'IPAM blocks and pool capacity' };

/** Warn when a pool has handed out this share of its blocks. */
const FILL_WARNING = 0.8;
const SHOWN = 10;

interface PoolUse {
  readonly name: string;
  readonly cidr: Cidr;
  readonly blockSize: number;
  /** Blocks the pool can hand out; Infinity where that exceeds any cluster (IPv6). */
  readonly capacity: number;
  used: number;
  readonly disabled: boolean;
}

function poolUse(pool: Json): PoolUse | undefined {
  const parsed = parseCidr(text(pool, 'spec', 'cidr') ?? '');
  if (!parsed.ok) return undefined;
  const blockSize = num(pool, 'spec', 'blockSize') ?? (parsed.cidr.family === 4 ? 26 : 122);
  const bits = blockSize - parsed.cidr.prefixLength;
  return {
    name: name(pool),
    cidr: parsed.cidr,
    blockSize,
    capacity: bits < 0 ? 0 : bits > 40 ? Number.POSITIVE_INFINITY : 2 ** bits,
    used: 0,
    disabled: bool(pool, 'spec', 'disabled') === true || bool(pool, 'spec', 'disableNewAllocations') === true,
  };
}

/** `host:<node>` of an IPAMBlock, or a BlockAffinity's spec.node. */
function blockOwner(block: Json): string | undefined {
  const affinity = text(block, 'spec', 'affinity');
  return affinity?.startsWith('host:') ? affinity.slice('host:'.length) : undefined;
}

function percent(part: number, whole: number): string {
  return whole === Number.POSITIVE_INFINITY ? '≈0 %' : `${((part / Math.max(1, whole)) * 100).toFixed(1)} %`;
}

function countBy(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/**
 * Calico hands each node whole blocks of a pool (/26 by default) and, with strictAffinity (RKE2 sets it, Windows
 * needs it), a node never borrows from another node's block. So a pool runs out of blocks, not addresses: a
 * /16 of /26 blocks serves 1,024 nodes. Blocks still held by deleted nodes (BlockAffinity spec.node, IPAMBlock
 * spec.affinity) are leaks kube-controllers should release; blocks outside every pool mean pools went missing
 * (rancher/rke2#10168). Read from IPAMBlocks and BlockAffinities in pages; pods are never listed.
 */
export function checkIpamBlocks(evidence: ClusterEvidence): CheckResult {
  if (evidence.ipamBlocks.kind !== 'ok') return unknownFrom(IPAM_CHECK, 'IPAMBlocks', evidence.ipamBlocks);
  if (evidence.ipPools.kind !== 'ok') return unknownFrom(IPAM_CHECK, 'IPPools', evidence.ipPools);
  const uses = (workloadPools(evidence.ipPools) ?? []).map(poolUse).filter((use): use is PoolUse => use !== undefined);
  const blocks = evidence.ipamBlocks.value.items;
  let orphans = 0;
  let allocated = 0;
  let addresses = 0;
  for (const block of blocks) {
    const parsed = parseCidr(text(block, 'spec', 'cidr') ?? '');
    const pool = parsed.ok ? uses.find((use) => cidrContains(use.cidr, parsed.cidr)) : undefined;
    if (pool) pool.used++;
    else orphans++;
    const slots = list(block, 'spec', 'allocations');
    addresses += slots.length;
    allocated += slots.filter((slot) => slot !== null).length;
  }
  const config = evidence.ipamConfig.kind === 'ok' ? evidence.ipamConfig.value : undefined;
  const strictAffinity = config === undefined ? undefined : (bool(config, 'spec', 'strictAffinity') ?? false);
  const maxBlocksPerHost = config === undefined ? undefined : num(config, 'spec', 'maxBlocksPerHost');
  const lines = uses.map((use) => `IPPool ${use.name} ${use.cidr.text}, /${use.blockSize} blocks: ${use.used} of ${use.capacity === Number.POSITIVE_INFINITY ? 'very many' : use.capacity} in use (${percent(use.used, use.capacity)})${use.disabled ? ', disabled for new blocks' : ''}`);
  lines.push(`IPAMBlocks: ${blocks.length}; addresses allocated in them: ${allocated} of ${addresses} (${percent(allocated, addresses)})`);
  lines.push(`IPAMConfig default: ${config === undefined ? `not read (${evidence.ipamConfig.kind})` : `strictAffinity ${String(strictAffinity)}${maxBlocksPerHost ? `, maxBlocksPerHost ${maxBlocksPerHost}` : ''}`}`);

  // Owners: BlockAffinities where readable (they also cover blocks being claimed), else the blocks' own affinity.
  const affinities = evidence.blockAffinities.kind === 'ok' ? evidence.blockAffinities.value : undefined;
  const owners = affinities ? affinities.items.filter((entry) => text(entry, 'spec', 'deleted') !== 'true').map((entry) => text(entry, 'spec', 'node')).filter((node): node is string => node !== undefined) : blocks.map(blockOwner).filter((node): node is string => node !== undefined);
  if (!affinities) lines.push(`BlockAffinities not read (${evidence.blockAffinities.kind}): owners taken from IPAMBlock spec.affinity`);
  const blocksPerNode = countBy(owners);
  const nodes = evidence.nodes.kind === 'ok' && !evidence.nodes.value.truncated ? evidence.nodes.value.items.map(name) : undefined;
  const nodeSet = new Set(nodes ?? []);
  const leaked = nodes ? [...blocksPerNode].filter(([node]) => !nodeSet.has(node)) : [];
  const withoutBlock = nodes ? nodes.filter((node) => !blocksPerNode.has(node)) : [];
  if (!nodes) lines.push(`nodes not read (${evidence.nodes.kind === 'ok' ? 'list cut short' : evidence.nodes.kind}): blocks of deleted nodes cannot be told`);
  if (leaked.length > 0) lines.push(`blocks held by nodes that no longer exist: ${leaked.slice(0, SHOWN).map(([node, count]) => `${node} (${count})`).join(', ')}${leaked.length > SHOWN ? ` … ${leaked.length} nodes` : ''}`);
  if (withoutBlock.length > 0) lines.push(`nodes holding no block: ${withoutBlock.slice(0, SHOWN).join(', ')}${withoutBlock.length > SHOWN ? ` … ${withoutBlock.length} nodes` : ''}`);
  if (orphans > 0) lines.push(`${orphans} block(s) lie in no IP pool`);

  const open = uses.filter((use) => !use.disabled);
  const free = open.reduce((sum, use) => sum + Math.max(0, use.capacity - use.used), 0);
  const capacity = open.reduce((sum, use) => sum + use.capacity, 0);
  const nodeCount = nodes?.length;
  const atLimit = maxBlocksPerHost ? [...blocksPerNode].filter(([node, count]) => nodeSet.has(node) && count >= maxBlocksPerHost) : [];
  const orphanRemedy = 'Blocks outside every pool mean the IPPools were deleted or replaced. Do not delete the blocks: find what removed the pool (API audit log), restore it from the Installation (rancher/rke2#10168, projectcalico/calico#12457).';
  if (orphans > 0 && uses.length === 0) {
    return result(IPAM_CHECK, 'fail', `No IP pool, but ${orphans} address block(s) in use`, lines, { remediation: orphanRemedy, knownIssue: { id: 'rancher/rke2#10168', url: 'https://github.com/rancher/rke2/issues/10168' } });
  }
  if (uses.length === 0 && withoutBlock.length > 0) {
    // No pool at all is not a pool that ran out: say which.
    return result(IPAM_CHECK, 'fail', `No IP pool exists: ${withoutBlock.length} node(s) hold no block, so pods there get no address`, lines, {
      remediation: 'The operator creates the pools from Installation default spec.calicoNetwork.ipPools (a manifest install from CALICO_IPV4POOL_CIDR); restore that, or create an IPPool for the cluster-cidr.',
    });
  }
  if (free === 0 && withoutBlock.length > 0) {
    return result(IPAM_CHECK, 'fail', `The IP pools are out of blocks: ${withoutBlock.length} node(s) hold none, so pods there get no address`, lines, {
      remediation: 'Add an IPPool (or a larger one) with room for more blocks, or a smaller blockSize for new pools; release blocks of deleted nodes (calicoctl ipam check / release).',
    });
  }
  if (nodeCount !== undefined && strictAffinity !== false && Number.isFinite(capacity) && capacity < nodeCount) {
    return result(IPAM_CHECK, 'fail', `The pools hold ${capacity} blocks for ${nodeCount} nodes: with strictAffinity every node needs a block of its own`, lines, {
      remediation: 'Give the pool a wider CIDR (cluster-cidr) or a smaller blockSize, so that blocks ≥ nodes (a /16 of /26 blocks serves 1,024 nodes).',
    });
  }
  const warnings: string[] = [];
  const fullest = open.filter((use) => use.used / use.capacity >= FILL_WARNING).map((use) => `${use.name} ${percent(use.used, use.capacity)} full`);
  if (free === 0 && open.length > 0) warnings.push('no free block is left for the next node');
  warnings.push(...fullest);
  if (leaked.length > 0) warnings.push(`${leaked.reduce((sum, [, count]) => sum + count, 0)} block(s) held by ${leaked.length} deleted node(s)`);
  if (atLimit.length > 0) warnings.push(`${atLimit.length} node(s) at maxBlocksPerHost ${maxBlocksPerHost ?? ''} ("cannot allocate new block due to per host block limit")`);
  if (orphans > 0) warnings.push(`${orphans} block(s) outside every pool`);
  if (withoutBlock.length > 0 && leaked.length === 0) warnings.push(`${withoutBlock.length} node(s) hold no block yet`);
  if (warnings.length > 0) {
    const remediation = [
      fullest.length > 0 || free === 0 ? 'Plan more address space before the pool fills: add an IPPool, or a smaller blockSize for a new pool.' : '',
      leaked.length > 0 ? 'calico-kube-controllers releases blocks of deleted nodes ("Calico Node referenced in IPAM data does not exist"); if they stay, check its log, then calicoctl ipam check (projectcalico/calico#4861, #5218).' : '',
      atLimit.length > 0 ? 'Raise or clear IPAMConfig maxBlocksPerHost, or release the node\'s unused blocks.' : '',
      orphans > 0 ? orphanRemedy : '',
      withoutBlock.length > 0 && leaked.length === 0 ? 'A node gets its first block when calico-node starts there; see the calico-node check for these nodes.' : '',
    ].filter((entry) => entry !== '').join(' ');
    return result(IPAM_CHECK, 'warn', warnings.join('; '), lines, { remediation });
  }
  return result(IPAM_CHECK, 'pass', `${blocks.length} block(s) in ${uses.length} pool(s), ${percent(capacity - free, capacity)} of the blocks used, none leaked`, lines);
}
