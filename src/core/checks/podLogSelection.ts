import type { ApiResult } from '../kube/apiResult';
import type { ListResult } from '../kube/clusterReader';
import { list, name, num, text, type Json } from '../kube/objectFields';
import { CALICO_CHARTS, CALICO_NAMESPACE, HELM_NAMESPACE } from './calicoObjects';

/** Why a pod log is read: which check scans it. */
export type PodLogPurpose = 'kube-controllers' | 'typha' | 'helm-install';

export interface PodLogRequest {
  readonly purpose: PodLogPurpose;
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly tailLines: number;
  /** The node the pod runs on (spec.nodeName), so what its log says can be linked to that node. */
  readonly node?: string;
  /** Read the previous (last terminated) instance: a helm-install pod that restarted in place (OnFailure). */
  readonly previous?: boolean;
}

export interface PodLogEvidence extends PodLogRequest {
  readonly text: ApiResult<string>;
}

const TAIL_LINES: Record<PodLogPurpose, number> = { 'kube-controllers': 500, typha: 300, 'helm-install': 200 };

/** Restarts of a pod's containers (init containers included). */
export function podRestarts(pod: Json): number {
  return [...list(pod, 'status', 'initContainerStatuses'), ...list(pod, 'status', 'containerStatuses')].reduce<number>((sum, status) => sum + (num(status, 'restartCount') ?? 0), 0);
}

/** The most recently created pod; undefined for none. */
function newest(pods: readonly Json[]): Json {
  return [...pods].sort((a, b) => (text(b, 'metadata', 'creationTimestamp') ?? '').localeCompare(text(a, 'metadata', 'creationTimestamp') ?? ''))[0];
}

function nodeOf(pod: Json): { node?: string } {
  const node = text(pod, 'spec', 'nodeName');
  return node ? { node } : {};
}

function firstContainer(pod: Json, fallback: string): string {
  return text(list(pod, 'spec', 'containers')[0], 'name') ?? fallback;
}

/**
 * The few logs worth a request each: calico-kube-controllers and one calico-typha (the Calico service accounts whose
 * 401/403s show RBAC regressions and the #7808 race), and the newest failed helm-install pod of each Calico chart
 * (its Helm error names an upgrade that went wrong). At most four reads, whatever the cluster size.
 */
export function podLogsToRead(controlPlane: ApiResult<ListResult> | undefined, helmPods: ApiResult<ListResult> | undefined): PodLogRequest[] {
  const wanted: PodLogRequest[] = [];
  const add = (purpose: PodLogPurpose, namespace: string, pod: Json, container: string): void => {
    if (pod !== undefined) wanted.push({ purpose, namespace, pod: name(pod), container: firstContainer(pod, container), tailLines: TAIL_LINES[purpose], ...nodeOf(pod) });
  };
  if (controlPlane?.kind === 'ok') {
    const byApp = (app: string): Json[] => controlPlane.value.items.filter((pod) => text(pod, 'metadata', 'labels', 'k8s-app') === app);
    // calico-system for an operator install, kube-system for a manifest install: the pod says.
    const inItsNamespace = (purpose: PodLogPurpose, pod: Json, container: string): void => add(purpose, text(pod, 'metadata', 'namespace') ?? CALICO_NAMESPACE, pod, container);
    inItsNamespace('kube-controllers', newest(byApp('calico-kube-controllers')), 'calico-kube-controllers');
    inItsNamespace('typha', newest(byApp('calico-typha')), 'calico-typha');
  }
  if (helmPods?.kind === 'ok') {
    for (const chart of CALICO_CHARTS) {
      const ofChart = helmPods.value.items.filter((pod) => text(pod, 'metadata', 'labels', 'job-name') === `helm-install-${chart}`);
      const failed = newest(ofChart.filter((pod) => text(pod, 'status', 'phase') === 'Failed'));
      if (failed !== undefined) {
        add('helm-install', HELM_NAMESPACE, failed, 'helm');
        continue;
      }
      // helm-controller's Jobs use restartPolicy OnFailure: a failing install restarts in place, so the pod stays
      // Running or Pending with restarts, and the failed attempt's log is the previous instance's.
      const restarted = newest(ofChart.filter((pod) => podRestarts(pod) > 0));
      if (restarted !== undefined) wanted.push({ purpose: 'helm-install', namespace: HELM_NAMESPACE, pod: name(restarted), container: firstContainer(restarted, 'helm'), tailLines: TAIL_LINES['helm-install'], ...nodeOf(restarted), previous: true });
    }
  }
  return wanted;
}
