import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCheckReport } from '../../../src/core/checks/checkReport';
import { policyMatrices } from '../../../src/core/policy/policyMatrixReport';
import { buildReadinessReport, readinessReportToMarkdown } from '../../../src/core/report/readinessReport';

const POLICIES = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: db-from-web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: db } }
  ingress:
  - from: [ { namespaceSelector: { matchLabels: { team: web } } } ]
    ports: [ { port: 5432 } ]
`;

const PODS = `apiVersion: v1
kind: List
items:
- { apiVersion: v1, kind: Namespace, metadata: { name: front, labels: { team: web } } }
- { apiVersion: v1, kind: Namespace, metadata: { name: shop } }
- { apiVersion: v1, kind: Pod, metadata: { namespace: front, name: web-1, labels: { app: web } }, spec: { containers: [] } }
- { apiVersion: v1, kind: Pod, metadata: { namespace: shop, name: db-1, labels: { app: db } }, spec: { containers: [] } }
- { apiVersion: v1, kind: Pod, metadata: { namespace: shop, name: cache-1, labels: { app: cache } }, spec: { containers: [] } }
`;

describe('the namespace connectivity matrix of the report', () => {
  it('one matrix per port the ingress rules name, from the open policy files and pod lists', () => {
    const section = policyMatrices([{ path: 'policies.yaml', text: POLICIES }, { path: 'pods.yaml', text: PODS }, { path: 'notes.yaml', text: 'a: 1\n' }]);
    assert.ok(section);
    assert.equal(section.basis, '2 open file(s): 1 policies, 3 pods');
    assert.deepEqual(section.matrices.map((matrix) => matrix.traffic), ['5432/TCP']);
    const [matrix] = section.matrices;
    assert.ok(matrix);
    assert.deepEqual(matrix.namespaces, ['front', 'shop']);
    // front → shop: db-1 admits team web, cache-1 has no policy. shop → shop: db-1 refuses cache-1, so some pods only.
    assert.deepEqual(matrix.cells, [['no-pods', 'allowed'], ['allowed', 'partial']]);
  });

  it('with no pods open, the connected cluster\'s pods of the policies\' namespaces', () => {
    const pods = [
      { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'shop', name: 'db-1', labels: { app: 'db' } }, spec: { containers: [] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'shop', name: 'cache-1', labels: { app: 'cache' } }, spec: { containers: [] } },
    ];
    const section = policyMatrices([{ path: 'policies.yaml', text: POLICIES }], { namespaces: ['shop'], objects: pods });
    assert.equal(section?.basis, '1 open file(s): 1 policies, 2 pods of the connected cluster (namespaces shop)');
    assert.deepEqual(section.matrices[0]?.cells, [['partial']]);
  });

  it('none without policies or without pods', () => {
    assert.equal(policyMatrices([{ path: 'policies.yaml', text: POLICIES }]), undefined);
    assert.equal(policyMatrices([{ path: 'pods.yaml', text: PODS }]), undefined);
  });

  it('is a section of the Markdown export, names escaped', () => {
    const section = policyMatrices([{ path: 'p|o.yaml', text: `${POLICIES}---\n${PODS}` }]);
    const report = buildReadinessReport(buildCheckReport([], undefined, undefined, [], { verdict: false }), [], [], section);
    const markdown = readinessReportToMarkdown(report);
    assert.match(markdown, /## Namespace connectivity\n\nFrom 1 open file\\\(s\\\): 1 policies, 3 pods; rows are sources, columns destinations\.\n\n### 5432\/TCP\n\n\| from \\ to \| front \| shop \|\n\|---\|---\|---\|\n\| front \| · \| ✓ allowed \|\n\| shop \| ✓ allowed \| ~ some pods \|/);
  });
});
