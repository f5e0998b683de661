import * as vscode from 'vscode';
import type { ObjectRef } from '../../core/checks/checkResult';
import type { ClusterSession } from '../clusterSession';
import type { TreeNode } from '../prerequisitesView';
import type { ReportDocuments } from '../reportDocuments';
import { readSettings } from '../settings';

/** "Open Logs": the last N lines (setting rke2Calico.logTailLines) of a pod's container, current or previous. */
export function openPodLogsCommand(session: ClusterSession, documents: ReportDocuments): (node?: TreeNode) => Promise<void> {
  return async (node) => {
    const pods: ObjectRef[] = node?.type === 'object' ? [node.object] : node?.type === 'check' ? (node.check.objects ?? []).filter((object) => object.kind === 'Pod') : [];
    const pod = pods.length === 1 ? pods[0] : (await vscode.window.showQuickPick(pods.map((entry) => ({ label: entry.name, description: entry.namespace ?? '', entry })), { title: 'Pod' }))?.entry;
    if (!pod?.namespace) return;
    const containers = pod.containers ?? [];
    const choice = await vscode.window.showQuickPick(
      containers.flatMap((container) => [
        { label: container, description: 'current', container, previous: false },
        { label: container, description: 'previous (last terminated)', container, previous: true },
      ]),
      { title: `Logs of ${pod.namespace}/${pod.name}` },
    );
    if (!choice) return;
    const opened = await session.open();
    if (!opened.ok) {
      void vscode.window.showErrorMessage(`RKE2 Calico: ${opened.error}`);
      return;
    }
    const tail = readSettings().logTailLines;
    const result = await opened.reader.podLog(pod.namespace, pod.name, { container: choice.container, previous: choice.previous, tailLines: tail });
    if (result.kind !== 'ok') {
      void vscode.window.showWarningMessage(`RKE2 Calico: no log for ${pod.name}/${choice.container}: ${result.kind} — ${result.message}`);
      return;
    }
    const header = `# ${pod.namespace}/${pod.name} container ${choice.container}${choice.previous ? ' (previous)' : ''}: last ${tail} lines at most (setting rke2Calico.logTailLines)\n`;
    const uri = documents.publish(`${pod.name}-${choice.container}${choice.previous ? '-previous' : ''}`, header + result.value, 'log');
    await vscode.window.showTextDocument(uri, { preview: false });
  };
}
