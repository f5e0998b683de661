import * as vscode from 'vscode';
import { markdownCell } from '../../core/report/markdownText';
import { CHECK_AREAS, type CheckArea, type CheckResult } from '../../core/checks/checkResult';
import type { FleetEntry } from '../../core/fleet/fleetOutcome';
import { firstRootCause, rootCauseCell } from '../../core/fleet/fleetReport';
import { clusterStatus, worstFirst, worstKnownIssue, type FleetStatus } from '../../core/fleet/fleetVerdict';
import type { PrerequisitesView, TreeNode } from '../prerequisitesView';
import { statusIcon } from '../statusColors';
import type { FleetRow, FleetSession } from './fleetSession';

const ICONS: Record<FleetStatus | 'checking', vscode.ThemeIcon> = {
  pass: statusIcon('pass'),
  warn: statusIcon('warn'),
  fail: statusIcon('fail'),
  'could-not-verify': statusIcon('unknown'),
  unreachable: statusIcon('fail', 'debug-disconnect'),
  skipped: statusIcon('skipped'),
  checking: new vscode.ThemeIcon('sync~spin'),
};

const WORDS: Record<FleetStatus, string> = { pass: 'ready', warn: 'warnings', fail: 'failing', 'could-not-verify': 'could not verify', unreachable: 'unreachable', skipped: 'skipped' };

export type FleetNode =
  | { readonly type: 'message'; readonly label: string; readonly icon: string; readonly description?: string }
  | { readonly type: 'cluster'; readonly row: FleetRow }
  /** A node of the cluster's prerequisites tree, drawn by the prerequisites view itself. */
  | { readonly type: 'inner'; readonly cluster: string; readonly node: TreeNode };

/** A checked cluster's report checks as the prerequisites tree shows them (area names are the same list). */
function checksOf(row: FleetRow): CheckResult[] {
  if (row.outcome?.kind !== 'checked') return [];
  return row.outcome.report.checks.map((check) => ({ ...check, area: check.area as CheckArea }));
}

/**
 * The Fleet section: one row per cluster with its verdict and counts (worst first), expanding to that cluster's
 * prerequisites tree, drawn by the same code as the single-cluster tree. Opening objects and logs needs the
 * cluster's own connection, so the fleet tree shows them without those actions.
 */
export class FleetView implements vscode.TreeDataProvider<FleetNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FleetNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: FleetSession, private readonly prerequisites: PrerequisitesView) {
    this.subscription = session.onDidChange(() => this.changed.fire(undefined));
  }

  getTreeItem(node: FleetNode): vscode.TreeItem {
    switch (node.type) {
      case 'message': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        if (node.description !== undefined) item.description = node.description;
        item.tooltip = node.description !== undefined ? `${node.label} (${node.description})` : node.label;
        return item;
      }
      case 'cluster':
        return this.clusterItem(node.row);
      case 'inner': {
        const item = this.prerequisites.getTreeItem(node.node);
        if (item.id !== undefined) item.id = `fleet:${node.cluster}:${item.id}`;
        if (item.command && item.command.command !== 'vscode.open') delete item.command;
        delete item.contextValue;
        return item;
      }
    }
  }

  private clusterItem(row: FleetRow): vscode.TreeItem {
    const outcome = row.outcome;
    const item = new vscode.TreeItem(row.target.name, outcome?.kind === 'checked' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `fleet:${row.target.rancherId ?? row.target.name}`;
    if (!outcome) {
      item.iconPath = ICONS.checking;
      item.description = 'checking…';
      return item;
    }
    const status = clusterStatus(outcome);
    item.iconPath = ICONS[status];
    if (outcome.kind === 'checked') {
      const { summary, cluster } = outcome.report;
      const issue = worstKnownIssue(outcome.report);
      const cause = firstRootCause(outcome.report);
      // The one answer per cluster leads: its root cause, then the problems only, so the row fits a 300 px sidebar;
      // every count is in the tooltip.
      const problems = [`${summary.fail} fail`, `${summary.warn} warn`, `${summary.unknown} unknown`].filter((count) => !count.startsWith('0 '));
      const counts = `${summary.pass} pass, ${summary.warn} warn, ${summary.fail} fail, ${summary.unknown} unknown`;
      item.description = `${WORDS[status]}${cause ? ` · ${rootCauseCell(cause)}` : ''} · ${problems.length > 0 ? problems.join(', ') : `${summary.pass} pass`}${issue ? ` · ${issue.id}` : ''}`;
      // Names, versions and the verdict's reason come from Rancher or the cluster: escaped, rendered as text.
      item.tooltip = new vscode.MarkdownString(`**${markdownCell(row.target.name)}** — ${WORDS[status]} (${counts})\n\nRKE2 ${markdownCell(cluster.rke2 ?? 'unknown')} · Calico ${markdownCell(cluster.calico ?? 'unknown')}${row.target.rancherId ? `\n\nRancher cluster ${markdownCell(row.target.rancherId)}` : ''}${outcome.report.verdict ? `\n\n${markdownCell(outcome.report.verdict.reason)}` : ''}${cause ? `\n\n**Root cause:** ${markdownCell(rootCauseCell(cause))} — ${markdownCell(cause.summary)}` : ''}`);
    } else {
      item.description = `${outcome.kind === 'skipped' ? `skipped (${row.target.distribution ?? 'not RKE2'})` : outcome.kind} — ${outcome.reason}`;
      item.tooltip = outcome.reason;
    }
    return item;
  }

  getChildren(node?: FleetNode): FleetNode[] {
    if (!node) return this.roots();
    if (node.type === 'cluster') {
      const checks = checksOf(node.row);
      const cluster = node.row.target.rancherId ?? node.row.target.name;
      return CHECK_AREAS.flatMap((area) => {
        const inArea = checks.filter((check) => check.area === area);
        return inArea.length > 0 ? [{ type: 'inner', cluster, node: { type: 'area', area, checks: inArea } } as const] : [];
      });
    }
    if (node.type === 'inner') return this.prerequisites.getChildren(node.node).map((child) => ({ type: 'inner', cluster: node.cluster, node: child }));
    return [];
  }

  private roots(): FleetNode[] {
    const state = this.session.state;
    const roots: FleetNode[] = [];
    if (state.error) roots.push({ type: 'message', label: state.error, icon: 'error' });
    // The source as the label, the time as the description: the row keeps its point at a narrow width.
    if (state.source) roots.push({ type: 'message', label: state.source, icon: 'cloud', ...(state.finishedAt && !state.running ? { description: `checked ${state.finishedAt.toLocaleTimeString()}` } : {}) });
    const finished = state.rows.filter((row): row is FleetRow & { outcome: FleetEntry['outcome'] } => row.outcome !== undefined);
    const pending = state.rows.filter((row) => row.outcome === undefined);
    return [...roots, ...worstFirst(finished).map((row) => ({ type: 'cluster', row }) as const), ...pending.map((row) => ({ type: 'cluster', row }) as const)];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
