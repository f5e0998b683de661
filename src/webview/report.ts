/**
 * The readiness report webview: cluster identity and verdict, checks problems first (status, summary, evidence,
 * remediation, known issue, the objects looked at), the init-watch timeline, file and log findings linking to their
 * line, and export/copy buttons. Buttons from @vscode-elements, tables plain HTML that wraps; colours only from the
 * theme's CSS variables. All text is inserted as text (never as HTML).
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import type { ReadinessReport } from '../core/report/readinessReport';
import { provingLinks } from '../core/causes/provingLinks';
import { reportRows, unreachableCluster } from '../core/report/reportRows';
import { actionLink, element, statusMark, table } from './dom';
import type { FromWebview, ToWebview, WebviewState } from './protocol';

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void; getState(): WebviewState | undefined; setState(state: WebviewState): void };

const vscode = acquireVsCodeApi();

/** Finding severities shown with the marks of the check statuses. */
const SEVERITY_STATUS: Record<string, string> = { error: 'fail', warning: 'warn', info: 'unknown', hint: 'skipped' };

type Objects = Readonly<Record<string, readonly string[]>>;

/** Checks that get a section of their own below the table: the problems. */
function hasDetails(status: string): boolean {
  return status !== 'pass' && status !== 'skipped';
}

function sectionId(checkId: string): string {
  return `check-${checkId.replace(/[^\w.-]/g, '-')}`;
}

function render(report: ReadinessReport | undefined, objects: Objects, note?: string): void {
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
    table([{ label: 'RKE2', kind: 'version' }, { label: 'Calico', kind: 'version' }, { label: 'containerd', kind: 'version' }, ...['pass', 'warn', 'fail', 'unknown', 'skipped'].map((label) => ({ label, kind: 'count' as const }))], [[cluster.rke2 ?? 'unknown', cluster.calico ?? 'unknown', cluster.containerd ?? 'unknown', String(summary.pass), String(summary.warn), String(summary.fail), String(summary.unknown), String(summary.skipped)]]),
  );
  if (report.verdict) {
    const overall = report.verdict;
    const css = { pass: 'pass', warn: 'warn', fail: 'fail', 'could-not-verify': 'unknown' }[overall.status];
    root.append(element('p', { class: `verdict overall status-${css}` }, statusMark(css, ''), element('strong', {}, `Verdict: ${overall.label}`), ` — ${overall.reason}`));
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
  // Its own line unless the cluster was not reached: then the connection row below says all there is.
  const verdict = report.checks.find((check) => check.id === 'identity.known-issues');
  if (verdict && !unreachableCluster(report.checks)?.folded.has(verdict.id)) {
    const line = element('p', { class: `verdict status-${verdict.status}` }, statusMark(verdict.status, 'Known-issue verdict: '), verdict.summary);
    if (verdict.knownIssue) line.append(' — ', element('a', { href: verdict.knownIssue.url }, verdict.knownIssue.id));
    root.append(line);
  }
  // Problems first (fail, warn, unknown, then pass); a cluster that could not be reached is one row saying so.
  const rows = reportRows(report.checks);
  const post = (message: FromWebview) => () => vscode.postMessage(message);
  root.append(element('h2', {}, 'Checks'), table(
    [{ label: 'Status', kind: 'status' }, { label: 'Check', kind: 'title' }, { label: 'Summary', kind: 'text' }, { label: 'Area', kind: 'area' }],
    // A problem's title leads to its section below: evidence, what to do, the objects to open.
    rows.map((check) => [statusMark(check.status), hasDetails(check.status) ? actionLink(check.title, () => document.getElementById(sectionId(check.id))?.scrollIntoView({ block: 'start' })) : check.title, check.summary, check.area]),
    (index) => `row-${rows[index]?.status ?? 'unknown'}`,
  ));
  for (const check of rows.filter((entry) => hasDetails(entry.status))) {
    const body = element('div', { class: 'details' }, element('p', {}, check.summary), element('ul', {}, ...check.evidence.map((line) => element('li', {}, line))));
    if (check.remediation) body.append(element('p', {}, element('strong', {}, 'What to do: '), check.remediation));
    if (check.knownIssue) body.append(element('p', {}, 'Known issue: ', element('a', { href: check.knownIssue.url }, check.knownIssue.id)));
    const looked = objects[check.id] ?? [];
    if (looked.length > 0) {
      // Each object opens as YAML; a pod also offers its logs.
      const links = looked.map((name, index) => {
        const link = element('li', {}, actionLink(name, post({ type: 'openObject', check: check.id, index })));
        if (name.startsWith('Pod ')) link.append(' · ', actionLink('logs', post({ type: 'openObject', check: check.id, index, logs: true })));
        return link;
      });
      body.append(element('p', {}, element('strong', {}, 'Objects')), element('ul', { class: 'objects' }, ...links));
    }
    root.append(element('vscode-collapsible', { id: sectionId(check.id), title: `${check.status.toUpperCase()} — ${check.title}`, open: '' }, body));
  }
  if (report.timeline && report.timeline.length > 0) {
    root.append(element('h2', {}, 'Initialisation timeline'), table([{ label: 'At', kind: 'time' }, { label: 'Transition', kind: 'text' }], report.timeline.map((entry) => [`+${entry.atSeconds} s`, entry.message])));
  }
  root.append(element('h2', {}, 'File findings'));
  root.append(report.files.length === 0 ? element('p', {}, 'No findings in the open RKE2/Calico files.') : table(
    [{ label: 'Severity', kind: 'status' }, { label: 'Message', kind: 'text' }, { label: 'File', kind: 'place' }, { label: 'Code', kind: 'code' }],
    report.files.map((finding, index) => [statusMark(SEVERITY_STATUS[finding.severity] ?? 'unknown', finding.severity), finding.message, actionLink(`${finding.file}:${finding.line}:${finding.column}`, post({ type: 'openFile', index })), finding.code]),
  ));
  if (report.policyMatrices) {
    const mark: Readonly<Record<string, string>> = { allowed: '✓ allowed', denied: '✗ denied', partial: '~ some pods', 'no-pods': '·' };
    root.append(element('h2', {}, 'Namespace connectivity'), element('p', {}, `From ${report.policyMatrices.basis}; rows are sources, columns destinations.`));
    for (const matrix of report.policyMatrices.matrices) {
      root.append(element('h3', {}, matrix.traffic), table([{ label: 'from \\ to', kind: 'name' }, ...matrix.namespaces.map((namespace) => ({ label: namespace, kind: 'text' as const }))], matrix.namespaces.map((from, row) => [from, ...(matrix.cells[row] ?? []).map((cell) => element('span', { class: `matrix-${cell}` }, mark[cell] ?? cell))])));
    }
  }
  root.append(element('h2', {}, 'Log findings'));
  root.append(report.logs.length === 0 ? element('p', {}, 'No known failure lines in the open logs.') : table(
    [{ label: 'Severity', kind: 'status' }, { label: 'Signature', kind: 'code' }, { label: 'Count', kind: 'count' }, { label: 'Log (first line)', kind: 'place' }, { label: 'First', kind: 'time' }, { label: 'Last', kind: 'time' }],
    report.logs.flatMap((log, index) => log.summary.map((entry, entryIndex) => [statusMark(SEVERITY_STATUS[entry.severity] ?? 'unknown', entry.severity), entry.code, String(entry.count), actionLink(`${log.file}:${entry.firstLine}`, post({ type: 'openLog', index, entry: entryIndex })), entry.first ?? '', entry.last ?? ''])),
  ));
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const objects = event.data.objects ?? {};
  vscode.setState({ report: event.data.report, objects });
  render(event.data.report, objects, event.data.note);
});

const saved = vscode.getState();
render(saved?.report, saved?.objects ?? {});
vscode.postMessage({ type: 'ready' });
