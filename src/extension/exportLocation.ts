import { homedir } from 'node:os';
import * as vscode from 'vscode';

/**
 * Where the save dialog of an export starts: in the first workspace folder (a remote one stays remote), else in
 * the home folder — never a bare file name, which VS Code resolves against the filesystem root.
 */
export function exportLocation(workspaceFolders: readonly { readonly uri: vscode.Uri }[] | undefined, fileName: string, home: string = homedir()): vscode.Uri {
  const folder = workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, fileName) : vscode.Uri.joinPath(vscode.Uri.file(home), fileName);
}
