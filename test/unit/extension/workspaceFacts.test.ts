import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Config } from '../../../src/extension/config';
import { WorkspaceFacts } from '../../../src/extension/workspaceFacts';
import { FakeEditor, FakeLogChannel } from '../../fakes/editorApis';

describe('workspace facts: what files linted from disk depend on', () => {
  it('a check run relints the open files, but rescans the disk only when the cluster\'s RKE2 version changed', () => {
    const editor = new FakeEditor();
    let version: string | undefined = 'v1.32.2+rke2r1';
    const facts = new WorkspaceFacts(editor.workspace, new Config(editor.workspace, new FakeLogChannel()), () => version);
    let open = 0;
    let disk = 0;
    facts.onDidChange(() => open++);
    facts.onDidChangeDiskFacts(() => disk++);
    facts.notifyChanged();
    facts.notifyChanged();
    version = 'v1.32.4+rke2r1';
    facts.notifyChanged();
    assert.deepEqual([open, disk], [3, 2]);
    facts.refresh();
    assert.deepEqual([open, disk], [4, 3], 'settings that decide the facts rescan the disk too');
  });
});
