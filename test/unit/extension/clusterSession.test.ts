import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ClusterSession, type SessionState } from '../../../src/extension/clusterSession';
import { Config } from '../../../src/extension/config';
import { watchInitCommand } from '../../../src/extension/commands/watchInit';
import type { Services } from '../../../src/extension/services';
import { FakeEditor, FakeLogChannel } from '../../fakes/editorApis';
import { fakeGateway, type FakeGateway } from '../../fakes/fakeGateway';

/** An environment in which kubeconfig discovery finds nothing: no KUBECONFIG and an empty home. */
const NOTHING_FOUND = { HOME: mkdtempSync(join(tmpdir(), 'session-home-')) };

function session(setup: (editor: FakeEditor) => void = () => undefined, gateway: FakeGateway = fakeGateway()): { editor: FakeEditor; session: ClusterSession; log: FakeLogChannel; gateway: FakeGateway; states: SessionState[] } {
  const editor = new FakeEditor();
  setup(editor);
  const log = new FakeLogChannel();
  const created = new ClusterSession(new Config(editor.workspace, log), log, () => Promise.resolve(gateway), NOTHING_FOUND);
  const states: SessionState[] = [];
  created.onDidChange((state) => states.push(state));
  return { editor, session: created, log, gateway, states };
}

const withKubeconfig = (editor: FakeEditor): void => {
  editor.user.set('rke2Calico.kubeconfig', '/home/me/.kube/rke2.yaml');
};

describe('ClusterSession: opening', () => {
  it('without a kubeconfig answers with the gateway\'s OpenResult of kind no-kubeconfig, and says where it looked', async () => {
    const { session: empty, log, gateway } = session();
    const opened = await empty.open();
    assert.ok(!opened.ok);
    assert.equal(opened.kind, 'no-kubeconfig');
    assert.match(opened.error, /rke2Calico\.kubeconfig is empty, KUBECONFIG names no existing file, and there is neither ~\/\.kube\/config nor \/etc\/rancher\/rke2\/rke2\.yaml/);
    assert.deepEqual(gateway.opened, [], 'nothing to open');
    assert.match(log.text(), /\[warn\] no kubeconfig was found/);
  });

  it('logs the kubeconfig and context it chose, and every request the reader makes', async () => {
    const { session: connected, log } = session(withKubeconfig);
    const opened = await connected.open();
    assert.ok(opened.ok);
    await opened.reader.get('/api/v1/nodes?limit=1000');
    assert.match(log.text(), /\[info\] kubeconfig \/home\/me\/\.kube\/rke2\.yaml \(setting rke2Calico\.kubeconfig\)\n\[info\] context default \(the current context\) of 2 \(default, staging\), server https:\/\/default\.example:6443\n\[info\] GET \/api\/v1\/nodes\?limit=1000 → 200 in 1 ms/);
  });

  it('reuses the reader while kubeconfig, context and timeout stay; a change of any of them, or reset(), opens a new one', async () => {
    const { editor, session: connected, gateway } = session(withKubeconfig);
    const first = await connected.open();
    assert.equal(await connected.open(), first);
    editor.user.set('rke2Calico.context', 'staging');
    const second = await connected.open();
    assert.notEqual(second, first);
    assert.ok(second.ok && second.context === 'staging');
    connected.reset();
    await connected.open();
    assert.deepEqual(gateway.opened.map((entry) => entry.context), [undefined, 'staging', 'staging']);
  });

  it('lists the contexts even when the setting names one the kubeconfig lacks (what Select Context is for)', async () => {
    const { session: connected } = session((editor) => {
      withKubeconfig(editor);
      editor.user.set('rke2Calico.context', 'gone');
    });
    const opened = await connected.open();
    assert.ok(!opened.ok && opened.kind === 'unknown-context');
    const contexts = await connected.contexts();
    assert.ok(contexts.ok);
    assert.deepEqual(contexts.contexts, ['default', 'staging']);
  });

  it('passes on why a kubeconfig cannot be opened, logged with its kind', async () => {
    const gateway = fakeGateway({ failing: { '/home/me/.kube/rke2.yaml': { kind: 'unreadable', error: 'cannot load kubeconfig /home/me/.kube/rke2.yaml: end of the stream or a document separator is expected at line 3' } } });
    const { session: broken, log } = session(withKubeconfig, gateway);
    const opened = await broken.open();
    assert.ok(!opened.ok && opened.kind === 'unreadable');
    assert.match(log.text(), /\[error\] cannot open the cluster \(unreadable\): cannot load kubeconfig \/home\/me\/\.kube\/rke2\.yaml: end of the stream/);
  });
});

describe('ClusterSession: runs', () => {
  it('a run marks the session running until it finishes; only its holder updates the state', () => {
    const { session: runs, states } = session();
    const run = runs.startRun();
    assert.equal(runs.state.running, true);
    run.update({ results: [] });
    run.finish({ error: 'Cancelled.' });
    assert.deepEqual(states.map((state) => state.running), [true, true, false]);
    assert.equal(runs.state.error, 'Cancelled.');
    assert.ok(runs.state.finishedAt instanceof Date);
  });

  it('a watch\'s polls move the time of the results shown; updates without results do not', async () => {
    const { session: runs } = session();
    const run = runs.startRun();
    run.update({ results: [] });
    const first = runs.state.finishedAt?.getTime() ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 5));
    run.update({ error: undefined });
    assert.equal(runs.state.finishedAt?.getTime(), first);
    run.update({ results: [] });
    const latest = (state: SessionState): number => state.finishedAt?.getTime() ?? 0;
    assert.ok(latest(runs.state) > first, 'the header shows the latest poll, not the first');
  });

  it('a run that cannot open the kubeconfig or fails leaves none of the earlier cluster\'s results', async () => {
    const { session: runs } = session();
    const earlier = runs.startRun();
    earlier.finish({ results: [{ id: 'nodes.ready', area: 'Nodes', title: 'Nodes', status: 'pass', summary: 'all Ready', evidence: [] }], target: { context: 'old', server: 'https://old:6443' } });
    const editor = new FakeEditor();
    editor.quickPickAnswers.push('3 minutes');
    const log = new FakeLogChannel();
    const services = { apis: editor, config: new Config(editor.workspace, log), session: runs, log } as unknown as Services;
    await watchInitCommand(services)();
    assert.equal(runs.state.target, undefined);
    assert.ok(!runs.state.results.some((result) => result.id === 'nodes.ready'), 'the old cluster\'s rows are gone');
    assert.equal(runs.state.problem?.kind, 'no-kubeconfig');
  });

  it('a second run cancels the first, whose late updates and finish change nothing', () => {
    const { session: runs } = session();
    const first = runs.startRun();
    const second = runs.startRun();
    assert.equal(first.signal.aborted, true);
    first.finish({ error: 'stale' });
    first.update({ error: 'stale' });
    assert.equal(runs.state.running, true, 'the second run is still going');
    assert.equal(runs.state.error, undefined);
    second.finish({});
    second.finish({ error: 'twice' });
    assert.equal(runs.state.running, false);
    assert.equal(runs.state.error, undefined, 'a run finishes once');
  });

  it('cancel() aborts the run in progress', () => {
    const { session: runs } = session();
    const run = runs.startRun();
    runs.cancel();
    assert.equal(run.signal.aborted, true);
  });
});
