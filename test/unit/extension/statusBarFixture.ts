import assert from 'node:assert/strict';
import { ClusterSession } from '../../../src/extension/clusterSession';
import { Config } from '../../../src/extension/config';
import { ResultSources } from '../../../src/extension/resultSources';
import { StatusBar } from '../../../src/extension/statusBar';
import { FakeEditor, FakeLogChannel, type FakeStatusBarItem } from '../../fakes/editorApis';
import { fakeGateway } from '../../fakes/fakeGateway';

/** A session with its result sources and the status bar item that summarises them, on a fake editor. */
export function statusBarFixture(): { session: ClusterSession; sources: ResultSources; item: FakeStatusBarItem } {
  const editor = new FakeEditor();
  const log = new FakeLogChannel();
  const session = new ClusterSession(new Config(editor.workspace, log), log, () => Promise.resolve(fakeGateway()));
  const sources = new ResultSources(session);
  new StatusBar(sources, editor.window);
  const [item] = editor.statusBarItems;
  assert.ok(item);
  return { session, sources, item };
}
