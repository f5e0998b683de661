import * as vscode from 'vscode';
import type { CheckResult, ObjectRef } from '../core/checks/checkResult';
import type { EditorApis } from './editorApis';

/** "Pod calico-system/calico-typha-…": how the report names an object a check looked at. */
export function objectLabel(object: ObjectRef): string {
  return `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
}

/** Per check id, the objects it looked at, as the report page lists them (checks without objects left out); an absent one says so. */
export function objectLabels(results: readonly CheckResult[]): Record<string, string[]> {
  return Object.fromEntries(results.filter((check) => (check.objects?.length ?? 0) > 0).map((check) => [check.id, (check.objects ?? []).map((object) => `${objectLabel(object)}${object.expected?.missing === true ? ' (missing)' : ''}`)]));
}

/**
 * Shows the open document the report calls `relativePath` with the cursor on `line` (1-based); false when it has
 * been closed since. Only documents that are open are shown: the report lists findings of open files and logs.
 */
export async function showOpenDocumentAt(apis: EditorApis, relativePath: string, line: number, column = 1): Promise<boolean> {
  const document = apis.workspace.textDocuments.find((candidate) => apis.workspace.asRelativePath(candidate.uri) === relativePath);
  if (!document) return false;
  const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
  await apis.window.showTextDocument(document, { selection: new vscode.Range(position, position), preview: true });
  return true;
}
