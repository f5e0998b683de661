import { scanText } from '../logs/scanText';
import { list, type Json } from '../kube/objectFields';
import { PATHS } from './calicoObjects';
import { result, unknownFrom, type CheckDefinition, type CheckResult, type ObjectRef } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';
import { operatorVersion } from './identityChecks';
import { kubeControllersIpamResources } from '../knowledge/releaseFacts';

export const DENIALS_CHECK: CheckDefinition = { id: 'rbac.denials', area: 'RBAC', title: 'API access of Calico service accounts' };

/** Log signatures of the access catalog: a Calico component's request answered 401 or 403. */
const DENIAL_SIGNATURES = new Set([
  'calico-ipam-forbidden', 'calico-forbidden', 'calico-tiers-forbidden', 'calico-unauthorized', 'felix-datastore-unauthorized',
  'typha-unauthorized', 'typha-forbidden', 'typha-count-unauthorized', 'network-unavailable-unauthorized', 'cni-unauthorized',
]);
const OPERATOR_4855 = { id: 'tigera/operator#4855', url: 'https://github.com/tigera/operator/issues/4855' };

/** Whether a ClusterRole lets its subject read ipamconfigs.crd.projectcalico.org. */
function grantsIpamconfigs(role: Json): boolean {
  return list(role, 'rules').some((rule) => {
    const groups = list(rule, 'apiGroups');
    const resources = list(rule, 'resources');
    const verbs = list(rule, 'verbs');
    return (groups.includes('crd.projectcalico.org') || groups.includes('*')) && (resources.includes('ipamconfigs') || resources.includes('*')) && (verbs.includes('get') || verbs.includes('*'));
  });
}

/**
 * Denials show where they happen: in the logs of Calico's own components. The tails of calico-kube-controllers and
 * one calico-typha are scanned with the log catalog for 401/403 answers; and ClusterRole calico-kube-controllers
 * is read for the tigera-operator v1.42.0 regression that dropped ipamconfigs (tigera/operator#4855).
 */
export function checkAccessDenials(evidence: ClusterEvidence): CheckResult {
  const lines: string[] = [];
  const objects: ObjectRef[] = [];
  const denials: { pod: string; signature: string; line: string }[] = [];
  let logsRead = 0;
  for (const log of evidence.podLogs.filter((entry) => entry.purpose === 'kube-controllers' || entry.purpose === 'typha')) {
    objects.push({ kind: 'Pod', namespace: log.namespace, name: log.pod, path: PATHS.pod(log.namespace, log.pod), containers: [log.container], ...(log.node ? { node: log.node } : {}) });
    if (log.text.kind !== 'ok') {
      lines.push(`${log.pod}: log not read (${log.text.kind})`);
      continue;
    }
    logsRead++;
    const found = scanText(log.text.value).findings.filter((finding) => DENIAL_SIGNATURES.has(finding.signature.id));
    lines.push(`${log.pod}: ${log.tailLines > 0 ? `last ${log.tailLines} lines` : 'collected log'} read, ${found.length} denial(s)`);
    for (const finding of found.slice(0, 3)) denials.push({ pod: log.pod, signature: finding.signature.id, line: finding.text.trim().slice(0, 300) });
  }
  const role = evidence.clusterRoles['calico-kube-controllers'];
  const operator = operatorVersion(evidence);
  // What this operator renders decides whether a role without ipamconfigs is a gap (per-release data).
  const rendered = kubeControllersIpamResources(operator);
  const lacksIpamconfigs = role?.kind === 'ok' && !grantsIpamconfigs(role.value);
  const rendersIpamconfigs = rendered.known && rendered.value.includes('ipamconfigs');
  // tigera/operator#4855: the operator renders ipamconfigurations but not ipamconfigs (v1.42.0 in the data).
  const issue4855 = lacksIpamconfigs && rendered.known && rendered.value.includes('ipamconfigurations') && !rendersIpamconfigs;
  const roleGap = lacksIpamconfigs && (issue4855 || rendersIpamconfigs);
  if (role?.kind === 'ok') lines.push(`ClusterRole calico-kube-controllers ${lacksIpamconfigs ? 'does not grant get on ipamconfigs.crd.projectcalico.org' : 'grants ipamconfigs'}`);
  else lines.push(`ClusterRole calico-kube-controllers: not read (${role?.kind ?? 'missing'})`);
  lines.push(`tigera-operator ${operator ?? 'unknown'}: ${rendered.known ? `its calico-kube-controllers ClusterRole grants ${rendered.value.join(', ') || 'no IPAM config resource'} (${rendered.source})` : rendered.reason}`);
  lines.push(...denials.map((denial) => `${denial.pod}: ${denial.line}`));
  const ipamDenied = denials.some((denial) => denial.signature === 'calico-ipam-forbidden' || /ipamconfigs/.test(denial.line));
  const grantFix = issue4855
    ? 'Upgrade to a release with tigera-operator v1.42.1 or later (RKE2 v1.33.13+rke2r2, v1.34.10, v1.35.7, v1.36.3); until then a ClusterRole and binding granting get on ipamconfigs.crd.projectcalico.org to calico-system:calico-kube-controllers (inferred).'
    : `tigera-operator ${operator ?? ''} renders get on ipamconfigs for calico-kube-controllers; something changed the ClusterRole. Restart the operator so it reconciles the role, and find what edits it.`;
  if (denials.length > 0) {
    const first = denials[0];
    return result(DENIALS_CHECK, ipamDenied && roleGap ? 'fail' : 'warn', `${first?.pod ?? ''} is denied by the API server (${first?.signature ?? ''})`, lines, {
      remediation: ipamDenied && roleGap
        ? grantFix
        : '401 (Unauthorized) means the service-account token was rejected: during cluster start-up this is the rancher/rke2#7808 race and clears; if it stays, restart the pod so it gets a new token. 403 (Forbidden) names the verb and resource the ClusterRole lacks: compare it with the role the operator renders and restart the operator so it reconciles RBAC.',
      ...(ipamDenied && issue4855 ? { knownIssue: OPERATOR_4855 } : {}),
      objects,
    });
  }
  if (roleGap) {
    return result(DENIALS_CHECK, 'warn', `ClusterRole calico-kube-controllers lacks ipamconfigs${issue4855 ? ` (tigera-operator ${operator ?? ''})` : `, which tigera-operator ${operator ?? ''} renders`}: LoadBalancer IP assignment will be denied`, lines, { remediation: grantFix, ...(issue4855 ? { knownIssue: OPERATOR_4855 } : {}), objects });
  }
  if (logsRead === 0 && role !== undefined && role.kind !== 'ok') return { ...unknownFrom(DENIALS_CHECK, 'ClusterRole calico-kube-controllers or a Calico component log', role), evidence: lines, objects };
  if (logsRead === 0) return result(DENIALS_CHECK, 'unknown', 'unknown: no calico-kube-controllers or calico-typha log could be read', lines, { objects });
  return result(DENIALS_CHECK, 'pass', `No 401/403 in the last lines of ${logsRead} Calico component log(s)`, lines, { objects });
}
