import { clusterIdentity } from '../core/checks/identityChecks';
import { describeRequest } from '../core/kube/requestEvent';
import type { Logger } from '../core/log/logger';
import { describeKubeconfigChoice, discoverKubeconfig, type KubeconfigChoice } from '../cluster/kubeconfigDiscovery';
import type { OpenResult } from '../cluster/kubeGateway';
import { loadGateway } from '../cluster/loadGateway';
import type { Config } from './config';
import { RunState } from './runState';

/** Re-exported: the commands and tests name the session's state by these. */
export type { RunUpdate, SessionRun, SessionState } from './runState';

/**
 * The connection to one cluster and what was learnt from it. @kubernetes/client-node is loaded on the first call
 * that needs the cluster, never at activation. Reconnecting (new context or kubeconfig) drops the old reader; every
 * request the reader makes is logged.
 */
export class ClusterSession extends RunState {
  private reader: { readonly key: string; readonly opened: Extract<OpenResult, { ok: true }> } | undefined;
  constructor(
    private readonly config: Config,
    private readonly log: Logger,
    private readonly gateway: () => Promise<Pick<typeof import('../cluster/kubeGateway'), 'openCluster' | 'DEFAULT_TUNING'>> = loadGateway,
    private readonly environment: NodeJS.ProcessEnv = process.env,
  ) {
    super();
  }

  /** The kubeconfig that would be used, without reading it. */
  kubeconfig(): KubeconfigChoice | undefined {
    return discoverKubeconfig(this.config.settings.kubeconfig, 'setting', this.environment);
  }

  /** The RKE2 version of the connected cluster, for the file diagnostics. */
  clusterRke2Version(): string | undefined {
    const evidence = this.state.evidence;
    return evidence ? clusterIdentity(evidence).rke2[0] : undefined;
  }

  /** Opens (or reuses) the reader for the configured kubeconfig, context and timeout. */
  async open(): Promise<OpenResult> {
    const settings = this.config.settings;
    const choice = this.kubeconfig();
    const key = choice ? `${choice.paths.join(':')}|${settings.context ?? ''}|${settings.requestTimeoutSeconds}` : '';
    if (choice && this.reader?.key === key) return this.reader.opened;
    const opened = await this.openAt(choice, settings.context);
    if (opened.ok) this.reader = { key, opened };
    return opened;
  }

  /**
   * The kubeconfig's contexts, opened at its current context whatever the setting says: Select Context must work
   * when the setting names a context the kubeconfig lacks.
   */
  contexts(): Promise<OpenResult> {
    return this.openAt(this.kubeconfig(), undefined);
  }

  private async openAt(choice: KubeconfigChoice | undefined, context: string | undefined): Promise<OpenResult> {
    if (!choice) {
      const error = 'no kubeconfig was found: the setting rke2Calico.kubeconfig is empty, KUBECONFIG names no existing file, and there is neither ~/.kube/config nor /etc/rancher/rke2/rke2.yaml';
      this.log.warn(error);
      return { ok: false, kind: 'no-kubeconfig', error };
    }
    this.log.info(describeKubeconfigChoice(choice));
    const gateway = await this.gateway();
    const timeoutMs = this.config.settings.requestTimeoutSeconds * 1000;
    const opened = gateway.openCluster(choice, context, { ...gateway.DEFAULT_TUNING, timeoutMs, observer: (event) => this.log.info(describeRequest(event)) });
    if (!opened.ok) {
      this.log.error(`cannot open the cluster (${opened.kind}): ${opened.error}`);
      return opened;
    }
    this.log.info(`context ${opened.context}${context ? ' (setting rke2Calico.context)' : ' (the current context)'} of ${opened.contexts.length} (${opened.contexts.join(', ')}), server ${opened.reader.identity.server}`);
    return opened;
  }

  /** Forgets the reader so the next run reads the kubeconfig again. */
  reset(): void {
    if (this.reader) this.log.info('connection dropped: the next run opens the kubeconfig again');
    this.reader = undefined;
  }
}
