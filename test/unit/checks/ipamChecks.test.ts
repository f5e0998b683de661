import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkIpamBlocks } from '../../../src/core/checks/ipamChecks';
import { FORBIDDEN, found, healthyEvidence, listed } from '../../builders/clusterEvidence';
import { blockAffinity, ipamBlock, ipamConfig, ipPool, node } from '../../builders/kubeObjects';

const names = (count: number): string[] => Array.from({ length: count }, (_, index) => `node-${index}`);

describe('ipam.blocks', () => {
  it('passes with room in the pool and every block owned by a live node', () => {
    const outcome = checkIpamBlocks(healthyEvidence());
    assert.equal(outcome.status, 'pass');
    assert.match(outcome.evidence[0] ?? '', /IPPool default-ipv4-ippool 10\.42\.0\.0\/16, \/26 blocks: 3 of 1024 in use/);
  });

  it('fails when the pool is out of blocks and a node holds none', () => {
    const nodes = names(5);
    const blocks = nodes.slice(0, 4).map((name, index) => ipamBlock(`10.42.0.${index * 64}/26`, name));
    const outcome = checkIpamBlocks(healthyEvidence({
      nodes: listed(nodes.map((name) => node({ name }))),
      ipPools: listed([ipPool({ cidr: '10.42.0.0/24' })]),
      ipamBlocks: listed(blocks),
      blockAffinities: listed(nodes.slice(0, 4).map((name, index) => blockAffinity(name, `10.42.0.${index * 64}/26`))),
    }));
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /1 node\(s\) hold none/);
    assert.match(outcome.evidence.join('\n'), /nodes holding no block: node-4/);
  });

  it('fails when the block size leaves fewer blocks than nodes under strictAffinity', () => {
    const outcome = checkIpamBlocks(healthyEvidence({ nodes: listed(names(6).map((name) => node({ name }))), ipPools: listed([ipPool({ cidr: '10.42.0.0/24' })]), ipamBlocks: listed([]), blockAffinities: listed([]) }));
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /hold 4 blocks for 6 nodes/);
  });

  it('warns about blocks of deleted nodes and a pool past 80 %', () => {
    const leaked = checkIpamBlocks(healthyEvidence({ blockAffinities: listed([blockAffinity('server-1', '10.42.0.0/26'), blockAffinity('agent-1', '10.42.0.64/26'), blockAffinity('agent-2', '10.42.0.128/26'), blockAffinity('gone-7', '10.42.0.192/26')]) }));
    assert.equal(leaked.status, 'warn');
    assert.match(leaked.summary, /1 block\(s\) held by 1 deleted node/);
    assert.match(leaked.remediation ?? '', /calico-kube-controllers releases blocks/);
    const full = checkIpamBlocks(healthyEvidence({ ipPools: listed([ipPool({ cidr: '10.42.0.0/24' })]), ipamBlocks: listed([ipamBlock('10.42.0.0/26', 'server-1'), ipamBlock('10.42.0.64/26', 'agent-1'), ipamBlock('10.42.0.128/26', 'agent-2'), ipamBlock('10.42.0.192/26', 'agent-2')]) }));
    assert.equal(full.status, 'warn');
    assert.match(full.summary, /no free block is left for the next node/);
  });

  it('fails when blocks exist but every pool is gone (rancher/rke2#10168), unknown when blocks are forbidden', () => {
    const gone = checkIpamBlocks(healthyEvidence({ ipPools: listed([]) }));
    assert.equal(gone.status, 'fail');
    assert.equal(gone.knownIssue?.id, 'rancher/rke2#10168');
    assert.equal(checkIpamBlocks(healthyEvidence({ ipamBlocks: FORBIDDEN })).status, 'unknown');
  });

  it('warns when a node reached maxBlocksPerHost', () => {
    const outcome = checkIpamBlocks(healthyEvidence({ ipamConfig: found(ipamConfig({ strictAffinity: true, maxBlocksPerHost: 1 })) }));
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.summary, /per host block limit/);
  });
});
