import { condition, name } from '../kube/objectFields';
import { CALICO_CRDS, PATHS } from './calicoObjects';
import { result, unknownFrom, type CheckDefinition, type CheckResult } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';

export const CRDS_CHECK: CheckDefinition = { id: 'crds.calico', area: 'CRDs', title: 'Calico and operator CRDs present and Established' };

export function checkCrds(evidence: ClusterEvidence): CheckResult {
  if (evidence.crds.kind !== 'ok') return unknownFrom(CRDS_CHECK, 'CustomResourceDefinitions', evidence.crds);
  const byName = new Map(evidence.crds.value.items.map((crd) => [name(crd), crd]));
  const missing = CALICO_CRDS.filter((crd) => !byName.has(crd));
  const established = (crd: string): string | undefined => {
    const found = byName.get(crd);
    return found === undefined ? undefined : (condition(found, 'Established')?.status ?? 'False');
  };
  const notEstablished = CALICO_CRDS.filter((crd) => established(crd) === 'False');
  // A support bundle lists CRD names only: their Established condition is then 'Unknown', never assumed.
  const unknownEstablished = CALICO_CRDS.filter((crd) => established(crd) === 'Unknown');
  const evidenceLines = [`${CALICO_CRDS.length - missing.length} of ${CALICO_CRDS.length} CRDs of rke2-calico-crd present`];
  if (missing.length > 0) evidenceLines.push(`missing: ${missing.join(', ')}`);
  if (notEstablished.length > 0) evidenceLines.push(`not Established: ${notEstablished.join(', ')}`);
  if (missing.length > 0 || notEstablished.length > 0) {
    return result(CRDS_CHECK, 'fail', `${missing.length} missing, ${notEstablished.length} not Established`, evidenceLines, {
      remediation: 'The rke2-calico-crd chart installs these; check the helm-install-rke2-calico-crd job and its pod logs.',
      objects: missing.length === 0 ? [] : [{ kind: 'CustomResourceDefinition', name: missing[0] ?? '', path: `${PATHS.crds}/${missing[0] ?? ''}` }],
    });
  }
  if (unknownEstablished.length > 0) {
    return result(CRDS_CHECK, 'unknown', `unknown: all ${CALICO_CRDS.length} CRDs present, but whether they are Established is not in the source`, evidenceLines);
  }
  return result(CRDS_CHECK, 'pass', `All ${CALICO_CRDS.length} Calico and operator CRDs are Established`, evidenceLines);
}

export function hasClusterInformationCrd(evidence: ClusterEvidence): boolean | undefined {
  if (evidence.crds.kind !== 'ok') return undefined;
  return evidence.crds.value.items.some((crd) => name(crd) === 'clusterinformations.crd.projectcalico.org');
}
