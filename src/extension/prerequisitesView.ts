import * as vscode from 'vscode';
import { markdownCell } from '../core/report/markdownText';
import { CHECK_AREAS, worstStatus, type CheckResult, type CheckStatus, type ObjectRef } from '../core/checks/checkResult';
import type { TimelineEntry } from '../core/checks/initTimeline';
import type { RootCauseJson } from '../core/causes/rootCauseReport';
import { unreachableCluster } from '../core/report/reportRows';
import type { ClusterSession, SessionState } from './clusterSession';
import { describeProblem, type ConnectionProblem } from './connectionProblem';
import { NEXT_STEPS, type NextStep } from './nextSteps';
import { evidenceByObject } from './objectEvidence';
import { objectLabel } from './reportLinks';
import { shortState } from './shortState';
import { statusIcon } from './statusColors';
import { rootCausesOfState } from './sessionRootCauses';

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

export type TreeNode =
  | { readonly type: 'area'; readonly area: string; readonly checks: readonly CheckResult[] }
  | { readonly type: 'check'; readonly check: CheckResult }
  | { readonly type: 'detail'; readonly label: string; readonly role: DetailRole; readonly check: CheckResult }
  | { readonly type: 'problem'; readonly problem: ConnectionProblem }
  | { readonly type: 'action'; readonly step: NextStep }
  /** An object the check looked at, with the evidence lines about it (its state), so it is listed once. */
  | { readonly type: 'object'; readonly object: ObjectRef; readonly check: CheckResult; readonly lines?: readonly string[] }
  | { readonly type: 'timeline'; readonly entries: readonly TimelineEntry[] }
  | { readonly type: 'timeline-entry'; readonly entry: TimelineEntry }
  | { readonly type: 'message'; readonly label: string; readonly icon: string; readonly description?: string; readonly tooltip?: string }
  | { readonly type: 'causes'; readonly causes: readonly { readonly cause: RootCauseJson; readonly check: CheckResult }[]; readonly results: readonly CheckResult[] }
  | { readonly type: 'cause'; readonly cause: RootCauseJson; readonly check: CheckResult; readonly results: readonly CheckResult[] };

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

  constructor(private readonly session: ClusterSession) {
    this.subscription = session.onDidChange(() => this.changed.fire(undefined));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.type) {
      case 'area': {
        const status = worstStatus(node.checks.map((check) => check.status));
        const item = new vscode.TreeItem(node.area, status === 'fail' || status === 'unknown' || status === 'warn' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = STATUS_ICONS[status];
        // What needs a look, counted; an area with nothing to look at says its status.
        const count = (wanted: CheckStatus): number => node.checks.filter((check) => check.status === wanted).length;
        const problems = [`${count('fail')} failing`, `${count('warn')} warn`, `${count('unknown')} unknown`].filter((part) => !part.startsWith('0 '));
        item.description = problems.length > 0 ? problems.join(', ') : status;
        item.id = `area:${node.area}`;
        return item;
      }
      case 'check': {
        // Title, icon and a few words of state fit a 300 px sidebar; the whole summary is the tooltip and a child.
        const item = new vscode.TreeItem(node.check.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = shortState(node.check.summary);
        item.iconPath = STATUS_ICONS[node.check.status];
        item.tooltip = tooltip(node.check);
        item.contextValue = `check${node.check.objects?.some((object) => object.kind === 'Pod') ? '.withPods' : ''}`;
        item.id = `check:${node.check.id}`;
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
        // One row per object: kind and name, its state (the check's lines about it) as the description.
        const lines = node.lines ?? [];
        const item = new vscode.TreeItem(`${node.object.kind} ${node.object.name}`, lines.length > 1 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = lines[0] !== undefined ? shortState(lines[0]) : (node.object.namespace ?? '');
        item.tooltip = new vscode.MarkdownString(`**${markdownCell(objectLabel(node.object))}**${lines.length > 0 ? `\n\n${lines.map((line) => `- ${markdownCell(line)}`).join('\n')}` : ''}`);
        item.iconPath = new vscode.ThemeIcon(node.object.kind === 'Pod' ? 'symbol-method' : 'symbol-class');
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
        item.id = 'causes';
        return item;
      }
      case 'cause': {
        const alternatives = node.cause.alternatives.map((id) => node.results.find((check) => check.id === id)?.title ?? id);
        // Collapsed: the cause's row says it; what it explains is one click away, and the areas stay in view.
        const item = new vscode.TreeItem([node.check.title, ...alternatives].join(' | '), vscode.TreeItemCollapsibleState.Collapsed);
        item.description = shortState(node.check.summary);
        item.iconPath = STATUS_ICONS[node.check.status];
        item.tooltip = tooltip(node.check);
        item.id = `cause:${node.cause.check}`;
        return item;
      }
    }
  }

  /**
   * Parents of the rows the view reveals (a root cause, a check): VS Code needs them to expand the way there. Root
   * rows, and rows the view never reveals, have none.
   */
  getParent(node: TreeNode): TreeNode | undefined {
    const roots = this.roots(this.session.state);
    if (node.type === 'cause') return roots.find((root) => root.type === 'causes');
    if (node.type === 'check') return roots.find((root) => root.type === 'area' && root.checks.some((check) => check.id === node.check.id));
    return undefined;
  }

  /** The row the status bar leads to: the first root cause, else the first check that fails, warns or could not look. */
  firstProblem(): TreeNode | undefined {
    const roots = this.roots(this.session.state);
    const causes = roots.find((root) => root.type === 'causes');
    if (causes) return this.getChildren(causes)[0];
    for (const status of ['fail', 'warn', 'unknown'] as const) {
      for (const root of roots) {
        const check = root.type === 'area' ? root.checks.find((entry) => entry.status === status) : undefined;
        if (check) return { type: 'check', check };
      }
    }
    return roots[0];
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.roots(this.session.state);
    switch (node.type) {
      case 'area':
        return node.checks.map((check) => ({ type: 'check', check }));
      case 'check': {
        const check = node.check;
        // The whole summary when the row shows only its start; each object once, with the lines about it.
        const grouped = evidenceByObject(check);
        const details: TreeNode[] = shortState(check.summary) === check.summary ? [] : [{ type: 'detail', label: check.summary, role: 'summary', check }];
        details.push(...grouped.loose.map((line): TreeNode => ({ type: 'detail', label: line, role: 'evidence', check })));
        if (check.remediation) details.push({ type: 'detail', label: check.remediation, role: 'remediation', check });
        if (check.knownIssue) details.push({ type: 'detail', label: check.knownIssue.id, role: 'known-issue', check });
        for (const { object, lines } of grouped.objects) details.push({ type: 'object', object, check, lines });
        return details;
      }
      case 'object':
        return (node.lines ?? []).length > 1 ? (node.lines ?? []).map((line) => ({ type: 'detail', label: line, role: 'evidence', check: node.check })) : [];
      case 'causes':
        return node.causes.map(({ cause, check }) => ({ type: 'cause', cause, check, results: node.results }));
      case 'cause': {
        // What the cause explains (each also under its own area), then the first step.
        const explained: TreeNode[] = node.cause.explains.map((id) => ({ type: 'detail', label: `explains: ${node.results.find((check) => check.id === id)?.title ?? id}`, role: 'explains', check: node.check }));
        if (node.check.remediation) explained.push({ type: 'detail', label: node.check.remediation, role: 'remediation', check: node.check });
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
    const problem = this.session.state.problem;
    return problem ? describeProblem(problem) : undefined;
  }

  private roots(state: SessionState): TreeNode[] {
    const roots: TreeNode[] = [];
    if (state.problem) roots.push({ type: 'problem', problem: state.problem });
    if (state.error) roots.push({ type: 'message', label: state.error, icon: 'error' });
    // With no run yet the tree is empty, so VS Code shows the view's welcome content.
    if (state.results.length === 0) return roots;
    if (state.target) {
      // The context names the cluster; its address and the time fit the tooltip and description.
      const checked = state.finishedAt ? `checked ${state.finishedAt.toLocaleTimeString()}` : undefined;
      roots.push({ type: 'message', label: state.target.context, icon: 'server-environment', ...(checked ? { description: checked } : {}), tooltip: `${state.target.context} — ${state.target.server}${checked ? ` (${checked})` : ''}` });
    }
    // The answer first: the root causes, each with what it explains; the areas below keep every check.
    const causes = rootCausesOfState(state).flatMap((cause) => {
      const check = state.results.find((entry) => entry.id === cause.check) ?? logCauseRow(cause);
      return check ? [{ cause, check }] : [];
    });
    if (causes.length > 0) roots.push({ type: 'causes', causes, results: state.results });
    // A cluster that was not reached: the problem row says why, one row stands for the checks that could not run.
    const unreachable = state.problem ? unreachableCluster(state.results) : undefined;
    if (unreachable) {
      const titles = state.results.filter((check) => unreachable.folded.has(check.id)).map((check) => check.title);
      roots.push({ type: 'message', label: 'Cluster checks', icon: 'debug-disconnect', description: `${titles.length} could not read the cluster`, tooltip: `Not run: ${titles.join('; ')}` });
    }
    for (const area of CHECK_AREAS) {
      const checks = state.results.filter((check) => check.area === area && !unreachable?.folded.has(check.id));
      if (checks.length > 0) roots.push({ type: 'area', area, checks });
    }
    if (state.timeline.length > 0) roots.push({ type: 'timeline', entries: state.timeline });
    return roots;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
