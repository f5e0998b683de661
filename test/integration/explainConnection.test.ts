import '../fakes/installVscode';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activateWith } from '../../src/extension/main';
import { REPORT_SCHEME } from '../../src/extension/reportDocuments';
import { FakeEditor } from '../fakes/editorApis';
import { until } from '../until';
import { FakeSecrets } from '../fakes/secretStorage';
import { Disposable, ExtensionMode, Uri } from '../fakes/vscode';
import { policyCluster } from '../sim/policyCluster';
import { startRawCluster, type RunningSim } from '../sim/simServer';

/** The extension activated on a fake editor whose kubeconfig points at the simulated cluster. */
function editorOn(sim: RunningSim): FakeEditor {
  const editor = new FakeEditor();
  editor.user.set('rke2Calico.kubeconfig', sim.kubeconfigPath);
  activateWith({ subscriptions: [], extensionUri: Uri.file(__dirname), extensionMode: ExtensionMode.Test, secrets: new FakeSecrets() }, editor);
  return editor;
}

/** The Markdown of the last explanation the command opened. */
function shownExplanation(editor: FakeEditor): string {
  const shown = editor.executed.filter((entry) => entry.id === 'markdown.showPreviewToSide').at(-1);
  assert.ok(shown, 'an explanation was opened');
  const provider = editor.contentProviders.get(REPORT_SCHEME);
  const text = provider?.provideTextDocumentContent(shown.args[0] as Uri, { isCancellationRequested: false, onCancellationRequested: () => new Disposable(() => undefined) });
  assert.equal(typeof text, 'string');
  return text as string;
}

describe('Explain Connection… against a cluster', () => {
  it('picks namespace then pod, reads with GET only in the namespaces involved, and walks the tiers', async () => {
    const sim = await startRawCluster(policyCluster());
    try {
      const editor = editorOn(sim);
      editor.quickPickAnswers.push('$(cloud) Cluster', 'shop', 'web-1', 'shop', 'db-1');
      editor.inputBoxAnswers.push('5432/TCP');
      await editor.run('rke2Calico.explainConnection');
      const markdown = shownExplanation(editor);
      assert.match(markdown, /^# pod shop\/web-1 → pod shop\/db-1 5432\/TCP: ALLOWED/);
      assert.match(markdown, /Tier security \(order 100\): pass/);
      assert.match(markdown, /knp\.default\.db-from-web/);
      assert.match(markdown, /\*\*matched\*\*/);
      assert.deepEqual(editor.messages, []);
      assert.deepEqual(sim.requests.filter((request) => request.method !== 'GET'), []);
      const paths = sim.requests.map((request) => request.path).filter((path) => path.startsWith('/api/') || path.startsWith('/apis/'));
      assert.deepEqual(paths.filter((path) => /elsewhere|^\/api\/v1\/pods/.test(path)), [], 'nothing outside the namespaces involved, never every pod');
      const picking = paths.filter((path) => /^\/api\/v1\/namespaces(\/[^/]+\/pods)?$/.test(path));
      assert.deepEqual(picking, ['/api/v1/namespaces', '/api/v1/namespaces/shop/pods'], 'one list of namespaces and one of the namespace picked, remembered for the destination');
      assert.ok(paths.length - picking.length <= 10, `${paths.length} requests: ${paths.join(' ')}`);
    } finally {
      await sim.stop();
    }
  });

  it('a refused read is "unknown: forbidden" in the answer; a refused pod is an error, not an answer', async () => {
    const sim = await startRawCluster(policyCluster(), { authorize: (request) => request.resource !== 'globalnetworkpolicies' && !(request.resource === 'pods' && request.name === 'db-1') });
    try {
      const editor = editorOn(sim);
      editor.quickPickAnswers.push('$(cloud) Cluster', 'ops', 'probe', 'shop', 'web-1');
      editor.inputBoxAnswers.push('8080/TCP');
      await editor.run('rke2Calico.explainConnection');
      assert.match(shownExplanation(editor), /The answer may be wrong.*\n> - unknown: forbidden — could not read Calico GlobalNetworkPolicies/);
      editor.quickPickAnswers.push('$(cloud) Cluster', 'ops', 'probe', 'shop', 'db-1');
      editor.inputBoxAnswers.push('5432');
      await editor.run('rke2Calico.explainConnection');
      const last = editor.messages.at(-1);
      assert.ok(last);
      assert.equal(last.severity, 'warning');
      assert.match(last.message, /^RKE2 Calico: unknown: forbidden — could not read pod shop\/db-1/);
    } finally {
      await sim.stop();
    }
  });

  it('without the namespaces list, asks for namespace/pod and says why', async () => {
    const sim = await startRawCluster(policyCluster(), { authorize: (request) => !(request.resource === 'namespaces' && request.name === undefined) });
    try {
      const editor = editorOn(sim);
      editor.quickPickAnswers.push('$(cloud) Cluster');
      editor.inputBoxAnswers.push('192.0.2.7', 'shop/db-1', '5432/TCP');
      await editor.run('rke2Calico.explainConnection');
      assert.match(editor.inputBoxes.at(0)?.prompt ?? '', /Namespaces cannot be listed \(unknown: forbidden: /);
      assert.match(shownExplanation(editor), /^# address 192\.0\.2\.7\/32 → pod shop\/db-1 5432\/TCP: DENIED\n\n\*\*Decided\*\* \(ingress\): .*tier \*\*security\*\*, policy \*\*security\.blocklist\*\*, rule `ingress\\\[0\\\]`/);
    } finally {
      await sim.stop();
    }
  });

  it('cancelled while reading: nothing is shown', async () => {
    const sim = await startRawCluster(policyCluster());
    try {
      const editor = editorOn(sim);
      editor.quickPickAnswers.push('$(cloud) Cluster', 'shop', 'web-1', 'shop', 'db-1');
      editor.inputBoxAnswers.push('5432/TCP');
      editor.cancelNextProgress = true;
      await editor.run('rke2Calico.explainConnection');
      assert.equal(editor.executed.filter((entry) => entry.id === 'markdown.showPreviewToSide').length, 0);
      assert.deepEqual(editor.messages, []);
    } finally {
      await sim.stop();
    }
  });
});

describe('policy diagnostics against the connected cluster', () => {
  it('after a readiness run, a selector is judged against the pods of its own namespace only, read with GET', async () => {
    const sim = await startRawCluster(policyCluster());
    try {
      const editor = editorOn(sim);
      await editor.run('rke2Calico.runCheck');
      const before = sim.requests.length;
      const document = editor.open('policies/shop.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: typo, namespace: shop }\nspec:\n  podSelector: { matchLabels: { app: dbb } }\n  ingress: [ { from: [ { podSelector: {} } ] } ]\n', 'yaml');
      const found = await until('the policy diagnostics', () => {
        const list = editor.collections.find((collection) => collection.name === 'rke2-calico')?.of(document.uri) ?? [];
        return list.some((diagnostic) => /selects none of the 2 known workloads \(namespace shop\)/.test(diagnostic.message)) ? list : undefined;
      });
      assert.ok(found.length > 0);
      const reads = sim.requests.slice(before);
      assert.deepEqual(reads.filter((request) => request.method !== 'GET'), []);
      assert.deepEqual(reads.map((request) => request.path).sort(), ['/api/v1/namespaces/shop', '/api/v1/namespaces/shop/pods']);
    } finally {
      await sim.stop();
    }
  });
});
