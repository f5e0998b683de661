import { bool, text } from '../kube/objectFields';
import { PATHS } from './calicoObjects';
import { result, skipped, unknownFrom, type CheckDefinition, type CheckResult } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';
import { hasClusterInformationCrd } from './crdChecks';
import { RACE_ISSUE, raceVerdict } from './initRaceConditions';
import { remediationFor } from './operatorChecks';

export const DATASTORE_CHECK: CheckDefinition = { id: 'datastore.clusterinformation', area: 'Datastore', title: 'ClusterInformation default (datastoreReady)' };


/**
 * ClusterInformation "default" is created by the first calico-node; until it exists (and says datastoreReady) the
 * CNI refuses every pod sandbox — the #7808 symptom (projectcalico/calico cni-plugin plugin.go).
 */
export function checkDatastore(evidence: ClusterEvidence): CheckResult {
  const crd = hasClusterInformationCrd(evidence);
  if (crd === false) return skipped(DATASTORE_CHECK, 'the clusterinformations.crd.projectcalico.org CRD is missing');
  const object = { kind: 'ClusterInformation', name: 'default', path: PATHS.clusterInformation };
  const found = evidence.clusterInformation;
  if (found.kind === 'not-found') {
    const race = raceVerdict(evidence);
    const lines = ['GET clusterinformations.crd.projectcalico.org/default: not found', `why: ${race.reason}`, ...(race.operator?.lines ?? [])];
    if (race.applies) {
      return result(DATASTORE_CHECK, 'fail', 'ClusterInformation default does not exist yet', lines, {
        remediation: 'calico-node creates it when it first starts. Until then the CNI fails every sandbox with "error getting ClusterInformation". Wait for calico-node before joining more nodes; check calico-node and tigera-operator logs if it does not appear.',
        knownIssue: RACE_ISSUE,
      });
    }
    return result(DATASTORE_CHECK, 'fail', `ClusterInformation default does not exist: ${race.reason}`, lines, {
      remediation: race.operator ? remediationFor(race.operator) : 'calico-node creates it when it first starts: get calico-node running (its pod status and logs say what stops it); until then the CNI fails every sandbox with "error getting ClusterInformation".',
    });
  }
  if (found.kind !== 'ok') return unknownFrom(DATASTORE_CHECK, 'ClusterInformation default', found);
  const ready = bool(found.value, 'spec', 'datastoreReady');
  const lines = [
    `spec.datastoreReady: ${String(ready)}`,
    `spec.calicoVersion: ${text(found.value, 'spec', 'calicoVersion') ?? '?'}`,
    `spec.clusterType: ${text(found.value, 'spec', 'clusterType') ?? '?'}`,
    `metadata.creationTimestamp: ${text(found.value, 'metadata', 'creationTimestamp') ?? '?'}`,
  ];
  if (ready !== true) {
    const race = raceVerdict(evidence);
    return result(DATASTORE_CHECK, 'fail', 'ClusterInformation default exists but datastoreReady is not true', lines, {
      remediation: 'The CNI answers "Calico is currently not ready to process requests" until the flag is set; an upgrade may be in progress. Check calico-node logs.',
      ...(race.applies ? { knownIssue: RACE_ISSUE } : {}),
      objects: [object],
    });
  }
  return result(DATASTORE_CHECK, 'pass', 'ClusterInformation default exists, datastoreReady: true', lines, { objects: [object] });
}
