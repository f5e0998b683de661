import * as vscode from 'vscode';
import type { ClusterSession } from '../clusterSession';
import { loadLintEngine } from '../loadLintEngine';
import type { TreeNode } from '../prerequisitesView';
import type { ReportDocuments } from '../reportDocuments';

/** Fields that are noise to a reader; managedFields can be longer than the object itself. */
function withoutNoise(object: unknown): unknown {
  if (object === null || typeof object !== 'object') return object;
  const copy = { ...(object as Record<string, unknown>) };
  const metadata = copy.metadata;
  if (metadata && typeof metadata === 'object') {
    const rest = { ...(metadata as Record<string, unknown>) };
    delete rest.managedFields;
    copy.metadata = rest;
  }
  return copy;
}

/** "Open as YAML": GETs the object a check looked at and shows it read-only. Secrets are never fetched. */
export function openObjectCommand(session: ClusterSession, documents: ReportDocuments): (node?: TreeNode) => Promise<void> {
  return async (node) => {
    if (node?.type !== 'object') return;
    if (/\/secrets\//.test(node.object.path)) return;
    const opened = await session.open();
    if (!opened.ok) {
      void vscode.window.showErrorMessage(`RKE2 Calico: ${opened.error}`);
      return;
    }
    const result = await opened.reader.get(node.object.path);
    if (result.kind !== 'ok') {
      void vscode.window.showWarningMessage(`RKE2 Calico: could not read ${node.object.kind} ${node.object.name}: ${result.kind} — ${result.message}`);
      return;
    }
    const uri = documents.publish(`${node.object.kind}-${node.object.namespace ?? ''}-${node.object.name}`, `# ${node.object.path} (read-only)\n${loadLintEngine().stringifyYaml(withoutNoise(result.value))}`, 'yaml');
    await vscode.window.showTextDocument(uri, { preview: true });
  };
}
