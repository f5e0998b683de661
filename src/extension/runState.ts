import * as vscode from 'vscode';
import type { CheckResult } from '../core/checks/checkResult';
import type { ClusterEvidence } from '../core/checks/clusterEvidence';
import type { TimelineEntry } from '../core/checks/initTimeline';
import type { ConnectionProblem } from './connectionProblem';

/** The last readiness run of one source: results, the evidence behind them, and the init timeline if a watch recorded one. */
export interface SessionState {
  /** A run (check, watch, bundle) is under way. */
  readonly running: boolean;
  readonly results: readonly CheckResult[];
  readonly evidence: ClusterEvidence | undefined;
  readonly timeline: readonly TimelineEntry[];
  readonly target: { readonly context: string; readonly server: string } | undefined;
  /** Why the cluster could not be reached, in full, with the next steps. */
  readonly problem: ConnectionProblem | undefined;
  /** Anything else the run has to say: cancelled, failed, entries a bundle did not extract. */
  readonly error: string | undefined;
  /** When the results shown were read: the end of a run, or a watch's latest poll (its rows change with each). */
  readonly finishedAt: Date | undefined;
}

/** What a run may set when it reports. */
export type RunUpdate = Partial<Omit<SessionState, 'running' | 'finishedAt'>>;

/** The handle of one run: only its holder updates the state, and a run that was superseded changes nothing. */
export interface SessionRun {
  readonly signal: AbortSignal;
  /** Intermediate results (a watch's polls). */
  update(update: RunUpdate): void;
  /** The run is over; later calls are ignored. */
  finish(update: RunUpdate): void;
}

export const EMPTY_STATE: SessionState = { running: false, results: [], evidence: undefined, timeline: [], target: undefined, problem: undefined, error: undefined, finishedAt: undefined };

/**
 * The runs of one source of results (the live cluster, an opened support bundle) and the state the last one left.
 * Each source has its own, so a run of one never replaces or cancels the other's results.
 */
export class RunState implements vscode.Disposable {
  private current: SessionState = EMPTY_STATE;
  private activeRun: AbortController | undefined;
  private readonly changed = new vscode.EventEmitter<SessionState>();
  readonly onDidChange = this.changed.event;

  get state(): SessionState {
    return this.current;
  }

  /** Starts a run; one still going is cancelled first. */
  startRun(): SessionRun {
    this.activeRun?.abort();
    const controller = new AbortController();
    this.activeRun = controller;
    this.apply({ running: true, error: undefined });
    const isCurrent = (): boolean => this.activeRun === controller;
    return {
      signal: controller.signal,
      update: (update) => {
        if (isCurrent()) this.apply(update.results ? { ...update, finishedAt: new Date() } : update);
      },
      finish: (update) => {
        if (!isCurrent()) return;
        this.activeRun = undefined;
        this.apply({ ...update, running: false, finishedAt: new Date() });
      },
    };
  }

  cancel(): void {
    this.activeRun?.abort();
  }

  /** Drops the results (a closed bundle); a run still going is cancelled. */
  clear(): void {
    this.activeRun?.abort();
    this.activeRun = undefined;
    this.current = EMPTY_STATE;
    this.changed.fire(this.current);
  }

  private apply(update: Partial<SessionState>): void {
    this.current = { ...this.current, ...update };
    this.changed.fire(this.current);
  }

  dispose(): void {
    this.activeRun?.abort();
    this.changed.dispose();
  }
}
