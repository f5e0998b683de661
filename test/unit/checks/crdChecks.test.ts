import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CALICO_CRDS } from '../../../src/core/checks/calicoObjects';
import { checkCrds, hasClusterInformationCrd } from '../../../src/core/checks/crdChecks';
import { FORBIDDEN, found, healthyEvidence, listed, NOT_FOUND, otherCni } from '../../builders/clusterEvidence';
import { clusterInformation, crd, daemonSet } from '../../builders/kubeObjects';
import { assertResult, resultOf } from './checkAssertions';

const REINSTALL = /^The rke2-calico-crd chart \(or the release's CRD manifest\) installs these; check the helm-install-rke2-calico-crd job and its pod logs\.$/;
const RELEASE = /^Calico v3\.29\.3 \(ClusterInformation default spec\.calicoVersion\)$/;

describe('crds.calico', () => {
  it('passes when all 24 CRDs of rke2-calico-crd are Established', () => {
    assertResult(checkCrds(healthyEvidence()), { status: 'pass', summary: /^All 24 CRDs of v3\.29\.3 are Established$/, evidence: [RELEASE, /^24 of the 24 CRDs it ships present \(source: projectcalico\/calico v3\.29\.3 libcalico-go\/config\/crd \+ charts\/tigera-operator\/crds\)$/], remediation: null });
  });

  it('fails on missing CRDs (offering the first to open) and on CRDs not Established', () => {
    const withoutTwo = CALICO_CRDS.filter((name) => !name.startsWith('clusterinformations') && !name.startsWith('tiers')).map((name) => crd(name));
    const missing = checkCrds(healthyEvidence({ crds: listed(withoutTwo) }));
    assertResult(missing, { status: 'fail', summary: /^2 missing, 0 not Established$/, evidence: [RELEASE, /^22 of the 24 CRDs/, /^missing: clusterinformations\.crd\.projectcalico\.org, tiers\.crd\.projectcalico\.org$/], remediation: REINSTALL });
    assert.deepEqual(missing.objects?.map((object) => object.name), ['clusterinformations.crd.projectcalico.org']);
    const pending = CALICO_CRDS.map((name) => crd(name, name.startsWith('ippools') ? 'False' : 'True'));
    assertResult(checkCrds(healthyEvidence({ crds: listed(pending) })), { status: 'fail', summary: /^0 missing, 1 not Established$/, evidence: [/^not Established: ippools\.crd\.projectcalico\.org$/], remediation: REINSTALL });
  });

  it('is unknown when the CRDs cannot be read, or their Established condition is not in the source (a bundle)', () => {
    assertResult(checkCrds(healthyEvidence({ crds: FORBIDDEN })), { status: 'unknown', summary: /^unknown: forbidden — could not read CustomResourceDefinitions$/, evidence: [/^CustomResourceDefinitions: forbidden/], remediation: /^Grant this user get\/list on CustomResourceDefinitions/ });
    assertResult(checkCrds(healthyEvidence({ crds: listed(CALICO_CRDS.map((name) => crd(name, 'Unknown'))) })), {
      status: 'unknown',
      summary: /^unknown: all 24 CRDs present, but whether they are Established is not in the source$/,
      evidence: [RELEASE, /^24 of the 24/],
      remediation: null,
    });
  });

  it('expects the CRDs of the release the cluster runs: 21 for an operator install of Calico v3.23, 17 for its manifest', () => {
    const v323 = CALICO_CRDS.filter((name) => !/^(bgpfilters|tiers|adminnetworkpolicies)\./.test(name)).map((name) => crd(name));
    const calico = { clusterInformation: found(clusterInformation({ calicoVersion: 'v3.23.5' })) };
    assertResult(checkCrds(healthyEvidence({ ...calico, crds: listed(v323) })), { status: 'pass', summary: /^All 21 CRDs of v3\.23\.5 are Established$/, evidence: [/^Calico v3\.23\.5/, /^21 of the 21 CRDs it ships present \(source: projectcalico\/calico v3\.23\.5 /], remediation: null });
    const manifest = { operatorDeployment: NOT_FOUND, installation: NOT_FOUND, calicoNodeDaemonSet: NOT_FOUND, manifestInstall: { calicoNodeDaemonSet: found(daemonSet({ desired: 3, ready: 3 })), calicoNodePods: listed([]), kubeControllersDeployment: NOT_FOUND } };
    const onlyCalico = v323.filter((object) => !JSON.stringify(object).includes('operator.tigera.io'));
    assertResult(checkCrds(healthyEvidence({ ...calico, ...manifest, crds: listed(onlyCalico) })), { status: 'pass', summary: /^All 17 CRDs of v3\.23\.5 are Established$/, evidence: [/^Calico v3\.23\.5/, /^17 of the 17 CRDs it ships present \(source: projectcalico\/calico v3\.23\.5 libcalico-go\/config\/crd\)$/], remediation: null });
  });

  it('says "not known for this release" (unknown, never fail) for a release the data has no row for', () => {
    const result = checkCrds(healthyEvidence({ clusterInformation: found(clusterInformation({ calicoVersion: 'v3.99.0' })) }));
    assertResult(result, { status: 'unknown', summary: /^unknown: the CRD list is not known for this release \(v3\.99\.0\)$/, evidence: [/^Calico v3\.99\.0/, /not known for this release \(v3\.99\.0\)$/], remediation: null });
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
