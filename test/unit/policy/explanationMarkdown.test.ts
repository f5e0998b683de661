import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTraffic, resolveEndpoint } from '../../../src/core/policy/connectionQuery';
import { evaluateConnection, preparePolicies } from '../../../src/core/policy/evaluateConnection';
import { explanationToMarkdown } from '../../../src/core/policy/explanationMarkdown';
import { PolicyInputCollector } from '../../../src/core/policy/policyInputs';

function explained(policies: readonly unknown[]): string {
  const collector = new PolicyInputCollector();
  collector.add([
    { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'shop', name: 'web-1', labels: { app: 'web' } }, spec: {}, status: { podIP: '10.42.0.10' } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'shop', name: 'db-1', labels: { app: 'db' } }, spec: {}, status: { podIP: '10.42.0.11' } },
    ...policies,
  ], 'policies.yaml');
  const inputs = collector.result();
  const from = resolveEndpoint({ kind: 'pod', namespace: 'shop', name: 'web-1' }, inputs.endpoints);
  const to = resolveEndpoint({ kind: 'pod', namespace: 'shop', name: 'db-1' }, inputs.endpoints);
  const traffic = parseTraffic('5432/TCP');
  assert.ok(from.ok && to.ok && traffic.ok);
  return explanationToMarkdown(evaluateConnection(from.value, to.value, traffic.value, preparePolicies(inputs)), { basis: 'cluster <img src=x> (GET only)', warnings: ['unknown: forbidden — could not read Calico Tiers: forbidden: [x](http://evil)'] });
}

describe('explanationToMarkdown', () => {
  it('verdict and deciding rule first, every tier and every policy with why it did or did not apply', () => {
    const markdown = explained([
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace: 'shop', name: 'deny-db' }, spec: { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'] } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace: 'shop', name: 'web-only' }, spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] } },
    ]);
    const lines = markdown.split('\n');
    assert.match(lines[0] ?? '', /^# pod shop\/web-1 → pod shop\/db-1 5432\/TCP: DENIED$/);
    assert.match(markdown, /\*\*Decided\*\* \(ingress\): .* — tier \*\*default\*\*/);
    assert.match(markdown, /### Egress at pod shop\/web-1: allowed/);
    assert.match(markdown, /### Ingress at pod shop\/db-1: DENIED/);
    assert.match(markdown, /#### Tier default \(order 1000000\): end of tier deny/);
    assert.match(markdown, /Did not apply \(1\):\n\n- · \*\*shop\/knp\.default\.web-only\*\*/);
    assert.match(markdown, / {2}- from policies\.yaml/);
  });

  it('names and messages from outside cannot become links, images or HTML', () => {
    const markdown = explained([]);
    assert.doesNotMatch(markdown, /(?<!\\)<img|(?<!\\)\]\(http/);
    assert.match(markdown, /> \*\*The answer may be wrong:\*\*\n> - unknown: forbidden — could not read Calico Tiers/);
  });
});
