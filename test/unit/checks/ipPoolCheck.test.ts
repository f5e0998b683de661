import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkIpPools } from '../../../src/core/checks/ipPoolCheck';
import { FORBIDDEN, healthyEvidence, listed, otherCni } from '../../builders/clusterEvidence';
import { helmChart, ipPool, node } from '../../builders/kubeObjects';
import { assertResult, resultOf } from './checkAssertions';

const SET_POOLS = /^Set installation\.calicoNetwork\.ipPools\[\]\.cidr in the rke2-calico HelmChartConfig to the cluster-cidr of config\.yaml/;

describe('ippools.cidr', () => {
  it("passes when RKE2's cluster-cidr (the chart's global.clusterCIDR) lies in a pool", () => {
    assertResult(checkIpPools(healthyEvidence()), {
      status: 'pass',
      summary: /^Every pod CIDR lies in a Calico IP pool$/,
      evidence: [/^IPPools: default-ipv4-ippool 10\.42\.0\.0\/16$/, /^cluster-cidr \(HelmChart kube-system\/rke2-calico spec\.set global\.clusterCIDR\): 10\.42\.0\.0\/16$/],
      remediation: null,
    });
  });

  it("uses the nodes' podCIDRs when the chart does not say, and checks dual-stack CIDRs one by one", () => {
    const fromNodes = checkIpPools(healthyEvidence({ helmCharts: listed([helmChart({ name: 'rke2-calico' }), helmChart({ name: 'rke2-calico-crd' })]) }));
    assertResult(fromNodes, { status: 'pass', summary: /lies in a Calico IP pool/, evidence: [/^node spec\.podCIDRs: 10\.42\.0\.0\/24, 10\.42\.1\.0\/24, 10\.42\.2\.0\/24$/], remediation: null });
    const dual = healthyEvidence({ helmCharts: listed([helmChart({ name: 'rke2-calico', set: { 'global.clusterCIDR': '10.42.0.0/16,fd42::/56' } })]) });
    assertResult(checkIpPools(dual), { status: 'warn', summary: /^Pod CIDR fd42::\/56 is in no Calico IP pool$/, evidence: [/^outside every pool: fd42::\/56$/], remediation: SET_POOLS });
  });

  it('warns when a pod CIDR is outside every pool, or no pool exists yet', () => {
    assertResult(checkIpPools(healthyEvidence({ ipPools: listed([ipPool({ cidr: '10.244.0.0/16' })]) })), { status: 'warn', summary: /^Pod CIDR 10\.42\.0\.0\/16 is in no Calico IP pool$/, evidence: [/^IPPools: default-ipv4-ippool 10\.244\.0\.0\/16$/, /^outside every pool: 10\.42\.0\.0\/16$/], remediation: SET_POOLS });
    // With no block allocated either: pools deleted under live blocks are the other wording (encapsulationCheck.test.ts).
    assertResult(checkIpPools(healthyEvidence({ ipPools: listed([]), ipamBlocks: listed([]) })), { status: 'warn', summary: /^No Calico IPPool exists yet$/, evidence: [/^IPPools: none$/], remediation: /^The operator creates pools from Installation default/ });
  });

  it('a pool smaller than the cluster-cidr does not contain it', () => {
    assert.equal(checkIpPools(healthyEvidence({ ipPools: listed([ipPool({ cidr: '10.42.0.0/17' })]) })).status, 'warn');
  });

  it('is unknown when the pools cannot be read, or neither the chart nor the nodes say the pod CIDRs', () => {
    assertResult(checkIpPools(healthyEvidence({ ipPools: FORBIDDEN })), { status: 'unknown', summary: /^unknown: forbidden — could not read IPPools$/, evidence: [/forbidden/], remediation: /^Grant/ });
    assertResult(checkIpPools(healthyEvidence({ helmCharts: FORBIDDEN, nodes: FORBIDDEN })), { status: 'unknown', summary: /^unknown: forbidden — could not read nodes$/, evidence: [/^nodes: forbidden/], remediation: /^Grant/ });
  });

  it('is skipped when Calico is not the CNI', () => {
    assert.equal(resultOf(healthyEvidence({ ...otherCni('rke2-cilium'), nodes: listed([node({ name: 'a' })]) }), 'ippools.cidr').status, 'skipped');
  });
});
