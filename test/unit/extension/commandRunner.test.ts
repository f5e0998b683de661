import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactingLogger } from '../../../src/core/log/logger';
import { CommandError, guardCommand, logFailure, registerCommands } from '../../../src/extension/commandRunner';
import { Notifier, OPEN_LOGS } from '../../../src/extension/notifier';
import { FakeEditor, FakeLogChannel, settle } from '../../fakes/editorApis';

function harness(): { editor: FakeEditor; channel: FakeLogChannel; notifier: Notifier; shown: () => number } {
  const editor = new FakeEditor();
  const channel = new FakeLogChannel();
  let shown = 0;
  const notifier = new Notifier(editor.window, editor.commands, redactingLogger(channel), () => {
    shown++;
  });
  return { editor, channel, notifier, shown: () => shown };
}

describe('every command runs through one wrapper', () => {
  it('shows an expected failure once, with its next steps and "Open logs", and logs it without a stack', async () => {
    const { editor, channel, notifier } = harness();
    const command = guardCommand('rke2Calico.selectContext', () => {
      throw new CommandError('The context is not in the kubeconfig: context "gone" is not in the kubeconfig (it has: a, b).', ['selectContext', 'openSettings', 'showLogs']);
    }, notifier, channel);
    await command();
    await settle();
    assert.deepEqual(editor.messages, [{ severity: 'error', message: 'RKE2 Calico: The context is not in the kubeconfig: context "gone" is not in the kubeconfig (it has: a, b).', actions: ['Select Context', 'Open Settings', OPEN_LOGS] }]);
    assert.deepEqual(channel.lines.map((line) => line.level), ['debug', 'error'], 'the command, then its error; no stack');
  });

  it('logs an unexpected error with its stack at debug level, and shows it once', async () => {
    const { editor, channel, notifier } = harness();
    await guardCommand('rke2Calico.runCheck', () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'items')")), notifier, channel)();
    await settle();
    assert.equal(editor.messages.length, 1);
    assert.equal(editor.messages[0]?.message, "RKE2 Calico: rke2Calico.runCheck failed: Cannot read properties of undefined (reading 'items')");
    assert.match(channel.text(), /\[error\] rke2Calico\.runCheck failed: Cannot read properties/);
    assert.match(channel.text(), /\[debug\] TypeError: Cannot read properties of undefined \(reading 'items'\)\n\s+at /);
  });

  it('does not wait for the notification, and never rejects', async () => {
    const { editor, notifier, channel } = harness();
    editor.messageAnswers.push(new Promise<string | undefined>(() => undefined));
    let settled = false;
    void guardCommand('x', () => {
      throw new Error('boom');
    }, notifier, channel)().then(() => (settled = true));
    await settle();
    assert.equal(settled, true);
  });

  it('"Open logs" opens the log; a next step runs its command', async () => {
    const { editor, notifier, channel, shown } = harness();
    const throwing = guardCommand('x', () => {
      throw new CommandError('No kubeconfig found', ['selectKubeconfig']);
    }, notifier, channel);
    editor.messageAnswers.push(OPEN_LOGS);
    await throwing();
    await settle();
    assert.equal(shown(), 1);
    editor.messageAnswers.push('Select Kubeconfig');
    await throwing();
    await settle();
    assert.deepEqual(editor.executed.map((call) => call.id), ['rke2Calico.pickKubeconfig']);
  });

  it('a warning is shown as a warning, and a secret in any message is redacted in the log', async () => {
    const { editor, notifier, channel } = harness();
    await guardCommand('x', () => {
      throw new CommandError('could not read Pod calico-system/x: unauthorized: token=sha256~abcdefghijklmnopqrstuvwxyz0123456789 was refused', ['showLogs'], 'warning');
    }, notifier, channel)();
    await settle();
    assert.equal(editor.messages[0]?.severity, 'warning');
    assert.deepEqual(editor.messages[0].actions, [OPEN_LOGS]);
    assert.ok(!channel.text().includes('abcdefghijklmnopqrstuvwxyz0123456789'));
  });

  it('registers a table of commands, each wrapped', async () => {
    const { editor, notifier, channel } = harness();
    registerCommands(editor.commands, { 'a.fails': () => Promise.reject(new Error('no')), 'a.works': () => undefined }, notifier, channel);
    assert.deepEqual([...editor.commandHandlers.keys()], ['a.fails', 'a.works']);
    await editor.run('a.fails');
    await editor.run('a.works');
    await settle();
    assert.equal(editor.messages.length, 1);
  });
});

describe('background work', () => {
  it('logs a failure instead of leaving an unhandled rejection', async () => {
    const { channel } = harness();
    const rejections: unknown[] = [];
    const listener = (reason: unknown): void => {
      rejections.push(reason);
    };
    process.on('unhandledRejection', listener);
    try {
      logFailure(channel, 'lint /w/config.yaml', Promise.reject(new Error('EACCES: permission denied')));
      await settle(10);
      assert.deepEqual(rejections, []);
      assert.match(channel.text(), /\[error\] lint \/w\/config\.yaml: EACCES: permission denied/);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});
