import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateConnection, preparePolicies } from '../../../src/core/policy/evaluateConnection';
import { PolicyInputCollector } from '../../../src/core/policy/policyInputs';
import type { Endpoint, Traffic } from '../../../src/core/policy/policyModel';

function pod(namespace: string, name: string, labels: Record<string, string>, extra: Record<string, unknown> = {}): unknown {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name, labels }, spec: { containers: [{ ports: [{ name: 'http', containerPort: 8080 }] }], ...extra }, status: { podIP: `10.42.0.${name.length}` } };
}

function explain(objects: readonly unknown[], from: string, to: string, traffic: Traffic): ReturnType<typeof evaluateConnection> {
  const collector = new PolicyInputCollector();
  for (const object of objects) collector.add(object);
  const inputs = collector.result();
  assert.deepEqual(inputs.issues, []);
  const find = (name: string): Endpoint => {
    const endpoint = inputs.endpoints.find((candidate) => candidate.kind !== 'address' && candidate.name === name);
    assert.ok(endpoint, name);
    return endpoint;
  };
  return evaluateConnection(find(from), find(to), traffic, preparePolicies(inputs));
}

const namespaces = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'a' } } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ops', labels: { team: 'b' } } },
];
const pods = [pod('shop', 'web', { app: 'web' }), pod('shop', 'db', { app: 'db' }), pod('ops', 'probe', { app: 'probe' })];
const tcp8080: Traffic = { protocol: 'TCP', port: 8080 };

describe('connection evaluation', () => {
  it('allows through the namespace profile when no policy selects either pod', () => {
    const result = explain([...namespaces, ...pods], 'web', 'db', tcp8080);
    assert.equal(result.allowed, true);
    assert.equal(result.ingress.decision.kind, 'profile');
  });

  it('denies at the end of the default tier when a Kubernetes policy selects the pod and no peer matches', () => {
    const denyAll = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace: 'shop', name: 'db-only-web' }, spec: { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 'http' }] }] } };
    const allowed = explain([...namespaces, ...pods, denyAll], 'web', 'db', tcp8080);
    assert.equal(allowed.allowed, true);
    assert.equal(allowed.ingress.decision.policy, 'knp.default.db-only-web');
    const otherNamespace = explain([...namespaces, ...pods, denyAll], 'probe', 'db', tcp8080);
    assert.equal(otherNamespace.allowed, false);
    assert.equal(otherNamespace.deciding.decision.kind, 'end-of-tier');
    assert.equal(otherNamespace.deciding.decision.tier, 'default');
    const wrongPort = explain([...namespaces, ...pods, denyAll], 'web', 'db', { protocol: 'TCP', port: 9090 });
    assert.equal(wrongPort.allowed, false);
    const rule = wrongPort.ingress.tiers.find((tier) => tier.name === 'default')?.policies[0]?.rules[0];
    assert.match(rule?.mismatch ?? '', /not in ports \[http\]/);
  });

  it('follows tiers: a lower-order Deny wins, Pass skips to the next tier, Log goes on', () => {
    const tier = { apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name: 'security' }, spec: { order: 100 } };
    const deny = { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: 'security.block-ops' }, spec: { tier: 'security', order: 10, selector: "app == 'db'", ingress: [{ action: 'Log' }, { action: 'Deny', source: { namespaceSelector: "team == 'b'" } }, { action: 'Pass' }] } };
    const blocked = explain([...namespaces, ...pods, tier, deny], 'probe', 'db', tcp8080);
    assert.equal(blocked.allowed, false);
    assert.equal(blocked.deciding.decision.policy, 'security.block-ops');
    assert.equal(blocked.deciding.decision.rule, 'ingress[1]');
    const passed = explain([...namespaces, ...pods, tier, deny], 'web', 'db', tcp8080);
    assert.equal(passed.allowed, true);
    assert.equal(passed.ingress.tiers.find((trace) => trace.name === 'security')?.outcome, 'pass');
  });

  it('keeps a direction default-deny that types name without rules, and honours egress nets and notNets', () => {
    const egressOnly = { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { namespace: 'shop', name: 'web-egress' }, spec: { selector: "app == 'web'", types: ['Egress'], egress: [{ action: 'Allow', destination: { nets: ['10.42.0.0/16'], notNets: ['10.42.0.2/32'] } }] } };
    assert.equal(explain([...namespaces, ...pods, egressOnly], 'web', 'probe', tcp8080).allowed, true);
    const excluded = explain([...namespaces, ...pods, egressOnly], 'web', 'db', tcp8080);
    assert.equal(excluded.allowed, false);
    assert.match(excluded.egress.tiers.find((tier) => tier.name === 'default')?.policies[0]?.rules[0]?.mismatch ?? '', /notNets/);
  });

  it('matches ICMP type and protocol numbers', () => {
    const icmp = { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { namespace: 'shop', name: 'ping' }, spec: { selector: "app == 'db'", ingress: [{ action: 'Allow', protocol: 'ICMP', icmp: { type: 8 } }] } };
    assert.equal(explain([...namespaces, ...pods, icmp], 'web', 'db', { protocol: 'ICMP', icmpType: 8 }).allowed, true);
    assert.equal(explain([...namespaces, ...pods, icmp], 'web', 'db', { protocol: 'ICMP', icmpType: 0 }).allowed, false);
    assert.equal(explain([...namespaces, ...pods, icmp], 'web', 'db', { protocol: '1', icmpType: 8 }).allowed, true);
  });

  it('denies a host endpoint without policy or profile', () => {
    const hep = { apiVersion: 'projectcalico.org/v3', kind: 'HostEndpoint', metadata: { name: 'node1-eth0', labels: { role: 'node' } }, spec: { node: 'node1', interfaceName: 'eth0', expectedIPs: ['192.168.1.10'] } };
    const result = explain([...namespaces, ...pods, hep], 'web', 'node1-eth0', tcp8080);
    assert.equal(result.allowed, false);
    assert.equal(result.deciding.decision.kind, 'default-deny-host');
  });
});
