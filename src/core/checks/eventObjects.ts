import { text, type Json } from '../kube/objectFields';
import { PATHS } from './calicoObjects';
import type { ObjectRef } from './checkResult';

/**
 * The pod a kubelet event is about, on the node whose kubelet reported it (core/v1 `source.host`, events.k8s.io
 * `reportingInstance`), so a finding built from events can be linked to other findings about that pod or node.
 * Undefined when the event is not about a pod.
 */
export function eventPodRef(event: Json, condition: string): ObjectRef | undefined {
  if (text(event, 'involvedObject', 'kind') !== 'Pod') return undefined;
  const namespace = text(event, 'involvedObject', 'namespace') ?? '';
  const pod = text(event, 'involvedObject', 'name');
  if (pod === undefined) return undefined;
  const node = text(event, 'source', 'host') ?? text(event, 'reportingInstance');
  return { kind: 'Pod', namespace, name: pod, path: PATHS.pod(namespace, pod), ...(node ? { node } : {}), condition };
}
