import { describe, it } from 'node:test';
import { checkFelixEncapsulation } from '../../../src/core/checks/encapsulationCheck';
import { checkIpamBlocks } from '../../../src/core/checks/ipamChecks';
import { checkIpPools } from '../../../src/core/checks/ipPoolCheck';
import { FORBIDDEN, found, healthyEvidence, listed, NOT_FOUND } from '../../builders/clusterEvidence';
import { felixConfiguration, ipPool } from '../../builders/kubeObjects';
import { assertResult } from './checkAssertions';

describe('dataplane.felix-encapsulation', () => {
  it('passes when Felix leaves the switches to the pools, or agrees with them; notes a tunnel nothing uses', () => {
    assertResult(checkFelixEncapsulation(healthyEvidence()), { status: 'pass', summary: /^Felix's encapsulation switches agree with the pools$/, evidence: [/^FelixConfiguration default: vxlanEnabled unset \(follows the pools\), ipipEnabled unset/, /^pools with VXLAN: default-ipv4-ippool; with IP-in-IP: none$/], remediation: null });
    const ipipOn = healthyEvidence({ felixConfiguration: found(felixConfiguration(undefined, { ipipEnabled: true })) });
    assertResult(checkFelixEncapsulation(ipipOn), { status: 'pass', summary: /agree/, evidence: [/ipipEnabled true/, /^pools with VXLAN/, /^note: ipipEnabled: true with no IP-in-IP pool/], remediation: null });
    assertResult(checkFelixEncapsulation(healthyEvidence({ felixConfiguration: NOT_FOUND })), { status: 'pass', summary: /agree/, evidence: [/not found \(defaults: follow the pools\)/], remediation: null });
  });

  it('warns when a pool wants VXLAN or IP-in-IP and Felix has it switched off', () => {
    const vxlanOff = healthyEvidence({ felixConfiguration: found(felixConfiguration(undefined, { vxlanEnabled: false })) });
    assertResult(checkFelixEncapsulation(vxlanOff), { status: 'warn', summary: /^pool\(s\) default-ipv4-ippool use VXLAN but Felix has vxlanEnabled: false$/, evidence: [/vxlanEnabled false/], remediation: /^Remove the false setting/ });
    const ipipOff = healthyEvidence({ ipPools: listed([ipPool({ cidr: '10.42.0.0/16', vxlanMode: 'Never', ipipMode: 'Always' })]), felixConfiguration: found(felixConfiguration(undefined, { ipipEnabled: false })) });
    assertResult(checkFelixEncapsulation(ipipOff), { status: 'warn', summary: /use IP-in-IP but Felix has ipipEnabled: false$/, evidence: [/ipipEnabled false/], remediation: /^Remove the false setting/ });
  });

  it('is unknown when the pools or FelixConfiguration cannot be read', () => {
    assertResult(checkFelixEncapsulation(healthyEvidence({ ipPools: FORBIDDEN })), { status: 'unknown', summary: /^unknown: forbidden — could not read IPPools$/, evidence: [/forbidden/], remediation: /^Grant/ });
    assertResult(checkFelixEncapsulation(healthyEvidence({ felixConfiguration: FORBIDDEN })), { status: 'unknown', summary: /FelixConfiguration default$/, evidence: [/forbidden/], remediation: /^Grant/ });
  });
});

describe('no pool versus pools deleted under live blocks', () => {
  it('says "no IP pool exists" rather than "out of blocks" when there is none', () => {
    assertResult(checkIpamBlocks(healthyEvidence({ ipPools: listed([]), ipamBlocks: listed([]), blockAffinities: listed([]) })), { status: 'fail', summary: /^No IP pool exists: 3 node\(s\) hold no block/, evidence: [/^IPAMBlocks: 0/], remediation: /^The operator creates the pools/ });
  });

  it('says the pools were deleted under live blocks, not that none exists yet', () => {
    assertResult(checkIpPools(healthyEvidence({ ipPools: listed([]) })), { status: 'fail', summary: /^The IP pools were deleted while 3 address block\(s\) are still in use$/, evidence: [/^IPPools: none$/], remediation: /^Do not delete the blocks/, knownIssue: 'rancher/rke2#10168' });
    assertResult(checkIpPools(healthyEvidence({ ipPools: listed([]), ipamBlocks: listed([]) })), { status: 'warn', summary: /^No Calico IPPool exists yet$/, evidence: [/^IPPools: none$/], remediation: /^The operator creates pools/ });
  });
});
