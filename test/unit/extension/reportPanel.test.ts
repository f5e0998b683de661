import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WebviewPanel } from 'vscode';
import type { CheckResult } from '../../../src/core/checks/checkResult';
import { lintFile } from '../../../src/core/files/lintFile';
import { ClusterSession } from '../../../src/extension/clusterSession';
import { Config } from '../../../src/extension/config';
import type { FileDiagnostics } from '../../../src/extension/fileDiagnostics';
import type { LogDiagnostics } from '../../../src/extension/logDiagnostics';
import { Notifier } from '../../../src/extension/notifier';
import { ReportDocuments } from '../../../src/extension/reportDocuments';
import { ReportPanels } from '../../../src/extension/reportPanel';
import { ResultSources } from '../../../src/extension/resultSources';
import type { ToWebview } from '../../../src/webview/protocol';
import { FakeEditor, FakeLogChannel, settle } from '../../fakes/editorApis';
import { fakeGateway } from '../../fakes/fakeGateway';
import { Disposable, Uri } from '../../fakes/vscode';

const FILE = 'server/manifests/rke2-calico-config.yaml';
const TEXT = 'apiVersion: helm.cattle.io/v1\nkind: HelmChartConfig\nmetadata:\n  name: rke2-calico\n  namespace: kube-system\nspec:\n  valuesContent: |-\n    tigeraOperator:\n      version: v1.36.5\n';
const POD = { kind: 'Pod', namespace: 'calico-system', name: 'calico-typha-6b9c7d8f4-x7k2p', path: '/api/v1/namespaces/calico-system/pods/calico-typha-6b9c7d8f4-x7k2p', containers: ['calico-typha'] };
const TYPHA: CheckResult = { id: 'workloads.calico-typha', area: 'Workloads', title: 'calico-typha Deployment and endpoints', status: 'fail', summary: 'calico-typha is not available', evidence: [], objects: [POD] };
const CRDS: CheckResult = { id: 'crds.calico', area: 'CRDs', title: 'Calico and operator CRDs', status: 'pass', summary: 'All 24 present', evidence: [] };

/** A report panel over a finished run, with one open file that has findings, and the messages it posted. */
function panelWithReport(): { editor: FakeEditor; send: (message: unknown) => Promise<void>; posted: ToWebview[] } {
  const editor = new FakeEditor();
  editor.workspaceFolders.push({ uri: Uri.file('/workspace'), name: 'workspace', index: 0 });
  editor.open(FILE, TEXT, 'yaml');
  const log = new FakeLogChannel();
  const session = new ClusterSession(new Config(editor.workspace, log), log, () => Promise.resolve(fakeGateway()));
  session.startRun().finish({ results: [CRDS, TYPHA], target: { context: 'sim', server: 'https://127.0.0.1:6443' } });
  const services = { apis: editor, config: new Config(editor.workspace, log), session, sources: new ResultSources(session), log, notifier: new Notifier(editor.window, editor.commands, log, () => undefined), documents: new ReportDocuments() };
  const files = { openFileFindings: () => [{ file: FILE, text: TEXT, findings: lintFile(FILE, TEXT).findings }] } as unknown as FileDiagnostics;
  const logs = { scanOf: () => undefined } as unknown as LogDiagnostics;
  const panels = new ReportPanels(services, Uri.file('/extension'), files, logs);
  const posted: ToWebview[] = [];
  let receive: (message: unknown) => void = () => undefined;
  const panel = {
    webview: {
      options: {},
      html: '',
      cspSource: 'vscode-resource:',
      asWebviewUri: (uri: Uri) => uri,
      onDidReceiveMessage: (listener: (message: unknown) => void) => {
        receive = listener;
        return new Disposable(() => undefined);
      },
      postMessage: (message: ToWebview) => {
        posted.push(message);
        return Promise.resolve(true);
      },
    },
    onDidDispose: () => new Disposable(() => undefined),
  };
  void panels.deserializeWebviewPanel(panel as unknown as WebviewPanel);
  return {
    editor,
    posted,
    send: async (message) => {
      receive(message);
      await settle();
    },
  };
}

describe('the readiness report panel', () => {
  it('sends the report with the objects each check looked at', async () => {
    const { send, posted } = panelWithReport();
    await send({ type: 'ready' });
    const last = posted.at(-1);
    assert.ok(last);
    assert.deepEqual(last.objects, { 'workloads.calico-typha': ['Pod calico-system/calico-typha-6b9c7d8f4-x7k2p'] });
    assert.equal(last.report?.files[0]?.file, FILE);
  });

  it('opens a file finding at its line, and a pod as YAML or as logs, by position', async () => {
    const { editor, send } = panelWithReport();
    const finding = lintFile(FILE, TEXT).findings[0];
    assert.ok(finding);
    await send({ type: 'openFile', index: 0 });
    const shown = editor.shownDocuments[0];
    assert.ok(shown);
    assert.equal((shown.document as { uri: Uri }).uri.path, `/workspace/${FILE}`);
    assert.equal(shown.options.selection?.start.line, 8, 'the version line (1-based 9)');
    await send({ type: 'openObject', check: 'workloads.calico-typha', index: 0 });
    await send({ type: 'openObject', check: 'workloads.calico-typha', index: 0, logs: true });
    await send({ type: 'openObject', check: 'workloads.calico-typha', index: 5 });
    await send({ type: 'openFile', path: '/etc/shadow' });
    const opened = editor.executed.filter((entry) => entry.id.startsWith('rke2Calico.open'));
    assert.deepEqual(opened.map((entry) => [entry.id, (entry.args[0] as { object: { name: string } }).object.name]), [
      ['rke2Calico.openObject', POD.name],
      ['rke2Calico.openPodLogs', POD.name],
    ]);
    assert.equal(editor.shownDocuments.length, 1, 'nothing opened from a message the report did not list');
  });

  it('suggests the export in the workspace folder', async () => {
    const { editor, send } = panelWithReport();
    let asked: { readonly path: string } | undefined;
    editor.window.showSaveDialog = (options) => {
      asked = options.defaultUri;
      return Promise.resolve(undefined);
    };
    await send({ type: 'export', format: 'markdown' });
    assert.equal(asked?.path, '/workspace/calico-readiness.md');
  });
});
