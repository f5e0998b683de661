/**
 * The readiness report webview: cluster identity and verdict, checks (status, summary, evidence, remediation, known
 * issue), the init-watch timeline, file and log findings, and export/copy buttons. Built with @vscode-elements,
 * coloured by the theme's CSS variables. All text is inserted as text (never as HTML).
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import '@vscode-elements/elements/dist/vscode-table/index.js';
import '@vscode-elements/elements/dist/vscode-table-header/index.js';
import '@vscode-elements/elements/dist/vscode-table-header-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-body/index.js';
import '@vscode-elements/elements/dist/vscode-table-row/index.js';
import '@vscode-elements/elements/dist/vscode-table-cell/index.js';
import type { ReadinessReport } from '../core/report/readinessReport';
import { provingLinks } from '../core/causes/provingLinks';
import { element, table } from './dom';
import type { FromWebview, ToWebview, WebviewState } from './protocol';

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void; getState(): WebviewState | undefined; setState(state: WebviewState): void };

const vscode = acquireVsCodeApi();

function badge(status: string): HTMLElement {
  return element('span', { class: `status status-${status}` }, status);
}

function render(report: ReadinessReport | undefined, note?: string): void {
  const root = document.getElementById('root');
  if (!root) return;
  root.replaceChildren();
  const toolbar = element('div', { class: 'toolbar' });
  const button = (label: string, message: FromWebview, secondary = true): HTMLElement => {
    const node = element('vscode-button', secondary ? { secondary: '' } : {}, label);
    node.addEventListener('click', () => vscode.postMessage(message));
    return node;
  };
  toolbar.append(button('Refresh', { type: 'refresh' }, false), button('Export Markdown', { type: 'export', format: 'markdown' }), button('Export JSON', { type: 'export', format: 'json' }), button('Export SARIF', { type: 'export', format: 'sarif' }), button('Copy Markdown', { type: 'copy', format: 'markdown' }));
  root.append(element('h1', {}, 'Calico readiness report'), toolbar);
  if (note) root.append(element('p', { class: 'note' }, note));
  if (!report) {
    root.append(element('p', {}, 'No readiness check has run yet. Run "RKE2 Calico: Run Readiness Check", then Refresh.'));
    return;
  }
  const { cluster, summary } = report;
  root.append(
    element('p', { class: 'identity' }, `${cluster.context ?? 'unknown context'} — ${cluster.server ?? ''}`),
    table(['RKE2', 'Calico', 'containerd', 'pass', 'warn', 'fail', 'unknown', 'skipped'], [[cluster.rke2 ?? 'unknown', cluster.calico ?? 'unknown', cluster.containerd ?? 'unknown', String(summary.pass), String(summary.warn), String(summary.fail), String(summary.unknown), String(summary.skipped)]]),
  );
  if (report.verdict) {
    const overall = report.verdict;
    const css = { pass: 'pass', warn: 'warn', fail: 'fail', 'could-not-verify': 'unknown' }[overall.status];
    root.append(element('p', { class: `verdict overall status-${css}` }, element('strong', {}, `Verdict: ${overall.label}`), ` — ${overall.reason}`));
  }
  // The root causes first: what nothing else explains, with what it explains and the first step.
  const titleOf = new Map(report.checks.map((check) => [check.id, check.title]));
  const causes = report.rootCauses ?? [];
  if (causes.length > 0) {
    root.append(element('h2', {}, 'Root causes'));
    for (const cause of causes) {
      const names = [cause.title, ...cause.alternatives.map((id) => titleOf.get(id) ?? id)].join(' | ');
      const body = element('div', { class: 'details' }, element('p', {}, cause.summary));
      if (cause.explains.length > 0) body.append(element('p', {}, element('strong', {}, 'Explains: '), cause.explains.map((id) => titleOf.get(id) ?? id).join('; ')));
      for (const link of provingLinks(cause)) body.append(element('p', {}, element('strong', {}, 'Evidence: '), link));
      if (cause.remediation) body.append(element('p', {}, element('strong', {}, 'What to do: '), cause.remediation));
      root.append(element('vscode-collapsible', { title: `${cause.alternatives.length > 0 ? 'One of: ' : ''}${names}`, open: '' }, body));
    }
  }
  const verdict = report.checks.find((check) => check.id === 'identity.known-issues');
  if (verdict) {
    const line = element('p', { class: `verdict status-${verdict.status}` }, `Known-issue verdict: ${verdict.summary}`);
    if (verdict.knownIssue) line.append(' — ', element('a', { href: verdict.knownIssue.url }, verdict.knownIssue.id));
    root.append(line);
  }
  root.append(element('h2', {}, 'Checks'), table(['Area', 'Check', 'Status', 'Summary'], report.checks.map((check) => [check.area, check.title, badge(check.status), check.summary])));
  for (const check of report.checks.filter((entry) => entry.status !== 'pass' && entry.status !== 'skipped')) {
    const body = element('div', { class: 'details' }, element('ul', {}, ...check.evidence.map((line) => element('li', {}, line))));
    if (check.remediation) body.append(element('p', {}, element('strong', {}, 'What to do: '), check.remediation));
    if (check.knownIssue) body.append(element('p', {}, 'Known issue: ', element('a', { href: check.knownIssue.url }, check.knownIssue.id)));
    root.append(element('vscode-collapsible', { title: `${check.status.toUpperCase()} — ${check.title}`, open: '' }, body));
  }
  if (report.timeline && report.timeline.length > 0) {
    root.append(element('h2', {}, 'Initialisation timeline'), table(['At', 'Transition'], report.timeline.map((entry) => [`+${entry.atSeconds} s`, entry.message])));
  }
  root.append(element('h2', {}, 'File findings'));
  root.append(report.files.length === 0 ? element('p', {}, 'No findings in the open RKE2/Calico files.') : table(['File', 'Line', 'Severity', 'Code', 'Message'], report.files.map((finding) => [finding.file, `${finding.line}:${finding.column}`, finding.severity, finding.code, finding.message])));
  root.append(element('h2', {}, 'Log findings'));
  root.append(report.logs.length === 0 ? element('p', {}, 'No known failure lines in the open logs.') : table(['Log', 'Signature', 'Count', 'First', 'Last'], report.logs.flatMap((log) => log.summary.map((entry) => [log.file, entry.code, String(entry.count), entry.first ?? '', entry.last ?? '']))));
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  vscode.setState({ report: event.data.report });
  render(event.data.report, event.data.note);
});

render(vscode.getState()?.report);
vscode.postMessage({ type: 'ready' });
