import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClusterEvidence } from '../../../src/core/checks/clusterEvidence';
import { checkCni, checkHelmJobs, cniVerdict } from '../../../src/core/checks/installChecks';
import type { ApiResult } from '../../../src/core/kube/apiResult';
import { FORBIDDEN, found, healthyEvidence, listed, NOT_FOUND, otherCni, RKE2_CALICO_CHART } from '../../builders/clusterEvidence';
import { helmChart, helmJob, pod } from '../../builders/kubeObjects';
import { assertResult, resultOf } from './checkAssertions';

describe('install.cni', () => {
  it('passes with both Calico HelmCharts, and names them as objects to open', () => {
    const result = checkCni(healthyEvidence());
    assertResult(result, { status: 'pass', summary: /^HelmCharts rke2-calico and rke2-calico-crd are deployed$/, evidence: [/^HelmCharts in kube-system: rke2-calico, rke2-calico-crd$/, /^rke2-calico: chart rke2-calico version \(bundled\)$/], remediation: null });
    assert.deepEqual(result.objects?.map((object) => object.path), ['/apis/helm.cattle.io/v1/namespaces/kube-system/helmcharts/rke2-calico', '/apis/helm.cattle.io/v1/namespaces/kube-system/helmcharts/rke2-calico-crd']);
  });

  it('fails when a Calico chart is missing, pointing at cni and disable in config.yaml', () => {
    assertResult(checkCni(healthyEvidence({ helmCharts: listed([RKE2_CALICO_CHART]) })), { status: 'fail', summary: /^Missing HelmChart rke2-calico-crd$/, evidence: [/^HelmCharts in kube-system: rke2-calico$/], remediation: /check `cni` and `disable` in config\.yaml and the rke2-server log/ });
  });

  it('is skipped, with nothing to do, when another CNI is deployed; a cluster with no CNI chart yet counts as Calico', () => {
    assertResult(checkCni(healthyEvidence(otherCni('rke2-cilium'))), { status: 'skipped', summary: /^Calico is not this cluster's CNI \(rke2-cilium is deployed\)$/, evidence: [/^HelmCharts in kube-system: rke2-cilium, rke2-coredns$/], remediation: /^Nothing to do for Calico\./ });
    assert.deepEqual(cniVerdict(healthyEvidence({ helmCharts: listed([]) })), { calico: true });
    assert.deepEqual(cniVerdict(healthyEvidence({ helmCharts: FORBIDDEN })), { calico: 'unknown' });
  });

  it('is unknown when the HelmCharts cannot be read', () => {
    assertResult(checkCni(healthyEvidence({ helmCharts: FORBIDDEN })), { status: 'unknown', summary: /^unknown: forbidden — could not read HelmCharts in kube-system$/, evidence: [/^HelmCharts in kube-system: forbidden: /], remediation: /^Grant this user get\/list on HelmCharts in kube-system/ });
  });
});

describe('install.helm-jobs', () => {
  const jobs = (calico: ApiResult<unknown>): Pick<ClusterEvidence, 'helmJobs'> => ({ helmJobs: { 'rke2-calico': calico, 'rke2-calico-crd': found(helmJob('rke2-calico-crd', { succeeded: 1, complete: true })) } });
  const READ_THE_PODS = /^Read the helm-install pod logs\. Failures with "error getting ClusterInformation" during init are rancher\/rke2#7808/;

  it('passes when both Jobs completed', () => {
    const result = checkHelmJobs(healthyEvidence());
    assertResult(result, { status: 'pass', summary: /^helm-install jobs of rke2-calico and rke2-calico-crd succeeded$/, evidence: [/^Job helm-install-rke2-calico-crd: succeeded=1 failed=0 active=0 \(Complete\)$/, /^Job helm-install-rke2-calico: succeeded=1/], remediation: null });
    assert.equal(result.objects?.length, 2);
  });

  it('warns on a Job still running, with its attempt count, and lists the helm-install pods', () => {
    const running = healthyEvidence({ ...jobs(found(helmJob('rke2-calico', { failed: 2, active: 1 }))), helmPods: listed([pod({ name: 'helm-install-rke2-calico-abcde', namespace: 'kube-system', container: 'helm', phase: 'Pending', waiting: { reason: 'ContainerCreating' } })]) });
    const result = checkHelmJobs(running);
    assertResult(result, {
      status: 'warn',
      summary: /^helm-install-rke2-calico not complete yet: attempt 3 running, 2 failed so far$/,
      evidence: [/^Job helm-install-rke2-calico: succeeded=0 failed=2 active=1 \(not complete: attempt 3 running\)$/, /^Pod helm-install-rke2-calico-abcde: Pending \(ContainerCreating\)$/],
      remediation: READ_THE_PODS,
    });
    assert.deepEqual(result.objects?.find((object) => object.kind === 'Pod')?.containers, ['helm']);
  });

  it('warns on a Job that succeeded only after failed attempts (the #7808 pattern during init)', () => {
    assertResult(checkHelmJobs(healthyEvidence(jobs(found(helmJob('rke2-calico', { succeeded: 1, failed: 3, complete: true }))))), { status: 'warn', summary: /^helm-install-rke2-calico succeeded after 3 failed attempt\(s\)$/, evidence: [/\(Complete after 3 failed attempt\(s\)\)$/], remediation: READ_THE_PODS });
  });

  it('fails on a Job that gave up, and on a missing Job whose HelmChart is missing too', () => {
    assertResult(checkHelmJobs(healthyEvidence(jobs(found(helmJob('rke2-calico', { failed: 6, gaveUp: { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' } }))))), {
      status: 'fail',
      summary: /^helm-install-rke2-calico failed \(BackoffLimitExceeded: Job has reached the specified backoff limit\)$/,
      evidence: [/^Job helm-install-rke2-calico: succeeded=0 failed=6 active=0 — BackoffLimitExceeded/],
      remediation: READ_THE_PODS,
    });
    assertResult(checkHelmJobs(healthyEvidence({ ...jobs(NOT_FOUND), helmCharts: listed([helmChart({ name: 'rke2-calico-crd' })]) })), { status: 'fail', summary: /^helm-install-rke2-calico does not exist \(no HelmChart rke2-calico\)$/, evidence: [/not found, and there is no HelmChart rke2-calico to create it$/], remediation: READ_THE_PODS });
  });

  it('is unknown, never a pass, when a Job is missing beside its HelmChart, or cannot be read', () => {
    assertResult(checkHelmJobs(healthyEvidence(jobs(NOT_FOUND))), {
      status: 'unknown',
      summary: /^unknown: helm-install-rke2-calico not found$/,
      evidence: [/HelmChart rke2-calico exists, so helm-controller has not created the Job yet or it was deleted/],
      remediation: /^kubectl -n kube-system get helmchart,job/,
    });
    assertResult(checkHelmJobs(healthyEvidence(jobs(FORBIDDEN))), { status: 'unknown', summary: /^unknown: forbidden — could not read Job kube-system\/helm-install-rke2-calico$/, evidence: [/^Job kube-system\/helm-install-rke2-calico: forbidden/], remediation: /^Grant this user get\/list on Job/ });
  });

  it('is skipped when Calico is not the CNI', () => {
    assertResult(resultOf(healthyEvidence(otherCni('rke2-flannel')), 'install.helm-jobs'), { status: 'skipped', summary: /^skipped: Calico is not this cluster's CNI \(rke2-flannel\)$/, evidence: [], remediation: null });
  });
});
