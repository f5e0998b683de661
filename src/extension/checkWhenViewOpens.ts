import * as vscode from 'vscode';
import type { Config } from './config';

/**
 * With `rke2Calico.checkWhenViewOpens`, the first time the prerequisites view is visible in a window the readiness
 * check runs by itself, so a workspace tied to one cluster (the demo's) opens on a filled tree. Without the setting
 * nothing happens: the view shows its welcome content and the Run button.
 */
export function checkWhenViewOpens(view: vscode.TreeView<unknown>, config: Config, runCheck: () => Promise<void>): vscode.Disposable {
  let done = false;
  const runOnce = (): void => {
    if (done || !view.visible || !config.settings.checkWhenViewOpens) return;
    done = true;
    void runCheck();
  };
  const subscription = view.onDidChangeVisibility(runOnce);
  // The view may already be showing when the extension activates (it was open when the window last closed).
  const timer = setTimeout(runOnce, 0);
  return new vscode.Disposable(() => {
    clearTimeout(timer);
    subscription.dispose();
  });
}
