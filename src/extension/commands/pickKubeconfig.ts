import type { Services } from '../services';

/** "Select Kubeconfig": remembers a kubeconfig file in the setting rke2Calico.kubeconfig (the file is only read). */
export function pickKubeconfigCommand({ apis, config }: Services): () => Promise<void> {
  return async () => {
    const picked = await apis.window.showOpenDialog({ title: 'Kubeconfig of the RKE2 cluster', canSelectMany: false, openLabel: 'Use this kubeconfig' });
    const file = picked?.[0];
    if (!file) return;
    await config.setKubeconfig(file.fsPath);
    await apis.commands.executeCommand('rke2Calico.runCheck');
  };
}
