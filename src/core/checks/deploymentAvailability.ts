import { condition, num, type Json } from '../kube/objectFields';

/**
 * Whether a Deployment is available: its Available condition where the deployment controller has written one;
 * otherwise (a Deployment rebuilt from `kubectl get deploy`'s READY column, a support bundle's table) its ready
 * replicas against the replicas it wants, which is what the controller derives the condition from. Undefined when
 * the object carries neither.
 */
export function deploymentAvailable(deployment: Json): boolean | undefined {
  const available = condition(deployment, 'Available');
  const ready = num(deployment, 'status', 'readyReplicas');
  if (available !== undefined) return available.status === 'True' && (ready ?? 0) > 0;
  if (ready === undefined) return num(deployment, 'status', 'replicas') === undefined ? undefined : false;
  return ready > 0 && ready >= (num(deployment, 'spec', 'replicas') ?? 1);
}
