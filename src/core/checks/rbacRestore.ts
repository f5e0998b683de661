import type { ExpectedObject } from './checkResult';

/** Who puts a Calico ClusterRole or binding back: the tigera-operator, or the manifest Calico was applied from. */
export interface RbacOwner {
  readonly install: 'operator' | 'manifest';
  /** The cluster's Calico version ("v3.29.2"), when known: the manifest to re-apply is that release's. */
  readonly calico: string | undefined;
}

/**
 * The step that restores a Calico RBAC object. An operator install renders them (tigera/operator pkg/render) and
 * creates what is absent when it reconciles, which a restart forces; a manifest install has them in calico.yaml.
 */
export function rbacRestoreStep(owner: RbacOwner): string {
  if (owner.install === 'operator') {
    return 'The tigera-operator creates it when it reconciles: kubectl -n tigera-operator rollout restart deployment/tigera-operator, then check its log and kubectl get tigerastatus if it does not come back.';
  }
  const manifest = owner.calico ? `https://raw.githubusercontent.com/projectcalico/calico/${owner.calico}/manifests/calico.yaml` : 'calico.yaml';
  return `Re-apply the manifest Calico was installed from, of the same Calico version: kubectl apply -f ${manifest} (or your customised copy of it).`;
}

/** A ClusterRole or ClusterRoleBinding that is absent. */
export function missingRbacObject(kind: 'ClusterRole' | 'ClusterRoleBinding', expected: string, owner: RbacOwner): ExpectedObject {
  return { missing: true, expected, found: `no ${kind} of that name (404 Not Found)`, restore: rbacRestoreStep(owner) };
}
