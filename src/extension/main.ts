import * as vscode from 'vscode';
import type { CheckResult } from '../core/checks/checkResult';
import { ClusterSession } from './clusterSession';
import { copyEvidenceCommand } from './commands/copyEvidence';
import { lookUpVersionCommand } from './commands/lookUpVersion';
import { BundleCommands } from './commands/openBundle';
import { checkWhenViewOpens } from './checkWhenViewOpens';
import { openObjectCommand } from './commands/openObject';
import { pickKubeconfigCommand } from './commands/pickKubeconfig';
import { runCheckCommand } from './commands/runCheck';
import { selectContextCommand } from './commands/selectContext';
import { watchInitCommand } from './commands/watchInit';
import { FileDiagnostics } from './fileDiagnostics';
import { registerFleet, type FleetApi } from './fleet/registerFleet';
import { Hovers } from './hovers';
import { LogDiagnostics } from './logDiagnostics';
import { LogHovers } from './logHovers';
import { LogLenses } from './logLenses';
import { openNodeLogCommand } from './nodeLogs';
import { PodLogs } from './podLogs';
import { PrerequisitesView, type TreeNode } from './prerequisitesView';
import { QuickFixes } from './quickFixes';
import { REPORT_SCHEME, ReportDocuments } from './reportDocuments';
import { REPORT_VIEW_TYPE, ReportPanels } from './reportPanel';
import { affectsSettings } from './settings';
import { StatusBar } from './statusBar';
import { WorkspaceFacts } from './workspaceFacts';

const YAML_FILES: vscode.DocumentSelector = [{ language: 'yaml' }];
const LOG_FILES: vscode.DocumentSelector = [{ language: 'rke2-calico-log' }, { language: 'log' }, { pattern: '**/*.log' }];

/** What the extension exports: read-only views of its state, used by its own integration tests. */
export interface ProductApi extends FleetApi {
  readonly readinessResults: () => readonly CheckResult[];
  /** Milliseconds: evaluating the bundle, waiting for VS Code to call activate(), and activate() itself. */
  readonly activationTiming: { readonly loadMs: number; readonly waitMs: number; readonly activateMs: number };
}

/** Set by the bundle's first line (scripts/build.mjs banner); absent when run from compiled sources. */
const bundleLoadStart = (globalThis as { __rke2CalicoLoadStart?: number }).__rke2CalicoLoadStart;
/** This module's body runs after every bundled dependency: the bundle is fully evaluated here. */
const bundleEvaluated = performance.now();

/**
 * Activation registers commands, providers and views only; files are read and linted afterwards, on timers and
 * events, the YAML engine and @kubernetes/client-node load on first use, so start-up costs no more than loading
 * this bundle.
 */
export function activate(context: vscode.ExtensionContext): ProductApi {
  const activateStart = performance.now();
  const documents = new ReportDocuments();
  const session = new ClusterSession();
  const facts = new WorkspaceFacts(() => session.clusterRke2Version());
  const diagnostics = new FileDiagnostics(facts);
  const view = new PrerequisitesView(session);
  const logs = new LogDiagnostics((uri) => facts.logFacts(uri));
  const podLogs = new PodLogs(session, documents);
  const reports = new ReportPanels(context.extensionUri, session, diagnostics, logs);
  const bundles = new BundleCommands(session);
  const updateContextKeys = (): void => {
    void vscode.commands.executeCommand('setContext', 'rke2Calico.hasKubeconfig', session.kubeconfig() !== undefined);
    void vscode.commands.executeCommand('setContext', 'rke2Calico.running', session.state.running);
  };
  const treeView = vscode.window.createTreeView('rke2Calico.prerequisites', { treeDataProvider: view, showCollapseAll: true });
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
    'rke2Calico.openPodLogs': (node?: TreeNode) => podLogs.pickAndOpen(node),
    'rke2Calico.loadMoreLog': (uri: vscode.Uri) => podLogs.loadMore(uri),
    'rke2Calico.followLog': (uri: vscode.Uri) => podLogs.follow(uri),
    'rke2Calico.stopFollowLog': (uri: vscode.Uri) => {
      podLogs.stop(uri);
    },
    'rke2Calico.openNodeLog': openNodeLogCommand(documents),
    'rke2Calico.openBundle': () => bundles.open(),
    'rke2Calico.openBundleFolder': () => bundles.openFolder(),
    'rke2Calico.showReport': () => {
      reports.show();
    },
    'rke2Calico.scanAsLog': async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      const selection = editor.selection.isEmpty ? undefined : editor.selection;
      const scan = await logs.scan(editor.document, selection);
      vscode.window.setStatusBarMessage(`RKE2 Calico: ${scan?.findings.length ?? 0} known failure line(s) found`, 5000);
    },
    'rke2Calico.copyEvidence': copyEvidenceCommand(),
  };
  context.subscriptions.push(
    documents,
    session,
    facts,
    diagnostics,
    view,
    logs,
    podLogs,
    reports,
    bundles,
    vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, reports),
    vscode.languages.registerCodeLensProvider(LOG_FILES, new LogLenses(logs, podLogs)),
    vscode.languages.registerHoverProvider(LOG_FILES, new LogHovers(logs)),
    new StatusBar(session),
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, documents),
    treeView,
    checkWhenViewOpens(treeView, commands['rke2Calico.runCheck'] as () => Promise<void>),
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
  const fleet = registerFleet(context, view);
  const activationTiming = { loadMs: bundleLoadStart === undefined ? 0 : bundleEvaluated - bundleLoadStart, waitMs: activateStart - bundleEvaluated, activateMs: performance.now() - activateStart };
  return { readinessResults: () => session.state.results, activationTiming, ...fleet };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
