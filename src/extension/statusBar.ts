import * as vscode from 'vscode';
import { summarize } from '../core/checks/checkResult';
import { overallVerdict } from '../core/checks/verdict';
import type { ClusterSession } from './clusterSession';
import { describeProblem } from './connectionProblem';
import type { StatusBarItemApi, WindowApis } from './editorApis';
import { rootCausesOfState } from './sessionRootCauses';

/**
 * One status-bar item with the overall verdict of the last readiness check (the same verdict as the CLI's exit code
 * and the report: ready, warnings, failing, could not verify); no pop-up per failed check.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item: StatusBarItemApi;
  private readonly subscription: vscode.Disposable;

  constructor(session: ClusterSession, window: WindowApis) {
    this.item = window.createStatusBarItem('rke2Calico.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'RKE2 Calico readiness';
    this.item.command = 'rke2Calico.revealProblem';
    this.subscription = session.onDidChange((state) => {
      if (state.running) {
        this.item.text = '$(sync~spin) Calico: checking…';
        this.item.tooltip = 'Reading the cluster (GET requests only)';
        this.item.backgroundColor = undefined;
        this.item.show();
        return;
      }
      if (state.problem) {
        // Host checks may have run, but without the cluster there is no verdict to show.
        this.item.text = '$(error) Calico: no cluster';
        this.item.tooltip = describeProblem(state.problem);
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        this.item.show();
        return;
      }
      if (state.results.length === 0) {
        if (state.error) {
          this.item.text = '$(warning) Calico: not checked';
          this.item.tooltip = state.error;
          this.item.backgroundColor = undefined;
          this.item.show();
        }
        return;
      }
      const counts = summarize(state.results);
      const verdict = overallVerdict(state.results);
      const icon = { fail: '$(error)', 'could-not-verify': '$(question)', warn: '$(warning)', pass: '$(pass)' }[verdict.status];
      this.item.text = `${icon} Calico: ${verdict.label}`;
      const cause = rootCausesOfState(state)[0];
      const causeLine = cause ? `\nRoot cause: ${cause.title} — ${cause.summary}` : '';
      this.item.tooltip = `${state.target?.context ?? ''}: ${verdict.reason}${causeLine}\n${counts.pass} pass, ${counts.warn} warn, ${counts.fail} fail, ${counts.unknown} unknown, ${counts.skipped} skipped`;
      this.item.backgroundColor = verdict.status === 'fail' ? new vscode.ThemeColor('statusBarItem.errorBackground') : verdict.status === 'could-not-verify' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      this.item.show();
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
