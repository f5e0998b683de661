import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRbac } from '../../../src/core/checks/rbacChecks';
import { rbacRestoreStep } from '../../../src/core/checks/rbacRestore';
import { FORBIDDEN, found, healthyEvidence, NOT_FOUND, otherCni } from '../../builders/clusterEvidence';
import { clusterRoleBinding } from '../../builders/kubeObjects';
import { assertResult, resultOf } from './checkAssertions';

const OPERATOR_CREATES = /^The tigera-operator creates these; check its logs and TigeraStatus\. Missing RBAC gives 403 Forbidden in Calico logs \(not 401 Unauthorized\)\.$/;

describe('rbac.calico', () => {
  it('passes when the four ClusterRoles exist and their bindings name the calico-system service accounts', () => {
    const result = checkRbac(healthyEvidence());
    assertResult(result, {
      status: 'pass',
      summary: /^4 ClusterRoles and bindings present, bound to calico-system service accounts$/,
      evidence: [/^ClusterRoleBinding calico-node: roleRef calico-node, subjects ServiceAccount calico-system\/calico-node$/, /^ClusterRoleBinding calico-kube-controllers:/],
      remediation: null,
    });
    assert.equal(result.objects?.length, 8);
  });

  it('fails on a missing ClusterRole or binding, a binding to another role, or to another service account', () => {
    const healthy = healthyEvidence();
    assertResult(checkRbac(healthyEvidence({ clusterRoles: { ...healthy.clusterRoles, 'calico-typha': NOT_FOUND } })), { status: 'fail', summary: /^ClusterRole calico-typha is missing$/, evidence: [/^ClusterRole calico-typha is missing$/], remediation: OPERATOR_CREATES });
    assertResult(checkRbac(healthyEvidence({ clusterRoleBindings: { ...healthy.clusterRoleBindings, 'calico-node': NOT_FOUND } })), { status: 'fail', summary: /^ClusterRoleBinding calico-node is missing$/, evidence: [/^ClusterRoleBinding calico-node is missing$/], remediation: OPERATOR_CREATES });
    const wrong = found(clusterRoleBinding('calico-cni-plugin', 'calico-node', [{ kind: 'ServiceAccount', name: 'calico-cni-plugin', namespace: 'kube-system' }]));
    assertResult(checkRbac(healthyEvidence({ clusterRoleBindings: { ...healthy.clusterRoleBindings, 'calico-cni-plugin': wrong } })), {
      status: 'fail',
      summary: /^ClusterRoleBinding calico-cni-plugin refers to ClusterRole calico-node$/,
      evidence: [/^ClusterRoleBinding calico-cni-plugin refers to ClusterRole calico-node$/, /^ClusterRoleBinding calico-cni-plugin does not bind ServiceAccount calico-system\/calico-cni-plugin$/, /^ClusterRoleBinding calico-cni-plugin: roleRef calico-node, subjects ServiceAccount kube-system\/calico-cni-plugin$/],
      remediation: OPERATOR_CREATES,
    });
  });

  it('is unknown when a role or binding cannot be read', () => {
    const healthy = healthyEvidence();
    assertResult(checkRbac(healthyEvidence({ clusterRoleBindings: { ...healthy.clusterRoleBindings, 'calico-typha': FORBIDDEN } })), { status: 'unknown', summary: /^unknown: forbidden — could not read ClusterRoleBinding calico-typha$/, evidence: [/^ClusterRoleBinding calico-typha: forbidden/], remediation: /^Grant this user get\/list on ClusterRoleBinding calico-typha/ });
  });

  it('is skipped when Calico is not the CNI', () => {
    assert.equal(resultOf(healthyEvidence(otherCni('rke2-cilium')), 'rbac.calico').status, 'skipped');
  });
});

describe('rbac.calico: the object that is not as expected', () => {
  it('is listed first, with what was expected, what was found and the operator step that restores it', () => {
    const healthy = healthyEvidence();
    const missing = checkRbac(healthyEvidence({ clusterRoles: { ...healthy.clusterRoles, 'calico-typha': NOT_FOUND } }));
    const [first, second] = missing.objects ?? [];
    assert.deepEqual([first?.kind, first?.name, first?.expected?.missing], ['ClusterRole', 'calico-typha', true]);
    assert.match(first?.expected?.expected ?? '', /^ClusterRole calico-typha, the permissions of ServiceAccount calico-system\/calico-typha$/);
    assert.match(first?.expected?.found ?? '', /404 Not Found/);
    assert.match(first?.expected?.restore ?? '', /kubectl -n tigera-operator rollout restart deployment\/tigera-operator/);
    assert.equal(second?.expected, undefined, 'the healthy ones follow');
    const wrong = found(clusterRoleBinding('calico-cni-plugin', 'calico-node', [{ kind: 'ServiceAccount', name: 'calico-cni-plugin', namespace: 'kube-system' }]));
    const [binding] = checkRbac(healthyEvidence({ clusterRoleBindings: { ...healthy.clusterRoleBindings, 'calico-cni-plugin': wrong } })).objects ?? [];
    assert.deepEqual([binding?.kind, binding?.name, binding?.expected?.missing], ['ClusterRoleBinding', 'calico-cni-plugin', false]);
    const { expected, found: actual } = binding?.expected ?? {};
    assert.equal(expected, 'ClusterRoleBinding calico-cni-plugin with roleRef ClusterRole calico-cni-plugin and subject ServiceAccount calico-system/calico-cni-plugin');
    assert.equal(actual, 'roleRef calico-node, subjects ServiceAccount kube-system/calico-cni-plugin');
  });

  it('of a manifest install is restored by re-applying that release\'s manifest', () => {
    assert.match(rbacRestoreStep({ install: 'manifest', calico: 'v3.29.2' }), /kubectl apply -f https:\/\/raw\.githubusercontent\.com\/projectcalico\/calico\/v3\.29\.2\/manifests\/calico\.yaml/);
    assert.match(rbacRestoreStep({ install: 'manifest', calico: undefined }), /kubectl apply -f calico\.yaml/);
  });

  it('is none on a healthy cluster', () => {
    assert.ok((checkRbac(healthyEvidence()).objects ?? []).every((object) => object.expected === undefined));
  });
});
