import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { evaluateConnection, preparePolicies } from '../../../src/core/policy/evaluateConnection';
import { PolicyInputCollector } from '../../../src/core/policy/policyInputs';
import type { Endpoint } from '../../../src/core/policy/policyModel';

// Scores the model against the truth tables of the Kubernetes NetworkPolicy e2e conformance tests, transcribed in
// test/corpus/policy/k8s-netpol/cases.yaml (provenance in PROVENANCE.tsv).
const CASES = join(__dirname, '../../../../test/corpus/policy/k8s-netpol/cases.yaml');
const NAMESPACES = ['x', 'y', 'z'];
const PODS = ['a', 'b', 'c'];

interface Expectation {
  readonly from: string;
  readonly to: string;
  readonly allowed: boolean;
}

interface TruthCase {
  readonly name: string;
  readonly policies: readonly { readonly metadata: { readonly name: string }; readonly spec: unknown }[];
  readonly checks: readonly { readonly port: number; readonly default: boolean; readonly expect: readonly Expectation[] }[];
}

/** "*", "ns" or "ns/pod", as their Peer{Namespace, Pod} selects pods. */
function covers(peer: string, namespace: string, pod: string): boolean {
  if (peer === '*') return true;
  const [peerNamespace, peerPod] = peer.split('/');
  return peerNamespace === namespace && (peerPod === undefined || peerPod === pod);
}

describe('Kubernetes NetworkPolicy conformance truth tables', () => {
  it('answers every pair of every table the same', () => {
    const cases = parse(readFileSync(CASES, 'utf8')) as TruthCase[];
    let same = 0;
    let total = 0;
    const misses: string[] = [];
    for (const truth of cases) {
      const collector = new PolicyInputCollector();
      for (const namespace of NAMESPACES) {
        collector.add({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
        for (const pod of PODS) {
          collector.add({
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { namespace, name: pod, labels: { pod } },
            spec: { containers: [80, 81].map((port) => ({ name: `cont-${port}-tcp`, ports: [{ name: `serve-${port}-tcp`, containerPort: port, protocol: 'TCP' }] })) },
            status: { podIP: `10.0.${NAMESPACES.indexOf(namespace)}.${PODS.indexOf(pod) + 1}` },
          });
        }
      }
      for (const policy of truth.policies) collector.add({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { ...policy.metadata, namespace: 'x' }, spec: policy.spec });
      const inputs = collector.result();
      assert.deepEqual(inputs.issues, [], truth.name);
      const prepared = preparePolicies(inputs);
      const pod = (namespace: string, name: string): Endpoint => inputs.endpoints.find((endpoint) => endpoint.kind === 'pod' && endpoint.namespace === namespace && endpoint.name === name) as Endpoint;
      for (const check of truth.checks) {
        for (const fromNamespace of NAMESPACES) for (const fromPod of PODS) for (const toNamespace of NAMESPACES) for (const toPod of PODS) {
          if (fromNamespace === toNamespace && fromPod === toPod) continue;
          let expected = check.default;
          for (const expectation of check.expect) if (covers(expectation.from, fromNamespace, fromPod) && covers(expectation.to, toNamespace, toPod)) expected = expectation.allowed;
          const actual = evaluateConnection(pod(fromNamespace, fromPod), pod(toNamespace, toPod), { protocol: 'TCP', port: check.port }, prepared);
          total++;
          if (actual.allowed === expected) same++;
          else if (misses.length < 10) misses.push(`${truth.name}: ${fromNamespace}/${fromPod} -> ${toNamespace}/${toPod} ${check.port}/TCP expected ${expected ? 'allowed' : 'denied'}; ${actual.deciding.decision.summary}`);
        }
      }
    }
    console.log(`Kubernetes conformance truth tables: ${same}/${total} pairs answered the same (${cases.length} tests)${misses.map((miss) => `\n  ${miss}`).join('')}`);
    assert.equal(same, total);
  });
});
