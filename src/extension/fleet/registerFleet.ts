import type * as vscode from 'vscode';
import type { FleetEntry } from '../../core/fleet/fleetOutcome';
import { openSettings } from '../openSettings';
import type { PrerequisitesView } from '../prerequisitesView';
import type { Services } from '../services';
import { FLEET_REPORT_VIEW_TYPE, FleetReportPanel } from './fleetReportPanel';
import { FleetSession } from './fleetSession';
import { FLEET_SETTINGS, fleetConfigured, readFleetSettings } from './fleetSettings';
import { FleetView } from './fleetView';
import { forgetRancherTokenCommand, RancherTokens, setRancherTokenCommand } from './rancherTokens';

/** What the fleet adds to the extension's exported API (read-only; used by its own integration tests). */
export interface FleetApi {
  readonly fleetResults: () => readonly FleetEntry[];
}

/**
 * The Fleet section, the fleet report and the Rancher token in SecretStorage; its commands are returned for
 * activate() to register through the one command wrapper. Nothing runs until "Check Fleet"; the section shows
 * once a Rancher URL or several contexts are configured.
 */
export function registerFleet(context: Pick<vscode.ExtensionContext, 'subscriptions' | 'extensionUri' | 'secrets'>, prerequisites: PrerequisitesView, { apis, config }: Services): { readonly api: FleetApi; readonly commands: Readonly<Record<string, () => unknown>> } {
  const tokens = new RancherTokens(context.secrets);
  const session = new FleetSession(tokens, apis.workspace, config);
  const view = new FleetView(session, prerequisites);
  const panel = new FleetReportPanel(apis, context.extensionUri, session);
  const updateContextKeys = (): void => {
    void apis.commands.executeCommand('setContext', 'rke2Calico.fleetConfigured', fleetConfigured(readFleetSettings(apis.workspace)));
    void apis.commands.executeCommand('setContext', 'rke2Calico.fleetRunning', session.state.running);
  };
  const rancherUrl = (): string | undefined => readFleetSettings(apis.workspace).rancherUrl;
  const commands: Record<string, () => unknown> = {
    'rke2Calico.checkFleet': async () => {
      // With no fleet configured the section is hidden: say so, rather than run nothing where nobody can see it.
      if (!fleetConfigured(readFleetSettings(apis.workspace))) {
        const choice = await apis.window.showInformationMessage('No fleet is configured: set rke2Calico.rancherUrl, or two or more contexts in rke2Calico.fleetContexts (["*"] for all).', 'Open Fleet Settings');
        if (choice) await openSettings(apis.commands, apis.env, 'rke2Calico.fleet rke2Calico.rancher');
        return;
      }
      await apis.window.withProgress({ location: { viewId: 'rke2Calico.fleet' }, title: 'Checking the fleet' }, () => session.run());
    },
    'rke2Calico.cancelFleet': () => {
      session.cancel();
    },
    'rke2Calico.showFleetReport': () => {
      panel.show();
    },
    'rke2Calico.setRancherToken': setRancherTokenCommand(apis.window, tokens, rancherUrl),
    'rke2Calico.forgetRancherToken': forgetRancherTokenCommand(apis.window, tokens, rancherUrl),
  };
  context.subscriptions.push(
    session,
    view,
    panel,
    apis.window.createTreeView('rke2Calico.fleet', { treeDataProvider: view, showCollapseAll: true }),
    apis.window.registerWebviewPanelSerializer(FLEET_REPORT_VIEW_TYPE, panel),
    session.onDidChange(updateContextKeys),
    apis.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('rke2Calico')) return;
      updateContextKeys();
      // The fleet's results belong to the fleet they were taken from: once it changes they are stale.
      if (FLEET_SETTINGS.some((name) => event.affectsConfiguration(name)) && session.state.rows.length > 0) session.markStale();
    }),
  );
  updateContextKeys();
  return {
    api: { fleetResults: () => session.state.rows.flatMap((row) => (row.outcome ? [{ target: row.target, outcome: row.outcome }] : [])) },
    commands,
  };
}
