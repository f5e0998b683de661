import { scanText } from '../logs/scanText';
import { name, text } from '../kube/objectFields';
import { HELM_NAMESPACE, PATHS } from './calicoObjects';
import { crdExpectation } from './expectedCrds';
import { result, unknownFrom, type CheckDefinition, type CheckResult, type ObjectRef } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';
import { podRestarts, type PodLogEvidence } from './podLogSelection';

export const UPGRADE_CHECK: CheckDefinition = { id: 'install.upgrade', area: 'Install', title: 'Calico chart upgrades (Helm errors, CRDs, Installation)' };

/** What a Helm error line means for the rke2-calico charts, by the wording helm prints. */
const HELM_ERRORS: readonly { readonly pattern: RegExp; readonly meaning: string }[] = [
  { pattern: /invalid ownership metadata/, meaning: 'an object the chart wants to own was created outside this Helm release (its meta.helm.sh/release-name annotation names another release or none)' },
  { pattern: /another operation \(install\/upgrade\/rollback\) is in progress/, meaning: 'the release is locked in a pending state by an interrupted operation' },
  { pattern: /cannot re-use a name that is still in use/, meaning: 'a release of the same name is still installed or being uninstalled (rancher/rke2#6624)' },
  { pattern: /LINE=rke2-calico[\w.-]*,(uninstalling|pending-\w+)/, meaning: 'the release is stuck in an uninstalling or pending state (rancher/rke2#6624)' },
  { pattern: /no matches for kind "Installation"/, meaning: 'the Installation CRD is missing when the chart is applied (projectcalico/calico#7978)' },
  { pattern: /UPGRADE FAILED|INSTALLATION FAILED|has no deployed releases|rendered manifests contain a resource that already exists/, meaning: 'helm could not install or upgrade the chart' },
];
const SIGNATURES = new Set(['helm-upgrade-failed', 'operator-kind-missing', 'calico-crd-missing']);

interface HelmFailure {
  readonly pod: string;
  readonly line: string;
  readonly meaning: string;
}

function helmFailure(log: PodLogEvidence): HelmFailure | undefined {
  if (log.text.kind !== 'ok') return undefined;
  const found = scanText(log.text.value).findings.find((finding) => SIGNATURES.has(finding.signature.id));
  if (!found) return undefined;
  const meaning = HELM_ERRORS.find((entry) => entry.pattern.test(found.text))?.meaning ?? found.signature.meaning;
  return { pod: log.pod, line: found.text.trim().slice(0, 300), meaning };
}

/**
 * A Calico chart upgrade that went wrong shows in two places: the failed helm-install pod's log (UPGRADE FAILED,
 * invalid ownership metadata, another operation in progress: rancher/rke2#6568, #6624, #6633), and Calico's CRDs or
 * Installation missing although the rke2-calico charts are deployed (projectcalico/calico#7978: "This points to an
 * issue with the RKE2 upgrade process"). Only the newest failed pod of each chart is read, at most 200 lines.
 */
export function checkUpgrade(evidence: ClusterEvidence): CheckResult {
  if (evidence.helmPods.kind !== 'ok') return unknownFrom(UPGRADE_CHECK, `helm-install pods in ${HELM_NAMESPACE}`, evidence.helmPods);
  const lines: string[] = [];
  const objects: ObjectRef[] = [];
  // OnFailure Jobs restart a failing install in place: a restarted pod is a failed attempt, whatever its phase.
  const failedPods = evidence.helmPods.value.items.filter((pod) => text(pod, 'status', 'phase') === 'Failed' || podRestarts(pod) > 0).map(name);
  lines.push(failedPods.length > 0 ? `failed or restarted helm-install pods: ${failedPods.length}` : 'no failed or restarted helm-install pod');
  const helmLogs = evidence.podLogs.filter((log) => log.purpose === 'helm-install');
  const failures: HelmFailure[] = [];
  const unread: string[] = [];
  for (const log of helmLogs) {
    objects.push({ kind: 'Pod', namespace: HELM_NAMESPACE, name: log.pod, path: PATHS.pod(HELM_NAMESPACE, log.pod), containers: [log.container] });
    if (log.text.kind === 'http-error' && log.text.status === 400) {
      // The API answers 400 for a container that never started (its sandbox failed): there is no log to read.
      lines.push(`${log.pod}: no log — the container never started (${log.text.message.slice(0, 160)})`);
      continue;
    }
    if (log.text.kind !== 'ok') {
      unread.push(`${log.pod}: log not read (${log.text.kind})`);
      continue;
    }
    const failure = helmFailure(log);
    lines.push(failure ? `${log.pod}${log.previous ? ' (previous attempt)' : ''}: ${failure.line}` : `${log.pod}${log.previous ? ' (previous attempt)' : ''}: no Helm error in the last ${log.tailLines || 'collected'} lines`);
    if (failure) failures.push(failure);
  }
  lines.push(...unread);
  const charts = evidence.helmCharts.kind === 'ok' ? evidence.helmCharts.value.items.map(name) : [];
  const crds = evidence.crds.kind === 'ok' && !evidence.crds.value.truncated ? new Set(evidence.crds.value.items.map(name)) : undefined;
  // What "missing" means depends on the release: only its own CRDs (per-release data) can be missing.
  const expectation = crdExpectation(evidence);
  const missingCrds = crds && charts.includes('rke2-calico-crd') && expectation.crds.known ? expectation.crds.value.filter((crd) => !crds.has(crd)) : [];
  if (crds && charts.includes('rke2-calico-crd') && !expectation.crds.known) lines.push(`CRDs kept: ${expectation.crds.reason}`);
  const installationGone = charts.includes('rke2-calico') && evidence.installation.kind === 'not-found' && evidence.operatorDeployment.kind === 'ok';
  if (missingCrds.length > 0) lines.push(`HelmChart rke2-calico-crd is deployed, yet ${missingCrds.length} CRD(s) that Calico ${expectation.calico ?? ''} ships are missing: ${missingCrds.slice(0, 5).join(', ')}${missingCrds.length > 5 ? ', …' : ''}`);
  if (installationGone) lines.push('HelmChart rke2-calico and the tigera-operator are deployed, yet Installation default is missing');
  if (failures.length > 0) {
    const first = failures[0];
    return result(UPGRADE_CHECK, 'fail', `Helm failed on a Calico chart: ${first?.meaning ?? ''}`, lines, {
      remediation:
        'Read the whole helm-install pod log. For a locked release, roll it back (helm rollback) or remove the pending release secret sh.helm.release.v1.<release>.vN in kube-system; for ownership errors, annotate the named objects with meta.helm.sh/release-name/-namespace or delete them so the chart recreates them. Then let helm-controller retry (it recreates the Job).',
      objects,
    });
  }
  if (missingCrds.length > 0 || installationGone) {
    return result(UPGRADE_CHECK, 'fail', missingCrds.length > 0 ? 'Calico CRDs missing although rke2-calico-crd is deployed (an interrupted upgrade?)' : 'Installation default missing although rke2-calico is deployed (an interrupted upgrade?)', lines, {
      remediation: 'Re-apply the charts: delete the helm-install-rke2-calico-crd and helm-install-rke2-calico Jobs in kube-system so helm-controller recreates them (or restart rke2-server), then check that the CRDs and Installation default are back. Do not delete the calico-system namespace.',
      knownIssue: { id: 'projectcalico/calico#7978', url: 'https://github.com/projectcalico/calico/issues/7978' },
      objects,
    });
  }
  if (unread.length > 0) return result(UPGRADE_CHECK, 'unknown', `unknown: the log of ${unread.length} failed helm-install pod(s) could not be read`, lines, { objects });
  if (failedPods.length > 0 && helmLogs.length === 0) return result(UPGRADE_CHECK, 'unknown', 'unknown: failed helm-install pods exist but none of their logs was read', lines, { objects });
  const kept = [crds ? 'Calico CRDs present' : `CRDs not checked (${evidence.crds.kind})`, evidence.installation.kind === 'ok' ? 'Installation present' : `Installation ${evidence.installation.kind}`];
  return result(UPGRADE_CHECK, 'pass', `${failedPods.length > 0 ? 'No Helm error in the failed helm-install pods\' logs' : 'No failed helm-install pod'}; ${kept.join(', ')}`, lines, { objects });
}
