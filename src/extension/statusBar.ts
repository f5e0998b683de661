import * as vscode from 'vscode';
import { summarize } from '../core/checks/checkResult';
import { overallVerdict } from '../core/checks/verdict';
import { describeProblem } from './connectionProblem';
import type { StatusBarItemApi, WindowApis } from './editorApis';
import { hasContent, type ResultSource, type ResultSources } from './resultSources';
import type { SessionState } from './runState';
import { rootCausesOfState } from './sessionRootCauses';

/** A source's state in a few words, for the tooltip line about the source the item does not summarise. */
function inBrief(state: SessionState): string {
  if (state.running) return 'being read';
  if (state.problem) return 'no cluster';
  return state.results.length > 0 ? overallVerdict(state.results).label : 'not checked';
}

/**
 * One status-bar item with the overall verdict of the last readiness run (the same verdict as the CLI's exit code
 * and the report: ready, warnings, failing, could not verify); no pop-up per failed check. With a support bundle
 * open beside the live cluster it summarises the source that reported last and names it, and its tooltip says how
 * the other stands.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item: StatusBarItemApi;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly sources: ResultSources, window: WindowApis) {
    this.item = window.createStatusBarItem('rke2Calico.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'RKE2 Calico readiness';
    this.item.command = 'rke2Calico.revealProblem';
    this.subscription = sources.onDidChange(() => {
      this.render();
    });
  }

  private render(): void {
    const shown = this.sources.shown();
    // A closed bundle and no live run: nothing to summarise.
    if (!hasContent(shown.state)) {
      this.item.hide();
      return;
    }
    const other = this.sources.other();
    // Named in the text only when two sources could be meant; the tooltip always says which.
    const name = other ? ` (${shown.id === 'bundle' ? shown.label.replace(/^Bundle/, 'bundle') : shown.label})` : '';
    const otherLine = other ? `\n${other.label}: ${inBrief(other.state)}` : '';
    this.renderSource(shown, name, otherLine);
  }

  private renderSource({ id, label, state }: ResultSource, name: string, otherLine: string): void {
    if (state.running) {
      this.item.text = `$(sync~spin) Calico${name}: ${id === 'bundle' ? 'reading…' : 'checking…'}`;
      this.item.tooltip = (id === 'bundle' ? `Reading ${label}` : 'Reading the cluster (GET requests only)') + otherLine;
      this.item.backgroundColor = undefined;
      this.item.show();
      return;
    }
    if (state.problem) {
      // Host checks may have run, but without the cluster there is no verdict to show.
      this.item.text = `$(error) Calico${name}: no cluster`;
      this.item.tooltip = describeProblem(state.problem) + otherLine;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      this.item.show();
      return;
    }
    if (state.results.length === 0) {
      if (state.error) {
        this.item.text = `$(warning) Calico${name}: not checked`;
        this.item.tooltip = state.error + otherLine;
        this.item.backgroundColor = undefined;
        this.item.show();
      }
      return;
    }
    const counts = summarize(state.results);
    const verdict = overallVerdict(state.results);
    const icon = { fail: '$(error)', 'could-not-verify': '$(question)', warn: '$(warning)', pass: '$(pass)' }[verdict.status];
    this.item.text = `${icon} Calico${name}: ${verdict.label}`;
    const cause = rootCausesOfState(state)[0];
    const causeLine = cause ? `\nRoot cause: ${cause.title} — ${cause.summary}` : '';
    const subject = id === 'bundle' ? label : (state.target?.context ?? '');
    this.item.tooltip = `${subject}: ${verdict.reason}${causeLine}\n${counts.pass} pass, ${counts.warn} warn, ${counts.fail} fail, ${counts.unknown} unknown, ${counts.skipped} skipped${otherLine}`;
    this.item.backgroundColor = verdict.status === 'fail' ? new vscode.ThemeColor('statusBarItem.errorBackground') : verdict.status === 'could-not-verify' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
