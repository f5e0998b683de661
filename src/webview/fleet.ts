/**
 * The fleet report webview: the fleet table (worst first), why clusters were not checked, and each checked
 * cluster's checks in a collapsible; export (Markdown, JSON, OpenMetrics) and copy. All text is inserted as text.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import type { FleetReportJson } from '../core/fleet/fleetReport';
import { element, statusMark, table } from './dom';
import { problemsFirst } from '../core/report/reportRows';
import type { FleetWebviewState, FromFleetWebview, ToFleetWebview } from './fleetProtocol';

declare function acquireVsCodeApi(): { postMessage(message: FromFleetWebview): void; getState(): FleetWebviewState | undefined; setState(state: FleetWebviewState): void };

const vscode = acquireVsCodeApi();

const CSS: Record<string, string> = { fail: 'fail', unreachable: 'fail', 'could-not-verify': 'unknown', warn: 'warn', pass: 'pass', skipped: 'skipped' };

function render(report: FleetReportJson | undefined, running: boolean, note?: string): void {
  const root = document.getElementById('root');
  if (!root) return;
  root.replaceChildren();
  const button = (label: string, message: FromFleetWebview, secondary = true): HTMLElement => {
    const node = element('vscode-button', secondary ? { secondary: '' } : {}, label);
    node.addEventListener('click', () => vscode.postMessage(message));
    return node;
  };
  const toolbar = element('div', { class: 'toolbar' }, button(running ? 'Checking…' : 'Check Fleet', { type: 'refresh' }, false), button('Export Markdown', { type: 'export', format: 'markdown' }), button('Export JSON', { type: 'export', format: 'json' }), button('Export OpenMetrics', { type: 'export', format: 'openmetrics' }), button('Copy Markdown', { type: 'copy', format: 'markdown' }));
  root.append(element('h1', {}, 'Calico fleet report'), toolbar);
  if (note) root.append(element('p', { class: 'note' }, note));
  if (!report) {
    root.append(element('p', {}, 'No fleet check has run yet. Set rke2Calico.rancherUrl (and the token with "RKE2 Calico: Set Rancher Token") or rke2Calico.fleetContexts, then Check Fleet.'));
    return;
  }
  const counts = report.fleet.counts;
  root.append(
    element('p', { class: 'identity' }, `${report.fleet.source} — ${report.fleet.clusters} cluster(s), ${report.generatedAt}`),
    element('p', { class: `verdict overall status-${CSS[report.fleet.status] ?? 'unknown'}` }, statusMark(CSS[report.fleet.status] ?? 'unknown', ''), element('strong', {}, `Fleet: ${report.fleet.status}`), ` — ${counts.fail} failing, ${counts.unreachable} unreachable, ${counts['could-not-verify']} could not verify, ${counts.warn} with warnings, ${counts.pass} ready, ${counts.skipped} skipped`),
    table([
      { label: 'Cluster', kind: 'name' }, { label: 'Verdict', kind: 'status' }, { label: 'RKE2', kind: 'version' }, { label: 'Calico', kind: 'version' },
      { label: 'Pass', kind: 'count' }, { label: 'Warn', kind: 'count' }, { label: 'Fail', kind: 'count' }, { label: 'Unknown', kind: 'count' }, { label: 'Worst known issue', kind: 'text' }, { label: 'Root cause', kind: 'text' },
    ], report.clusters.map((cluster) => {
      const issue = cluster.worstKnownIssue ? element('a', { href: cluster.worstKnownIssue.url }, `${cluster.worstKnownIssue.id} (${cluster.worstKnownIssue.status})`) : '';
      const summary = cluster.summary;
      return [cluster.name, statusMark(CSS[cluster.status] ?? 'unknown', cluster.status), cluster.rke2 ?? '', cluster.calico ?? '', String(summary?.pass ?? ''), String(summary?.warn ?? ''), String(summary?.fail ?? ''), String(summary?.unknown ?? ''), issue, cluster.rootCause ? `${cluster.rootCause.title}${cluster.rootCause.alternatives.length > 0 ? ` (one of: ${cluster.rootCause.alternatives.join(', ')})` : ''} — ${cluster.rootCause.summary}` : ''];
    })),
  );
  const notChecked = report.clusters.filter((cluster) => cluster.reason !== undefined);
  if (notChecked.length > 0) root.append(element('h2', {}, 'Not checked'), table([{ label: 'Cluster', kind: 'name' }, { label: 'Outcome', kind: 'status' }, { label: 'Why', kind: 'text' }], notChecked.map((cluster) => [cluster.name, cluster.outcome, cluster.reason ?? ''])));
  root.append(element('h2', {}, 'Clusters'));
  for (const cluster of report.clusters.filter((entry) => entry.report)) {
    const checks = cluster.report?.checks ?? [];
    const rows = problemsFirst(checks);
    const body = element('div', { class: 'details' }, table(
      [{ label: 'Status', kind: 'status' }, { label: 'Check', kind: 'title' }, { label: 'Summary', kind: 'text' }, { label: 'Area', kind: 'area' }],
      rows.map((check) => [statusMark(check.status), check.title, check.summary, check.area]),
    ));
    root.append(element('vscode-collapsible', { title: `${cluster.status.toUpperCase()} — ${cluster.name}`, ...(cluster.status === 'fail' ? { open: '' } : {}) }, body));
  }
}

window.addEventListener('message', (event: MessageEvent<ToFleetWebview>) => {
  vscode.setState({ report: event.data.report });
  render(event.data.report, event.data.running, event.data.note);
});

render(vscode.getState()?.report, false);
vscode.postMessage({ type: 'ready' });
