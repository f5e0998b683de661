import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ConfigurationTarget } from 'vscode';
import { Config } from '../../../src/extension/config';
import type { SettingsApi, WorkspaceApis } from '../../../src/extension/editorApis';
import { openSettings } from '../../../src/extension/openSettings';
import { FakeEditor, FakeLogChannel } from '../../fakes/editorApis';

/**
 * The settings of a remote window: an update is written to the remote's settings file and VS Code reports it (its
 * change event, then its new value) only when `deliver` is called.
 */
function laggingWorkspace(editor: FakeEditor): { workspace: WorkspaceApis; deliver: () => void; failNext: () => void } {
  const pending: (() => void)[] = [];
  let fail = false;
  const workspace: WorkspaceApis = {
    ...editor.workspace,
    get isTrusted() {
      return editor.workspace.isTrusted;
    },
    getConfiguration: (section) => {
      const real = editor.workspace.getConfiguration(section);
      const lagging: SettingsApi = {
        get: (key) => real.get(key),
        inspect: (key) => real.inspect(key),
        update: (key: string, value: unknown, target: ConfigurationTarget) => {
          if (fail) {
            fail = false;
            return Promise.reject(new Error('Unable to write into remote user settings: the file is read-only'));
          }
          pending.push(() => void real.update(key, value, target));
          return Promise.resolve();
        },
      };
      return lagging;
    },
  };
  return {
    workspace,
    deliver: () => {
      for (const apply of pending.splice(0)) apply();
    },
    failNext: () => {
      fail = true;
    },
  };
}

describe('settings in a remote window', () => {
  it('a kubeconfig or context written by Select Kubeconfig or Select Context is used at once, before VS Code reports it', async () => {
    const editor = new FakeEditor();
    editor.user.set('rke2Calico.kubeconfig', '/home/me/.kube/sim.yaml');
    const { workspace, deliver } = laggingWorkspace(editor);
    const log = new FakeLogChannel();
    const config = new Config(workspace, log);
    await config.setContext('sim-b');
    assert.deepEqual([config.settings.kubeconfig, config.settings.context], ['/home/me/.kube/sim.yaml', 'sim-b'], 'neither empty nor the old value');
    await config.setContext('sim-c');
    assert.equal(config.settings.context, 'sim-c', 'a second choice too');
    deliver();
    assert.equal(config.settings.context, 'sim-c', "VS Code's value, now that it has reported it");
    editor.user.set('rke2Calico.context', 'edited-by-hand');
    editor.changeSettings('rke2Calico.context');
    assert.equal(config.settings.context, 'edited-by-hand', 'a later change in the settings wins');
    assert.ok(!log.lines.some((line) => line.level === 'warn'), log.text());
  });

  it('says so when VS Code reads another value than the one written, and follows VS Code', async () => {
    const editor = new FakeEditor();
    const { workspace } = laggingWorkspace(editor);
    const log = new FakeLogChannel();
    const config = new Config(workspace, log);
    await config.setContext('chosen');
    editor.user.set('rke2Calico.context', 'from-a-folder');
    editor.changeSettings('rke2Calico.context');
    assert.equal(config.settings.context, 'from-a-folder');
    assert.match(log.text(), /\[warn\] setting rke2Calico\.context: "chosen" was written, but VS Code reads "from-a-folder"/);
  });

  it('a write that failed leaves the value VS Code reads', async () => {
    const editor = new FakeEditor();
    editor.user.set('rke2Calico.context', 'old');
    const { workspace, failNext } = laggingWorkspace(editor);
    const config = new Config(workspace, new FakeLogChannel());
    failNext();
    await assert.rejects(config.setContext('chosen'), /read-only/);
    assert.equal(config.settings.context, 'old');
  });

  it('clearing a value set at two levels does not warn between the two writes', async () => {
    const editor = new FakeEditor();
    editor.user.set('rke2Calico.context', 'user');
    editor.workspaceSettings.set('rke2Calico.context', 'workspace');
    const log = new FakeLogChannel();
    const config = new Config(editor.workspace, log);
    await config.setKubeconfig('/home/me/.kube/other.yaml');
    assert.equal(config.settings.context, undefined);
    assert.ok(!log.lines.some((line) => line.level === 'warn'), log.text());
  });

  it('Open Settings opens the Remote tab, where VS Code shows the machine settings, in a remote window only', async () => {
    const editor = new FakeEditor();
    await openSettings(editor.commands, editor.env, '@ext:rke2-calico-diagnostics.rke2-calico-diagnostics');
    editor.remoteName = 'ssh-remote';
    await openSettings(editor.commands, editor.env, '@ext:rke2-calico-diagnostics.rke2-calico-diagnostics');
    assert.deepEqual(editor.executed.map((call) => [call.id, call.args[0]]), [
      ['workbench.action.openSettings', '@ext:rke2-calico-diagnostics.rke2-calico-diagnostics'],
      ['workbench.action.openRemoteSettings', { query: '@ext:rke2-calico-diagnostics.rke2-calico-diagnostics' }],
    ]);
  });

  it('settings that name files or kubeconfig contexts of the machine are machine-overridable', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { scope?: string }> } | { properties: Record<string, { scope?: string }> }[] } };
    const sections = Array.isArray(manifest.contributes.configuration) ? manifest.contributes.configuration : [manifest.contributes.configuration];
    const properties = Object.assign({}, ...sections.map((section) => section.properties)) as Record<string, { scope?: string }>;
    const machine = ['rke2Calico.kubeconfig', 'rke2Calico.context', 'rke2Calico.hostRoot', 'rke2Calico.rancherCaFile', 'rke2Calico.fleetContexts'];
    assert.deepEqual(machine.map((key) => [key, properties[key]?.scope]), machine.map((key) => [key, 'machine-overridable']));
  });
});
