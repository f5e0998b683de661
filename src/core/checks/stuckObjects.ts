import { list, name, text, type Json } from '../kube/objectFields';
import { PATHS } from './calicoObjects';
import { result, unknownFrom, type CheckDefinition, type CheckResult, type ObjectRef } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';

export const STUCK_CHECK: CheckDefinition = { id: 'operator.stuck-deletion', area: 'Operator', title: 'Calico objects in deletion' };

/** Past this, a deletion the operator should have finished is stuck rather than in progress. */
const STUCK_AFTER_SECONDS = 600;

interface Deleting {
  readonly what: string;
  readonly since: string;
  readonly finalizers: readonly string[];
  readonly seconds: number | undefined;
}

function deleting(object: Json, what: string, now: number): Deleting | undefined {
  const since = text(object, 'metadata', 'deletionTimestamp');
  if (since === undefined) return undefined;
  const finalizers = list(object, 'metadata', 'finalizers').filter((entry): entry is string => typeof entry === 'string');
  const at = Date.parse(since);
  return { what, since, finalizers, seconds: Number.isNaN(at) ? undefined : Math.round((now - at) / 1000) };
}

/**
 * An Installation or TigeraStatus with a deletionTimestamp is waiting for its finalizers (tigera.io/operator-cleanup
 * and the operator's controller finalizers); the operator removes them once it has cleaned up. Removing them by
 * hand leaves resources behind (projectcalico/calico#9066).
 */
export function checkStuckDeletion(evidence: ClusterEvidence): CheckResult {
  if (evidence.installation.kind !== 'ok' && evidence.installation.kind !== 'not-found') return unknownFrom(STUCK_CHECK, 'Installation default', evidence.installation);
  const now = Date.parse(evidence.collectedAt);
  const found: Deleting[] = [];
  const objects: ObjectRef[] = [];
  if (evidence.installation.kind === 'ok') {
    const entry = deleting(evidence.installation.value, 'Installation default', now);
    if (entry) {
      found.push(entry);
      objects.push({ kind: 'Installation', name: 'default', path: PATHS.installation });
    }
  }
  if (evidence.tigeraStatuses.kind === 'ok') {
    for (const status of evidence.tigeraStatuses.value.items) {
      const entry = deleting(status, `TigeraStatus ${name(status)}`, now);
      if (entry) found.push(entry);
    }
  }
  const lines = found.map((entry) => `${entry.what}: deletionTimestamp ${entry.since}${entry.seconds !== undefined ? ` (${entry.seconds} s ago)` : ''}, finalizers: ${entry.finalizers.join(', ') || 'none'}`);
  if (evidence.tigeraStatuses.kind !== 'ok') lines.push(`TigeraStatus: not read (${evidence.tigeraStatuses.kind})`);
  if (found.length === 0) {
    // Without the operator's API at all (a manifest install), there is no TigeraStatus to be stuck.
    if (evidence.tigeraStatuses.kind !== 'ok' && !(evidence.tigeraStatuses.kind === 'not-found' && evidence.installation.kind === 'not-found')) return unknownFrom(STUCK_CHECK, 'TigeraStatus', evidence.tigeraStatuses);
    return result(STUCK_CHECK, 'pass', evidence.installation.kind === 'ok' ? 'Installation and TigeraStatus are not being deleted' : 'No Calico object is being deleted (Installation default does not exist)', lines);
  }
  const stuck = found.filter((entry) => entry.seconds === undefined || entry.seconds > STUCK_AFTER_SECONDS);
  const remediation =
    'Read the tigera-operator log: it removes its finalizers once cleanup is done. Do not remove them by hand — that leaves Calico resources behind (projectcalico/calico#9066). If the chart is being uninstalled, the pre-delete Job tigera-operator-uninstall must be able to delete the Installation; termination bugs of Calico before v3.28 were fixed there (projectcalico/calico#8695).';
  if (stuck.length > 0) {
    return result(STUCK_CHECK, 'fail', `${stuck[0]?.what ?? ''} stuck in deletion for ${stuck[0]?.seconds ?? '?'} s, held by ${stuck[0]?.finalizers.join(', ') || 'no finalizer'}`, lines, {
      remediation,
      knownIssue: { id: 'projectcalico/calico#9066', url: 'https://github.com/projectcalico/calico/issues/9066' },
      objects,
    });
  }
  return result(STUCK_CHECK, 'warn', `${found[0]?.what ?? ''} is being deleted`, lines, { remediation, objects });
}
