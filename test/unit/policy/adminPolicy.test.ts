import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateConnection, preparePolicies } from '../../../src/core/policy/evaluateConnection';
import { PolicyInputCollector } from '../../../src/core/policy/policyInputs';
import type { Endpoint } from '../../../src/core/policy/policyModel';

const objects: unknown[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod', labels: { env: 'prod' } } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev', labels: { env: 'dev' } } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'prod', name: 'api', labels: { app: 'api' } }, spec: {} },
  { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'dev', name: 'tool', labels: { app: 'tool' } }, spec: {} },
  { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'prod', name: 'monitor', labels: { app: 'monitor' } }, spec: {} },
  {
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'AdminNetworkPolicy',
    metadata: { name: 'prod-guard' },
    spec: {
      priority: 10,
      subject: { namespaces: { matchLabels: { env: 'prod' } } },
      ingress: [
        { name: 'monitoring-may-decide-below', action: 'Pass', from: [{ pods: { namespaceSelector: { matchLabels: { env: 'prod' } }, podSelector: { matchLabels: { app: 'monitor' } } } }] },
        { name: 'no-dev', action: 'Deny', from: [{ namespaces: { matchLabels: { env: 'dev' } } }] },
      ],
    },
  },
  {
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'BaselineAdminNetworkPolicy',
    metadata: { name: 'default' },
    spec: { subject: { namespaces: {} }, ingress: [{ name: 'baseline-deny', action: 'Deny', from: [{ namespaces: {} }] }] },
  },
];

function run(from: string, to: string): ReturnType<typeof evaluateConnection> {
  const collector = new PolicyInputCollector();
  for (const object of objects) collector.add(object);
  const inputs = collector.result();
  assert.deepEqual(inputs.issues, []);
  const pod = (name: string): Endpoint => inputs.endpoints.find((endpoint) => endpoint.kind === 'pod' && endpoint.name === name) as Endpoint;
  return evaluateConnection(pod(from), pod(to), { protocol: 'TCP', port: 443 }, preparePolicies(inputs));
}

describe('AdminNetworkPolicy and BaselineAdminNetworkPolicy', () => {
  it('an admin Deny decides before any namespace policy', () => {
    const result = run('tool', 'api');
    assert.equal(result.allowed, false);
    assert.equal(result.deciding.decision.tier, 'adminnetworkpolicy');
    assert.equal(result.deciding.decision.policy, 'kanp.prod-guard');
  });

  it('an admin Pass, and an admin tier that decides nothing, go on to the baseline tier after the default tier', () => {
    const passed = run('monitor', 'api');
    assert.equal(passed.ingress.tiers.find((tier) => tier.name === 'adminnetworkpolicy')?.outcome, 'pass');
    assert.equal(passed.allowed, false);
    assert.equal(passed.deciding.decision.tier, 'baselineadminnetworkpolicy');
    const undecided = run('api', 'tool');
    assert.equal(undecided.ingress.tiers.find((tier) => tier.name === 'adminnetworkpolicy')?.outcome, 'not-applied');
    assert.equal(undecided.deciding.decision.policy, 'kbanp.default');
  });
});
