import { condition, name } from '../kube/objectFields';
import { PATHS } from './calicoObjects';
import { result, unknownFrom, type CheckDefinition, type CheckResult } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';
import { crdExpectation } from './expectedCrds';

export const CRDS_CHECK: CheckDefinition = { id: 'crds.calico', area: 'CRDs', title: 'Calico and operator CRDs' };

/** CRDs every Calico release of the data ships and every check relies on: missing, they are a fault whatever the release. */
const ALWAYS_SHIPPED = ['clusterinformations.crd.projectcalico.org', 'ippools.crd.projectcalico.org', 'felixconfigurations.crd.projectcalico.org', 'ipamblocks.crd.projectcalico.org', 'blockaffinities.crd.projectcalico.org'];

export function checkCrds(evidence: ClusterEvidence): CheckResult {
  if (evidence.crds.kind !== 'ok') return unknownFrom(CRDS_CHECK, 'CustomResourceDefinitions', evidence.crds);
  const byName = new Map(evidence.crds.value.items.map((crd) => [name(crd), crd]));
  const expectation = crdExpectation(evidence);
  const release = `Calico ${expectation.calico ?? 'unknown'} (${expectation.calicoSource})`;
  if (!expectation.crds.known) {
    const missingCore = ALWAYS_SHIPPED.filter((crd) => !byName.has(crd));
    const lines = [release, expectation.crds.reason, missingCore.length > 0 ? `missing: ${missingCore.join(', ')}` : `the ${ALWAYS_SHIPPED.length} CRDs every release ships are present`];
    if (missingCore.length > 0 && !evidence.crds.value.truncated) {
      return result(CRDS_CHECK, 'fail', `${missingCore.length} Calico CRD(s) every release ships are missing`, lines, { remediation: 'Calico cannot run without them: re-apply the CRDs of the installed release (rke2-calico-crd chart, or the release\'s manifests).' });
    }
    return result(CRDS_CHECK, 'unknown', `unknown: the CRD list is not known for this release (${expectation.calico ?? 'Calico version not read'})`, lines);
  }
  const expected = expectation.crds.value;
  const missing = expected.filter((crd) => !byName.has(crd));
  const established = (crd: string): string | undefined => {
    const found = byName.get(crd);
    return found === undefined ? undefined : (condition(found, 'Established')?.status ?? 'False');
  };
  const notEstablished = expected.filter((crd) => established(crd) === 'False');
  // A support bundle lists CRD names only: their Established condition is then 'Unknown', never assumed.
  const unknownEstablished = expected.filter((crd) => established(crd) === 'Unknown');
  const evidenceLines = [release, `${expected.length - missing.length} of the ${expected.length} CRDs it ships present (source: ${expectation.crds.source})`];
  if (missing.length > 0) evidenceLines.push(`missing: ${missing.join(', ')}`);
  if (notEstablished.length > 0) evidenceLines.push(`not Established: ${notEstablished.join(', ')}`);
  if (missing.length > 0 || notEstablished.length > 0) {
    return result(CRDS_CHECK, 'fail', `${missing.length} missing, ${notEstablished.length} not Established`, evidenceLines, {
      remediation: 'The rke2-calico-crd chart (or the release\'s CRD manifest) installs these; check the helm-install-rke2-calico-crd job and its pod logs.',
      objects: missing.length === 0 ? [] : [{ kind: 'CustomResourceDefinition', name: missing[0] ?? '', path: `${PATHS.crds}/${missing[0] ?? ''}` }],
    });
  }
  if (unknownEstablished.length > 0) {
    return result(CRDS_CHECK, 'unknown', `unknown: all ${expected.length} CRDs present, but whether they are Established is not in the source`, evidenceLines);
  }
  return result(CRDS_CHECK, 'pass', `All ${expected.length} CRDs of ${expectation.calico ?? 'this release'} are Established`, evidenceLines);
}

export function hasClusterInformationCrd(evidence: ClusterEvidence): boolean | undefined {
  if (evidence.crds.kind !== 'ok') return undefined;
  return evidence.crds.value.items.some((crd) => name(crd) === 'clusterinformations.crd.projectcalico.org');
}
