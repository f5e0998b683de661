import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CALICO_CRDS } from '../../../src/core/checks/calicoObjects';
import { checkCrds, hasClusterInformationCrd } from '../../../src/core/checks/crdChecks';
import { FORBIDDEN, healthyEvidence, listed, otherCni } from '../../builders/clusterEvidence';
import { crd } from '../../builders/kubeObjects';
import { assertResult, resultOf } from './checkAssertions';

const REINSTALL = /^The rke2-calico-crd chart installs these; check the helm-install-rke2-calico-crd job and its pod logs\.$/;

describe('crds.calico', () => {
  it('passes when all 24 CRDs of rke2-calico-crd are Established', () => {
    assertResult(checkCrds(healthyEvidence()), { status: 'pass', summary: /^All 24 Calico and operator CRDs are Established$/, evidence: [/^24 of 24 CRDs of rke2-calico-crd present$/], remediation: null });
  });

  it('fails on missing CRDs (offering the first to open) and on CRDs not Established', () => {
    const withoutTwo = CALICO_CRDS.filter((name) => !name.startsWith('clusterinformations') && !name.startsWith('tiers')).map((name) => crd(name));
    const missing = checkCrds(healthyEvidence({ crds: listed(withoutTwo) }));
    assertResult(missing, { status: 'fail', summary: /^2 missing, 0 not Established$/, evidence: [/^22 of 24 CRDs/, /^missing: clusterinformations\.crd\.projectcalico\.org, tiers\.crd\.projectcalico\.org$/], remediation: REINSTALL });
    assert.deepEqual(missing.objects?.map((object) => object.name), ['clusterinformations.crd.projectcalico.org']);
    const pending = CALICO_CRDS.map((name) => crd(name, name.startsWith('ippools') ? 'False' : 'True'));
    assertResult(checkCrds(healthyEvidence({ crds: listed(pending) })), { status: 'fail', summary: /^0 missing, 1 not Established$/, evidence: [/^not Established: ippools\.crd\.projectcalico\.org$/], remediation: REINSTALL });
  });

  it('is unknown when the CRDs cannot be read, or their Established condition is not in the source (a bundle)', () => {
    assertResult(checkCrds(healthyEvidence({ crds: FORBIDDEN })), { status: 'unknown', summary: /^unknown: forbidden — could not read CustomResourceDefinitions$/, evidence: [/^CustomResourceDefinitions: forbidden/], remediation: /^Grant this user get\/list on CustomResourceDefinitions/ });
    assertResult(checkCrds(healthyEvidence({ crds: listed(CALICO_CRDS.map((name) => crd(name, 'Unknown'))) })), {
      status: 'unknown',
      summary: /^unknown: all 24 CRDs present, but whether they are Established is not in the source$/,
      evidence: [/^24 of 24/],
      remediation: null,
    });
  });

  it('says whether the ClusterInformation CRD exists, and undefined when it cannot tell', () => {
    assert.equal(hasClusterInformationCrd(healthyEvidence()), true);
    assert.equal(hasClusterInformationCrd(healthyEvidence({ crds: listed([]) })), false);
    assert.equal(hasClusterInformationCrd(healthyEvidence({ crds: FORBIDDEN })), undefined);
  });

  it('is skipped when Calico is not the CNI', () => {
    assert.equal(resultOf(healthyEvidence(otherCni('rke2-cilium')), 'crds.calico').status, 'skipped');
  });
});
