import { condition, list, name, num, text, type Json } from '../kube/objectFields';
import { CALICO_CHARTS, HELM_NAMESPACE, OTHER_CNI_CHARTS, PATHS } from './calicoObjects';
import { result, unknownFrom, type CheckDefinition, type CheckResult, type ObjectRef } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';

export const CNI_CHECK: CheckDefinition = { id: 'install.cni', area: 'Install', title: 'Calico is the CNI (HelmCharts rke2-calico, rke2-calico-crd)' };
export const HELM_JOBS_CHECK: CheckDefinition = { id: 'install.helm-jobs', area: 'Install', title: 'helm-install jobs of the Calico charts succeeded' };

export type CniVerdict = { readonly calico: true } | { readonly calico: false; readonly other: string | undefined } | { readonly calico: 'unknown' };

/** Whether this cluster's CNI is Calico, from the HelmCharts RKE2 deployed in kube-system. */
export function cniVerdict(evidence: ClusterEvidence): CniVerdict {
  if (evidence.helmCharts.kind !== 'ok') return { calico: 'unknown' };
  const names = evidence.helmCharts.value.items.map(name);
  if (names.includes('rke2-calico')) return { calico: true };
  const other = OTHER_CNI_CHARTS.find((chart) => names.includes(chart));
  // No CNI chart at all can also be a Calico cluster whose charts are not yet applied; only another CNI is proof.
  return other ? { calico: false, other } : { calico: true };
}

export function checkCni(evidence: ClusterEvidence): CheckResult {
  if (evidence.helmCharts.kind !== 'ok') return unknownFrom(CNI_CHECK, `HelmCharts in ${HELM_NAMESPACE}`, evidence.helmCharts);
  const charts = evidence.helmCharts.value.items;
  const names = charts.map(name);
  const verdict = cniVerdict(evidence);
  const evidenceLines = [`HelmCharts in ${HELM_NAMESPACE}: ${names.join(', ') || 'none'}`];
  const objects: ObjectRef[] = charts.filter((chart) => CALICO_CHARTS.includes(name(chart) as (typeof CALICO_CHARTS)[number])).map((chart) => ({ kind: 'HelmChart', namespace: HELM_NAMESPACE, name: name(chart), path: `${PATHS.helmCharts}/${name(chart)}` }));
  if (verdict.calico === false) {
    return result(CNI_CHECK, 'skipped', `Calico is not this cluster's CNI (${verdict.other ?? 'another CNI'} is deployed)`, evidenceLines, { remediation: 'Nothing to do for Calico. RKE2 selects the CNI with `cni:` in config.yaml; it cannot be changed on a running cluster.' });
  }
  const missing = CALICO_CHARTS.filter((chart) => !names.includes(chart));
  for (const chart of charts.filter((entry) => CALICO_CHARTS.includes(name(entry) as (typeof CALICO_CHARTS)[number]))) {
    evidenceLines.push(`${name(chart)}: chart ${text(chart, 'spec', 'chart') ?? '?'} version ${text(chart, 'spec', 'version') ?? '(bundled)'}`);
  }
  if (missing.length > 0) {
    return result(CNI_CHECK, 'fail', `Missing HelmChart ${missing.join(', ')}`, evidenceLines, {
      remediation: 'RKE2 writes these charts to /var/lib/rancher/rke2/server/manifests when `cni: calico` is set; check `cni` and `disable` in config.yaml and the rke2-server log.',
      objects,
    });
  }
  return result(CNI_CHECK, 'pass', 'HelmCharts rke2-calico and rke2-calico-crd are deployed', evidenceLines, { objects });
}

function jobSummary(job: Json): { succeeded: number; failed: number; complete: boolean; failedCondition: string | undefined } {
  const failed = condition(job, 'Failed');
  return {
    succeeded: num(job, 'status', 'succeeded') ?? 0,
    failed: num(job, 'status', 'failed') ?? 0,
    complete: condition(job, 'Complete')?.status === 'True',
    failedCondition: failed?.status === 'True' ? `${failed.reason ?? 'Failed'}: ${failed.message ?? ''}` : undefined,
  };
}

/** The helm-install jobs, with failed attempts counted: a few failures during init are the #7808 symptom. */
export function checkHelmJobs(evidence: ClusterEvidence): CheckResult {
  const evidenceLines: string[] = [];
  const objects: ObjectRef[] = [];
  let worst: 'pass' | 'warn' | 'fail' = 'pass';
  let failedAttempts = 0;
  let unfinished = 0;
  for (const chart of CALICO_CHARTS) {
    const job = evidence.helmJobs[chart];
    const jobName = `helm-install-${chart}`;
    if (!job || job.kind === 'not-found') {
      evidenceLines.push(`Job ${HELM_NAMESPACE}/${jobName}: not found (already cleaned up, or not yet created)`);
      continue;
    }
    if (job.kind !== 'ok') return unknownFrom(HELM_JOBS_CHECK, `Job ${HELM_NAMESPACE}/${jobName}`, job);
    const summary = jobSummary(job.value);
    failedAttempts += summary.failed;
    if (!summary.complete) unfinished++;
    objects.push({ kind: 'Job', namespace: HELM_NAMESPACE, name: jobName, path: PATHS.helmJob(chart) });
    evidenceLines.push(`Job ${jobName}: succeeded=${summary.succeeded} failed=${summary.failed}${summary.complete ? ' (Complete)' : ''}${summary.failedCondition ? ` — ${summary.failedCondition}` : ''}`);
    if (summary.failedCondition || (!summary.complete && summary.failed > 0 && summary.succeeded === 0)) worst = summary.failedCondition ? 'fail' : worst === 'fail' ? 'fail' : 'warn';
    else if (summary.failed > 0 && worst === 'pass') worst = 'warn';
  }
  if (evidence.helmPods.kind === 'ok') {
    for (const pod of evidence.helmPods.value.items) {
      const phase = text(pod, 'status', 'phase') ?? '?';
      const waiting = list(pod, 'status', 'containerStatuses').map((status) => text(status, 'state', 'waiting', 'reason')).find((reason) => reason !== undefined);
      evidenceLines.push(`Pod ${name(pod)}: ${phase}${waiting ? ` (${waiting})` : ''}`);
      objects.push({ kind: 'Pod', namespace: HELM_NAMESPACE, name: name(pod), path: PATHS.pod(HELM_NAMESPACE, name(pod)), containers: list(pod, 'spec', 'containers').map((container) => text(container, 'name') ?? '') });
    }
  }
  const summary =
    worst === 'fail'
      ? 'A helm-install job of the Calico charts failed'
      : worst === 'pass'
        ? 'helm-install jobs of rke2-calico and rke2-calico-crd succeeded'
        : unfinished > 0
          ? `helm-install jobs not complete yet, ${failedAttempts} failed attempt(s) so far`
          : `helm-install jobs succeeded after ${failedAttempts} failed attempt(s)`;
  return result(HELM_JOBS_CHECK, worst, summary, evidenceLines, {
    ...(worst === 'pass' ? {} : { remediation: 'Read the helm-install pod logs. Failures with "error getting ClusterInformation" during init are rancher/rke2#7808: they clear once calico-node creates ClusterInformation default.' }),
    objects,
  });
}
