import { condition, list, name, num, text, type Json } from '../kube/objectFields';
import { CALICO_CHARTS, CANAL_CHART, HELM_NAMESPACE, OTHER_CNI_CHARTS, PATHS } from './calicoObjects';
import { result, unknownFrom, type CheckDefinition, type CheckResult, type ObjectRef } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';
import { CANAL_INSTALL, clusterDistribution, installKind, MANIFEST_INSTALL } from './clusterKind';
import { podRestarts } from './podLogSelection';
import { otherCniPlugin } from './policyOnly';
import { raceBlocker } from './initRaceConditions';
import { podCounts, podState } from './podProblems';

export const CNI_CHECK: CheckDefinition = { id: 'install.cni', area: 'Install', title: 'Cluster CNI (HelmCharts rke2-calico, rke2-calico-crd)' };
export const HELM_JOBS_CHECK: CheckDefinition = { id: 'install.helm-jobs', area: 'Install', title: 'helm-install jobs of the Calico charts' };

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

/** Calico's calico-node DaemonSet, wherever the install put it, proves Calico is the CNI without RKE2's charts. */
function calicoRunsWithoutCharts(evidence: ClusterEvidence, chartLine: string): CheckResult | undefined {
  const install = installKind(evidence);
  if (install === 'canal') return result(CNI_CHECK, 'pass', `Canal is the CNI: ${CANAL_INSTALL}`, [chartLine, canalLine(evidence)]);
  if (install !== 'operator' && install !== 'manifest') return undefined;
  const where = install === 'manifest' ? MANIFEST_INSTALL : 'a tigera-operator install (calico-system)';
  const other = otherCniPlugin(evidence);
  if (other) return result(CNI_CHECK, 'pass', `Calico enforces network policy only; the CNI is ${other.plugin}: ${where}`, [chartLine, other.evidence]);
  return result(CNI_CHECK, 'pass', `Calico is the CNI: ${where}, not from RKE2's rke2-calico chart`, [chartLine, `calico-node DaemonSet found: ${where}`]);
}

function canalLine(evidence: ClusterEvidence): string {
  const canal = evidence.manifestInstall?.canalDaemonSet;
  if (canal?.read.kind === 'ok') return `DaemonSet ${HELM_NAMESPACE}/${canal.name} found (k8s-app=canal)`;
  return `HelmChart ${CANAL_CHART} deployed; its DaemonSet ${canal ? `could not be read (${canal.read.kind})` : 'was not looked for'}`;
}

export function checkCni(evidence: ClusterEvidence): CheckResult {
  if (evidence.helmCharts.kind !== 'ok') {
    // On RKE2 the charts decide; elsewhere (no helm.cattle.io at all on kubeadm) calico-node does.
    const distribution = clusterDistribution(evidence).distribution;
    const otherwise = distribution !== undefined && distribution !== 'RKE2' ? calicoRunsWithoutCharts(evidence, `HelmCharts in ${HELM_NAMESPACE}: not read (${evidence.helmCharts.kind})`) : undefined;
    return otherwise ?? unknownFrom(CNI_CHECK, `HelmCharts in ${HELM_NAMESPACE}`, evidence.helmCharts);
  }
  const charts = evidence.helmCharts.value.items;
  const names = charts.map(name);
  const verdict = cniVerdict(evidence);
  const evidenceLines = [`HelmCharts in ${HELM_NAMESPACE}: ${names.join(', ') || 'none'}`];
  const objects: ObjectRef[] = charts.filter((chart) => CALICO_CHARTS.includes(name(chart) as (typeof CALICO_CHARTS)[number])).map((chart) => ({ kind: 'HelmChart', namespace: HELM_NAMESPACE, name: name(chart), path: `${PATHS.helmCharts}/${name(chart)}` }));
  if (verdict.calico === false) {
    return result(CNI_CHECK, 'skipped', `Calico is not this cluster's CNI (${verdict.other ?? 'another CNI'} is deployed)`, evidenceLines, { remediation: 'Nothing to do for Calico. RKE2 selects the CNI with `cni:` in config.yaml; it cannot be changed on a running cluster.' });
  }
  const missing = CALICO_CHARTS.filter((chart) => !names.includes(chart));
  if (!names.includes('rke2-calico')) {
    const otherwise = calicoRunsWithoutCharts(evidence, evidenceLines[0] ?? '');
    if (otherwise) return otherwise;
  }
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

interface JobState {
  readonly succeeded: number;
  readonly failed: number;
  readonly active: number;
  /** Complete=True, or pods succeeded with none left running. */
  readonly complete: boolean;
  /** `reason: message` of a Failed=True condition: the Job gave up (backoffLimit reached). */
  readonly failedCondition: string | undefined;
}

function jobState(job: Json): JobState {
  const failed = condition(job, 'Failed');
  const succeeded = num(job, 'status', 'succeeded') ?? 0;
  const active = num(job, 'status', 'active') ?? 0;
  return {
    succeeded,
    failed: num(job, 'status', 'failed') ?? 0,
    active,
    complete: condition(job, 'Complete')?.status === 'True' || (succeeded > 0 && active === 0),
    failedCondition: failed?.status === 'True' ? `${failed.reason ?? 'Failed'}: ${failed.message ?? ''}` : undefined,
  };
}

type JobVerdict = { readonly status: 'pass' | 'warn' | 'fail' | 'unknown'; readonly line: string; readonly what: string };

/** One chart's helm-install Job: succeeded, still running (with its attempt count), failed, or missing (and why). */
function judgeJob(chart: (typeof CALICO_CHARTS)[number], job: Json, pods: readonly Json[]): JobVerdict {
  const jobName = `helm-install-${chart}`;
  const counted = jobState(job);
  // restartPolicy OnFailure (helm-controller): failed attempts restart the container in place and the Job's
  // status.failed stays 0; each restart of its pods is a failed attempt.
  const restarts = pods.reduce<number>((sum, pod) => sum + podRestarts(pod), 0);
  const state = { ...counted, failed: counted.failed + restarts };
  const counts = `succeeded=${state.succeeded} failed=${counted.failed} active=${state.active}${restarts > 0 ? `, ${restarts} container restart(s) (restartPolicy OnFailure: each is a failed attempt)` : ''}`;
  if (state.failedCondition) return { status: 'fail', line: `Job ${jobName}: ${counts} — ${state.failedCondition}`, what: `${jobName} failed (${state.failedCondition})` };
  if (state.complete) {
    return state.failed > 0
      ? { status: 'warn', line: `Job ${jobName}: ${counts} (Complete after ${state.failed} failed attempt(s))`, what: `${jobName} succeeded after ${state.failed} failed attempt(s)` }
      : { status: 'pass', line: `Job ${jobName}: ${counts} (Complete)`, what: `${jobName} succeeded` };
  }
  // Neither Complete nor Failed: the chart is not installed yet. Attempt N is running (or waiting for its back-off).
  const attempt = state.failed + Math.max(1, state.active);
  const doing = state.active > 0 ? `attempt ${attempt} running` : `waiting to start attempt ${attempt}`;
  return { status: 'warn', line: `Job ${jobName}: ${counts} (not complete: ${doing})`, what: `${jobName} not complete yet: ${doing}, ${state.failed} failed so far` };
}

/** A chart's Job was not found: a failure when its HelmChart is missing too, otherwise it cannot be told apart. */
function judgeMissingJob(evidence: ClusterEvidence, chart: (typeof CALICO_CHARTS)[number]): JobVerdict {
  const jobName = `helm-install-${chart}`;
  const charts = evidence.helmCharts.kind === 'ok' ? evidence.helmCharts.value.items.map(name) : undefined;
  if (charts !== undefined && !charts.includes(chart)) {
    return { status: 'fail', line: `Job ${HELM_NAMESPACE}/${jobName}: not found, and there is no HelmChart ${chart} to create it`, what: `${jobName} does not exist (no HelmChart ${chart})` };
  }
  const because = charts === undefined ? `the HelmCharts could not be read either (${evidence.helmCharts.kind})` : `HelmChart ${chart} exists, so helm-controller has not created the Job yet or it was deleted`;
  return { status: 'unknown', line: `Job ${HELM_NAMESPACE}/${jobName}: not found — ${because}; whether the chart was installed cannot be told from it`, what: `${jobName} not found` };
}

const STATUS_ORDER = { pass: 0, warn: 1, unknown: 2, fail: 3 } as const;

/**
 * The helm-install jobs: each must have succeeded. A Job still running is a warning with its attempt count (a few
 * failed attempts during init are the #7808 symptom); a Job that gave up is a failure; a missing Job is a failure
 * when its HelmChart is missing too, else unknown (deleted, or not created yet) — never a pass.
 */
export function checkHelmJobs(evidence: ClusterEvidence): CheckResult {
  const evidenceLines: string[] = [];
  const objects: ObjectRef[] = [];
  const verdicts: JobVerdict[] = [];
  for (const chart of CALICO_CHARTS) {
    const job = evidence.helmJobs[chart];
    const jobName = `helm-install-${chart}`;
    if (job && job.kind !== 'ok' && job.kind !== 'not-found') return unknownFrom(HELM_JOBS_CHECK, `Job ${HELM_NAMESPACE}/${jobName}`, job);
    const pods = evidence.helmPods.kind === 'ok' ? evidence.helmPods.value.items.filter((pod) => text(pod, 'metadata', 'labels', 'job-name') === jobName) : [];
    const verdict = !job || job.kind === 'not-found' ? judgeMissingJob(evidence, chart) : judgeJob(chart, job.value, pods);
    if (job?.kind === 'ok') objects.push({ kind: 'Job', namespace: HELM_NAMESPACE, name: jobName, path: PATHS.helmJob(chart) });
    verdicts.push(verdict);
    evidenceLines.push(verdict.line);
  }
  if (evidence.helmPods.kind === 'ok') {
    for (const pod of evidence.helmPods.value.items) {
      const phase = text(pod, 'status', 'phase') ?? '?';
      const state = podState(pod);
      const restarts = podRestarts(pod);
      evidenceLines.push(`Pod ${name(pod)}: ${phase}${state !== phase ? ` (${state})` : ''}${restarts > 0 ? `, ${restarts} restart(s)` : ''}`);
      const node = text(pod, 'spec', 'nodeName');
      objects.push({ kind: 'Pod', namespace: HELM_NAMESPACE, name: name(pod), path: PATHS.pod(HELM_NAMESPACE, name(pod)), containers: list(pod, 'spec', 'containers').map((container) => text(container, 'name') ?? ''), ...(node ? { node } : {}), condition: state, ...podCounts(pod) });
    }
  } else {
    // The Jobs decide the status; their pods only explain it, but a read that failed is said, never dropped.
    evidenceLines.push(`helm-install pods: could not list (${evidence.helmPods.kind})`);
  }
  const worst = verdicts.reduce<JobVerdict['status']>((current, verdict) => (STATUS_ORDER[verdict.status] > STATUS_ORDER[current] ? verdict.status : current), 'pass');
  const problems = verdicts.filter((verdict) => verdict.status !== 'pass').map((verdict) => verdict.what);
  const summary =
    worst === 'pass'
      ? 'helm-install jobs of rke2-calico and rke2-calico-crd succeeded'
      : worst === 'unknown'
        ? `unknown: ${problems.join('; ')}`
        : problems.join('; ');
  const remediation =
    worst === 'pass'
      ? undefined
      : worst === 'unknown'
        ? 'kubectl -n kube-system get helmchart,job: helm-controller (in the RKE2 server) creates a helm-install Job for every HelmChart. If the chart is deployed (its CRDs, the tigera-operator), the Job was deleted; otherwise read the rke2-server log.'
        : raceBlocker(evidence) === undefined
          ? 'Read the helm-install pod logs. Failures with "error getting ClusterInformation" during init are rancher/rke2#7808: they clear once calico-node creates ClusterInformation default.'
          : 'Read the helm-install pod logs. Failures with "error getting ClusterInformation" clear once calico-node creates ClusterInformation default (the datastore check says why it does not exist yet).';
  return result(HELM_JOBS_CHECK, worst, summary, evidenceLines, { ...(remediation ? { remediation } : {}), objects });
}
