import type { ClusterWorkloads } from '../../core/policy/policyFileLint';
import { describeFailure } from '../../core/kube/apiResult';
import type { Logger } from '../../core/log/logger';
import type { ClusterSession } from '../clusterSession';

/** A namespace's pods are read again after this long (policy files are edited far more often than pods change). */
const FRESH_MS = 60_000;
/** A namespace with more pods than this is not judged: its list would be cut, and "selects nothing" could be wrong. */
const MAX_PODS = 5000;

interface NamespaceWorkloads {
  readonly objects: readonly unknown[];
  readonly complete: boolean;
}

/**
 * The workloads of the connected cluster that policy diagnostics judge selectors against: for each namespace a
 * policy file names, its pods (one namespace-scoped list) and its Namespace (one GET), never every pod of the
 * cluster. "Connected" is a readiness run that reached the cluster; before that, no read is made. A namespace whose
 * pods cannot be read completely is left unjudged.
 */
export class ClusterWorkloadSource {
  private readonly cache = new Map<string, { readonly at: number; readonly value: Promise<NamespaceWorkloads> }>();

  constructor(
    private readonly session: ClusterSession,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async workloads(namespaces: readonly string[]): Promise<ClusterWorkloads | undefined> {
    if (namespaces.length === 0 || this.session.state.evidence === undefined) return undefined;
    const opened = await this.session.open();
    if (!opened.ok) return undefined;
    const reader = opened.reader;
    const read = async (namespace: string): Promise<NamespaceWorkloads> => {
      const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}`;
      const [pods, object] = await Promise.all([reader.list(`${path}/pods`, { limit: 500, maxItems: MAX_PODS }), reader.get(path)]);
      if (pods.kind !== 'ok' || pods.value.truncated) {
        this.log.info(`policy diagnostics: selectors in ${namespace} not judged: ${pods.kind === 'ok' ? `more than ${MAX_PODS} pods` : `unknown: ${describeFailure(pods)}`}`);
        return { objects: [], complete: false };
      }
      const podObjects = pods.value.items.map((item) => ({ apiVersion: 'v1', kind: 'Pod', ...(item as object) }));
      return { objects: [...podObjects, ...(object.kind === 'ok' ? [{ apiVersion: 'v1', kind: 'Namespace', ...(object.value as object) }] : [])], complete: true };
    };
    const now = this.now();
    const answers = await Promise.all(namespaces.map(async (namespace) => {
      let entry = this.cache.get(namespace);
      if (!entry || now - entry.at > FRESH_MS) {
        entry = { at: now, value: read(namespace) };
        this.cache.set(namespace, entry);
      }
      return { namespace, workloads: await entry.value };
    }));
    const complete = answers.filter((answer) => answer.workloads.complete);
    return complete.length === 0 ? undefined : { objects: complete.flatMap((answer) => answer.workloads.objects), namespaces: complete.map((answer) => answer.namespace) };
  }

  /** After a new readiness run or a reconnect, pods are read again. */
  forget(): void {
    this.cache.clear();
  }
}
