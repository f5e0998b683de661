import * as vscode from 'vscode';

/**
 * Copies an export of a report to the clipboard, or writes it where the user chooses; returns the note the
 * webview shows, or undefined when the save dialog was dismissed. The text is already redacted.
 */
export async function deliverReport(action: 'copy' | 'export', format: string, text: string, file: { readonly name: string; readonly extension: string; readonly title: string }): Promise<string | undefined> {
  if (action === 'copy') {
    await vscode.env.clipboard.writeText(text);
    return `Copied as ${format}.`;
  }
  const target = await vscode.window.showSaveDialog({ title: file.title, saveLabel: 'Export', filters: { [format]: [file.extension] }, defaultUri: vscode.Uri.file(`${file.name}.${file.extension}`) });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  return `Exported to ${target.fsPath}.`;
}
