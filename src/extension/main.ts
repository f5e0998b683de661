import * as vscode from 'vscode';
import type { CheckResult } from '../core/checks/checkResult';
import { redactingLogger } from '../core/log/logger';
import { ClusterSession } from './clusterSession';
import { registerCommands, guardCommand, type CommandHandler } from './commandRunner';
import { copyEvidenceCommand } from './commands/copyEvidence';
import { explainConnectionCommand } from './commands/explainConnection';
import { lookUpVersionCommand } from './commands/lookUpVersion';
import { BundleCommands } from './commands/openBundle';
import { checkWhenViewOpens } from './checkWhenViewOpens';
import { describeObjectCommand } from './commands/describeObject';
import { openObjectCommand } from './commands/openObject';
import { pickKubeconfigCommand } from './commands/pickKubeconfig';
import { runCheckCommand } from './commands/runCheck';
import { selectContextCommand } from './commands/selectContext';
import { watchInitCommand } from './commands/watchInit';
import { Config } from './config';
import { vscodeEditorApis, type EditorApis } from './editorApis';
import { FileDiagnostics } from './fileDiagnostics';
import { registerFleet, type FleetApi } from './fleet/registerFleet';
import { Hovers } from './hovers';
import { LogDiagnostics } from './logDiagnostics';
import { LogHovers } from './logHovers';
import { LogLenses } from './logLenses';
import { OPEN_SETTINGS_COMMAND, SHOW_LOGS_COMMAND } from './nextSteps';
import { openNodeLogCommand } from './nodeLogs';
import { openSettings } from './openSettings';
import { Notifier } from './notifier';
import { PodLogs } from './podLogs';
import { ClusterWorkloadSource } from './policy/clusterWorkloads';
import { PrerequisitesView, type TreeNode } from './prerequisitesView';
import { QuickFixes } from './quickFixes';
import { REPORT_SCHEME, ReportDocuments } from './reportDocuments';
import { REPORT_VIEW_TYPE, ReportPanels } from './reportPanel';
import type { Services } from './services';
import { ResultSources } from './resultSources';
import { StatusBar } from './statusBar';
import { WorkspaceFacts } from './workspaceFacts';
import { WorkspaceLint } from './workspaceLint';

/** publisher.name in package.json. */
const EXTENSION_ID = 'rke2-calico-diagnostics.rke2-calico-diagnostics';
const YAML_FILES: vscode.DocumentSelector = [{ language: 'yaml' }];
const LOG_FILES: vscode.DocumentSelector = [{ language: 'rke2-calico-log' }, { language: 'log' }, { pattern: '**/*.log' }];

/** What the extension exports under ExtensionMode.Test only: read-only views of its state, for its own tests. */
export interface ProductApi extends FleetApi {
  readonly readinessResults: () => readonly CheckResult[];
  /** The top rows of the prerequisites tree, as labels: one root per source when a bundle is open. */
  readonly treeRoots: () => readonly string[];
  /** The results of the open support bundle (empty when none is open). */
  readonly bundleResults: () => readonly CheckResult[];
  /** The connection problem the tree shows, if any: its kind and next steps. */
  readonly connectionProblem: () => { readonly kind: string; readonly steps: readonly string[]; readonly message: string | undefined } | undefined;
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
 * this bundle. The log comes first, so everything after it can write to it.
 */
export function activate(context: vscode.ExtensionContext): ProductApi | undefined {
  return activateWith(context, vscodeEditorApis());
}

/** What activation uses of its ExtensionContext. */
export type ActivationContext = Pick<vscode.ExtensionContext, 'subscriptions' | 'extensionUri' | 'extensionMode' | 'secrets'>;

/** activate() over a given seam: unit tests activate the whole extension on a FakeEditor. */
export function activateWith(context: ActivationContext, apis: EditorApis): ProductApi | undefined {
  const activateStart = performance.now();
  const channel = apis.window.createLogChannel('RKE2 Calico');
  const log = redactingLogger(channel);
  const showLogs = (): void => {
    channel.show(true);
  };
  const notifier = new Notifier(apis.window, apis.commands, log, showLogs);
  const config = new Config(apis.workspace, log);
  const documents = new ReportDocuments();
  const session = new ClusterSession(config, log);
  const sources = new ResultSources(session);
  const services: Services = { apis, config, session, sources, log, notifier, documents };
  const facts = new WorkspaceFacts(apis.workspace, config, () => session.clusterRke2Version());
  const workloads = new ClusterWorkloadSource(session, log);
  const diagnostics = new FileDiagnostics(apis.workspace, apis.languages, facts, log, workloads);
  const view = new PrerequisitesView(sources);
  const logs = new LogDiagnostics(apis.workspace, apis.languages, log, (uri) => facts.logFacts(uri));
  const podLogs = new PodLogs(services);
  const reports = new ReportPanels(services, context.extensionUri, diagnostics, logs, workloads);
  const bundles = new BundleCommands(services);
  const updateContextKeys = (): void => {
    void apis.commands.executeCommand('setContext', 'rke2Calico.hasKubeconfig', session.kubeconfig() !== undefined);
    void apis.commands.executeCommand('setContext', 'rke2Calico.running', session.state.running);
    // The walkthrough ticks its steps on these too: a check that ran when the view opened counts as run.
    if (session.state.finishedAt !== undefined && session.state.target !== undefined) void apis.commands.executeCommand('setContext', 'rke2Calico.checkHasRun', true);
  };
  const treeView = apis.window.createTreeView('rke2Calico.prerequisites', { treeDataProvider: view, showCollapseAll: true });
  const fleet = registerFleet(context, view, services);
  const runCheck = runCheckCommand(services);
  const commands: Record<string, CommandHandler> = {
    [SHOW_LOGS_COMMAND]: showLogs,
    [OPEN_SETTINGS_COMMAND]: () => openSettings(apis.commands, apis.env, `@ext:${EXTENSION_ID}`),
    'rke2Calico.lookUpVersion': lookUpVersionCommand(services),
    'rke2Calico.runCheck': runCheck,
    'rke2Calico.refresh': runCheck,
    'rke2Calico.watchInit': watchInitCommand(services),
    'rke2Calico.cancel': () => {
      session.cancel();
    },
    'rke2Calico.selectContext': selectContextCommand(services),
    'rke2Calico.pickKubeconfig': pickKubeconfigCommand(services),
    'rke2Calico.openObject': openObjectCommand(services),
    'rke2Calico.describeObject': describeObjectCommand(services),
    // The status bar's click: the view, with the first root cause (or failing check) selected.
    'rke2Calico.revealProblem': async () => {
      await apis.commands.executeCommand('workbench.view.extension.rke2Calico');
      const problem = view.firstProblem();
      if (problem) await treeView.reveal(problem, { select: true, focus: true, expand: true });
    },
    'rke2Calico.openPodLogs': (node?: TreeNode) => podLogs.pickAndOpen(node),
    'rke2Calico.loadMoreLog': (uri: vscode.Uri) => podLogs.loadMore(uri),
    'rke2Calico.followLog': (uri: vscode.Uri) => podLogs.follow(uri),
    'rke2Calico.stopFollowLog': (uri: vscode.Uri) => {
      podLogs.stop(uri);
    },
    'rke2Calico.openNodeLog': openNodeLogCommand(services),
    // The Explorer's context menu passes the file it was opened on (and the selection after it).
    'rke2Calico.openBundle': (uri?: vscode.Uri, selected?: readonly vscode.Uri[]) => bundles.open(selected && selected.length > 0 ? selected : uri),
    'rke2Calico.openBundleFolder': () => bundles.openFolder(),
    'rke2Calico.closeBundle': () => {
      bundles.close();
    },
    'rke2Calico.showReport': () => {
      reports.show();
    },
    'rke2Calico.scanAsLog': async () => {
      const editor = apis.window.activeTextEditor;
      if (!editor) return;
      const selection = editor.selection.isEmpty ? undefined : editor.selection;
      const scan = await logs.scan(editor.document, selection);
      apis.window.setStatusBarMessage(`RKE2 Calico: ${scan?.findings.length ?? 0} known failure line(s) found`, 5000);
    },
    'rke2Calico.copyEvidence': copyEvidenceCommand(services),
    'rke2Calico.explainConnection': explainConnectionCommand(services),
    ...fleet.commands,
  };
  context.subscriptions.push(
    channel,
    config,
    documents,
    session,
    sources,
    facts,
    diagnostics,
    // The workspace's RKE2 files reach Problems unopened: a while after activation, on the lint worker.
    new WorkspaceLint(apis.workspace, config, facts, diagnostics, log),
    view,
    logs,
    podLogs,
    reports,
    bundles,
    apis.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, reports),
    apis.languages.registerCodeLensProvider(LOG_FILES, new LogLenses(logs, podLogs)),
    apis.languages.registerHoverProvider(LOG_FILES, new LogHovers(logs)),
    new StatusBar(sources, apis.window),
    apis.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, documents),
    treeView,
    checkWhenViewOpens(treeView, config, guardCommand('rke2Calico.runCheck', runCheck, notifier, log)),
    apis.languages.registerCodeActionsProvider(YAML_FILES, new QuickFixes(diagnostics), QuickFixes.metadata),
    apis.languages.registerHoverProvider(YAML_FILES, new Hovers(diagnostics)),
    ...registerCommands(apis.commands, commands, notifier, log),
    sources.bundle.onDidChange(() => {
      void apis.commands.executeCommand('setContext', 'rke2Calico.hasBundle', sources.hasBundle());
    }),
    session.onDidChange((state) => {
      updateContextKeys();
      treeView.message = view.message() ?? '';
      if (!state.running && state.evidence) {
        workloads.forget();
        facts.notifyChanged();
      }
    }),
    config.onDidChange((change) => {
      if (change.reconnect) {
        session.reset();
        workloads.forget();
        updateContextKeys();
      }
      // The workspace facts are gathered again (configFiles, trust), which lints the open files again.
      if (change.relint) facts.refresh();
    }),
  );
  updateContextKeys();
  const activationTiming = { loadMs: bundleLoadStart === undefined ? 0 : bundleEvaluated - bundleLoadStart, waitMs: activateStart - bundleEvaluated, activateMs: performance.now() - activateStart };
  log.info(`activated in ${activationTiming.activateMs.toFixed(1)} ms (bundle evaluated in ${activationTiming.loadMs.toFixed(1)} ms)`);
  // Only the extension's own tests see its state; other extensions get nothing to depend on.
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return {
    readinessResults: () => session.state.results,
    treeRoots: () => view.getChildren().map((node) => treeLabel(view.getTreeItem(node))),
    bundleResults: () => sources.bundle.state.results,
    connectionProblem: () => {
      const problem = session.state.problem;
      return problem ? { kind: problem.kind, steps: [...problem.steps], message: view.message() } : undefined;
    },
    activationTiming,
    ...fleet.api,
  };
}

function treeLabel(item: vscode.TreeItem): string {
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  return typeof item.description === 'string' && item.description !== '' ? `${label} — ${item.description}` : label;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
