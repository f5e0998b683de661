import * as vscode from 'vscode';
import { fleetReportToMarkdown } from '../../core/fleet/fleetMarkdown';
import type { FleetReportJson } from '../../core/fleet/fleetReport';
import { fleetToOpenMetrics } from '../../core/fleet/fleetMetrics';
import { redactSecrets } from '../../core/report/redactSecrets';
import { isFromFleetWebview, type FleetExportFormat, type FromFleetWebview, type ToFleetWebview } from '../../webview/fleetProtocol';
import type { EditorApis } from '../editorApis';
import { deliverReport } from '../reportDelivery';
import { webviewHtml, webviewOptions } from '../webviewHtml';
import type { FleetSession } from './fleetSession';

export const FLEET_REPORT_VIEW_TYPE = 'rke2Calico.fleetReport';

const EXTENSIONS: Record<FleetExportFormat, string> = { markdown: 'md', json: 'json', openmetrics: 'prom' };

/** The fleet report as each export format writes it. */
export function renderFleetReport(format: FleetExportFormat, report: FleetReportJson): string {
  if (format === 'markdown') return fleetReportToMarkdown(report);
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  return fleetToOpenMetrics(report);
}

/**
 * The fleet page of the report: the same webview machinery as the readiness report (CSP, dist/webview and media
 * only, typed messages, restored after a reload), showing the last fleet run; exports Markdown, JSON (the CLI's
 * fleet schema) and OpenMetrics, with a redaction pass over everything written.
 */
export class FleetReportPanel implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly apis: EditorApis,
    private readonly extensionUri: vscode.Uri,
    private readonly session: FleetSession,
  ) {
    this.disposables.push(session.onDidChange(() => {
      this.post();
    }));
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      this.post();
      return;
    }
    this.attach(this.apis.window.createWebviewPanel(FLEET_REPORT_VIEW_TYPE, 'Calico Fleet Report', vscode.ViewColumn.Active, webviewOptions(this.extensionUri)));
  }

  deserializeWebviewPanel(panel: vscode.WebviewPanel): Thenable<void> {
    panel.webview.options = webviewOptions(this.extensionUri);
    this.attach(panel);
    return Promise.resolve();
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'fleet.js', 'Calico Fleet Report');
    this.disposables.push(
      panel.onDidDispose(() => (this.panel = undefined)),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isFromFleetWebview(message)) void this.handle(message);
      }),
    );
  }

  private post(note?: string): void {
    if (!this.panel) return;
    const message: ToFleetWebview = { type: 'fleet', report: this.session.report(), running: this.session.state.running, ...(note ? { note } : {}) };
    void this.panel.webview.postMessage(message);
  }

  private async handle(message: FromFleetWebview): Promise<void> {
    if (message.type === 'ready') {
      this.post();
      return;
    }
    if (message.type === 'refresh') {
      await this.apis.commands.executeCommand('rke2Calico.checkFleet');
      return;
    }
    const report = this.session.report();
    if (!report) {
      this.post('Check the fleet first.');
      return;
    }
    const text = redactSecrets(renderFleetReport(message.format, report));
    const note = await deliverReport(this.apis, message.type, message.format, text, { name: 'calico-fleet', extension: EXTENSIONS[message.format], title: 'Export fleet report' });
    if (note !== undefined) this.post(note);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
