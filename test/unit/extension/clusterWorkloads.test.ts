import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ApiResult } from '../../../src/core/kube/apiResult';
import { ClusterSession } from '../../../src/extension/clusterSession';
import { Config } from '../../../src/extension/config';
import { ClusterWorkloadSource } from '../../../src/extension/policy/clusterWorkloads';
import { healthyEvidence } from '../../builders/clusterEvidence';
import { FakeEditor, FakeLogChannel } from '../../fakes/editorApis';
import { fakeGateway } from '../../fakes/fakeGateway';

const HOME = { HOME: mkdtempSync(join(tmpdir(), 'workloads-home-')) };

function source(answer: (path: string) => ApiResult<unknown>): { session: ClusterSession; workloads: ClusterWorkloadSource; paths: string[]; log: FakeLogChannel; clock: { now: number } } {
  const editor = new FakeEditor();
  editor.user.set('rke2Calico.kubeconfig', '/home/me/.kube/rke2.yaml');
  const log = new FakeLogChannel();
  const paths: string[] = [];
  const session = new ClusterSession(new Config(editor.workspace, log), log, () => Promise.resolve(fakeGateway({ answer: (path) => {
    paths.push(path);
    return answer(path);
  } })), HOME);
  const clock = { now: 0 };
  return { session, workloads: new ClusterWorkloadSource(session, log, () => clock.now), paths, log, clock };
}

const SHOP: Record<string, ApiResult<unknown>> = {
  '/api/v1/namespaces/shop/pods': { kind: 'ok', value: { items: [{ metadata: { namespace: 'shop', name: 'db-1' } }], truncated: false } },
  '/api/v1/namespaces/shop': { kind: 'ok', value: { metadata: { name: 'shop' } } },
};

describe('the connected cluster\'s workloads for policy diagnostics', () => {
  it('reads nothing before a readiness run reached the cluster', async () => {
    const { workloads, paths } = source((path) => SHOP[path] ?? { kind: 'not-found', message: 'no' });
    assert.equal(await workloads.workloads(['shop']), undefined);
    assert.deepEqual(paths, []);
  });

  it('then the pods and Namespace of the namespaces asked only, kept for a minute', async () => {
    const { session, workloads, paths, clock } = source((path) => SHOP[path] ?? { kind: 'forbidden', message: 'pods is forbidden' });
    session.startRun().finish({ evidence: healthyEvidence() });
    const first = await workloads.workloads(['shop', 'ops']);
    assert.ok(first);
    assert.deepEqual(first.namespaces, ['shop'], 'ops could not be read: not judged');
    assert.deepEqual(first.objects.map((object) => (object as { kind: string }).kind), ['Pod', 'Namespace']);
    assert.deepEqual([...paths].sort(), ['/api/v1/namespaces/ops', '/api/v1/namespaces/ops/pods', '/api/v1/namespaces/shop', '/api/v1/namespaces/shop/pods']);
    await workloads.workloads(['shop']);
    assert.equal(paths.length, 4, 'cached');
    clock.now = 61_000;
    await workloads.workloads(['shop']);
    assert.equal(paths.length, 6, 'read again after a minute');
  });
});
