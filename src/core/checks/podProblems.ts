import { condition, field, list, num, text, type Json } from '../kube/objectFields';

/** Waiting reasons that mean a container will not start on its own. */
export const STUCK_WAITING = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'CrashLoopBackOff', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);
export const PULL_WAITING = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName']);

export interface ContainerState {
  readonly container: string;
  readonly init: boolean;
  readonly image: string | undefined;
  readonly waiting: string | undefined;
  readonly message: string | undefined;
  readonly restarts: number;
  readonly lastTerminated: string | undefined;
}

/** Every container status of a pod, init containers first (kubelet reports them in status.initContainerStatuses). */
export function containerStates(pod: Json): ContainerState[] {
  const read = (status: Json, init: boolean): ContainerState => ({
    container: text(status, 'name') ?? '?',
    init,
    image: text(status, 'image'),
    waiting: text(status, 'state', 'waiting', 'reason'),
    message: text(status, 'state', 'waiting', 'message'),
    restarts: num(status, 'restartCount') ?? 0,
    lastTerminated: text(status, 'lastState', 'terminated', 'reason'),
  });
  return [...list(pod, 'status', 'initContainerStatuses').map((status) => read(status, true)), ...list(pod, 'status', 'containerStatuses').map((status) => read(status, false))];
}

/** The first container of a pod that is stuck waiting, init containers first, as `Init:ErrImagePull` reads in kubectl. */
export function stuckContainer(pod: Json): ContainerState | undefined {
  return containerStates(pod).find((state) => state.waiting !== undefined && STUCK_WAITING.has(state.waiting));
}

export function describeWaiting(state: ContainerState): string {
  return `${state.init ? 'Init:' : ''}${state.waiting ?? 'running'}`;
}

/** kubectl's READY and RESTARTS columns: ready containers of the pod's containers, and their restarts. */
export function podCounts(pod: Json): { readonly ready: string; readonly restarts: number } {
  const statuses = list(pod, 'status', 'containerStatuses');
  const containers = Math.max(list(pod, 'spec', 'containers').length, statuses.length);
  const ready = statuses.filter((status) => field(status, 'ready') === true).length;
  return { ready: `${ready}/${containers}`, restarts: statuses.reduce<number>((sum, status) => sum + (num(status, 'restartCount') ?? 0), 0) };
}

/** Why a Pending pod is not scheduled (PodScheduled=False, reason Unschedulable), or undefined. */
export function unschedulable(pod: Json): string | undefined {
  const scheduled = condition(pod, 'PodScheduled');
  if (scheduled?.status !== 'False') return undefined;
  return `${scheduled.reason ?? 'Unschedulable'}: ${scheduled.message ?? ''}`.trim();
}

/** kubectl's one-word view of a pod: the stuck container's reason (Init:… for init containers), else its phase. */
export function podState(pod: Json): string {
  const stuck = stuckContainer(pod);
  if (stuck) return describeWaiting(stuck);
  const waiting = containerStates(pod).find((state) => state.waiting !== undefined);
  return waiting ? describeWaiting(waiting) : (text(pod, 'status', 'phase') ?? '?');
}

/**
 * Whether the pod carries any status at all. The API server always sets a phase (Pending at least), so a pod without
 * one is a copy cut before its status: neither ready nor not ready.
 */
export function podStatusShown(pod: Json): boolean {
  // A container status without `ready` or `state` (the API always sends both) is an image line of a paste, not a state.
  const containerStateShown = list(pod, 'status', 'containerStatuses').some((status) => field(status, 'ready') !== undefined || field(status, 'state') !== undefined);
  return text(pod, 'status', 'phase') !== undefined || list(pod, 'status', 'conditions').length > 0 || containerStateShown;
}

/**
 * Whether a pod is Ready: its Ready condition where the API gave one; otherwise (a state rebuilt from `kubectl get
 * pods`, which prints READY 1/1 from the container statuses) every container ready, and at least one.
 */
export function podReady(pod: Json): boolean {
  const ready = condition(pod, 'Ready');
  if (ready) return ready.status === 'True';
  const containers = list(pod, 'status', 'containerStatuses');
  return text(pod, 'status', 'phase') === 'Running' && containers.length > 0 && containers.every((status) => field(status, 'ready') === true);
}
