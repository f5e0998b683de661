import { conditions, field, list, name, num, text, type Json } from './objectFields';

/**
 * `kubectl describe`, read-only and short: what an object is, the state that matters for its kind (a pod's containers
 * with ready, restarts, waiting reason and last termination; a workload's replicas; every kind's conditions) and its
 * events, oldest first. Secrets are never described, so nothing here can hold a credential.
 */
export function describeText(object: Json, events: readonly Json[]): string {
  const lines: string[] = [];
  const labels = Object.entries((field(object, 'metadata', 'labels') ?? {}) as Record<string, unknown>).map(([key, value]) => `${key}=${String(value)}`);
  lines.push(`Name:       ${name(object)}`);
  const namespace = text(object, 'metadata', 'namespace');
  if (namespace) lines.push(`Namespace:  ${namespace}`);
  lines.push(`Kind:       ${text(object, 'kind') ?? '?'}`, `Labels:     ${labels.length > 0 ? labels.join(', ') : '<none>'}`, `Created:    ${text(object, 'metadata', 'creationTimestamp') ?? '?'}`);
  const deleting = text(object, 'metadata', 'deletionTimestamp');
  if (deleting) lines.push(`Deleting:   since ${deleting} (finalizers: ${list(object, 'metadata', 'finalizers').map(String).join(', ') || 'none'})`);
  lines.push(...kindState(object));
  const stated = conditions(object);
  if (stated.length > 0) {
    lines.push('', 'Conditions:');
    for (const entry of stated) lines.push(`  ${entry.type}=${entry.status}${entry.reason ? ` (${entry.reason})` : ''}${entry.message ? `: ${entry.message}` : ''}`);
  }
  lines.push('', 'Events:');
  if (events.length === 0) lines.push('  <none>');
  const ordered = [...events].sort((a, b) => eventTime(a).localeCompare(eventTime(b)));
  for (const event of ordered) {
    const count = num(event, 'count') ?? num(event, 'series', 'count');
    lines.push(`  ${eventTime(event) || '?'}  ${text(event, 'type') ?? '?'}  ${text(event, 'reason') ?? '?'}${count && count > 1 ? ` (x${count})` : ''}  ${text(event, 'source', 'component') ?? text(event, 'reportingComponent') ?? ''}: ${text(event, 'message') ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function eventTime(event: Json): string {
  return text(event, 'lastTimestamp') ?? text(event, 'eventTime') ?? text(event, 'metadata', 'creationTimestamp') ?? '';
}

function kindState(object: Json): string[] {
  switch (text(object, 'kind')) {
    case 'Pod':
      return podState(object);
    case 'DaemonSet':
      return ['', `Desired: ${num(object, 'status', 'desiredNumberScheduled') ?? '?'}, ready: ${num(object, 'status', 'numberReady') ?? '?'}, updated: ${num(object, 'status', 'updatedNumberScheduled') ?? '?'}, unavailable: ${num(object, 'status', 'numberUnavailable') ?? 0}`];
    case 'Deployment':
      return ['', `Replicas: ${num(object, 'spec', 'replicas') ?? 1} desired, ${num(object, 'status', 'readyReplicas') ?? 0} ready, ${num(object, 'status', 'updatedReplicas') ?? 0} updated, ${num(object, 'status', 'unavailableReplicas') ?? 0} unavailable`];
    default:
      return [];
  }
}

function podState(pod: Json): string[] {
  const lines = ['', `Node:       ${text(pod, 'spec', 'nodeName') ?? '<not scheduled>'}`, `Phase:      ${text(pod, 'status', 'phase') ?? '?'}`];
  const statuses = [...list(pod, 'status', 'initContainerStatuses').map((status) => ({ status, init: true })), ...list(pod, 'status', 'containerStatuses').map((status) => ({ status, init: false }))];
  if (statuses.length > 0) lines.push('Containers:');
  for (const { status, init } of statuses) {
    const waiting = text(status, 'state', 'waiting', 'reason');
    const running = field(status, 'state', 'running') !== undefined;
    const terminated = text(status, 'state', 'terminated', 'reason');
    const state = waiting ? `Waiting (${waiting})${text(status, 'state', 'waiting', 'message') ? `: ${text(status, 'state', 'waiting', 'message') ?? ''}` : ''}` : running ? 'Running' : terminated ? `Terminated (${terminated})` : '?';
    const last = text(status, 'lastState', 'terminated', 'reason');
    const exit = num(status, 'lastState', 'terminated', 'exitCode');
    lines.push(`  ${init ? 'init ' : ''}${text(status, 'name') ?? '?'}: ${state}, ready ${field(status, 'ready') === true ? 'yes' : 'no'}, restarts ${num(status, 'restartCount') ?? 0}${last ? `, last terminated: ${last}${exit !== undefined ? ` (exit ${exit})` : ''}` : ''}`, `    image ${text(status, 'image') ?? '?'}`);
  }
  return lines;
}
