import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClusterEvidence } from '../../../src/core/checks/clusterEvidence';
import { checkInstallation, checkOperatorDeployment, checkTigeraStatus } from '../../../src/core/checks/operatorChecks';
import { FORBIDDEN, found, healthyEvidence, listed, NOT_FOUND, otherCni } from '../../builders/clusterEvidence';
import { deployment, installation, tigeraStatus } from '../../builders/kubeObjects';
import { assertResult, resultOf } from './checkAssertions';

describe('operator.deployment', () => {
  it('passes when tigera-operator is Available', () => {
    const result = checkOperatorDeployment(healthyEvidence());
    assertResult(result, { status: 'pass', summary: /^tigera-operator is available$/, evidence: [/^readyReplicas: 1$/, /^Available: True$/], remediation: null });
    assert.equal(result.objects?.[0]?.path, '/apis/apps/v1/namespaces/tigera-operator/deployments/tigera-operator');
  });

  it('fails when it is not Available or not there', () => {
    assertResult(checkOperatorDeployment(healthyEvidence({ operatorDeployment: found(deployment({ name: 'tigera-operator', namespace: 'tigera-operator', available: 'Deployment does not have minimum availability.' })) })), {
      status: 'fail',
      summary: /^tigera-operator is not available$/,
      evidence: [/^readyReplicas: 0$/, /^Available: False — Deployment does not have minimum availability\.$/],
      remediation: /^Read the tigera-operator pod logs\.$/,
    });
    assertResult(checkOperatorDeployment(healthyEvidence({ operatorDeployment: NOT_FOUND })), { status: 'fail', summary: /^Deployment tigera-operator\/tigera-operator not found$/, evidence: [], remediation: /^The rke2-calico chart deploys it; check the helm-install-rke2-calico job\.$/ });
  });

  it('is unknown when it cannot be read; skipped when Calico is not the CNI', () => {
    assertResult(checkOperatorDeployment(healthyEvidence({ operatorDeployment: FORBIDDEN })), { status: 'unknown', summary: /^unknown: forbidden — could not read Deployment tigera-operator\/tigera-operator$/, evidence: [/forbidden/], remediation: /^Grant this user get\/list/ });
    assert.equal(resultOf(healthyEvidence(otherCni('rke2-cilium')), 'operator.deployment').status, 'skipped');
  });
});

describe('operator.installation', () => {
  const withConditions = (conditions: readonly Record<string, string>[]): ClusterEvidence => healthyEvidence({ installation: found({ ...installation(), status: { calicoVersion: 'v3.29.3', conditions } }) });

  it('passes when Installation default is Ready', () => {
    assertResult(checkInstallation(healthyEvidence()), { status: 'pass', summary: /^Installation default is Ready$/, evidence: [/^Ready=True$/], remediation: null });
  });

  it('warns while it is not Ready yet, and says when it reports no conditions at all', () => {
    assertResult(checkInstallation(withConditions([{ type: 'Progressing', status: 'True', reason: 'ResourceNotReady', message: 'Waiting for calico-node' }])), { status: 'warn', summary: /^Installation default is not Ready yet$/, evidence: [/^Progressing=True \(ResourceNotReady\): Waiting for calico-node$/], remediation: /^The operator is still rolling Calico out/ });
    assertResult(checkInstallation(withConditions([])), { status: 'warn', summary: /not Ready yet/, evidence: [/^no conditions reported$/], remediation: /TigeraStatus and the tigera-operator logs/ });
  });

  it('fails when Degraded, quoting the reason, and when it does not exist', () => {
    assertResult(checkInstallation(withConditions([{ type: 'Degraded', status: 'True', reason: 'ResourceReadError', message: 'Unable to read calico-node' }])), {
      status: 'fail',
      summary: /^Installation default is Degraded: ResourceReadError Unable to read calico-node$/,
      evidence: [/^Degraded=True \(ResourceReadError\): Unable to read calico-node$/],
      remediation: /^Read the tigera-operator logs for the reason\.$/,
    });
    assertResult(checkInstallation(healthyEvidence({ installation: NOT_FOUND })), { status: 'fail', summary: /^Installation default not found$/, evidence: [], remediation: /installation\.enabled: true/ });
  });

  it('is unknown when it cannot be read; skipped when Calico is not the CNI', () => {
    assertResult(checkInstallation(healthyEvidence({ installation: FORBIDDEN })), { status: 'unknown', summary: /^unknown: forbidden — could not read Installation default$/, evidence: [/forbidden/], remediation: /^Grant/ });
    assert.equal(resultOf(healthyEvidence(otherCni('rke2-cilium')), 'operator.installation').status, 'skipped');
  });
});

describe('operator.tigerastatus', () => {
  it('passes when every TigeraStatus is Available and none Degraded', () => {
    assertResult(checkTigeraStatus(healthyEvidence()), { status: 'pass', summary: /^2 TigeraStatus Available, none Degraded$/, evidence: [/^calico: Available=True Progressing=False Degraded=False$/, /^apiserver: Available=True/], remediation: null });
  });

  it('warns while the operator has reported none yet', () => {
    assertResult(checkTigeraStatus(healthyEvidence({ tigeraStatuses: listed([]) })), { status: 'warn', summary: /^No TigeraStatus reported yet$/, evidence: [], remediation: /^The operator reports TigeraStatus once it reconciles/ });
  });

  it('fails on a Degraded or unavailable component, the problem first', () => {
    const statuses = listed([tigeraStatus({ name: 'calico', available: 'False', progressing: 'True', because: { reason: 'ResourceNotReady', message: 'DaemonSet "calico-system/calico-node" is not available' } }), tigeraStatus({ name: 'apiserver', degraded: { reason: 'ResourceUpdateError', message: 'cannot create' } })]);
    assertResult(checkTigeraStatus(healthyEvidence({ tigeraStatuses: statuses })), {
      status: 'fail',
      summary: /^calico not Available — ResourceNotReady: DaemonSet "calico-system\/calico-node" is not available$/,
      evidence: [/^calico not Available/, /^apiserver Degraded — ResourceUpdateError: cannot create$/, /^calico: Available=False Progressing=True Degraded=False$/],
      remediation: /^kubectl get tigerastatus; the reason and message say which component/,
    });
  });

  it('is unknown when TigeraStatus cannot be read; skipped when Calico is not the CNI', () => {
    assertResult(checkTigeraStatus(healthyEvidence({ tigeraStatuses: FORBIDDEN })), { status: 'unknown', summary: /^unknown: forbidden — could not read TigeraStatus$/, evidence: [/forbidden/], remediation: /^Grant/ });
    assert.equal(resultOf(healthyEvidence(otherCni('rke2-cilium')), 'operator.tigerastatus').status, 'skipped');
  });
});
