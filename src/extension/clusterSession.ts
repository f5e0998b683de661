import * as vscode from 'vscode';
import type { CheckResult } from '../core/checks/checkResult';
import type { ClusterEvidence } from '../core/checks/clusterEvidence';
import { clusterIdentity } from '../core/checks/identityChecks';
import type { TimelineEntry } from '../core/checks/initTimeline';
import type { ClusterReader } from '../core/kube/clusterReader';
import { discoverKubeconfig, type KubeconfigChoice } from '../cluster/kubeconfigDiscovery';
import { loadGateway } from '../cluster/loadGateway';
import { readSettings } from './settings';

/** The last readiness run: results, the evidence behind them, and the init timeline if a watch recorded one. */
export interface SessionState {
  readonly running: boolean;
  readonly results: readonly CheckResult[];
  readonly evidence: ClusterEvidence | undefined;
  readonly timeline: readonly TimelineEntry[];
  readonly target: { readonly context: string; readonly server: string } | undefined;
  readonly error: string | undefined;
  readonly finishedAt: Date | undefined;
}

const EMPTY: SessionState = { running: false, results: [], evidence: undefined, timeline: [], target: undefined, error: undefined, finishedAt: undefined };

/**
 * The connection to one cluster and what was learnt from it. @kubernetes/client-node is loaded on the first call
 * that needs the cluster, never at activation. Reconnecting (new context or kubeconfig) drops the old reader.
 */
export class ClusterSession implements vscode.Disposable {
  private current: SessionState = EMPTY;
  private reader: { key: string; reader: ClusterReader; contexts: readonly string[] } | undefined;
  private running: AbortController | undefined;
  private readonly changed = new vscode.EventEmitter<SessionState>();
  readonly onDidChange = this.changed.event;

  get state(): SessionState {
    return this.current;
  }

  /** The kubeconfig that would be used, without reading it. */
  kubeconfig(): KubeconfigChoice | undefined {
    return discoverKubeconfig(readSettings().kubeconfig, 'setting');
  }

  /** The RKE2 version of the connected cluster, for the file diagnostics. */
  clusterRke2Version(): string | undefined {
    const evidence = this.current.evidence;
    return evidence ? clusterIdentity(evidence).rke2[0] : undefined;
  }

  /** Opens (or reuses) the reader for the configured kubeconfig and context. */
  async open(): Promise<{ ok: true; reader: ClusterReader; contexts: readonly string[] } | { ok: false; error: string }> {
    const choice = this.kubeconfig();
    if (!choice) return { ok: false, error: 'No kubeconfig found: set rke2Calico.kubeconfig, KUBECONFIG, ~/.kube/config, or run on an RKE2 server (/etc/rancher/rke2/rke2.yaml).' };
    const settings = readSettings();
    const key = `${choice.paths.join(':')}|${settings.context ?? ''}|${settings.requestTimeoutSeconds}`;
    if (this.reader?.key === key) return { ok: true, reader: this.reader.reader, contexts: this.reader.contexts };
    const gateway = await loadGateway();
    const opened = gateway.openCluster(choice, settings.context, { ...gateway.DEFAULT_TUNING, timeoutMs: settings.requestTimeoutSeconds * 1000 });
    if (!opened.ok) return opened;
    this.reader = { key, reader: opened.reader, contexts: opened.contexts };
    return { ok: true, reader: opened.reader, contexts: opened.contexts };
  }

  /** Forgets the reader so the next run reads the kubeconfig again. */
  reset(): void {
    this.reader = undefined;
  }

  /** Starts a run; an earlier one still going is cancelled first. Returns the signal of the new run. */
  begin(): AbortSignal {
    this.running?.abort();
    this.running = new AbortController();
    this.update({ running: true, error: undefined });
    return this.running.signal;
  }

  cancel(): void {
    this.running?.abort();
  }

  finish(update: Partial<SessionState>): void {
    this.running = undefined;
    this.update({ ...update, running: false, finishedAt: new Date() });
  }

  update(update: Partial<SessionState>): void {
    this.current = { ...this.current, ...update };
    this.changed.fire(this.current);
  }

  dispose(): void {
    this.running?.abort();
    this.changed.dispose();
  }
}
