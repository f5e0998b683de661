import { list, name, text } from '../kube/objectFields';
import { cidrContains, parseCidr } from '../net/cidr';
import { HELM_NAMESPACE } from './calicoObjects';
import { result, unknownFrom, type CheckDefinition, type CheckResult } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';

export const IPPOOL_CHECK: CheckDefinition = { id: 'ippools.cidr', area: 'IP pools', title: "Calico IP pools and the cluster's pod CIDRs" };

/**
 * The cluster's pod CIDRs are what RKE2 passed to the chart (`global.clusterCIDR` in the rke2-calico HelmChart's
 * spec.set, RKE2 pkg/bootstrap setChartValues), else the nodes' spec.podCIDRs. Every one must lie in an IP pool.
 */
export function checkIpPools(evidence: ClusterEvidence): CheckResult {
  if (evidence.ipPools.kind !== 'ok') return unknownFrom(IPPOOL_CHECK, 'IPPools', evidence.ipPools);
  const pools = evidence.ipPools.value.items.flatMap((pool) => {
    const parsed = parseCidr(text(pool, 'spec', 'cidr') ?? '');
    return parsed.ok ? [{ name: name(pool), cidr: parsed.cidr }] : [];
  });
  const lines = [`IPPools: ${pools.map((pool) => `${pool.name} ${pool.cidr.text}`).join(', ') || 'none'}`];
  const chart = evidence.helmCharts.kind === 'ok' ? evidence.helmCharts.value.items.find((item) => name(item) === 'rke2-calico') : undefined;
  const fromChart = text(chart, 'spec', 'set', 'global.clusterCIDR');
  let podCidrs: string[];
  if (fromChart) {
    podCidrs = fromChart.split(',');
    lines.push(`cluster-cidr (HelmChart ${HELM_NAMESPACE}/rke2-calico spec.set global.clusterCIDR): ${fromChart}`);
  } else if (evidence.nodes.kind === 'ok') {
    podCidrs = [...new Set(evidence.nodes.value.items.flatMap((node) => list(node, 'spec', 'podCIDRs').filter((entry): entry is string => typeof entry === 'string')))];
    lines.push(`node spec.podCIDRs: ${podCidrs.slice(0, 10).join(', ')}${podCidrs.length > 10 ? ` … (${podCidrs.length})` : ''}`);
  } else {
    return unknownFrom(IPPOOL_CHECK, 'nodes', evidence.nodes);
  }
  if (pools.length === 0) {
    // Blocks still allocated mean pools existed and were deleted under live pods, not that none was created yet.
    const liveBlocks = evidence.ipamBlocks.kind === 'ok' ? evidence.ipamBlocks.value.items.length : 0;
    if (liveBlocks > 0) {
      return result(IPPOOL_CHECK, 'fail', `The IP pools were deleted while ${liveBlocks} address block(s) are still in use`, [...lines, `IPAMBlocks: ${liveBlocks}`], {
        remediation: 'Do not delete the blocks: restore the pool (the operator recreates it from Installation default spec.calicoNetwork.ipPools) and find what removed it (API audit log; rancher/rke2#10168).',
        knownIssue: { id: 'rancher/rke2#10168', url: 'https://github.com/rancher/rke2/issues/10168' },
      });
    }
    return result(IPPOOL_CHECK, 'warn', 'No Calico IPPool exists yet', lines, { remediation: 'The operator creates pools from Installation default (calicoNetwork.ipPools, generated from cluster-cidr by the chart).' });
  }
  const outside = podCidrs.flatMap((entry) => {
    const parsed = parseCidr(entry);
    return parsed.ok && !pools.some((pool) => cidrContains(pool.cidr, parsed.cidr)) ? [entry] : [];
  });
  if (outside.length > 0) {
    return result(IPPOOL_CHECK, 'warn', `Pod CIDR ${outside[0] ?? ''} is in no Calico IP pool`, [...lines, `outside every pool: ${outside.slice(0, 10).join(', ')}`], {
      remediation: 'Set installation.calicoNetwork.ipPools[].cidr in the rke2-calico HelmChartConfig to the cluster-cidr of config.yaml (or leave ipPools empty so the chart generates it).',
    });
  }
  return result(IPPOOL_CHECK, 'pass', 'Every pod CIDR lies in a Calico IP pool', lines);
}
