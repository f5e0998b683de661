import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ClusterSession } from '../../../src/extension/clusterSession';
import { explainConnectionCommand } from '../../../src/extension/commands/explainConnection';
import { Config } from '../../../src/extension/config';
import { Notifier } from '../../../src/extension/notifier';
import { ResultSources } from '../../../src/extension/resultSources';
import { ReportDocuments } from '../../../src/extension/reportDocuments';
import { DB_FROM_WEB_POLICY } from '../../builders/policyFixtures';
import { FakeEditor, FakeLogChannel } from '../../fakes/editorApis';
import { fakeGateway } from '../../fakes/fakeGateway';
import type { Uri } from '../../fakes/vscode';

/** An environment in which kubeconfig discovery finds nothing: the command works on the workspace's files. */
const NOTHING_FOUND = { HOME: mkdtempSync(join(tmpdir(), 'explain-home-')) };

const POLICIES = DB_FROM_WEB_POLICY;

const PODS = `apiVersion: v1
kind: List
items:
- { apiVersion: v1, kind: Pod, metadata: { namespace: shop, name: web-1, labels: { app: web } }, spec: { containers: [] }, status: { podIP: 10.42.0.10 } }
- { apiVersion: v1, kind: Pod, metadata: { namespace: shop, name: db-1, labels: { app: db } }, spec: { containers: [] }, status: { podIP: 10.42.0.11 } }
`;

function offlineEditor(): { editor: FakeEditor; documents: ReportDocuments; run: () => Promise<void> } {
  const editor = new FakeEditor();
  const log = new FakeLogChannel();
  const config = new Config(editor.workspace, log);
  const session = new ClusterSession(config, log, () => Promise.resolve(fakeGateway()), NOTHING_FOUND);
  const documents = new ReportDocuments();
  const notifier = new Notifier(editor.window, editor.commands, log, () => undefined);
  const command = explainConnectionCommand({ apis: editor, config, session, sources: new ResultSources(session), log, notifier, documents });
  return { editor, documents, run: command };
}

function shown(editor: FakeEditor, documents: ReportDocuments): string {
  const entry = editor.executed.filter((executed) => executed.id === 'markdown.showPreviewToSide').at(-1);
  assert.ok(entry, 'an explanation was opened');
  return documents.provideTextDocumentContent(entry.args[0] as Uri);
}

describe('Explain Connection… offline, on the workspace files', () => {
  it('with no kubeconfig, explains between pods of the files: the deciding policy and rule, each tier', async () => {
    const { editor, documents, run } = offlineEditor();
    editor.open('policies/db.yaml', POLICIES, 'yaml');
    editor.open('pods.yaml', PODS, 'yaml');
    editor.quickPickAnswers.push('shop/web-1', 'shop/db-1');
    editor.inputBoxAnswers.push('5432/TCP');
    await run();
    const markdown = shown(editor, documents);
    assert.match(markdown, /^# pod shop\/web-1 → pod shop\/db-1 5432\/TCP: ALLOWED/);
    assert.match(markdown, /policy \*\*shop\/knp\.default\.db-from-web\*\*, rule `ingress\\\[0\\\] from\\\[0\\\] ports\\\[0\\\]`/);
    assert.match(markdown, /Read from 2 workspace file\\\(s\\\), offline/);
    editor.quickPickAnswers.push('shop/web-1', 'shop/db-1');
    editor.inputBoxAnswers.push('8080');
    await run();
    assert.match(shown(editor, documents), /: DENIED\n\n\*\*Decided\*\* \(ingress\): .*end of tier/);
  });

  it('an address as source; a bad port is refused by the input box, Escape ends the command quietly', async () => {
    const { editor, documents, run } = offlineEditor();
    editor.open('all.yaml', `${POLICIES}---\n${PODS}`, 'yaml');
    editor.quickPickAnswers.push('$(globe) An IP address…', 'shop/db-1');
    editor.inputBoxAnswers.push('10.9.9.9', '5432/TCP');
    await run();
    assert.match(shown(editor, documents), /^# address 10\.9\.9\.9\/32 → pod shop\/db-1 5432\/TCP: DENIED/);
    editor.quickPickAnswers.push('shop/web-1', 'shop/db-1');
    editor.inputBoxAnswers.push('70000/TCP');
    const before = editor.executed.length;
    await run();
    assert.match(editor.inputBoxes.at(-1)?.validation ?? '', /outside 1–65535/);
    editor.quickPickAnswers.push(undefined);
    await run();
    assert.equal(editor.executed.slice(before).filter((entry) => entry.id === 'markdown.showPreviewToSide').length, 0);
    assert.deepEqual(editor.messages, []);
  });

  it('a workspace without pods offers to pick a pods file', async () => {
    const { editor, run } = offlineEditor();
    editor.open('policies/db.yaml', POLICIES, 'yaml');
    editor.messageAnswers.push(undefined);
    editor.quickPickAnswers.push(undefined);
    await run();
    assert.match(editor.messages[0]?.message ?? '', /holds no pods/);
    assert.deepEqual(editor.messages[0]?.actions, ['Pick Pods File…']);
  });
});
