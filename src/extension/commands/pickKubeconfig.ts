import * as vscode from 'vscode';
import type { ClusterSession } from '../clusterSession';

/** "Select Kubeconfig": remembers a kubeconfig file in the setting rke2Calico.kubeconfig (the file is only read). */
export function pickKubeconfigCommand(session: ClusterSession): () => Promise<void> {
  return async () => {
    const picked = await vscode.window.showOpenDialog({ title: 'Kubeconfig of the RKE2 cluster', canSelectMany: false, openLabel: 'Use this kubeconfig' });
    const file = picked?.[0];
    if (!file) return;
    const configuration = vscode.workspace.getConfiguration('rke2Calico');
    await configuration.update('kubeconfig', file.fsPath, vscode.ConfigurationTarget.Global);
    await configuration.update('context', undefined, vscode.ConfigurationTarget.Global);
    session.reset();
    await vscode.commands.executeCommand('rke2Calico.runCheck');
  };
}
