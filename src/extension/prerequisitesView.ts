import * as vscode from 'vscode';
import { CHECK_AREAS, worstStatus, type CheckResult, type CheckStatus, type ObjectRef } from '../core/checks/checkResult';
import type { TimelineEntry } from '../core/checks/initTimeline';
import type { ClusterSession, SessionState } from './clusterSession';

/** Codicon and theme colour per status, so every theme shows them. */
const STATUS_ICONS: Record<CheckStatus, vscode.ThemeIcon> = {
  pass: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  warn: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  fail: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  unknown: new vscode.ThemeIcon('question', new vscode.ThemeColor('disabledForeground')),
  skipped: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};

export type TreeNode =
  | { readonly type: 'area'; readonly area: string; readonly checks: readonly CheckResult[] }
  | { readonly type: 'check'; readonly check: CheckResult }
  | { readonly type: 'detail'; readonly label: string; readonly icon: string; readonly check: CheckResult }
  | { readonly type: 'object'; readonly object: ObjectRef; readonly check: CheckResult }
  | { readonly type: 'timeline'; readonly entries: readonly TimelineEntry[] }
  | { readonly type: 'timeline-entry'; readonly entry: TimelineEntry }
  | { readonly type: 'message'; readonly label: string; readonly icon: string };

function tooltip(check: CheckResult): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(`**${check.title}** — ${check.status}\n\n${check.summary}\n\n`);
  if (check.evidence.length > 0) markdown.appendMarkdown(`**Evidence**\n\n${check.evidence.map((line) => `- ${line.replace(/[\\`*_[\]<>]/g, '\\$&')}`).join('\n')}\n\n`);
  if (check.remediation) markdown.appendMarkdown(`**What to do**\n\n${check.remediation}\n\n`);
  if (check.knownIssue) markdown.appendMarkdown(`[${check.knownIssue.id}](${check.knownIssue.url})`);
  return markdown;
}

/**
 * The prerequisites tree: areas (Identity, Install, CRDs, …, Host) with the worst status of their checks, each check
 * with its summary, evidence, what to do, known issue and the objects it looked at.
 */
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
        const failing = node.checks.filter((check) => check.status === 'fail').length;
        item.description = failing > 0 ? `${failing} failing` : status;
        item.id = `area:${node.area}`;
        return item;
      }
      case 'check': {
        const item = new vscode.TreeItem(node.check.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = node.check.summary;
        item.iconPath = STATUS_ICONS[node.check.status];
        item.tooltip = tooltip(node.check);
        item.contextValue = `check${node.check.objects?.some((object) => object.kind === 'Pod') ? '.withPods' : ''}`;
        item.id = `check:${node.check.id}`;
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.tooltip = node.label;
        if (node.icon === 'link-external' && node.check.knownIssue) {
          item.command = { command: 'vscode.open', title: 'Open known issue', arguments: [vscode.Uri.parse(node.check.knownIssue.url)] };
        }
        return item;
      }
      case 'object': {
        const item = new vscode.TreeItem(`${node.object.kind} ${node.object.namespace ? `${node.object.namespace}/` : ''}${node.object.name}`, vscode.TreeItemCollapsibleState.None);
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
        item.tooltip = node.label;
        return item;
      }
    }
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.roots(this.session.state);
    switch (node.type) {
      case 'area':
        return node.checks.map((check) => ({ type: 'check', check }));
      case 'check': {
        const check = node.check;
        const details: TreeNode[] = check.evidence.map((line) => ({ type: 'detail', label: line, icon: 'info', check }));
        if (check.remediation) details.push({ type: 'detail', label: check.remediation, icon: 'lightbulb', check });
        if (check.knownIssue) details.push({ type: 'detail', label: check.knownIssue.id, icon: 'link-external', check });
        for (const object of check.objects ?? []) details.push({ type: 'object', object, check });
        return details;
      }
      case 'timeline':
        return node.entries.map((entry) => ({ type: 'timeline-entry', entry }));
      default:
        return [];
    }
  }

  private roots(state: SessionState): TreeNode[] {
    // With no run yet the tree is empty, so VS Code shows the view's welcome content.
    if (state.results.length === 0) return state.error ? [{ type: 'message', label: state.error, icon: 'error' }] : [];
    const roots: TreeNode[] = [];
    if (state.error) roots.push({ type: 'message', label: state.error, icon: 'error' });
    if (state.target) roots.push({ type: 'message', label: `${state.target.context} — ${state.target.server}${state.finishedAt ? ` (checked ${state.finishedAt.toLocaleTimeString()})` : ''}`, icon: 'server-environment' });
    for (const area of CHECK_AREAS) {
      const checks = state.results.filter((check) => check.area === area);
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
