import * as vscode from 'vscode';
import { ClusterSession } from './clusterSession';
import { copyEvidenceCommand } from './commands/copyEvidence';
import { lookUpVersionCommand } from './commands/lookUpVersion';
import { openObjectCommand } from './commands/openObject';
import { openPodLogsCommand } from './commands/openPodLogs';
import { pickKubeconfigCommand } from './commands/pickKubeconfig';
import { runCheckCommand } from './commands/runCheck';
import { selectContextCommand } from './commands/selectContext';
import { watchInitCommand } from './commands/watchInit';
import { FileDiagnostics } from './fileDiagnostics';
import { Hovers } from './hovers';
import { PrerequisitesView } from './prerequisitesView';
import { QuickFixes } from './quickFixes';
import { REPORT_SCHEME, ReportDocuments } from './reportDocuments';
import { affectsSettings } from './settings';
import { StatusBar } from './statusBar';
import { WorkspaceFacts } from './workspaceFacts';

const YAML_FILES: vscode.DocumentSelector = [{ language: 'yaml' }];

/**
 * Activation registers commands, providers and views only; files are read and linted afterwards, on timers and
 * events, and @kubernetes/client-node loads on the first cluster command, so start-up costs no more than loading
 * this bundle.
 */
export function activate(context: vscode.ExtensionContext): void {
  const documents = new ReportDocuments();
  const session = new ClusterSession();
  const facts = new WorkspaceFacts(() => session.clusterRke2Version());
  const diagnostics = new FileDiagnostics(facts);
  const view = new PrerequisitesView(session);
  const updateContextKeys = (): void => {
    void vscode.commands.executeCommand('setContext', 'rke2Calico.hasKubeconfig', session.kubeconfig() !== undefined);
    void vscode.commands.executeCommand('setContext', 'rke2Calico.running', session.state.running);
  };
  const commands: Record<string, (...args: never[]) => unknown> = {
    'rke2Calico.lookUpVersion': lookUpVersionCommand(documents),
    'rke2Calico.runCheck': runCheckCommand(session),
    'rke2Calico.refresh': runCheckCommand(session),
    'rke2Calico.watchInit': watchInitCommand(session),
    'rke2Calico.cancel': () => {
      session.cancel();
    },
    'rke2Calico.selectContext': selectContextCommand(session),
    'rke2Calico.pickKubeconfig': pickKubeconfigCommand(session),
    'rke2Calico.openObject': openObjectCommand(session, documents),
    'rke2Calico.openPodLogs': openPodLogsCommand(session, documents),
    'rke2Calico.copyEvidence': copyEvidenceCommand(),
  };
  context.subscriptions.push(
    documents,
    session,
    facts,
    diagnostics,
    view,
    new StatusBar(session),
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, documents),
    vscode.window.createTreeView('rke2Calico.prerequisites', { treeDataProvider: view, showCollapseAll: true }),
    vscode.languages.registerCodeActionsProvider(YAML_FILES, new QuickFixes(diagnostics), QuickFixes.metadata),
    vscode.languages.registerHoverProvider(YAML_FILES, new Hovers(diagnostics)),
    ...Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
    session.onDidChange((state) => {
      updateContextKeys();
      if (!state.running && state.evidence) facts.notifyChanged();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!affectsSettings(event)) return;
      session.reset();
      updateContextKeys();
      diagnostics.lintOpenDocuments();
    }),
  );
  updateContextKeys();
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
