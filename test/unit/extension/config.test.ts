import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Config, SETTING_EFFECTS, type ConfigChange } from '../../../src/extension/config';
import { SETTING_KEYS } from '../../../src/extension/settings';
import { FakeEditor, FakeLogChannel } from '../../fakes/editorApis';

function config(setup: (editor: FakeEditor) => void = () => undefined): { editor: FakeEditor; config: Config; log: FakeLogChannel; changes: ConfigChange[] } {
  const editor = new FakeEditor();
  setup(editor);
  const log = new FakeLogChannel();
  const created = new Config(editor.workspace, log);
  const changes: ConfigChange[] = [];
  created.onDidChange((change) => changes.push(change));
  return { editor, config: created, log, changes };
}

describe('Config: reading', () => {
  it("applies package.json's defaults and bounds to whatever the settings hold", () => {
    const { config: empty } = config();
    assert.deepEqual(empty.settings, { rke2Version: undefined, configFiles: [], kubeconfig: undefined, context: undefined, checkWhenViewOpens: false, requestTimeoutSeconds: 15, hostRoot: undefined, logTailLines: 2000 });
    const { config: odd } = config((editor) => {
      editor.user.set('rke2Calico.kubeconfig', '  /etc/rancher/rke2/rke2.yaml ');
      editor.user.set('rke2Calico.context', '   ');
      editor.user.set('rke2Calico.requestTimeoutSeconds', 0);
      editor.user.set('rke2Calico.logTailLines', 'many');
      editor.user.set('rke2Calico.configFiles', ['ansible/*.yaml', 3, ' ']);
      editor.user.set('rke2Calico.checkWhenViewOpens', 'yes');
    });
    assert.deepEqual(odd.settings, { rke2Version: undefined, configFiles: ['ansible/*.yaml'], kubeconfig: '/etc/rancher/rke2/rke2.yaml', context: undefined, checkWhenViewOpens: false, requestTimeoutSeconds: 1, hostRoot: undefined, logTailLines: 2000 });
  });

  it('in Restricted Mode takes the kubeconfig, context and host root from the user settings only, and reads no workspace files', () => {
    const { editor, config: restricted } = config((fake) => {
      fake.trusted = false;
      fake.user.set('rke2Calico.kubeconfig', '/home/me/.kube/rke2.yaml');
      fake.workspaceSettings.set('rke2Calico.kubeconfig', '/tmp/attacker.yaml');
      fake.workspaceSettings.set('rke2Calico.hostRoot', '/tmp/fake-root');
      fake.workspaceSettings.set('rke2Calico.rke2Version', 'v1.32.4+rke2r1');
    });
    assert.equal(restricted.settings.kubeconfig, '/home/me/.kube/rke2.yaml');
    assert.equal(restricted.settings.hostRoot, undefined);
    assert.equal(restricted.mayReadWorkspaceFiles, false);
    // The fake's get() returns workspace values whatever the trust: only Config's rule kept them out above.
    editor.grantTrust();
    assert.equal(restricted.settings.kubeconfig, '/tmp/attacker.yaml');
    assert.equal(restricted.settings.hostRoot, '/tmp/fake-root');
    assert.equal(restricted.mayReadWorkspaceFiles, true);
  });
});

describe('Config: what a change needs', () => {
  it('knows the effect of every setting', () => {
    assert.deepEqual(Object.keys(SETTING_EFFECTS).sort(), [...SETTING_KEYS].sort());
  });

  it('kubeconfig, context and timeout reconnect; rke2Version and configFiles re-lint; the rest waits for its next use', () => {
    const { editor, changes, log } = config();
    editor.changeSettings('rke2Calico.context');
    editor.changeSettings('rke2Calico.rke2Version', 'rke2Calico.logTailLines');
    editor.changeSettings('rke2Calico.logTailLines');
    editor.changeSettings('editor.fontSize');
    assert.deepEqual(changes, [
      { keys: ['context'], reconnect: true, relint: false },
      { keys: ['rke2Version', 'logTailLines'], reconnect: false, relint: true },
      { keys: ['logTailLines'], reconnect: false, relint: false },
    ]);
    assert.match(log.text(), /\[info\] settings changed: context → reconnect\n\[info\] settings changed: rke2Version, logTailLines → lint again\n\[info\] settings changed: logTailLines → used when next read/);
  });

  it('granting workspace trust reconnects (workspace values now count) and re-lints (workspace files may be read)', () => {
    const { editor, changes } = config((fake) => {
      fake.trusted = false;
    });
    editor.grantTrust();
    assert.deepEqual(changes, [{ keys: ['kubeconfig', 'context', 'hostRoot'], reconnect: true, relint: true }]);
  });
});

describe('Config: writing', () => {
  it('Select Kubeconfig writes the file to the user settings and clears the context', async () => {
    const { editor, config: settings, changes } = config((fake) => {
      fake.user.set('rke2Calico.context', 'old');
    });
    await settings.setKubeconfig('/home/me/.kube/other.yaml');
    assert.deepEqual(editor.updates, [
      { id: 'rke2Calico.kubeconfig', value: '/home/me/.kube/other.yaml', target: 'user' },
      { id: 'rke2Calico.context', value: undefined, target: 'user' },
    ]);
    assert.deepEqual([settings.settings.kubeconfig, settings.settings.context], ['/home/me/.kube/other.yaml', undefined]);
    assert.ok(changes.every((change) => change.reconnect), 'each write is seen as a change that reconnects');
  });

  it('Select Context writes where the value in effect comes from: a workspace value is not hidden behind a user one', async () => {
    const { editor, config: settings } = config((fake) => {
      fake.workspaceSettings.set('rke2Calico.context', 'from-workspace');
    });
    await settings.setContext('chosen');
    assert.deepEqual(editor.updates, [{ id: 'rke2Calico.context', value: 'chosen', target: 'workspace' }]);
    assert.equal(settings.settings.context, 'chosen');
  });

  it('in Restricted Mode writes to the user settings, which are the ones in effect', async () => {
    const { editor, config: settings } = config((fake) => {
      fake.trusted = false;
      fake.workspaceSettings.set('rke2Calico.context', 'from-workspace');
    });
    await settings.setContext('chosen');
    assert.deepEqual(editor.updates, [{ id: 'rke2Calico.context', value: 'chosen', target: 'user' }]);
    assert.equal(settings.settings.context, 'chosen');
  });
});
