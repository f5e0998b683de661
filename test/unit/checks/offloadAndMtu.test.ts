import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkMtu } from '../../../src/core/checks/mtuCheck';
import { checkVxlanOffload } from '../../../src/core/checks/offloadCheck';
import { FORBIDDEN, found, healthyEvidence, listed, NOT_FOUND } from '../../builders/clusterEvidence';
import { felixConfiguration, installation, node } from '../../builders/kubeObjects';

const kernel = (release: string) => listed([node({ name: 'server-1', kernel: release })]);

describe('dataplane.vxlan-offload', () => {
  it('passes with RKE2\'s override and skips pools without VXLAN', () => {
    assert.equal(checkVxlanOffload(healthyEvidence()).status, 'pass');
    assert.equal(checkVxlanOffload(healthyEvidence({ installation: found(installation({ encapsulation: 'IPIP' })) })).status, 'skipped');
  });

  it('warns when the override is dropped (calico#8746) and names calico#11435 on kernels 6.12+', () => {
    const dropped = checkVxlanOffload(healthyEvidence({ felixConfiguration: found(felixConfiguration('SNATFullyRandom=false')) }));
    assert.equal(dropped.status, 'warn');
    assert.equal(dropped.knownIssue?.id, 'projectcalico/calico#8746');
    const newKernel = checkVxlanOffload(healthyEvidence({ nodes: kernel('6.12.0-55.el10.x86_64'), felixConfiguration: NOT_FOUND }));
    assert.equal(newKernel.status, 'warn');
    assert.equal(newKernel.knownIssue?.id, 'projectcalico/calico#11435');
  });

  it('passes a deliberate ChecksumOffloadBroken=false below 6.12, and kernels of 5.7 or older', () => {
    const chosen = checkVxlanOffload(healthyEvidence({ felixConfiguration: found(felixConfiguration('ChecksumOffloadBroken=false')) }));
    assert.equal(chosen.status, 'pass');
    assert.match(chosen.summary, /on purpose/);
    assert.equal(checkVxlanOffload(healthyEvidence({ nodes: kernel('5.4.0-150-generic'), felixConfiguration: found(felixConfiguration('')) })).status, 'pass');
  });

  it('is unknown when FelixConfiguration cannot be read', () => {
    assert.equal(checkVxlanOffload(healthyEvidence({ felixConfiguration: FORBIDDEN })).status, 'unknown');
  });
});

describe('dataplane.mtu', () => {
  it('passes without an MTU and with one that fits 1500 after the header', () => {
    assert.equal(checkMtu(healthyEvidence()).status, 'pass');
    assert.equal(checkMtu(healthyEvidence({ installation: found(installation({ mtu: 1450 })) })).status, 'pass');
  });

  it('warns when the MTU plus the header needs jumbo frames (VXLAN 50, WireGuard 60)', () => {
    const vxlan = checkMtu(healthyEvidence({ installation: found(installation({ mtu: 1500 })) }));
    assert.equal(vxlan.status, 'warn');
    assert.match(vxlan.summary, /≥ 1550/);
    const wireguard = checkMtu(healthyEvidence({ installation: found(installation({ mtu: 1450 })), felixConfiguration: found(felixConfiguration(undefined, { wireguardEnabled: true })) }));
    assert.equal(wireguard.status, 'warn');
    assert.match(wireguard.summary, /≥ 1510/);
  });

  it('fails below IPv6\'s 1280 on an IPv6 pool, unknown without the Installation', () => {
    const ipv6 = checkMtu(healthyEvidence({ installation: found(installation({ mtu: 1200, pools: ['fd42::/56'] })), ipPools: listed([{ metadata: { name: 'v6' }, spec: { cidr: 'fd42::/56', vxlanMode: 'Always' } }]) }));
    assert.equal(ipv6.status, 'fail');
    assert.equal(checkMtu(healthyEvidence({ installation: FORBIDDEN })).status, 'unknown');
  });
});
