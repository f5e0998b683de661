import * as vscode from 'vscode';
import { lookUpVersionCommand } from './commands/lookUpVersion';
import { PrerequisitesView } from './prerequisitesView';
import { REPORT_SCHEME, ReportDocuments } from './reportDocuments';

/**
 * Activation registers commands, providers and views only; nothing is read, parsed or fetched here, so start-up
 * costs no more than loading this bundle.
 */
export function activate(context: vscode.ExtensionContext): void {
  const documents = new ReportDocuments();
  context.subscriptions.push(
    documents,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, documents),
    vscode.window.registerTreeDataProvider('rke2Calico.prerequisites', new PrerequisitesView()),
    vscode.commands.registerCommand('rke2Calico.lookUpVersion', lookUpVersionCommand(documents)),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
