import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CALICO_CRDS } from '../../../src/core/checks/calicoObjects';
import { checkDatastore } from '../../../src/core/checks/datastoreCheck';
import { FORBIDDEN, found, healthyEvidence, listed, NOT_FOUND, otherCni } from '../../builders/clusterEvidence';
import { clusterInformation, crd } from '../../builders/kubeObjects';
import { assertResult, resultOf } from './checkAssertions';

describe('datastore.clusterinformation', () => {
  it('passes when ClusterInformation default says datastoreReady: true, with its fields as evidence', () => {
    const result = checkDatastore(healthyEvidence());
    assertResult(result, { status: 'pass', summary: /^ClusterInformation default exists, datastoreReady: true$/, evidence: [/^spec\.datastoreReady: true$/, /^spec\.calicoVersion: v3\.29\.3$/, /^spec\.clusterType: typha,kdd/, /^metadata\.creationTimestamp: 2026-06-30T09:02:00Z$/], remediation: null });
    assert.deepEqual(result.objects?.map((object) => object.path), ['/apis/crd.projectcalico.org/v1/clusterinformations/default']);
  });

  it('fails while it does not exist — the rancher/rke2#7808 symptom — and while the datastore is not ready', () => {
    assertResult(checkDatastore(healthyEvidence({ clusterInformation: NOT_FOUND })), {
      status: 'fail',
      summary: /^ClusterInformation default does not exist yet$/,
      evidence: [/^GET clusterinformations\.crd\.projectcalico\.org\/default: not found$/],
      remediation: /^calico-node creates it when it first starts\. Until then the CNI fails every sandbox with "error getting ClusterInformation"/,
      knownIssue: 'rancher/rke2#7808',
    });
    assertResult(checkDatastore(healthyEvidence({ clusterInformation: found(clusterInformation({ datastoreReady: false })) })), {
      status: 'fail',
      summary: /^ClusterInformation default exists but datastoreReady is not true$/,
      evidence: [/^spec\.datastoreReady: false$/],
      remediation: /"Calico is currently not ready to process requests"/,
      knownIssue: 'rancher/rke2#7808',
    });
  });

  it('is unknown when it cannot be read', () => {
    assertResult(checkDatastore(healthyEvidence({ clusterInformation: FORBIDDEN })), { status: 'unknown', summary: /^unknown: forbidden — could not read ClusterInformation default$/, evidence: [/^ClusterInformation default: forbidden/], remediation: /^Grant this user get\/list on ClusterInformation default/ });
    assertResult(checkDatastore(healthyEvidence({ clusterInformation: { kind: 'unauthorized', message: 'Unauthorized' } })), { status: 'unknown', summary: /^unknown: unauthorized/, evidence: [/unauthorized: Unauthorized$/], remediation: /^The credentials were rejected \(401\)/ });
  });

  it('is skipped without its CRD (the CRDs check says why), and when Calico is not the CNI', () => {
    const withoutCrd = listed(CALICO_CRDS.filter((name) => !name.startsWith('clusterinformations')).map((name) => crd(name)));
    assertResult(checkDatastore(healthyEvidence({ crds: withoutCrd, clusterInformation: NOT_FOUND })), { status: 'skipped', summary: /^skipped: the clusterinformations\.crd\.projectcalico\.org CRD is missing$/, evidence: [], remediation: null });
    assert.equal(resultOf(healthyEvidence(otherCni('rke2-canal')), 'datastore.clusterinformation').status, 'skipped');
  });
});
