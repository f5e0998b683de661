import { condition, conditions, name, num, text } from '../kube/objectFields';
import { writesInstallationConditions } from '../knowledge/releaseFacts';
import { operatorVersion } from './identityChecks';
import { diagnoseOperator, type OperatorDiagnosis } from './operatorRollout';
import { OPERATOR_NAMESPACE, PATHS } from './calicoObjects';
import { result, unknownFrom, type CheckDefinition, type CheckResult } from './checkResult';
import { deploymentAvailable } from './deploymentAvailability';
import type { ClusterEvidence } from './clusterEvidence';

export const OPERATOR_CHECK: CheckDefinition = { id: 'operator.deployment', area: 'Operator', title: 'tigera-operator Deployment' };
export const INSTALLATION_CHECK: CheckDefinition = { id: 'operator.installation', area: 'Operator', title: 'Installation default conditions' };
export const TIGERASTATUS_CHECK: CheckDefinition = { id: 'operator.tigerastatus', area: 'Operator', title: 'TigeraStatus conditions' };

export function checkOperatorDeployment(evidence: ClusterEvidence): CheckResult {
  const found = evidence.operatorDeployment;
  const object = { kind: 'Deployment', namespace: OPERATOR_NAMESPACE, name: 'tigera-operator', path: PATHS.deployment(OPERATOR_NAMESPACE, 'tigera-operator') };
  if (found.kind === 'not-found') return result(OPERATOR_CHECK, 'fail', 'Deployment tigera-operator/tigera-operator not found', [], { remediation: 'The rke2-calico chart deploys it; check the helm-install-rke2-calico job.' });
  if (found.kind !== 'ok') return unknownFrom(OPERATOR_CHECK, 'Deployment tigera-operator/tigera-operator', found);
  const available = condition(found.value, 'Available');
  const ready = num(found.value, 'status', 'readyReplicas') ?? 0;
  const replicas = num(found.value, 'spec', 'replicas');
  const lines = [`spec.replicas: ${replicas ?? '(default 1)'}`, `readyReplicas: ${ready}`, `Available: ${available?.status ?? 'unknown'}${available?.message ? ` — ${available.message}` : ''}`];
  // A Deployment scaled to 0 reports Available=True (0 of 0 wanted): nothing reconciles Calico then.
  if (replicas === 0) return result(OPERATOR_CHECK, 'warn', 'tigera-operator is scaled to 0: nothing reconciles Calico', lines, { remediation: 'kubectl -n tigera-operator scale deployment tigera-operator --replicas=1 unless it was stopped on purpose (Calico keeps running, but upgrades and repairs wait for it).', objects: [object] });
  const isAvailable = deploymentAvailable(found.value);
  if (isAvailable === undefined) return result(OPERATOR_CHECK, 'unknown', 'unknown: the tigera-operator Deployment carries no status', lines, { objects: [object] });
  if (!isAvailable) {
    const diagnosis = diagnoseOperator(evidence);
    return result(OPERATOR_CHECK, 'fail', diagnosis.blocker && diagnosis.blocker !== 'not ready' ? diagnosis.reason : 'tigera-operator is not available', [...lines, ...diagnosis.lines], { remediation: remediationFor(diagnosis), objects: [object] });
  }
  return result(OPERATOR_CHECK, 'pass', 'tigera-operator is available', lines, { objects: [object] });
}

/** What to do about the reason the operator is not running. */
export function remediationFor(diagnosis: OperatorDiagnosis): string {
  switch (diagnosis.blocker) {
    case 'PodSecurity admission':
      return 'Label the tigera-operator namespace so PodSecurity admits it (pod-security.kubernetes.io/enforce=privileged; RKE2\'s CIS profile exempts calico-system and tigera-operator in its pod-security admission config), then the ReplicaSet creates the pod.';
    case 'PodSecurityPolicy':
      return 'Grant the tigera-operator service account a PodSecurityPolicy that admits it (RKE2 before v1.25 with profile: cis needs the chart\'s PSP), or upgrade past PodSecurityPolicy.';
    case 'image pull':
      return 'Make the operator image reachable from the nodes (registry, system-default-registry, or the air-gap image archive).';
    case 'scheduling':
      return 'No node accepts the pod: compare its tolerations and node selector with the nodes\' taints and labels.';
    case 'crash':
      return 'Read the tigera-operator logs (and --previous) for the error it exits with.';
    default:
      return 'Read the tigera-operator pod logs.';
  }
}

export function checkInstallation(evidence: ClusterEvidence): CheckResult {
  const found = evidence.installation;
  if (found.kind === 'not-found') return result(INSTALLATION_CHECK, 'fail', 'Installation default not found', [], { remediation: 'The rke2-calico chart creates it (installation.enabled: true); check the HelmChartConfig and the helm-install job.' });
  if (found.kind !== 'ok') return unknownFrom(INSTALLATION_CHECK, 'Installation default', found);
  const all = conditions(found.value);
  const lines = all.map((entry) => `${entry.type}=${entry.status}${entry.reason ? ` (${entry.reason})` : ''}${entry.message ? `: ${entry.message}` : ''}`);
  const degraded = all.find((entry) => entry.type === 'Degraded' && entry.status === 'True');
  const ready = all.find((entry) => (entry.type === 'Ready' || entry.type === 'Available') && entry.status === 'True');
  const object = { kind: 'Installation', name: 'default', path: PATHS.installation };
  if (degraded) return result(INSTALLATION_CHECK, 'fail', `Installation default is Degraded: ${degraded.reason ?? ''} ${degraded.message ?? ''}`.trim(), lines, { remediation: 'Read the tigera-operator logs for the reason.', objects: [object] });
  if (!ready && all.length === 0) {
    // Whether "no conditions" means anything depends on the operator: before v1.28 it writes none (per-release data).
    const operator = operatorVersion(evidence);
    const writes = writesInstallationConditions(operator);
    const variant = text(found.value, 'status', 'variant');
    if (writes.known && !writes.value) {
      const factLine = `tigera-operator ${operator ?? ''} writes no Installation conditions (${writes.source}); status.variant: ${variant ?? '(unset)'}`;
      if (variant !== undefined) return result(INSTALLATION_CHECK, 'pass', `Installation default reconciled (status.variant ${variant}); this operator writes no conditions — TigeraStatus carries readiness`, [factLine], { objects: [object] });
      return result(INSTALLATION_CHECK, 'warn', 'Installation default not reconciled yet (no status.variant); this operator writes no conditions', [factLine], { remediation: 'TigeraStatus and the tigera-operator logs say what it waits for.', objects: [object] });
    }
    if (!writes.known) return result(INSTALLATION_CHECK, 'unknown', 'unknown: no conditions, and whether this operator writes them is not known for this release', [writes.reason, `status.variant: ${variant ?? '(unset)'}`], { objects: [object] });
  }
  if (!ready) return result(INSTALLATION_CHECK, 'warn', 'Installation default is not Ready yet', lines.length > 0 ? lines : ['no conditions reported'], { remediation: 'The operator is still rolling Calico out; if it stays so, TigeraStatus and the tigera-operator logs say what it waits for.', objects: [object] });
  return result(INSTALLATION_CHECK, 'pass', 'Installation default is Ready', lines, { objects: [object] });
}

export function checkTigeraStatus(evidence: ClusterEvidence): CheckResult {
  const found = evidence.tigeraStatuses;
  if (found.kind !== 'ok') return unknownFrom(TIGERASTATUS_CHECK, 'TigeraStatus', found);
  if (found.value.items.length === 0) return result(TIGERASTATUS_CHECK, 'warn', 'No TigeraStatus reported yet', [], { remediation: 'The operator reports TigeraStatus once it reconciles; read its logs if none appears.' });
  const problems: string[] = [];
  const lines = found.value.items.map((status) => {
    const available = condition(status, 'Available');
    const degraded = condition(status, 'Degraded');
    const progressing = condition(status, 'Progressing');
    const text = `${name(status)}: Available=${available?.status ?? '?'} Progressing=${progressing?.status ?? '?'} Degraded=${degraded?.status ?? '?'}`;
    if (degraded?.status === 'True') problems.push(`${name(status)} Degraded — ${degraded.reason ?? ''}: ${degraded.message ?? ''}`);
    else if (available?.status !== 'True') problems.push(`${name(status)} not Available — ${available?.reason ?? progressing?.reason ?? ''}: ${available?.message ?? progressing?.message ?? ''}`);
    return text;
  });
  if (problems.length > 0) return result(TIGERASTATUS_CHECK, 'fail', problems[0] ?? 'TigeraStatus problem', [...problems, ...lines], { remediation: 'kubectl get tigerastatus; the reason and message say which component; read the tigera-operator logs.' });
  return result(TIGERASTATUS_CHECK, 'pass', `${found.value.items.length} TigeraStatus Available, none Degraded`, lines);
}
