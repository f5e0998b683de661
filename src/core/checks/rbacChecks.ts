import { list, text } from '../kube/objectFields';
import { expectedClusterRoles } from '../knowledge/releaseFacts';
import { CALICO_NAMESPACE, CALICO_RBAC, HELM_NAMESPACE, PATHS } from './calicoObjects';
import { installKind } from './clusterKind';
import { clusterIdentity, operatorVersion } from './identityChecks';
import { result, unknownFrom, type CheckDefinition, type CheckResult, type ObjectRef } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';
import { missingRbacObject, rbacRestoreStep, type RbacOwner } from './rbacRestore';

export const RBAC_CHECK: CheckDefinition = { id: 'rbac.calico', area: 'RBAC', title: 'ClusterRoles and bindings of Calico components' };

/** The operator's ClusterRoles and ClusterRoleBindings exist and bind the right service accounts (tigera/operator pkg/render). */
export function checkRbac(evidence: ClusterEvidence): CheckResult {
  const problems: string[] = [];
  const objects: ObjectRef[] = [];
  // Which roles exist depends on the release and the install (calico-cni-plugin came with operator v1.30 / Calico
  // v3.26; a manifest install binds kube-system accounts): per-release data, the always-present ones otherwise.
  const manifest = installKind(evidence) === 'manifest';
  const namespace = manifest ? HELM_NAMESPACE : CALICO_NAMESPACE;
  const expected = expectedClusterRoles(manifest ? 'manifest' : 'operator', operatorVersion(evidence), clusterIdentity(evidence).calico);
  const wanted = CALICO_RBAC.filter(({ name }) => (expected.known ? expected.value.includes(name) : ['calico-node', 'calico-kube-controllers'].includes(name)));
  const owner: RbacOwner = { install: manifest ? 'manifest' : 'operator', calico: clusterIdentity(evidence).calico };
  // Objects that are not as expected come first: the one to act on is not buried under the healthy ones.
  const wrong: ObjectRef[] = [];
  const lines: string[] = [expected.known ? `roles this install renders: ${expected.value.join(', ')} (${expected.source})` : `${expected.reason}; judging calico-node and calico-kube-controllers only`];
  for (const { name, serviceAccount } of wanted) {
    const role = evidence.clusterRoles[name];
    const binding = evidence.clusterRoleBindings[name];
    if (!role || !binding) continue;
    if (role.kind !== 'ok' && role.kind !== 'not-found') return unknownFrom(RBAC_CHECK, `ClusterRole ${name}`, role);
    if (binding.kind !== 'ok' && binding.kind !== 'not-found') return unknownFrom(RBAC_CHECK, `ClusterRoleBinding ${name}`, binding);
    const bindingShould = `ClusterRoleBinding ${name} with roleRef ClusterRole ${name} and subject ServiceAccount ${namespace}/${serviceAccount}`;
    if (role.kind === 'not-found') {
      problems.push(`ClusterRole ${name} is missing`);
      wrong.push({ kind: 'ClusterRole', name, path: PATHS.clusterRole(name), expected: missingRbacObject('ClusterRole', `ClusterRole ${name}, the permissions of ServiceAccount ${namespace}/${serviceAccount}`, owner) });
    } else objects.push({ kind: 'ClusterRole', name, path: PATHS.clusterRole(name) });
    if (binding.kind === 'not-found') {
      problems.push(`ClusterRoleBinding ${name} is missing`);
      wrong.push({ kind: 'ClusterRoleBinding', name, path: PATHS.clusterRoleBinding(name), expected: missingRbacObject('ClusterRoleBinding', bindingShould, owner) });
      continue;
    }
    const roleRef = text(binding.value, 'roleRef', 'name');
    const subjects = list(binding.value, 'subjects').map((subject) => `${text(subject, 'kind') ?? '?'} ${text(subject, 'namespace') ?? ''}/${text(subject, 'name') ?? '?'}`);
    const found = `roleRef ${roleRef ?? '?'}, subjects ${subjects.join(', ') || 'none'}`;
    lines.push(`ClusterRoleBinding ${name}: ${found}`);
    const before = problems.length;
    if (roleRef !== name) problems.push(`ClusterRoleBinding ${name} refers to ClusterRole ${roleRef ?? '(none)'}`);
    if (!subjects.includes(`ServiceAccount ${namespace}/${serviceAccount}`)) problems.push(`ClusterRoleBinding ${name} does not bind ServiceAccount ${namespace}/${serviceAccount}`);
    const ref: ObjectRef = { kind: 'ClusterRoleBinding', name, path: PATHS.clusterRoleBinding(name) };
    if (problems.length > before) wrong.push({ ...ref, expected: { missing: false, expected: bindingShould, found, restore: rbacRestoreStep(owner) } });
    else objects.push(ref);
  }
  objects.unshift(...wrong);
  if (problems.length > 0) {
    return result(RBAC_CHECK, 'fail', problems[0] ?? 'RBAC problem', [...problems, ...lines], {
      remediation: 'The tigera-operator creates these; check its logs and TigeraStatus. Missing RBAC gives 403 Forbidden in Calico logs (not 401 Unauthorized).',
      objects,
    });
  }
  return result(RBAC_CHECK, 'pass', `${wanted.length} ClusterRoles and bindings present, bound to ${namespace} service accounts`, lines, { objects });
}
