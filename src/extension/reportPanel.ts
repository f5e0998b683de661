import * as vscode from 'vscode';
import { buildCheckReport } from '../core/checks/checkReport';
import { buildReadinessReport, readinessReportToMarkdown, readinessReportToSarif, type ReadinessReport } from '../core/report/readinessReport';
import { redactSecrets } from '../core/report/redactSecrets';
import type { ClusterWorkloads } from '../core/policy/policyFileLint';
import type { PolicyMatricesJson } from '../core/policy/policyMatrixReport';
import { mentionsPolicyKind } from '../core/policy/policyKinds';
import { isFromWebview, type FromWebview, type ToWebview } from '../webview/protocol';
import { errorMessage } from '../core/log/logger';
import type { EditorApis } from './editorApis';
import type { FileDiagnostics } from './fileDiagnostics';
import type { Services } from './services';
import type { LogDiagnostics } from './logDiagnostics';
import type { ResultSources } from './resultSources';
import type { PolicyWorkloads } from './fileDiagnostics';
import { loadLintEngine } from './loadLintEngine';
import { deliverReport } from './reportDelivery';
import { objectLabel, objectLabels, showOpenDocumentAt } from './reportLinks';
import { webviewHtml, webviewOptions } from './webviewHtml';

export const REPORT_VIEW_TYPE = 'rke2Calico.report';

declare const PRODUCT_VERSION: string;

/**
 * The readiness report webview: nonce-based Content-Security-Policy, resources only from the extension's dist/ and
 * media/ folders (asWebviewUri), a typed message protocol, state restored after a reload (serializer), theme colours
 * through CSS variables. Exports (Markdown, JSON in the CLI's schema plus files and logs, SARIF) never carry secrets.
 */
export class ReportPanels implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  private readonly apis: EditorApis;
  private readonly sources: ResultSources;
  /** The connected cluster's pods of the open policies' namespaces, read before the report is built. */
  private clusterWorkloads: ClusterWorkloads | undefined;

  constructor(
    private readonly services: Services,
    private readonly extensionUri: vscode.Uri,
    private readonly files: FileDiagnostics,
    private readonly logs: LogDiagnostics,
    private readonly workloads?: PolicyWorkloads,
  ) {
    this.apis = services.apis;
    this.sources = services.sources;
    // The report is of the source the status bar summarises: the live cluster, or the bundle opened last.
    this.disposables.push(this.sources.onDidChange(() => {
      if (!this.sources.shown().state.running) void this.post();
    }));
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      void this.post();
      return;
    }
    this.attach(this.apis.window.createWebviewPanel(REPORT_VIEW_TYPE, 'Calico Readiness Report', vscode.ViewColumn.Active, this.options()));
  }

  deserializeWebviewPanel(panel: vscode.WebviewPanel): Thenable<void> {
    panel.webview.options = this.options();
    this.attach(panel);
    return Promise.resolve();
  }

  private options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return webviewOptions(this.extensionUri);
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
    panel.webview.html = this.html(panel.webview);
    this.disposables.push(
      panel.onDidDispose(() => (this.panel = undefined)),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (!isFromWebview(message)) return;
        this.handle(message).catch((error: unknown) => this.services.notifier.error(`the readiness report could not ${message.type}: ${errorMessage(error)}`, [], error));
      }),
    );
  }

  private html(webview: vscode.Webview): string {
    return webviewHtml(webview, this.extensionUri, 'report.js', 'Calico Readiness Report');
  }

  /** The report of the last readiness run, with the findings of the open files and logs. */
  report(): ReadinessReport | undefined {
    const { state } = this.sources.shown();
    if (state.results.length === 0) return undefined;
    const checks = buildCheckReport(state.results, state.evidence, state.target, state.timeline, { verdict: true });
    const logs = this.apis.workspace.textDocuments.flatMap((document) => {
      const scan = this.logs.scanOf(document.uri);
      return scan ? [{ file: this.apis.workspace.asRelativePath(document.uri), summary: scan.summary }] : [];
    });
    return buildReadinessReport(checks, this.files.openFileFindings(), logs, this.policyMatrices());
  }

  private openPolicyFiles(): { path: string; text: string }[] {
    return this.apis.workspace.textDocuments.filter((document) => ['yaml', 'json'].includes(document.languageId)).map((document) => ({ path: this.apis.workspace.asRelativePath(document.uri), text: document.getText() }));
  }

  /** The namespace matrices of the open policy files and pod lists; none when no policy file is open. */
  private policyMatrices(): PolicyMatricesJson | undefined {
    const files = this.openPolicyFiles();
    if (!files.some((file) => mentionsPolicyKind(file.text))) return undefined;
    return loadLintEngine().policyMatrices(files, this.clusterWorkloads);
  }

  /** When connected, the pods of the namespaces the open policies name (each namespace alone, never every pod). */
  private async readClusterWorkloads(): Promise<void> {
    const files = this.openPolicyFiles().filter((file) => mentionsPolicyKind(file.text));
    if (!this.workloads || files.length === 0) {
      this.clusterWorkloads = undefined;
      return;
    }
    const engine = loadLintEngine();
    const namespaces = [...new Set(files.flatMap((file) => engine.policyNamespacesIn(file.path, file.text)))].sort();
    try {
      this.clusterWorkloads = await this.workloads.workloads(namespaces);
    } catch (error) {
      this.services.log.warn(`namespace matrix: the cluster's workloads could not be read: ${errorMessage(error)}`);
      this.clusterWorkloads = undefined;
    }
  }

  private async post(note?: string): Promise<void> {
    // Building the report reads every open document: only worth it when the report is showing.
    if (!this.panel) return;
    await this.readClusterWorkloads();
    // The panel may have been closed while the cluster was read.
    const panel = this.showing();
    if (!panel) return;
    const message: ToWebview = { type: 'report', report: this.report(), objects: objectLabels(this.sources.shown().state.results), ...(note ? { note } : {}) };
    void panel.webview.postMessage(message);
  }

  private showing(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  private render(format: 'markdown' | 'json' | 'sarif', report: ReadinessReport): string {
    if (format === 'markdown') return readinessReportToMarkdown(report);
    if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
    return JSON.stringify(readinessReportToSarif(report, this.files.openFileFindings(), PRODUCT_VERSION), null, 2) + '\n';
  }

  private async handle(message: FromWebview): Promise<void> {
    if (message.type === 'ready') {
      await this.post();
      return;
    }
    if (message.type === 'refresh') {
      await this.apis.commands.executeCommand('rke2Calico.runCheck');
      await this.post();
      return;
    }
    if (message.type === 'openObject') {
      const check = this.sources.shown().state.results.find((entry) => entry.id === message.check);
      const object = check?.objects?.[message.index];
      // An absent object has nothing to open: the page says what restores it.
      if (object?.expected?.missing === true) {
        await this.post(`${objectLabel(object)} is missing. ${object.expected.restore}`);
        return;
      }
      if (check && object) await this.apis.commands.executeCommand(message.logs === true && object.kind === 'Pod' ? 'rke2Calico.openPodLogs' : 'rke2Calico.openObject', { type: 'object', object, check });
      return;
    }
    await this.readClusterWorkloads();
    const report = this.report();
    if (message.type === 'openFile' || message.type === 'openLog') {
      await this.open(message, report);
      return;
    }
    if (!report) {
      await this.post('Run a readiness check first.');
      return;
    }
    const text = redactSecrets(this.render(message.format, report));
    const note = await deliverReport(this.apis, message.type, message.format, text, { name: 'calico-readiness', extension: { markdown: 'md', json: 'json', sarif: 'sarif' }[message.format], title: 'Export readiness report' });
    if (note !== undefined) await this.post(note);
  }

  /** A file finding or a log signature of the report, at its (first) line, while that document is still open. */
  private async open(link: Extract<FromWebview, { type: 'openFile' | 'openLog' }>, report: ReadinessReport | undefined): Promise<void> {
    const finding = link.type === 'openFile' ? report?.files[link.index] : undefined;
    const log = link.type === 'openLog' ? report?.logs[link.index] : undefined;
    const entry = link.type === 'openLog' ? log?.summary[link.entry] : undefined;
    const place = finding ? { file: finding.file, line: finding.line, column: finding.column } : log && entry ? { file: log.file, line: entry.firstLine, column: 1 } : undefined;
    if (!place) return;
    if (!(await showOpenDocumentAt(this.apis, place.file, place.line, place.column))) await this.post(`${place.file} is no longer open: open it again, then Refresh.`);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
