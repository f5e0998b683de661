import * as vscode from 'vscode';
import { summarize, worstStatus } from '../core/checks/checkResult';
import type { ClusterSession } from './clusterSession';

/** One status-bar item with the overall verdict of the last readiness check; no pop-up per failed check. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('rke2Calico.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(session: ClusterSession) {
    this.item.name = 'RKE2 Calico readiness';
    this.item.command = 'workbench.view.extension.rke2Calico';
    this.subscription = session.onDidChange((state) => {
      if (state.running) {
        this.item.text = '$(sync~spin) Calico: checking…';
        this.item.show();
        return;
      }
      if (state.results.length === 0) {
        if (state.error) {
          this.item.text = '$(error) Calico: no cluster';
          this.item.tooltip = state.error;
          this.item.show();
        }
        return;
      }
      const counts = summarize(state.results);
      const worst = worstStatus(state.results.map((result) => result.status));
      const icon = { fail: '$(error)', unknown: '$(question)', warn: '$(warning)', pass: '$(pass)', skipped: '$(circle-slash)' }[worst];
      this.item.text = `${icon} Calico: ${counts.fail > 0 ? `${counts.fail} failing` : counts.unknown > 0 ? `${counts.unknown} unknown` : counts.warn > 0 ? `${counts.warn} warning(s)` : 'ready'}`;
      this.item.tooltip = `${state.target?.context ?? ''}: ${counts.pass} pass, ${counts.warn} warn, ${counts.fail} fail, ${counts.unknown} unknown, ${counts.skipped} skipped`;
      this.item.backgroundColor = counts.fail > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
      this.item.show();
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
