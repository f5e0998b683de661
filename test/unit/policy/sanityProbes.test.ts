import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PolicyInputCollector } from '../../../src/core/policy/policyInputs';
import { probeSpace } from '../../../src/core/policy/sanityProbes';

function space(spec: Record<string, unknown>, extra: readonly unknown[] = []): ReturnType<typeof probeSpace> {
  const collector = new PolicyInputCollector();
  collector.add([{ apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { namespace: 'shop', name: 'p' }, spec }, ...extra], 'p.yaml');
  const inputs = collector.result();
  return probeSpace(inputs, inputs.endpoints);
}

describe('sanity probe space', () => {
  it('one port per interval the rules cut, for each protocol with ports', () => {
    const probes = space({ selector: 'all()', ingress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: ['100:200', 8080] } }] });
    const tcp = probes.traffic.filter((probe) => probe.protocol === 'TCP').map((probe) => probe.port);
    assert.deepEqual(tcp, [1, 100, 201, 8080, 8081]);
    assert.deepEqual(probes.traffic.filter((probe) => probe.protocol === 'UDP').map((probe) => probe.port), tcp);
    assert.ok(probes.traffic.some((probe) => probe.protocol === '47' && probe.port === undefined), 'a protocol no rule names');
  });

  it('named ports resolve on the workloads that expose them', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'shop', name: 'web-1', labels: { app: 'web' } }, spec: { containers: [{ ports: [{ name: 'http', containerPort: 8080 }] }] } };
    const probes = space({ selector: 'all()', ingress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: ['http'] } }] }, [pod]);
    assert.deepEqual(probes.traffic.filter((probe) => probe.protocol === 'TCP').map((probe) => probe.port), [1, 8080, 8081]);
  });

  it('ICMP types and codes the rules name, and one they do not', () => {
    const probes = space({ selector: 'all()', ingress: [{ action: 'Allow', protocol: 'ICMP', icmp: { type: 8, code: 0 } }] });
    const icmp = probes.traffic.filter((probe) => probe.protocol === 'ICMP').map((probe) => `${probe.icmpType ?? ''}/${probe.icmpCode ?? ''}`);
    assert.deepEqual(icmp, ['8/0', '8/8', '0/0', '0/8']);
  });

  it('the bounds of each CIDR, the addresses either side, and one outside all; IPv6 only when named', () => {
    const probes = space({ selector: 'all()', egress: [{ action: 'Allow', destination: { nets: ['10.0.0.0/24'] } }] });
    assert.deepEqual(probes.addresses.map((address) => (address.kind === 'address' ? address.ip.text : '')), ['8.8.8.8/32', '9.255.255.255/32', '10.0.0.0/32', '10.0.0.255/32', '10.0.1.0/32'].sort((a, b) => (ipValue(a) < ipValue(b) ? -1 : 1)));
    const v6 = space({ selector: 'all()', egress: [{ action: 'Allow', destination: { nets: ['fd00::/8'] } }] });
    assert.ok(v6.addresses.some((address) => address.kind === 'address' && address.ip.family === 6));
  });
});

function ipValue(text: string): number {
  return (text.split('/')[0] ?? '').split('.').reduce((value, part) => value * 256 + Number(part), 0);
}
