import * as vscode from 'vscode';
import type { FleetEntry } from '../../core/fleet/fleetOutcome';
import type { PrerequisitesView } from '../prerequisitesView';
import { FLEET_REPORT_VIEW_TYPE, FleetReportPanel } from './fleetReportPanel';
import { FleetSession } from './fleetSession';
import { fleetConfigured, readFleetSettings } from './fleetSettings';
import { FleetView } from './fleetView';
import { forgetRancherTokenCommand, RancherTokens, setRancherTokenCommand } from './rancherTokens';

/** What the fleet adds to the extension's exported API (read-only; used by its own integration tests). */
export interface FleetApi {
  readonly fleetResults: () => readonly FleetEntry[];
}

/**
 * The Fleet section, its commands, the fleet report and the Rancher token in SecretStorage. Nothing runs until
 * "Check Fleet"; the section shows once a Rancher URL or several contexts are configured.
 */
export function registerFleet(context: vscode.ExtensionContext, prerequisites: PrerequisitesView): FleetApi {
  const tokens = new RancherTokens(context.secrets);
  const session = new FleetSession(tokens);
  const view = new FleetView(session, prerequisites);
  const panel = new FleetReportPanel(context.extensionUri, session);
  const updateContextKeys = (): void => {
    void vscode.commands.executeCommand('setContext', 'rke2Calico.fleetConfigured', fleetConfigured(readFleetSettings()));
    void vscode.commands.executeCommand('setContext', 'rke2Calico.fleetRunning', session.state.running);
  };
  const rancherUrl = (): string | undefined => readFleetSettings().rancherUrl;
  const commands: Record<string, () => unknown> = {
    'rke2Calico.checkFleet': () => vscode.window.withProgress({ location: { viewId: 'rke2Calico.fleet' }, title: 'Checking the fleet' }, () => session.run()),
    'rke2Calico.cancelFleet': () => {
      session.cancel();
    },
    'rke2Calico.showFleetReport': () => {
      panel.show();
    },
    'rke2Calico.setRancherToken': setRancherTokenCommand(tokens, rancherUrl),
    'rke2Calico.forgetRancherToken': forgetRancherTokenCommand(tokens, rancherUrl),
  };
  context.subscriptions.push(
    session,
    view,
    panel,
    vscode.window.createTreeView('rke2Calico.fleet', { treeDataProvider: view, showCollapseAll: true }),
    vscode.window.registerWebviewPanelSerializer(FLEET_REPORT_VIEW_TYPE, panel),
    ...Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
    session.onDidChange(updateContextKeys),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('rke2Calico')) updateContextKeys();
    }),
  );
  updateContextKeys();
  return {
    fleetResults: () => session.state.rows.flatMap((row) => (row.outcome ? [{ target: row.target, outcome: row.outcome }] : [])),
  };
}
