import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CALICO_CRDS } from '../../../src/core/checks/calicoObjects';
import { checkDatastore } from '../../../src/core/checks/datastoreCheck';
import { FORBIDDEN, found, healthyEvidence, listed, NOT_FOUND, otherCni } from '../../builders/clusterEvidence';
import { clusterInformation, crd, deployment, event, installation, pod } from '../../builders/kubeObjects';
import { assertResult, resultOf } from './checkAssertions';

describe('datastore.clusterinformation', () => {
  it('passes when ClusterInformation default says datastoreReady: true, with its fields as evidence', () => {
    const result = checkDatastore(healthyEvidence());
    assertResult(result, { status: 'pass', summary: /^ClusterInformation default exists, datastoreReady: true$/, evidence: [/^spec\.datastoreReady: true$/, /^spec\.calicoVersion: v3\.29\.3$/, /^spec\.clusterType: typha,kdd/, /^metadata\.creationTimestamp: 2026-06-30T09:02:00Z$/], remediation: null });
    assert.deepEqual(result.objects?.map((object) => object.path), ['/apis/crd.projectcalico.org/v1/clusterinformations/default']);
  });

  it('fails while it does not exist — the rancher/rke2#7808 symptom on v3.29.2 — and while the datastore is not ready', () => {
    const v3292 = { installation: found(installation({ calicoVersion: 'v3.29.2' })) };
    assertResult(checkDatastore(healthyEvidence({ ...v3292, clusterInformation: NOT_FOUND })), {
      status: 'fail',
      summary: /^ClusterInformation default does not exist yet$/,
      evidence: [/^GET clusterinformations\.crd\.projectcalico\.org\/default: not found$/, /^why: Calico v3\.29\.2 is the release rancher\/rke2#7808 was reported against$/],
      remediation: /^calico-node creates it when it first starts\. Until then the CNI fails every sandbox with "error getting ClusterInformation"/,
      knownIssue: 'rancher/rke2#7808',
    });
    assertResult(checkDatastore(healthyEvidence({ clusterInformation: found(clusterInformation({ datastoreReady: false, calicoVersion: 'v3.29.2' })) })), {
      status: 'fail',
      summary: /^ClusterInformation default exists but datastoreReady is not true$/,
      evidence: [/^spec\.datastoreReady: false$/],
      remediation: /"Calico is currently not ready to process requests"/,
      knownIssue: 'rancher/rke2#7808',
    });
  });

  it('names #7808 only when its preconditions hold; otherwise the chain says why it is missing', () => {
    const later = checkDatastore(healthyEvidence({ clusterInformation: NOT_FOUND }));
    assertResult(later, { status: 'fail', summary: /^ClusterInformation default does not exist: calico-node has not created it yet \(Calico v3\.29\.3 is not a release/, evidence: [/not found$/], remediation: /^calico-node creates it when it first starts: get calico-node running/ });
    const refused = 'pods "tigera-operator-7d9c5b-" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false';
    const operator = found(deployment({ name: 'tigera-operator', namespace: 'tigera-operator', available: 'Deployment does not have minimum availability.' }));
    const rollout = { replicaSets: listed([{ metadata: { name: 'tigera-operator-7d9c5b' }, status: { conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: refused }] } }]), pods: listed([]), events: listed([event('tigera-operator', 'tigera-operator-7d9c5b', 'FailedCreate', `Error creating: ${refused}`)]) };
    const neverRan = checkDatastore(healthyEvidence({ clusterInformation: NOT_FOUND, installation: NOT_FOUND, operatorDeployment: operator, operatorRollout: rollout, calicoNodeDaemonSet: NOT_FOUND }));
    assertResult(neverRan, { status: 'fail', summary: /^ClusterInformation default does not exist: tigera-operator never ran: PodSecurity admission refused its pods — .*violates PodSecurity "restricted:latest"/, evidence: [/not found$/, /^why: tigera-operator never ran/, /^ReplicaSet tigera-operator-7d9c5b ReplicaFailure \(FailedCreate\)/], remediation: /^Label the tigera-operator namespace so PodSecurity admits it/ });
    const pullPod = pod({ name: 'calico-node-abcde', namespace: 'calico-system', labels: { 'k8s-app': 'calico-node' } });
    (pullPod.status as Record<string, unknown>).initContainerStatuses = [{ name: 'flexvol-driver', image: 'registry.local/calico/pod2daemon-flexvol:v3.29.3', restartCount: 0, state: { waiting: { reason: 'ErrImagePull', message: 'pull access denied' } } }];
    const cannotStart = checkDatastore(healthyEvidence({ clusterInformation: NOT_FOUND, calicoNodePods: listed([pullPod]) }));
    assertResult(cannotStart, { status: 'fail', summary: /^ClusterInformation default does not exist: calico-node cannot start \(calico-node-abcde: Init:ErrImagePull — pull access denied\)$/, evidence: [/not found$/], remediation: /^calico-node creates it/ });
  });

  it('is unknown when it cannot be read', () => {
    assertResult(checkDatastore(healthyEvidence({ clusterInformation: FORBIDDEN })), { status: 'unknown', summary: /^unknown: forbidden — could not read ClusterInformation default$/, evidence: [/^ClusterInformation default: forbidden/], remediation: /^Grant this user get\/list on ClusterInformation default/ });
    assertResult(checkDatastore(healthyEvidence({ clusterInformation: { kind: 'unauthorized', message: 'Unauthorized' } })), { status: 'unknown', summary: /^unknown: unauthorized/, evidence: [/unauthorized: Unauthorized$/], remediation: /^The credentials were rejected \(401\)/ });
  });

  it('is skipped without its CRD (the CRDs check says why), and when Calico is not the CNI', () => {
    const withoutCrd = listed(CALICO_CRDS.filter((name) => !name.startsWith('clusterinformations')).map((name) => crd(name)));
    assertResult(checkDatastore(healthyEvidence({ crds: withoutCrd, clusterInformation: NOT_FOUND })), { status: 'skipped', summary: /^skipped: the clusterinformations\.crd\.projectcalico\.org CRD is missing$/, evidence: [], remediation: null });
    assert.equal(resultOf(healthyEvidence(otherCni('rke2-cilium')), 'datastore.clusterinformation').status, 'skipped');
  });
});
