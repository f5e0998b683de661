import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkKnownIssues } from '../../../src/core/checks/identityChecks';
import { preconditionFacts } from '../../../src/core/checks/preconditionFacts';
import { checkWindowsNodes } from '../../../src/core/checks/windowsChecks';
import { FORBIDDEN, found, healthyEvidence, listed, NOT_FOUND } from '../../builders/clusterEvidence';
import { felixConfiguration, installation, ipamConfig, ipPool, node } from '../../builders/kubeObjects';

describe('nodes.windows', () => {
  it('is skipped without Windows nodes and passes with Ready ones and strictAffinity', () => {
    assert.equal(checkWindowsNodes(healthyEvidence()).status, 'skipped');
    assert.equal(checkWindowsNodes(healthyEvidence({ nodes: listed([node({ name: 'win-1', windows: true })]) })).status, 'pass');
  });

  it('fails on the rancher/rke2#9276 release candidates and without strictAffinity', () => {
    const race = checkWindowsNodes(healthyEvidence({ nodes: listed([node({ name: 'win-1', windows: true, rke2: 'v1.32.10-rc1+rke2r1' })]) }));
    assert.equal(race.status, 'fail');
    assert.equal(race.knownIssue?.id, 'rancher/rke2#9276');
    const loose = checkWindowsNodes(healthyEvidence({ nodes: listed([node({ name: 'win-1', windows: true })]), ipamConfig: found(ipamConfig({ strictAffinity: false })) }));
    assert.equal(loose.status, 'fail');
    assert.match(loose.summary, /strictAffinity/);
  });

  it('warns on a Windows node not Ready; unknown when IPAMConfig cannot be read or nodes are forbidden', () => {
    assert.equal(checkWindowsNodes(healthyEvidence({ nodes: listed([node({ name: 'win-1', windows: true, ready: false })]) })).status, 'warn');
    assert.equal(checkWindowsNodes(healthyEvidence({ nodes: listed([node({ name: 'win-1', windows: true })]), ipamConfig: FORBIDDEN })).status, 'unknown');
    assert.equal(checkWindowsNodes(healthyEvidence({ nodes: FORBIDDEN })).status, 'unknown');
  });
});

describe('preconditions from the cluster', () => {
  it('reads Windows nodes, kernels, IPv6-only pools, the offload override, VXLAN, nftables, LoadBalancer pools and the registry', () => {
    const facts = preconditionFacts(healthyEvidence({
      nodes: listed([node({ name: 'a', kernel: '6.12.0-55.el10.x86_64' }), node({ name: 'w', windows: true })]),
      ipPools: listed([ipPool({ cidr: 'fd42::/56' }), ipPool({ name: 'lb', cidr: '192.168.100.0/28', allowedUses: ['LoadBalancer'] })]),
      felixConfiguration: found(felixConfiguration('')),
      installation: found(installation({ linuxDataplane: 'Nftables', registry: 'reg.local' })),
    }));
    assert.deepEqual(facts, {
      'windows-node': true,
      'kernel-6.12-or-later': true,
      'ipv6-only': true,
      'loadbalancer-ip-pool': true,
      'checksum-offload-override-dropped': true,
      'vxlan-encapsulation': true,
      'nftables-dataplane': true,
      'private-registry-with-goldmane-or-whisker': false,
    });
  });

  it('leaves undecided what the evidence does not tell', () => {
    const facts = preconditionFacts(healthyEvidence({ nodes: FORBIDDEN, felixConfiguration: FORBIDDEN, installation: FORBIDDEN, ipPools: FORBIDDEN }));
    assert.deepEqual(facts, {});
    assert.equal(preconditionFacts(healthyEvidence({ felixConfiguration: NOT_FOUND }))['checksum-offload-override-dropped'], true);
  });
});

describe('identity.known-issues with preconditions', () => {
  it('names tigera/operator#4855 only when a LoadBalancer pool exists, and lists it as "may apply" otherwise', () => {
    const operator142 = found({ spec: { template: { spec: { containers: [{ name: 'tigera-operator', image: 'docker.io/rancher/mirrored-calico-operator:v1.42.0' }] } } } });
    const base = { nodes: listed([node({ name: 'a', rke2: 'v1.35.6+rke2r1' })]), operatorDeployment: operator142, clusterInformation: found({ spec: { calicoVersion: 'v3.32.0' } }) };
    const withPool = checkKnownIssues(healthyEvidence({ ...base, ipPools: listed([ipPool({ cidr: '10.42.0.0/16' }), ipPool({ name: 'lb', cidr: '192.168.100.0/28', allowedUses: ['LoadBalancer'] })]) }));
    assert.equal(withPool.status, 'warn');
    assert.equal(withPool.knownIssue?.id, 'tigera/operator#4855');
    const withoutPool = checkKnownIssues(healthyEvidence(base));
    assert.equal(withoutPool.status, 'pass');
    assert.doesNotMatch(withoutPool.evidence.join('\n'), /4855/);
    const poolsUnknown = checkKnownIssues(healthyEvidence({ ...base, ipPools: FORBIDDEN }));
    assert.equal(poolsUnknown.status, 'pass');
    assert.match(poolsUnknown.evidence.join('\n'), /may apply: tigera\/operator#4855 .* only if Calico assigns LoadBalancer IPs/);
  });
});
