import * as vscode from 'vscode';
import type { ClusterSession } from './clusterSession';
import { RunState, type SessionState } from './runState';

/** Where a tree row's results came from: the live cluster of the kubeconfig, or the support bundle opened last. */
export type SourceId = 'live' | 'bundle';

export interface ResultSource {
  readonly id: SourceId;
  /** The tree root and status bar name: the live context, or "Bundle <file>". */
  readonly label: string;
  readonly state: SessionState;
}

/** The file name of a path (either separator: a bundle may come from a Windows share). */
function baseName(path: string): string {
  return path.split(/[\\/]/).filter((part) => part.length > 0).pop() ?? path;
}

/** A source has something to show: results, a run under way, a problem or an error. */
export function hasContent(state: SessionState): boolean {
  return state.running || state.results.length > 0 || state.problem !== undefined || state.error !== undefined;
}

/**
 * The two sources of readiness results, kept apart: a bundle opened in the editor and the live cluster each keep
 * their own state, so refreshing the live check (or opening the view, which may run it) never drops the bundle's
 * result. The status bar summarises the source that reported last and names it.
 */
export class ResultSources implements vscode.Disposable {
  readonly bundle = new RunState();
  private last: SourceId = 'live';
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(readonly live: ClusterSession) {
    const track = (id: SourceId) => (state: SessionState): void => {
      if (hasContent(state)) this.last = id;
      this.changed.fire();
    };
    this.subscriptions = [live.onDidChange(track('live')), this.bundle.onDidChange(track('bundle'))];
  }

  /** A bundle has been opened (or is being read): the tree shows each source as its own root. */
  hasBundle(): boolean {
    return hasContent(this.bundle.state);
  }

  source(id: SourceId): ResultSource {
    if (id === 'bundle') {
      const target = this.bundle.state.target;
      // Node bundles name their nodes in the context; a single bundle is named by its file.
      const label = target === undefined ? 'Bundle' : target.context.startsWith('bundles of ') ? `Bundles of ${target.context.slice('bundles of '.length)}` : `Bundle ${baseName(target.server)}`;
      return { id, label, state: this.bundle.state };
    }
    return { id, label: this.live.state.target?.context ?? 'Live cluster', state: this.live.state };
  }

  /** The source the status bar summarises: the one that reported last, unless it has nothing to show. */
  shown(): ResultSource {
    const other: SourceId = this.last === 'live' ? 'bundle' : 'live';
    return !hasContent(this.source(this.last).state) && hasContent(this.source(other).state) ? this.source(other) : this.source(this.last);
  }

  /** The source the status bar does not summarise, when it has something to show. */
  other(): ResultSource | undefined {
    const shown = this.shown();
    const other = this.source(shown.id === 'live' ? 'bundle' : 'live');
    return hasContent(other.state) ? other : undefined;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.bundle.dispose();
    this.changed.dispose();
  }
}
