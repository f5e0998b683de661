/**
 * The extension's log channel ("RKE2 Calico", what Show Logs opens) against the simulated cluster whose 401/403
 * bodies quote "Authorization: Bearer <token>" and the bare token: the whole extension is activated on a fake
 * editor, the readiness check runs through the real gateway, and the channel must name every request and check
 * without the token. Notifications and the tree's message must not carry it either.
 */
import '../fakes/installVscode';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activateWith } from '../../src/extension/main';
import { FakeEditor, settle } from '../fakes/editorApis';
import { FakeSecrets } from '../fakes/secretStorage';
import { ExtensionMode, Uri } from '../fakes/vscode';
import { clusterCase, withSim, writeKubeconfig } from './clusterHarness';

function activated(kubeconfig: string): { editor: FakeEditor; api: ReturnType<typeof activateWith> } {
  const editor = new FakeEditor();
  editor.user.set('rke2Calico.kubeconfig', kubeconfig);
  editor.user.set('rke2Calico.hostRoot', '/nonexistent-host-root');
  const api = activateWith({ subscriptions: [], extensionUri: Uri.file('/extension'), extensionMode: ExtensionMode.Test, secrets: new FakeSecrets() }, editor);
  return { editor, api };
}

describe('the extension log against a server that echoes the bearer token', () => {
  it('403 bodies: every request and check is in the log, the token is nowhere the user can see', async () => {
    await withSim('healthy', [{ path: '.', status: 403, echoAuthorization: true }], async (sim) => {
      const { folder } = clusterCase('extension-log-echo-403');
      const { editor, api } = activated(writeKubeconfig(folder, sim));
      await editor.run('rke2Calico.runCheck');
      await editor.run('rke2Calico.openObject', { type: 'object', object: { kind: 'Node', name: 'server-1', path: '/api/v1/nodes/server-1' } });
      await settle();
      const log = editor.logChannels[0]?.text() ?? '';
      const requests = log.split('\n').filter((line) => line.startsWith('[info] GET /'));
      assert.equal(requests.length, sim.requests.length, 'every request is logged');
      assert.ok(requests.every((line) => / → 403 forbidden in \d+ ms$/.test(line)));
      assert.match(log, /\[info\] check nodes\.ready: unknown — unknown: forbidden — could not read nodes\n/);
      assert.match(log, /\[warn\] could not read Node server-1: forbidden: (forbidden: )?the request with "Authorization: Bearer \[redacted\]" was refused/);
      const seen = [log, ...editor.messages.map((message) => message.message), editor.treeViews[0]?.message ?? '', JSON.stringify(api?.readinessResults())].join('\n');
      assert.ok(!seen.includes(sim.token), 'the bearer token');
      assert.ok(!/Bearer (?!\[redacted\])/.test(seen), 'no unredacted bearer header');
    });
  });

  it('401 bodies: the tree says the credentials were rejected, with the next steps; the token is not logged', async () => {
    await withSim('healthy', [{ path: '.', status: 401, echoAuthorization: true }], async (sim) => {
      const { folder } = clusterCase('extension-log-echo-401');
      const { editor, api } = activated(writeKubeconfig(folder, sim));
      await editor.run('rke2Calico.runCheck');
      const problem = api?.connectionProblem();
      assert.deepEqual([problem?.kind, problem?.steps], ['unauthorized', ['selectKubeconfig', 'selectContext', 'showLogs']]);
      assert.match(problem?.message ?? '', /^The credentials were rejected \(401 Unauthorized\): unauthorized: the request with "Authorization: Bearer \[redacted\]" was refused/);
      const log = editor.logChannels[0]?.text() ?? '';
      assert.match(log, /\[info\] GET \/api\/v1\/nodes\?limit=1000 → 401 unauthorized in \d+ ms/);
      assert.ok(!`${log}\n${problem?.message ?? ''}`.includes(sim.token), 'the bearer token');
    });
  });
});
