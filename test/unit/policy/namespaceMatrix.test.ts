import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { preparePolicies } from '../../../src/core/policy/evaluateConnection';
import { namespaceMatrix, namespaceMatrixToText } from '../../../src/core/policy/namespaceMatrix';
import { PolicyInputCollector } from '../../../src/core/policy/policyInputs';

describe('namespace connectivity matrix', () => {
  it('marks each namespace pair allowed, denied or partial', () => {
    const collector = new PolicyInputCollector();
    for (const namespace of ['a', 'b', 'c']) {
      collector.add({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
      for (const app of ['web', 'db']) collector.add({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name: `${app}-1`, labels: { app } }, spec: {} });
    }
    // In b only web takes traffic from a; c takes nothing from anywhere.
    collector.add({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace: 'b', name: 'db-private' }, spec: { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: {} }] }] } });
    collector.add({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace: 'c', name: 'deny' }, spec: { podSelector: {} } });
    const inputs = collector.result();
    const matrix = namespaceMatrix(inputs.endpoints, preparePolicies(inputs), { protocol: 'TCP', port: 80 });
    assert.deepEqual(matrix.namespaces, ['a', 'b', 'c']);
    assert.deepEqual(matrix.cells, [
      ['allowed', 'partial', 'denied'],
      ['allowed', 'allowed', 'denied'],
      ['allowed', 'partial', 'denied'],
    ]);
    assert.match(namespaceMatrixToText(matrix), /^a +✓ +~ +✗$/m);
  });
});
