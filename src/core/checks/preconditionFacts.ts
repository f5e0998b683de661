import { checksumOffloadOverride } from '../knowledge/dataplaneSupport';
import type { PreconditionFacts } from '../knowledge/preconditions';
import { list, name, text } from '../kube/objectFields';
import type { ClusterEvidence } from './clusterEvidence';
import { encapsulation, isWindowsNode, kernelAtLeast, linuxDataplane, poolFamilies, usesVxlan, workloadPools } from './networkSetup';

/** Registries that serve the public rancher/mirrored-calico-* images; anything else is a private (air-gap) mirror. */
const PUBLIC_REGISTRIES = new Set(['', 'docker.io', 'docker.io/', 'index.docker.io', 'registry-1.docker.io']);

/** Whether VXLAN checksum offload lost RKE2's override: true, false, or undefined when FelixConfiguration is unread. */
export function offloadOverrideDropped(evidence: ClusterEvidence): boolean | undefined {
  const felix = evidence.felixConfiguration;
  if (felix.kind === 'not-found') return true;
  if (felix.kind !== 'ok') return undefined;
  return checksumOffloadOverride(text(felix.value, 'spec', 'featureDetectOverride') ?? '') !== 'kept';
}

/**
 * What the evidence establishes about the preconditions of known issues. A precondition is set only when the
 * evidence decides it; otherwise it stays open and the issue is reported as "may apply".
 */
export function preconditionFacts(evidence: ClusterEvidence): PreconditionFacts {
  const facts: { -readonly [K in keyof PreconditionFacts]: boolean } = {};
  if (evidence.nodes.kind === 'ok') {
    const nodes = evidence.nodes.value.items;
    facts['windows-node'] = nodes.some(isWindowsNode);
    const newKernel = nodes.filter((node) => !isWindowsNode(node)).map((node) => kernelAtLeast(text(node, 'status', 'nodeInfo', 'kernelVersion'), 6, 12));
    const newer = newKernel.includes(true);
    if (newer || (newKernel.length > 0 && !newKernel.includes(undefined))) facts['kernel-6.12-or-later'] = newer;
  }
  const pools = workloadPools(evidence.ipPools);
  if (pools && pools.length > 0) {
    const families = poolFamilies(pools);
    facts['ipv6-only'] = families.has(6) && !families.has(4);
  }
  if (evidence.ipPools.kind === 'ok') facts['loadbalancer-ip-pool'] = evidence.ipPools.value.items.some((pool) => list(pool, 'spec', 'allowedUses').includes('LoadBalancer'));
  const dropped = offloadOverrideDropped(evidence);
  if (dropped !== undefined) facts['checksum-offload-override-dropped'] = dropped;
  const modes = encapsulation(evidence);
  if (modes) facts['vxlan-encapsulation'] = modes.modes.some(usesVxlan);
  const dataplane = linuxDataplane(evidence);
  if (dataplane !== undefined) facts['nftables-dataplane'] = dataplane === 'Nftables';
  if (evidence.installation.kind === 'ok') {
    const registry = text(evidence.installation.value, 'spec', 'registry') ?? '';
    if (PUBLIC_REGISTRIES.has(registry)) facts['private-registry-with-goldmane-or-whisker'] = false;
    else if (evidence.tigeraStatuses.kind === 'ok') {
      facts['private-registry-with-goldmane-or-whisker'] = evidence.tigeraStatuses.value.items.some((status) => ['goldmane', 'whisker'].includes(name(status)));
    }
  }
  return facts;
}
