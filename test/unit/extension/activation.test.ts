import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { activateWith, type ProductApi } from '../../../src/extension/main';
import { OPEN_LOGS } from '../../../src/extension/notifier';
import { FakeEditor, settle, type FakeLogChannel } from '../../fakes/editorApis';
import { FakeSecrets } from '../../fakes/secretStorage';
import { until } from '../../until';
import { ExtensionMode, Uri } from '../../fakes/vscode';

const REPOSITORY = join(__dirname, '../../../..');
const manifest = JSON.parse(readFileSync(join(REPOSITORY, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };

/** A kubeconfig file that is not YAML a kubeconfig can be read from. */
const BROKEN_KUBECONFIG = join(mkdtempSync(join(tmpdir(), 'activation-')), 'kubeconfig-of-the-production-cluster-in-eu-west.yaml');
writeFileSync(BROKEN_KUBECONFIG, 'apiVersion: v1\nclusters:\n  - cluster: {server: https://10.0.0.1:6443\n');

function activate(mode: ExtensionMode, setup: (editor: FakeEditor) => void = () => undefined): { editor: FakeEditor; api: ProductApi | undefined; log: FakeLogChannel } {
  const editor = new FakeEditor();
  setup(editor);
  const api = activateWith({ subscriptions: [], extensionUri: Uri.file(REPOSITORY), extensionMode: mode, secrets: new FakeSecrets() }, editor);
  const [log] = editor.logChannels;
  assert.ok(log, 'a log channel');
  return { editor, api, log };
}

const loaded = (fragment: string): boolean => Object.keys(require.cache).some((path) => path.includes(fragment));

describe('activation', () => {
  it('creates the log first, registers every contributed command, and loads neither client-node nor the YAML parser', () => {
    const { editor, log } = activate(ExtensionMode.Production);
    assert.equal(editor.created[0], 'log channel RKE2 Calico');
    const registered = [...editor.commandHandlers.keys()].sort();
    assert.deepEqual(registered, manifest.contributes.commands.map((entry) => entry.command).sort(), 'every contributed command is registered, and only those');
    assert.equal(loaded('@kubernetes/client-node'), false, 'client-node waits for the first cluster command');
    assert.equal(loaded('node_modules/yaml/'), false, 'the YAML engine waits for the first lint');
    assert.match(log.text(), /\[info\] activated in \d+\.\d ms/);
    assert.equal(editor.contextKeys.get('rke2Calico.hasKubeconfig'), false);
  });

  it('returns its ProductApi only under ExtensionMode.Test', () => {
    assert.equal(activate(ExtensionMode.Production).api, undefined);
    assert.equal(activate(ExtensionMode.Development).api, undefined);
    assert.deepEqual(activate(ExtensionMode.Test).api?.readinessResults(), []);
  });

  it('a kubeconfig that cannot be loaded: the tree states the whole reason with the next steps, the status bar says so, no pop-up', async () => {
    const { editor, api, log } = activate(ExtensionMode.Test, (fake) => {
      fake.user.set('rke2Calico.kubeconfig', BROKEN_KUBECONFIG);
    });
    await editor.run('rke2Calico.runCheck');
    const problem = api?.connectionProblem();
    assert.deepEqual([problem?.kind, problem?.steps], ['unreadable', ['selectKubeconfig', 'openSettings', 'showLogs']]);
    const message = editor.treeViews[0]?.message ?? '';
    assert.ok(message.startsWith(`Cannot load the kubeconfig: error loading config file "${BROKEN_KUBECONFIG}": not valid YAML: `), message);
    assert.ok(!message.includes('\n'), 'one line, no parser excerpt');
    assert.match(message, /Check that the file is a kubeconfig/);
    assert.equal(editor.statusBarItems[0]?.text, '$(error) Calico: no cluster');
    assert.deepEqual(editor.messages, [], 'a tree problem, not a notification');
    assert.match(log.text(), /\[info\] kubeconfig .*kubeconfig-of-the-production-cluster-in-eu-west\.yaml \(setting rke2Calico\.kubeconfig\)\n\[error\] cannot open the cluster \(unreadable\)/);
  });

  it('Select Context on that kubeconfig: an error notification with the next steps and "Open logs", which opens the log', async () => {
    const { editor, log } = activate(ExtensionMode.Production, (fake) => {
      fake.user.set('rke2Calico.kubeconfig', BROKEN_KUBECONFIG);
    });
    editor.messageAnswers.push(OPEN_LOGS);
    await editor.run('rke2Calico.selectContext');
    await settle();
    assert.equal(editor.messages.length, 1);
    assert.deepEqual(editor.messages[0]?.actions, ['Select Kubeconfig', 'Open Settings', OPEN_LOGS]);
    assert.match(editor.messages[0].message, /^RKE2 Calico: Cannot load the kubeconfig: error loading config file "/);
    assert.equal(log.shown, 1);
  });

  it('follows the settings: a kubeconfig set reconnects and updates the context key; a stated RKE2 version lints again', async () => {
    const { editor, log } = activate(ExtensionMode.Production);
    editor.user.set('rke2Calico.kubeconfig', BROKEN_KUBECONFIG);
    editor.changeSettings('rke2Calico.kubeconfig');
    await settle();
    assert.equal(editor.contextKeys.get('rke2Calico.hasKubeconfig'), true);
    const document = editor.open('etc/rancher/rke2/config.yaml', 'cni: calico\n', 'yaml');
    await until('the first lint', () => (log.text().includes('lint etc/rancher/rke2/config.yaml') ? true : undefined));
    const collection = editor.collections.find((entry) => entry.name === 'rke2-calico');
    assert.ok(collection);
    assert.deepEqual(collection.of(document.uri).map((diagnostic) => diagnostic.message), []);
    editor.user.set('rke2Calico.rke2Version', 'v1.32.2+rke2r1');
    editor.changeSettings('rke2Calico.rke2Version');
    const [affected] = await until('the lint again', () => (collection.of(document.uri).length > 0 ? collection.of(document.uri) : undefined));
    assert.match(affected?.message ?? '', /rancher\/rke2#7808/);
    assert.match(log.text(), /settings changed: rke2Version → lint again/);
  });

  it('runs the check when the view first opens, with rke2Calico.checkWhenViewOpens', async () => {
    const { editor, api } = activate(ExtensionMode.Test, (fake) => {
      fake.user.set('rke2Calico.kubeconfig', BROKEN_KUBECONFIG);
      fake.user.set('rke2Calico.checkWhenViewOpens', true);
    });
    await settle();
    assert.equal(api?.connectionProblem(), undefined, 'not while the view is hidden');
    editor.treeViews[0]?.show();
    assert.equal((await until('the check', () => api?.connectionProblem())).kind, 'unreadable');
  });
});
