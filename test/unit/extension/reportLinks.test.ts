import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../../src/core/checks/checkResult';
import { exportLocation } from '../../../src/extension/exportLocation';
import { deliverReport } from '../../../src/extension/reportDelivery';
import { objectLabels, showOpenDocumentAt } from '../../../src/extension/reportLinks';
import { isFromWebview } from '../../../src/webview/protocol';
import { FakeEditor } from '../../fakes/editorApis';
import { Uri } from '../../fakes/vscode';

describe('report exports and links', () => {
  it('suggests the export next to the workspace, else in the home folder, never at the filesystem root', () => {
    const remote = Uri.from({ scheme: 'vscode-remote', authority: 'ssh-remote+node-1', path: '/home/ops/clusters' });
    assert.equal(exportLocation([{ uri: remote }], 'calico-readiness.md').toString(), 'vscode-remote://ssh-remote+node-1/home/ops/clusters/calico-readiness.md');
    assert.equal(exportLocation(undefined, 'calico-fleet.md', '/home/ops').path, '/home/ops/calico-fleet.md');
    assert.equal(exportLocation([], 'calico-fleet.md', '/home/ops').path, '/home/ops/calico-fleet.md');
  });

  it('opens the save dialog in the workspace folder', async () => {
    const editor = new FakeEditor();
    editor.workspaceFolders.push({ uri: Uri.file('/work/demo'), name: 'demo', index: 0 });
    let asked: { readonly path: string } | undefined;
    editor.window.showSaveDialog = (options) => {
      asked = options.defaultUri;
      return Promise.resolve(undefined);
    };
    assert.equal(await deliverReport(editor, 'export', 'markdown', '# report\n', { name: 'calico-readiness', extension: 'md', title: 'Export' }), undefined);
    assert.equal(asked?.path, '/work/demo/calico-readiness.md');
  });

  it('shows an open file or log at the line a report row names, and says when it was closed', async () => {
    const editor = new FakeEditor();
    const document = editor.open('server/manifests/rke2-calico-config.yaml', 'a\nb\nc\nd\n', 'yaml');
    assert.equal(await showOpenDocumentAt(editor, 'server/manifests/rke2-calico-config.yaml', 3, 5), true);
    const shown = editor.shownDocuments[0];
    assert.ok(shown);
    assert.equal(shown.document, document);
    assert.deepEqual([shown.options.selection?.start.line, shown.options.selection?.start.character], [2, 4]);
    editor.close(document);
    assert.equal(await showOpenDocumentAt(editor, 'server/manifests/rke2-calico-config.yaml', 3), false);
    assert.equal(editor.shownDocuments.length, 1);
  });

  it('names the objects of each check for the report page', () => {
    const check: CheckResult = {
      id: 'workloads.calico-typha', area: 'Workloads', title: 'calico-typha Deployment and endpoints', status: 'fail', summary: 'calico-typha is not available', evidence: [],
      objects: [{ kind: 'Deployment', namespace: 'calico-system', name: 'calico-typha', path: '/apis/apps/v1/namespaces/calico-system/deployments/calico-typha' }, { kind: 'ClusterRole', name: 'calico-node', path: '/apis/rbac.authorization.k8s.io/v1/clusterroles/calico-node' }],
    };
    const passing: CheckResult = { ...check, id: 'crds.calico', objects: [] };
    assert.deepEqual(objectLabels([check, passing]), { 'workloads.calico-typha': ['Deployment calico-system/calico-typha', 'ClusterRole calico-node'] });
  });

  it('accepts link messages by position only', () => {
    assert.equal(isFromWebview({ type: 'openFile', index: 0 }), true);
    assert.equal(isFromWebview({ type: 'openLog', index: 1, entry: 2 }), true);
    assert.equal(isFromWebview({ type: 'openObject', check: 'workloads.calico-typha', index: 1 }), true);
    assert.equal(isFromWebview({ type: 'openObject', check: 'workloads.calico-typha', index: 1, logs: true }), true);
    for (const message of [{ type: 'openFile', index: -1 }, { type: 'openFile', index: 1.5 }, { type: 'openFile', file: '/etc/shadow' }, { type: 'openLog', index: 1 }, { type: 'openObject', index: 0 }, { type: 'openObject', check: 'x'.repeat(201), index: 0 }, { type: 'openObject', check: 'x', index: 0, logs: 'yes' }]) {
      assert.equal(isFromWebview(message), false, JSON.stringify(message).slice(0, 60));
    }
  });
});
