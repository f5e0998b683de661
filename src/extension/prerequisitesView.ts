import * as vscode from 'vscode';
import { markdownCell } from '../core/report/markdownText';
import { CHECK_AREAS, worstStatus, type CheckResult, type CheckStatus, type ExpectedObject, type ObjectRef } from '../core/checks/checkResult';
import type { TimelineEntry } from '../core/checks/initTimeline';
import type { RootCauseJson } from '../core/causes/rootCauseReport';
import { unreachableCluster } from '../core/report/reportRows';
import { notInBundle } from '../core/bundles/nodeBundles';
import { overallVerdict } from '../core/checks/verdict';
import type { SessionState } from './runState';
import { describeProblem, type ConnectionProblem } from './connectionProblem';
import { NEXT_STEPS, type NextStep } from './nextSteps';
import { evidenceByObject } from './objectEvidence';
import { objectLabel } from './reportLinks';
import { shortState } from './shortState';
import { statusIcon } from './statusColors';
import { rootCausesOfState } from './sessionRootCauses';
import type { ResultSources, SourceId } from './resultSources';

/** Codicon and theme colour per status, so every theme shows them. */
const STATUS_ICONS: Record<CheckStatus, vscode.ThemeIcon> = {
  pass: statusIcon('pass'),
  warn: statusIcon('warn'),
  fail: statusIcon('fail'),
  unknown: statusIcon('unknown'),
  skipped: statusIcon('skipped'),
};

/** What a detail row of a check is; its icon and whether it opens something follow from this, never the reverse. */
export type DetailRole = 'summary' | 'evidence' | 'remediation' | 'known-issue' | 'explains';

const DETAIL_ICONS: Record<DetailRole, string> = { summary: 'comment', evidence: 'info', remediation: 'lightbulb', 'known-issue': 'link-external', explains: 'arrow-small-right' };

/** Rows under a bundle's root say so (`source: 'bundle'`): their ids differ from the live cluster's, and they open nothing on the live cluster. */
interface FromSource {
  readonly source?: SourceId;
}

export type TreeNode =
  /** A source of results, when a bundle is open beside the live cluster: "Bundle <file>", or the live context. */
  | { readonly type: 'source'; readonly source: SourceId }
  | ({ readonly type: 'area'; readonly area: string; readonly checks: readonly CheckResult[] } & FromSource)
  | ({ readonly type: 'check'; readonly check: CheckResult } & FromSource)
  | ({ readonly type: 'detail'; readonly label: string; readonly role: DetailRole; readonly check: CheckResult } & FromSource)
  | { readonly type: 'problem'; readonly problem: ConnectionProblem }
  | { readonly type: 'action'; readonly step: NextStep }
  /** An object the check looked at, with the evidence lines about it (its state), so it is listed once. */
  | ({ readonly type: 'object'; readonly object: ObjectRef; readonly check: CheckResult; readonly lines?: readonly string[] } & FromSource)
  | { readonly type: 'timeline'; readonly entries: readonly TimelineEntry[] }
  | { readonly type: 'timeline-entry'; readonly entry: TimelineEntry }
  | { readonly type: 'message'; readonly label: string; readonly icon: string; readonly description?: string; readonly tooltip?: string }
  /** The checks a bundle holds nothing for ("unknown: not in bundle"), as one row. */
  | { readonly type: 'not-in-bundle'; readonly checks: readonly CheckResult[] }
  | ({ readonly type: 'causes'; readonly causes: readonly { readonly cause: RootCauseJson; readonly check: CheckResult }[]; readonly results: readonly CheckResult[] } & FromSource)
  | ({ readonly type: 'cause'; readonly cause: RootCauseJson; readonly check: CheckResult; readonly results: readonly CheckResult[] } & FromSource);

/** A row's id: the live cluster's keep theirs, a bundle's are prefixed so both roots can hold the same check. */
function rowId(source: SourceId | undefined, id: string): string {
  return source === 'bundle' ? `bundle:${id}` : id;
}

/**
 * An object the check expected and did not find as expected: the failing row, open by default, its children saying
 * expected, found and the restoring step. An absent object has nothing to open as YAML or describe.
 */
function expectedObjectItem(node: Extract<TreeNode, { type: 'object' }>, expected: ExpectedObject): vscode.TreeItem {
  const { object, source } = node;
  const item = new vscode.TreeItem(`${object.kind} ${object.name}`, vscode.TreeItemCollapsibleState.Expanded);
  item.description = expected.missing ? 'missing' : 'not as expected';
  item.iconPath = STATUS_ICONS.fail;
  item.tooltip = new vscode.MarkdownString(`**${markdownCell(objectLabel(object))}** — ${item.description}\n\n**Expected:** ${markdownCell(expected.expected)}\n\n**Found:** ${markdownCell(expected.found)}\n\n**To restore:** ${markdownCell(expected.restore)}`);
  if (expected.missing) {
    item.contextValue = 'missing.object';
    return item;
  }
  // It exists: it opens as any object does (on the live cluster only).
  item.contextValue = source === 'bundle' ? 'bundle.object' : 'object';
  if (source !== 'bundle') item.command = { command: 'rke2Calico.openObject', title: 'Open as YAML', arguments: [node] };
  return item;
}

/** The source field of a row under a bundle's root; the live cluster's rows carry none. */
function tag(source: SourceId | undefined): FromSource {
  return source === 'bundle' ? { source } : {};
}

/**
 * Summary, evidence and remediation quote the cluster (a TigeraStatus message, a node condition): escaped, so they
 * render as text, never as a link, an image or HTML.
 */
function tooltip(check: CheckResult): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(`**${markdownCell(check.title)}** — ${check.status}\n\n${markdownCell(check.summary)}\n\n`);
  if (check.evidence.length > 0) markdown.appendMarkdown(`**Evidence**\n\n${check.evidence.map((line) => `- ${markdownCell(line)}`).join('\n')}\n\n`);
  if (check.remediation) markdown.appendMarkdown(`**What to do**\n\n${markdownCell(check.remediation)}\n\n`);
  if (check.knownIssue) markdown.appendMarkdown(`[${check.knownIssue.id}](${check.knownIssue.url})`);
  return markdown;
}

/**
 * The prerequisites tree: areas (Identity, Install, CRDs, …, Host) with the worst status of their checks, each check
 * with its summary, evidence, what to do, known issue and the objects it looked at.
 */
/** A root cause found in a component's log has no check of its own: its row shows the line and the pod it came from. */
function logCauseRow(cause: RootCauseJson): CheckResult | undefined {
  if (!cause.log) return undefined;
  const where = `${cause.log.namespace}/${cause.log.pod}${cause.log.node ? ` on ${cause.log.node}` : ''}`;
  return { id: cause.check, area: 'Logs', title: cause.title, status: 'fail', summary: cause.summary, evidence: [`${where}: ${cause.log.line}`], ...(cause.remediation !== undefined ? { remediation: cause.remediation } : {}) };
}

export class PrerequisitesView implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly sources: ResultSources) {
    this.subscription = sources.onDidChange(() => this.changed.fire(undefined));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.type) {
      case 'source':
        return this.sourceItem(node.source);
      case 'not-in-bundle': {
        const item = new vscode.TreeItem('Not in bundle', vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = STATUS_ICONS.unknown;
        item.description = `${node.checks.length} check(s) the bundle holds nothing for`;
        item.tooltip = `unknown: not in bundle — ${node.checks.map((check) => check.title).join('; ')}`;
        item.id = rowId('bundle', 'not-in-bundle');
        return item;
      }
      case 'area': {
        const status = worstStatus(node.checks.map((check) => check.status));
        const item = new vscode.TreeItem(node.area, status === 'fail' || status === 'unknown' || status === 'warn' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = STATUS_ICONS[status];
        // What needs a look, counted; an area with nothing to look at says its status.
        const count = (wanted: CheckStatus): number => node.checks.filter((check) => check.status === wanted).length;
        const problems = [`${count('fail')} failing`, `${count('warn')} warn`, `${count('unknown')} unknown`].filter((part) => !part.startsWith('0 '));
        item.description = problems.length > 0 ? problems.join(', ') : status;
        item.id = rowId(node.source, `area:${node.area}`);
        return item;
      }
      case 'check': {
        // Title, icon and a few words of state fit a 300 px sidebar; the whole summary is the tooltip and a child.
        const item = new vscode.TreeItem(node.check.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = shortState(node.check.summary);
        item.iconPath = STATUS_ICONS[node.check.status];
        item.tooltip = tooltip(node.check);
        // A bundle's pods have no live logs to open: its checks offer what needs no cluster.
        item.contextValue = `check${node.source !== 'bundle' && node.check.objects?.some((object) => object.kind === 'Pod') ? '.withPods' : ''}`;
        item.id = rowId(node.source, `check:${node.check.id}`);
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(DETAIL_ICONS[node.role]);
        item.tooltip = node.label;
        if (node.role === 'known-issue' && node.check.knownIssue) {
          item.command = { command: 'vscode.open', title: 'Open known issue', arguments: [vscode.Uri.parse(node.check.knownIssue.url)] };
        }
        return item;
      }
      case 'problem': {
        // The whole reason is the view's message (it wraps); the row names it and carries the next steps inline.
        const item = new vscode.TreeItem(node.problem.title, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = STATUS_ICONS.fail;
        item.description = node.problem.reason;
        item.tooltip = new vscode.MarkdownString().appendText(describeProblem(node.problem));
        item.contextValue = ['problem', ...node.problem.steps].join(' ');
        item.id = `problem:${node.problem.kind}`;
        return item;
      }
      case 'action': {
        const action = NEXT_STEPS[node.step];
        const item = new vscode.TreeItem(action.title, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(action.icon);
        item.command = { command: action.command, title: action.title, arguments: [...action.args] };
        return item;
      }
      case 'object': {
        if (node.object.expected) return expectedObjectItem(node, node.object.expected);
        // One row per object: kind and name, its state (the check's lines about it) as the description.
        const lines = node.lines ?? [];
        const item = new vscode.TreeItem(`${node.object.kind} ${node.object.name}`, lines.length > 1 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = lines[0] !== undefined ? shortState(lines[0]) : (node.object.namespace ?? '');
        item.tooltip = new vscode.MarkdownString(`**${markdownCell(objectLabel(node.object))}**${lines.length > 0 ? `\n\n${lines.map((line) => `- ${markdownCell(line)}`).join('\n')}` : ''}`);
        item.iconPath = new vscode.ThemeIcon(node.object.kind === 'Pod' ? 'symbol-method' : 'symbol-class');
        // Open as YAML and Describe read the live cluster, which is not where a bundle's object was seen.
        if (node.source === 'bundle') {
          item.contextValue = 'bundle.object';
          return item;
        }
        item.contextValue = node.object.kind === 'Pod' ? 'object.pod' : 'object';
        item.command = { command: 'rke2Calico.openObject', title: 'Open as YAML', arguments: [node] };
        return item;
      }
      case 'timeline': {
        const item = new vscode.TreeItem('Initialisation timeline', vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('history');
        item.description = `${node.entries.length} transition(s)`;
        return item;
      }
      case 'timeline-entry': {
        const item = new vscode.TreeItem(`+${node.entry.atSeconds} s`, vscode.TreeItemCollapsibleState.None);
        item.description = node.entry.message;
        item.tooltip = node.entry.message;
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        if (node.description !== undefined) item.description = node.description;
        item.tooltip = node.tooltip ?? node.label;
        return item;
      }
      case 'causes': {
        const item = new vscode.TreeItem('Root causes', vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('target');
        item.description = `${node.causes.length} — what nothing else explains`;
        item.id = rowId(node.source, 'causes');
        return item;
      }
      case 'cause': {
        const alternatives = node.cause.alternatives.map((id) => node.results.find((check) => check.id === id)?.title ?? id);
        // Collapsed: the cause's row says it; what it explains is one click away, and the areas stay in view.
        const item = new vscode.TreeItem([node.check.title, ...alternatives].join(' | '), vscode.TreeItemCollapsibleState.Collapsed);
        item.description = shortState(node.check.summary);
        item.iconPath = STATUS_ICONS[node.check.status];
        item.tooltip = tooltip(node.check);
        item.id = rowId(node.source, `cause:${node.cause.check}`);
        return item;
      }
    }
  }

  /** The source roots when a bundle is open beside the live cluster; with the live cluster alone, its rows. */
  private topRows(): TreeNode[] {
    if (!this.sources.hasBundle()) return this.roots(this.sources.live.state, 'live');
    return [{ type: 'source', source: 'bundle' }, { type: 'source', source: 'live' }];
  }

  /** A source's root: its name, and the verdict of its last run (the same words as the status bar). */
  private sourceItem(id: SourceId): vscode.TreeItem {
    const { label, state } = this.sources.source(id);
    const empty = this.roots(state, id).length === 0;
    const item = new vscode.TreeItem(label, empty ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Expanded);
    const checked = state.finishedAt ? ` · ${id === 'bundle' ? 'read' : 'checked'} ${state.finishedAt.toLocaleTimeString()}` : '';
    if (state.running) item.description = id === 'bundle' ? 'reading…' : 'checking…';
    else if (state.problem) item.description = 'not reached';
    else if (state.results.length === 0) item.description = id === 'bundle' ? 'not read' : 'not checked';
    else item.description = `${overallVerdict(state.results).label}${checked}`;
    item.iconPath = new vscode.ThemeIcon(state.running ? 'sync~spin' : id === 'bundle' ? 'archive' : 'server-environment');
    item.tooltip = id === 'bundle' ? `Support bundle: ${state.target?.server ?? 'being read'}` : state.target ? `${state.target.context} — ${state.target.server}` : 'The cluster of the kubeconfig (not checked yet)';
    // The inline actions: Run Readiness Check on the live root, Close Bundle on the bundle's.
    item.contextValue = `source.${id}`;
    item.id = `source:${id}`;
    return item;
  }

  /**
   * Parents of the rows the view reveals (a root cause, a check): VS Code needs them to expand the way there. Root
   * rows, and rows the view never reveals, have none.
   */
  getParent(node: TreeNode): TreeNode | undefined {
    if (node.type === 'source') return undefined;
    const source: SourceId = node.type === 'not-in-bundle' || ('source' in node && node.source === 'bundle') ? 'bundle' : 'live';
    const split = this.sources.hasBundle();
    const roots = this.roots(this.sources.source(source).state, source);
    if (node.type === 'cause') return roots.find((root) => root.type === 'causes');
    if (node.type === 'check') {
      return roots.find((root) => (root.type === 'area' || root.type === 'not-in-bundle') && root.checks.some((check) => check.id === node.check.id));
    }
    if (split && roots.some((root) => root.type === node.type)) return { type: 'source', source };
    return undefined;
  }

  /**
   * The row the status bar leads to, in the source it summarises: the first root cause, else the first check that
   * fails, warns or could not look.
   */
  firstProblem(): TreeNode | undefined {
    const shown = this.sources.shown();
    const roots = this.roots(shown.state, shown.id);
    const causes = roots.find((root) => root.type === 'causes');
    if (causes) return this.getChildren(causes)[0];
    for (const status of ['fail', 'warn', 'unknown'] as const) {
      for (const root of roots) {
        const check = root.type === 'area' ? root.checks.find((entry) => entry.status === status) : undefined;
        if (check) return { type: 'check', check, ...tag(shown.id) };
      }
    }
    return this.sources.hasBundle() ? { type: 'source', source: shown.id } : roots[0];
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.topRows();
    switch (node.type) {
      case 'source':
        return this.roots(this.sources.source(node.source).state, node.source);
      case 'area':
      case 'not-in-bundle': {
        const from = node.type === 'area' ? tag(node.source) : tag('bundle');
        return node.checks.map((check) => ({ type: 'check', check, ...from }));
      }
      case 'check': {
        const check = node.check;
        const from = tag(node.source);
        // The whole summary when the row shows only its start; each object once, with the lines about it.
        const grouped = evidenceByObject(check);
        const details: TreeNode[] = shortState(check.summary) === check.summary ? [] : [{ type: 'detail', label: check.summary, role: 'summary', check, ...from }];
        details.push(...grouped.loose.map((line): TreeNode => ({ type: 'detail', label: line, role: 'evidence', check, ...from })));
        if (check.remediation) details.push({ type: 'detail', label: check.remediation, role: 'remediation', check, ...from });
        if (check.knownIssue) details.push({ type: 'detail', label: check.knownIssue.id, role: 'known-issue', check, ...from });
        for (const { object, lines } of grouped.objects) details.push({ type: 'object', object, check, lines, ...from });
        return details;
      }
      case 'object':
        if (node.object.expected) {
          // What was expected, what is there, and the step that restores it; the check's lines say the same.
          const { expected, found, restore } = node.object.expected;
          return [
            { type: 'detail', label: `expected: ${expected}`, role: 'evidence', check: node.check, ...tag(node.source) },
            { type: 'detail', label: `found: ${found}`, role: 'evidence', check: node.check, ...tag(node.source) },
            { type: 'detail', label: restore, role: 'remediation', check: node.check, ...tag(node.source) },
          ];
        }
        return (node.lines ?? []).length > 1 ? (node.lines ?? []).map((line) => ({ type: 'detail', label: line, role: 'evidence', check: node.check, ...tag(node.source) })) : [];
      case 'causes':
        return node.causes.map(({ cause, check }) => ({ type: 'cause', cause, check, results: node.results, ...tag(node.source) }));
      case 'cause': {
        // What the cause explains (each also under its own area), then the first step.
        const from = tag(node.source);
        const explained: TreeNode[] = node.cause.explains.map((id) => ({ type: 'detail', label: `explains: ${node.results.find((check) => check.id === id)?.title ?? id}`, role: 'explains', check: node.check, ...from }));
        if (node.check.remediation) explained.push({ type: 'detail', label: node.check.remediation, role: 'remediation', check: node.check, ...from });
        return explained;
      }
      case 'timeline':
        return node.entries.map((entry) => ({ type: 'timeline-entry', entry }));
      case 'problem':
        return node.problem.steps.map((step) => ({ type: 'action', step }));
      default:
        return [];
    }
  }

  /** The view's message: the whole reason the cluster could not be reached, and what to do (it wraps, rows do not). */
  message(): string | undefined {
    const problem = this.sources.live.state.problem;
    return problem ? describeProblem(problem) : undefined;
  }

  /** The rows of one source's last run. */
  private roots(state: SessionState, source: SourceId): TreeNode[] {
    const from = tag(source);
    const roots: TreeNode[] = [];
    if (state.problem) roots.push({ type: 'problem', problem: state.problem });
    if (state.error) roots.push({ type: 'message', label: state.error, icon: 'error' });
    // With no run yet the tree is empty, so VS Code shows the view's welcome content.
    if (state.results.length === 0) return roots;
    if (state.target && !this.sources.hasBundle()) {
      // The context names the cluster; its address and the time fit the tooltip and description.
      const checked = state.finishedAt ? `checked ${state.finishedAt.toLocaleTimeString()}` : undefined;
      roots.push({ type: 'message', label: state.target.context, icon: 'server-environment', ...(checked ? { description: checked } : {}), tooltip: `${state.target.context} — ${state.target.server}${checked ? ` (${checked})` : ''}` });
    }
    // The answer first: the root causes, each with what it explains; the areas below keep every check.
    const causes = rootCausesOfState(state).flatMap((cause) => {
      const check = state.results.find((entry) => entry.id === cause.check) ?? logCauseRow(cause);
      return check ? [{ cause, check }] : [];
    });
    if (causes.length > 0) roots.push({ type: 'causes', causes, results: state.results, ...from });
    // A cluster that was not reached: the problem row says why, one row stands for the checks that could not run.
    const unreachable = state.problem ? unreachableCluster(state.results) : undefined;
    if (unreachable) {
      const titles = state.results.filter((check) => unreachable.folded.has(check.id)).map((check) => check.title);
      roots.push({ type: 'message', label: 'Cluster checks', icon: 'debug-disconnect', description: `${titles.length} could not read the cluster`, tooltip: `Not run: ${titles.join('; ')}` });
    }
    // What a bundle holds nothing for says nothing about the cluster: one row, below the checks that looked.
    const notInThisBundle = source === 'bundle' ? state.results.filter(notInBundle) : [];
    const folded = new Set([...(unreachable?.folded ?? []), ...notInThisBundle.map((check) => check.id)]);
    for (const area of CHECK_AREAS) {
      const checks = state.results.filter((check) => check.area === area && !folded.has(check.id));
      if (checks.length > 0) roots.push({ type: 'area', area, checks, ...from });
    }
    if (notInThisBundle.length > 0) roots.push({ type: 'not-in-bundle', checks: notInThisBundle });
    if (state.timeline.length > 0) roots.push({ type: 'timeline', entries: state.timeline });
    return roots;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
