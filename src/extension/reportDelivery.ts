import type { EditorApis } from './editorApis';
import { exportLocation } from './exportLocation';

/**
 * Copies an export of a report to the clipboard, or writes it where the user chooses (the dialog starts next to
 * the workspace); returns the note the webview shows, or undefined when the save dialog was dismissed. The text is
 * already redacted.
 */
export async function deliverReport(apis: EditorApis, action: 'copy' | 'export', format: string, text: string, file: { readonly name: string; readonly extension: string; readonly title: string }): Promise<string | undefined> {
  if (action === 'copy') {
    await apis.env.writeClipboard(text);
    return `Copied as ${format}.`;
  }
  const target = await apis.window.showSaveDialog({ title: file.title, saveLabel: 'Export', filters: { [format]: [file.extension] }, defaultUri: exportLocation(apis.workspace.workspaceFolders, `${file.name}.${file.extension}`) });
  if (!target) return undefined;
  await apis.workspace.writeFile(target, new TextEncoder().encode(text));
  return `Exported to ${target.fsPath}.`;
}
