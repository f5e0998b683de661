import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAccessDenials } from '../../../src/core/checks/accessDenials';
import { checkImages } from '../../../src/core/checks/imageChecks';
import { checkStuckDeletion } from '../../../src/core/checks/stuckObjects';
import { checkUpgrade } from '../../../src/core/checks/upgradeChecks';
import { FORBIDDEN, found, healthyEvidence, listed, NOT_FOUND, podLog } from '../../builders/clusterEvidence';
import { clusterRole, deployment, event, installation, node, pod } from '../../builders/kubeObjects';

const UPGRADE_FAILED = 'Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress';
const FORBIDDEN_LINE = '2026-06-30 09:14:41.213 [ERROR][1] kube-controllers/ipam.go 2106: Error getting IPAM config error=connection is unauthorized: ipamconfigs.crd.projectcalico.org "default" is forbidden: User "system:serviceaccount:calico-system:calico-kube-controllers" cannot get resource "ipamconfigs" in API group "crd.projectcalico.org" at the cluster scope';

describe('install.upgrade', () => {
  const failedPod = pod({ name: 'helm-install-rke2-calico-x', namespace: 'kube-system', phase: 'Failed', labels: { 'job-name': 'helm-install-rke2-calico' } });

  it('passes without failed helm-install pods, fails on a Helm error in their log', () => {
    assert.equal(checkUpgrade(healthyEvidence()).status, 'pass');
    const outcome = checkUpgrade(healthyEvidence({ helmPods: listed([failedPod]), podLogs: [podLog('helm-install', 'helm-install-rke2-calico-x', found(`+ helm_v3 upgrade rke2-calico\n${UPGRADE_FAILED}\n`))] }));
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /locked in a pending state/);
    assert.match(outcome.evidence.join('\n'), /another operation/);
  });

  it('fails when CRDs or the Installation are gone although the charts are deployed (projectcalico/calico#7978)', () => {
    const outcome = checkUpgrade(healthyEvidence({ installation: NOT_FOUND }));
    assert.equal(outcome.status, 'fail');
    assert.equal(outcome.knownIssue?.id, 'projectcalico/calico#7978');
  });

  it('treats a container that never started as no log, an unreadable log as unknown', () => {
    const neverStarted = checkUpgrade(healthyEvidence({ helmPods: listed([failedPod]), podLogs: [podLog('helm-install', 'helm-install-rke2-calico-x', { kind: 'http-error', status: 400, message: 'container "helm" is waiting to start: ContainerCreating' })] }));
    assert.equal(neverStarted.status, 'pass');
    assert.equal(checkUpgrade(healthyEvidence({ helmPods: listed([failedPod]), podLogs: [podLog('helm-install', 'helm-install-rke2-calico-x', FORBIDDEN)] })).status, 'unknown');
    assert.equal(checkUpgrade(healthyEvidence({ helmPods: FORBIDDEN })).status, 'unknown');
  });
});

describe('workloads.images', () => {
  it('passes without pull failures, fails naming the image and the registry hint', () => {
    assert.equal(checkImages(healthyEvidence()).status, 'pass');
    const pull = event('calico-system', 'calico-node-x', 'Failed', 'Failed to pull image "docker.io/rancher/mirrored-calico-node:v3.29.3": dial tcp: i/o timeout', 5);
    const outcome = checkImages(healthyEvidence({ failedEvents: { 'calico-system': listed([pull]), 'tigera-operator': listed([]) } }));
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.evidence.join('\n'), /mirrored-calico-node:v3\.29\.3: calico-system\/calico-node-x/);
    assert.match(outcome.remediation ?? '', /system-default-registry/);
  });

  it('reads ImagePullBackOff from the Calico pods already listed, and links rancher/rke2#8621 for goldmane on affected releases', () => {
    const waiting = pod({ name: 'calico-typha-1', namespace: 'calico-system', labels: { 'k8s-app': 'calico-typha' }, waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' }, image: 'reg.local/rancher/mirrored-calico-typha:v3.30.2' });
    assert.equal(checkImages(healthyEvidence({ controlPlanePods: listed([waiting]) })).status, 'fail');
    const goldmane = event('calico-system', 'goldmane-1', 'Failed', 'Failed to pull image "reg.local/rancher/mirrored-calico-goldmane:v3.30.2": not found');
    const outcome = checkImages(healthyEvidence({ nodes: listed([node({ name: 's', rke2: 'v1.32.8+rke2r1' })]), installation: found(installation({ registry: 'reg.local' })), failedEvents: { 'calico-system': listed([goldmane]), 'tigera-operator': listed([]) } }));
    assert.equal(outcome.knownIssue?.id, 'rancher/rke2#8621');
  });

  it('is unknown when no events could be read', () => {
    const outcome = checkImages(healthyEvidence({ failedEvents: { 'calico-system': FORBIDDEN, 'tigera-operator': FORBIDDEN } }));
    assert.equal(outcome.status, 'unknown');
    assert.match(outcome.summary, /^unknown: forbidden/);
  });
});

describe('operator.stuck-deletion', () => {
  it('passes when nothing is deleting, warns on a fresh deletion, fails on an old one with its finalizers', () => {
    assert.equal(checkStuckDeletion(healthyEvidence()).status, 'pass');
    const fresh = checkStuckDeletion(healthyEvidence({ installation: found(installation({ deletionTimestamp: '2026-06-30T09:58:00Z', finalizers: ['tigera.io/operator-cleanup'] })) }));
    assert.equal(fresh.status, 'warn');
    const stuck = checkStuckDeletion(healthyEvidence({ installation: found(installation({ deletionTimestamp: '2026-06-30T08:00:00Z', finalizers: ['tigera.io/operator-cleanup'] })) }));
    assert.equal(stuck.status, 'fail');
    assert.match(stuck.summary, /held by tigera\.io\/operator-cleanup/);
    assert.match(stuck.remediation ?? '', /Do not remove them by hand/);
  });

  it('is unknown when the Installation cannot be read', () => {
    assert.equal(checkStuckDeletion(healthyEvidence({ installation: FORBIDDEN })).status, 'unknown');
  });
});

describe('rbac.denials', () => {
  const noIpamconfigs = clusterRole('calico-kube-controllers', [{ apiGroups: ['crd.projectcalico.org'], resources: ['ipamblocks', 'ipamconfigurations'], verbs: ['get'] }]);

  it('passes with clean logs and a complete role', () => {
    assert.equal(checkAccessDenials(healthyEvidence()).status, 'pass');
  });

  it('fails on the ipamconfigs 403 with the v1.42.0 role (tigera/operator#4855); warns on the role gap alone', () => {
    const roles = { ...healthyEvidence().clusterRoles, 'calico-kube-controllers': found(noIpamconfigs) };
    const v1420 = { operatorDeployment: found(deployment({ name: 'tigera-operator', namespace: 'tigera-operator', image: 'docker.io/rancher/mirrored-calico-operator:v1.42.0' })) };
    const denied = checkAccessDenials(healthyEvidence({ ...v1420, clusterRoles: roles, podLogs: [podLog('kube-controllers', 'calico-kube-controllers-a-b', found(`${FORBIDDEN_LINE}\n`))] }));
    assert.equal(denied.status, 'fail');
    assert.equal(denied.knownIssue?.id, 'tigera/operator#4855');
    const gapOnly = checkAccessDenials(healthyEvidence({ ...v1420, clusterRoles: roles }));
    assert.equal(gapOnly.status, 'warn');
    assert.equal(gapOnly.knownIssue?.id, 'tigera/operator#4855');
  });

  it('names #4855 only where its versions hold: operators v1.27–v1.36 never render ipamconfigs, v1.42.1 renders both', () => {
    const roles = { ...healthyEvidence().clusterRoles, 'calico-kube-controllers': found(noIpamconfigs) };
    for (const version of ['v1.27.0', 'v1.32.3', 'v1.36.7']) {
      const operator = found(deployment({ name: 'tigera-operator', namespace: 'tigera-operator', image: `quay.io/tigera/operator:${version}` }));
      const outcome = checkAccessDenials(healthyEvidence({ operatorDeployment: operator, clusterRoles: roles }));
      assert.equal(outcome.status, 'pass', `${version}: ${outcome.summary}`);
      assert.equal(outcome.knownIssue, undefined);
      assert.ok(outcome.evidence.some((line) => line.startsWith(`tigera-operator ${version}: its calico-kube-controllers ClusterRole grants no IPAM config resource (tigera/operator ${version} pkg/render/kubecontrollers/kube-controllers.go)`)), outcome.evidence.join('\n'));
    }
    const v1421 = found(deployment({ name: 'tigera-operator', namespace: 'tigera-operator', image: 'quay.io/tigera/operator:v1.42.1' }));
    const edited = checkAccessDenials(healthyEvidence({ operatorDeployment: v1421, clusterRoles: roles }));
    assert.equal(edited.status, 'warn');
    assert.equal(edited.knownIssue, undefined, 'the operator renders ipamconfigs: something else changed the role');
    const unknownOperator = found(deployment({ name: 'tigera-operator', namespace: 'tigera-operator', image: 'quay.io/tigera/operator:v1.99.0' }));
    const notKnown = checkAccessDenials(healthyEvidence({ operatorDeployment: unknownOperator, clusterRoles: roles }));
    assert.equal(notKnown.status, 'pass');
    assert.ok(notKnown.evidence.some((line) => /not known for this release \(v1\.99\.0\)/.test(line)));
  });

  it('warns on other denials, and is unknown when nothing could be read', () => {
    const typha401 = '2025-02-21 10:01:02.345 [ERROR][1] typha/lookup.go 66: Failed to get Typha endpoint from Kubernetes error=Unauthorized';
    assert.equal(checkAccessDenials(healthyEvidence({ podLogs: [podLog('typha', 'calico-typha-a-b', found(`${typha401}\n`))] })).status, 'warn');
    const roles = { ...healthyEvidence().clusterRoles, 'calico-kube-controllers': FORBIDDEN };
    assert.equal(checkAccessDenials(healthyEvidence({ clusterRoles: roles, podLogs: [podLog('kube-controllers', 'calico-kube-controllers-a-b', FORBIDDEN)] })).status, 'unknown');
  });
});
