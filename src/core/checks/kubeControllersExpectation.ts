import { name } from '../kube/objectFields';
import { compareCalicoVersions, splitTriple } from '../versions/calicoVersion';
import type { ClusterEvidence } from './clusterEvidence';
import { installKind } from './clusterKind';
import { clusterIdentity } from './identityChecks';

/** The releases whose Kubernetes-datastore manifest deploys no calico-kube-controllers (as read at the tags below). */
const FIRST_READ_RELEASE = { major: 2, minor: 5, patch: 0 };
const FIRST_KDD_RELEASE = { major: 3, minor: 8, patch: 0 };

/**
 * Calico's manifests for the Kubernetes datastore deploy calico-kube-controllers only from v3.8; v2.5–v3.7 deploy it
 * with the etcd datastore alone (projectcalico/calico: v2.6.12 v2.6/getting-started/kubernetes/installation/hosted/
 * kubernetes-datastore/calico-networking/1.7/calico.yaml has none; v3.7.0 _includes/v3.7/charts/calico/templates/
 * calico-kube-controllers.yaml opens with `if eq .Values.datastore "etcd"`; v3.10.0 _includes/v3.8/… with
 * `if or (eq .Values.datastore "etcd") (eq .Values.network "calico")`).
 */
export type KubeControllersExpectation =
  | { readonly kind: 'expected' }
  /** A Kubernetes-datastore manifest install of a release that ships none. */
  | { readonly kind: 'not-shipped'; readonly reason: string }
  /** A manifest install of such a release whose datastore could not be read. */
  | { readonly kind: 'not-known'; readonly reason: string };

function usesKubernetesDatastore(evidence: ClusterEvidence): boolean {
  // The etcd datastore keeps Calico's resources in etcd: crd.projectcalico.org objects exist only with the Kubernetes one.
  if (evidence.ipPools.kind === 'ok' && evidence.ipPools.value.items.length > 0) return true;
  return evidence.crds.kind === 'ok' && evidence.crds.value.items.some((crd) => name(crd) === 'ippools.crd.projectcalico.org');
}

export function kubeControllersExpectation(evidence: ClusterEvidence): KubeControllersExpectation {
  if (installKind(evidence) !== 'manifest') return { kind: 'expected' };
  const release = clusterIdentity(evidence).calico;
  const version = release === undefined ? undefined : splitTriple(release)?.triple;
  // A release that cannot be read is taken as a current one: manifests older than v3.8 are the exception by now, and
  // the warning says when the absence is expected.
  if (version === undefined) return { kind: 'expected' };
  if (compareCalicoVersions(version, FIRST_READ_RELEASE) < 0 || compareCalicoVersions(version, FIRST_KDD_RELEASE) >= 0) return { kind: 'expected' };
  const shipped = `Calico ${release}'s manifests deploy calico-kube-controllers only with the etcd datastore (the Kubernetes-datastore manifest has it from v3.8)`;
  return usesKubernetesDatastore(evidence) ? { kind: 'not-shipped', reason: `not applicable: ${shipped}, and this install keeps its resources in the Kubernetes API` } : { kind: 'not-known', reason: `unknown: ${shipped}, and which datastore this install uses could not be read` };
}
