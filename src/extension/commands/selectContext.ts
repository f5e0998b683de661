import * as vscode from 'vscode';
import type { ClusterSession } from '../clusterSession';

/** "Select Context": picks a kubeconfig context (stored in the setting rke2Calico.context; the kubeconfig is never written). */
export function selectContextCommand(session: ClusterSession): () => Promise<void> {
  return async () => {
    session.reset();
    const opened = await session.open();
    if (!opened.ok) {
      void vscode.window.showErrorMessage(`RKE2 Calico: ${opened.error}`);
      return;
    }
    const picked = await vscode.window.showQuickPick(opened.contexts.map((name) => ({ label: name, picked: name === opened.reader.identity.context, description: name === opened.reader.identity.context ? 'current' : '' })), { title: 'Kubernetes context to check' });
    if (!picked) return;
    await vscode.workspace.getConfiguration('rke2Calico').update('context', picked.label, vscode.ConfigurationTarget.Global);
    session.reset();
    await vscode.commands.executeCommand('rke2Calico.runCheck');
  };
}
