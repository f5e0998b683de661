import * as vscode from 'vscode';
import { lookUpVersionCommand } from './commands/lookUpVersion';
import { FileDiagnostics } from './fileDiagnostics';
import { Hovers } from './hovers';
import { PrerequisitesView } from './prerequisitesView';
import { QuickFixes } from './quickFixes';
import { REPORT_SCHEME, ReportDocuments } from './reportDocuments';
import { affectsSettings } from './settings';
import { WorkspaceFacts } from './workspaceFacts';

const YAML_FILES: vscode.DocumentSelector = [{ language: 'yaml' }];

/**
 * Activation registers commands, providers and views only; files are read and linted afterwards, on timers and
 * events, so start-up costs no more than loading this bundle.
 */
export function activate(context: vscode.ExtensionContext): void {
  const documents = new ReportDocuments();
  const facts = new WorkspaceFacts();
  const diagnostics = new FileDiagnostics(facts);
  context.subscriptions.push(
    documents,
    facts,
    diagnostics,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, documents),
    vscode.window.registerTreeDataProvider('rke2Calico.prerequisites', new PrerequisitesView()),
    vscode.languages.registerCodeActionsProvider(YAML_FILES, new QuickFixes(diagnostics), QuickFixes.metadata),
    vscode.languages.registerHoverProvider(YAML_FILES, new Hovers(diagnostics)),
    vscode.commands.registerCommand('rke2Calico.lookUpVersion', lookUpVersionCommand(documents)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsSettings(event)) diagnostics.lintOpenDocuments();
    }),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
