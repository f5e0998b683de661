import { CALICO_FACTS_REPO, CALICO_RELEASE_FACTS, FACT_LISTS, OPERATOR_FACT_PATHS, OPERATOR_FACTS_REPO, OPERATOR_RELEASE_FACTS, type OperatorReleaseFact } from './releaseFacts.generated';

/**
 * What a Calico or tigera-operator release is known to ship, from the per-release facts extracted at each tag
 * (scripts/upstream/extractReleaseFacts.mjs). Every answer carries where it was read; a release the data has no row
 * for is "not known for this release", never a guess from another release.
 */
export type ReleaseFact<T> = { readonly known: true; readonly value: T; readonly source: string } | { readonly known: false; readonly reason: string };

const listAt = (index: number | undefined): readonly string[] => (index === undefined ? [] : (FACT_LISTS[index] ?? []));

function notKnown<T>(what: string, release: string | undefined): ReleaseFact<T> {
  return { known: false, reason: release === undefined ? `${what}: the release could not be read` : `${what}: not known for this release (${release})` };
}

/** How Calico was installed: by tigera-operator (Installation, calico-system) or by Calico's manifest (kube-system). */
export type InstallMethod = 'operator' | 'manifest';

/** The CRDs an install of this Calico release creates: Calico's own, plus the operator's with the operator. */
export function expectedCrds(calico: string | undefined, method: InstallMethod): ReleaseFact<readonly string[]> {
  const row = CALICO_RELEASE_FACTS.find((entry) => entry.calico === calico);
  if (row === undefined) return notKnown(`the CRDs of Calico ${calico ?? '(unknown)'}`, calico);
  const names = [...listAt(row.calicoCrds), ...(method === 'operator' ? listAt(row.operatorCrds) : [])];
  const paths = [row.calicoCrdsPath, ...(method === 'operator' && row.operatorCrdsPath !== undefined ? [row.operatorCrdsPath] : [])];
  return { known: true, value: names, source: `${CALICO_FACTS_REPO} ${row.calico} ${paths.join(' + ')}` };
}

export function operatorRelease(operator: string | undefined): OperatorReleaseFact | undefined {
  return OPERATOR_RELEASE_FACTS.find((entry) => entry.operator === operator);
}

/** Whether this tigera-operator writes Installation status conditions (it does from v1.28.0 on, per the data). */
export function writesInstallationConditions(operator: string | undefined): ReleaseFact<boolean> {
  const row = operatorRelease(operator);
  if (row?.writesInstallationConditions === undefined) return notKnown('whether the operator writes Installation conditions', operator);
  return { known: true, value: row.writesInstallationConditions, source: `${OPERATOR_FACTS_REPO} ${row.operator} ${OPERATOR_FACT_PATHS.installationConditions}` };
}

/** The ipamconfig* resources this operator's calico-kube-controllers ClusterRole grants ([] when it grants none). */
export function kubeControllersIpamResources(operator: string | undefined): ReleaseFact<readonly string[]> {
  const row = operatorRelease(operator);
  if (row?.kubeControllersIpamResources === undefined || row.kubeControllersRolePath === undefined) return notKnown('the calico-kube-controllers ClusterRole', operator);
  return { known: true, value: listAt(row.kubeControllersIpamResources), source: `${OPERATOR_FACTS_REPO} ${row.operator} ${row.kubeControllersRolePath}` };
}

/** The images this operator deploys (`calico/node:v3.29.0`, …). */
export function operatorImages(operator: string | undefined): ReleaseFact<readonly string[]> {
  const row = operatorRelease(operator);
  if (row === undefined) return notKnown('the images of the operator', operator);
  return { known: true, value: listAt(row.images), source: `${OPERATOR_FACTS_REPO} ${row.operator} ${OPERATOR_FACT_PATHS.images}` };
}

/** The Calico release an operator deploys. */
export function calicoOfOperator(operator: string | undefined): string | undefined {
  return operatorRelease(operator)?.calico;
}

/**
 * The Calico ClusterRoles an install renders: the operator's (by its version, else by the operator that deploys
 * this Calico release) or those of the release's manifest (calico.yaml).
 */
export function expectedClusterRoles(method: InstallMethod, operator: string | undefined, calico: string | undefined): ReleaseFact<readonly string[]> {
  if (method === 'manifest') {
    const row = CALICO_RELEASE_FACTS.find((entry) => entry.calico === calico);
    if (row?.manifestClusterRoles === undefined || row.manifestPath === undefined) return notKnown(`the ClusterRoles of Calico ${calico ?? '(unknown)'}'s manifest`, calico);
    return { known: true, value: listAt(row.manifestClusterRoles), source: `${CALICO_FACTS_REPO} ${row.calico} ${row.manifestPath}` };
  }
  const row = operatorRelease(operator) ?? OPERATOR_RELEASE_FACTS.find((entry) => entry.calico === calico);
  if (row?.clusterRoles === undefined) return notKnown('the ClusterRoles the operator renders', operator ?? calico);
  return { known: true, value: listAt(row.clusterRoles), source: `${OPERATOR_FACTS_REPO} ${row.operator} ${OPERATOR_FACT_PATHS.clusterRoles}` };
}
