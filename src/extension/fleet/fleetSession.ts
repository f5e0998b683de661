import * as vscode from 'vscode';
import type { ClusterOutcome, FleetEntry, FleetTarget } from '../../core/fleet/fleetOutcome';
import { buildFleetReport, type FleetReportJson } from '../../core/fleet/fleetReport';
import { runFleet } from '../../core/fleet/runFleet';
import { removeSecrets, withoutSecrets } from '../../core/report/withoutSecrets';
import { checkMember, fleetMembers, fleetTuning, type FleetSource } from '../../cluster/fleetTargets';
import { discoverKubeconfig } from '../../cluster/kubeconfigDiscovery';
import type { Config } from '../config';
import type { WorkspaceApis } from '../editorApis';
import { readFleetSettings } from './fleetSettings';
import type { RancherTokens } from './rancherTokens';

/** A cluster of the last fleet run: its outcome, or undefined while it is being checked. */
export interface FleetRow {
  readonly target: FleetTarget;
  readonly outcome: ClusterOutcome | undefined;
}

export interface FleetState {
  readonly running: boolean;
  readonly source: string | undefined;
  readonly rows: readonly FleetRow[];
  readonly error: string | undefined;
  readonly finishedAt: Date | undefined;
}

const EMPTY: FleetState = { running: false, source: undefined, rows: [], error: undefined, finishedAt: undefined };
/** The tree is refreshed at most this often while clusters finish (a fleet of hundreds finishes in bursts). */
const REFRESH_MS = 250;

/**
 * The fleet run of the editor: the same sources, checks and isolation as `check --rancher` / `--all-contexts`.
 * The Rancher token is read from SecretStorage for the run and taken out of everything the run keeps.
 */
export class FleetSession implements vscode.Disposable {
  private current: FleetState = EMPTY;
  private running: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<FleetState>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly tokens: RancherTokens,
    private readonly workspace: WorkspaceApis,
    private readonly config: Config,
  ) {}

  get state(): FleetState {
    return this.current;
  }

  /** The report of the finished clusters (worst first), as the CLI's JSON; undefined before any run. */
  report(): FleetReportJson | undefined {
    if (this.current.source === undefined) return undefined;
    const entries: FleetEntry[] = this.current.rows.flatMap((row) => (row.outcome ? [{ target: row.target, outcome: row.outcome }] : []));
    return buildFleetReport(this.current.source, entries);
  }

  private update(update: Partial<FleetState>, now = true): void {
    this.current = { ...this.current, ...update };
    if (now) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      this.changed.fire(this.current);
    } else {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.changed.fire(this.current);
      }, REFRESH_MS);
    }
  }

  private async source(): Promise<{ ok: true; source: FleetSource; secrets: string[] } | { ok: false; error: string }> {
    const fleet = readFleetSettings(this.workspace);
    if (fleet.rancherUrl !== undefined) {
      const token = await this.tokens.get(fleet.rancherUrl);
      if (token === undefined) return { ok: false, error: `No Rancher token for ${fleet.rancherUrl}: run "RKE2 Calico: Set Rancher Token…".` };
      return { ok: true, source: { kind: 'rancher', url: fleet.rancherUrl, token, caFile: fleet.rancherCaFile }, secrets: [token] };
    }
    const choice = discoverKubeconfig(this.config.settings.kubeconfig, 'setting');
    if (!choice) return { ok: false, error: 'No kubeconfig found for rke2Calico.fleetContexts (setting rke2Calico.kubeconfig, KUBECONFIG, ~/.kube/config).' };
    return { ok: true, source: { kind: 'contexts', choice, names: fleet.contexts }, secrets: [] };
  }

  /** Checks the fleet; a run still going is cancelled first. */
  async run(): Promise<void> {
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    const signal = controller.signal;
    this.update({ running: true, error: undefined });
    const settings = readFleetSettings(this.workspace);
    const chosen = await this.source();
    if (!chosen.ok) {
      this.finish(controller, { error: chosen.error });
      return;
    }
    const tuning = fleetTuning(this.config.settings.requestTimeoutSeconds * 1000);
    const listed = await fleetMembers(chosen.source, process.env, tuning, signal);
    if (!listed.ok) {
      this.finish(controller, { error: removeSecrets(listed.error, chosen.secrets) });
      return;
    }
    let rows: FleetRow[] = listed.members.map((member) => ({ target: member.target, outcome: undefined }));
    this.update({ source: listed.source, rows, finishedAt: undefined });
    await runFleet(listed.members, {
      parallel: settings.parallel,
      clusterTimeoutMs: settings.clusterTimeoutSeconds * 1000,
      signal,
      check: checkMember,
      onDone: (index, outcome) => {
        if (this.running !== controller) return;
        rows = rows.map((row, other) => (other === index ? { ...row, outcome: withoutSecrets(outcome, chosen.secrets) } : row));
        this.update({ rows }, false);
      },
    });
    this.finish(controller, signal.aborted ? { error: 'Cancelled: clusters not finished are shown as cancelled.' } : {});
  }

  private finish(controller: AbortController, update: Partial<FleetState>): void {
    if (this.running !== controller) return;
    this.running = undefined;
    this.update({ ...update, running: false, finishedAt: new Date() });
  }

  cancel(): void {
    this.running?.abort();
  }

  /** The fleet settings changed: the rows shown are another fleet's, so they go, with a word on what to do. */
  markStale(): void {
    this.running?.abort();
    this.running = undefined;
    this.update({ running: false, rows: [], source: undefined, finishedAt: undefined, error: 'The fleet settings changed: run "Check Fleet" for the fleet they name now.' });
  }

  dispose(): void {
    this.running?.abort();
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }
}
