import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClusterWorkloads } from '../../../src/core/policy/policyFileLint';
import { FileDiagnostics, type LintFacts, type PolicyWorkloads } from '../../../src/extension/fileDiagnostics';
import { FakeEditor, FakeLogChannel } from '../../fakes/editorApis';
import { until } from '../../until';
import { EventEmitter } from '../../fakes/vscode';

const POLICY = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  selector: app == 'web
  types: [Ingress, Egress]
  ingress:
  - action: Allow
  - action: Deny
    protocol: TCP
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db
  namespace: shop
spec:
  podSelector:
    matchLabels: { app: dbx }
  ingress:
  - from: [ { podSelector: { matchLabels: { app: web } } } ]
`;

const FACTS: LintFacts = { context: () => Promise.resolve({}), crossFileFindings: () => Promise.resolve([]), isForcedConfig: () => false, onDidChange: new EventEmitter<void>().event };

function codeOf(diagnostic: { code?: string | number | { value: string | number } }): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

async function diagnosticsOf(workloads?: PolicyWorkloads): Promise<{ lines: string[]; messages: string[] }> {
  const editor = new FakeEditor();
  const diagnostics = new FileDiagnostics(editor.workspace, editor.languages, FACTS, new FakeLogChannel(), workloads);
  const document = editor.open('policies/shop.yaml', POLICY, 'yaml');
  const found = await until('the lint', () => {
    const list = editor.collections.find((collection) => collection.name === 'rke2-calico')?.of(document.uri) ?? [];
    return list.length > 0 ? list : undefined;
  });
  diagnostics.dispose();
  const lines = POLICY.split('\n');
  return {
    lines: found.map((diagnostic) => `${codeOf(diagnostic)} ${(lines[diagnostic.range.start.line] ?? '').slice(diagnostic.range.start.character, diagnostic.range.end.character)}`).sort(),
    messages: found.map((diagnostic) => diagnostic.message),
  };
}

describe('policy diagnostics in the editor', () => {
  it('an invalid selector, a shadowed rule and a direction left default-deny, each on its field', async () => {
    const { lines } = await diagnosticsOf();
    assert.deepEqual(lines, ["policy-direction-default-deny types", "policy-invalid app == 'web", 'policy-rule-shadowed action: Deny']);
  });

  it('connected: a selector that matches no pod of its namespace in the cluster, judged only for the namespaces read', async () => {
    const asked: string[][] = [];
    const cluster: PolicyWorkloads = {
      workloads: (namespaces): Promise<ClusterWorkloads> => {
        asked.push([...namespaces]);
        return Promise.resolve({ namespaces: ['shop'], objects: [{ apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'shop', name: 'db-1', labels: { app: 'db' } }, spec: { containers: [] } }] });
      },
    };
    const { lines, messages } = await diagnosticsOf(cluster);
    assert.deepEqual(asked[0], ['shop']);
    assert.ok(lines.includes('policy-selects-nothing podSelector'), lines.join('\n'));
    assert.ok(messages.some((message) => /selects none of the 1 known workloads \(namespace shop\).*judged against the connected cluster/.test(message)));
  });

  it('not connected: no selector is judged against workloads it does not know', async () => {
    const { lines } = await diagnosticsOf({ workloads: () => Promise.resolve(undefined) });
    assert.ok(!lines.some((line) => line.startsWith('policy-selects-nothing')));
  });
});
