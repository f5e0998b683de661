import { field, text, type Json } from '../kube/objectFields';
import type { InstallMethod } from '../knowledge/releaseFacts';
import type { ClusterEvidence } from './clusterEvidence';
import { isWindowsNode } from './networkSetup';
import { oncePerEvidence } from './oncePerEvidence';
import { CANAL_APP, CANAL_CHART } from './calicoObjects';

/** The Kubernetes distribution a node belongs to. */
export type Distribution = 'RKE2' | 'K3s' | 'kubeadm or other';

/**
 * RKE2 and K3s build kubelet with a `+rke2rN` / `+k3sN` version suffix and annotate their nodes (rke2.io/…,
 * k3s.io/…). Windows kubelets of RKE2 report the upstream version without the suffix, so the annotations decide
 * there; a node with neither is another distribution.
 */
export function nodeDistribution(node: Json): Distribution {
  const kubelet = text(node, 'status', 'nodeInfo', 'kubeletVersion') ?? '';
  if (/\+rke2/.test(kubelet)) return 'RKE2';
  if (/\+k3s/.test(kubelet)) return 'K3s';
  const found = field(node, 'metadata', 'annotations');
  const annotations = found !== null && typeof found === 'object' ? Object.keys(found) : [];
  if (annotations.some((key) => key.startsWith('rke2.io/'))) return 'RKE2';
  if (annotations.some((key) => key.startsWith('k3s.io/'))) return 'K3s';
  return 'kubeadm or other';
}

export interface ClusterDistribution {
  /** undefined when the nodes could not be read. */
  readonly distribution: Distribution | undefined;
  readonly evidence: string;
}

function readDistribution(evidence: ClusterEvidence): ClusterDistribution {
  if (evidence.nodes.kind !== 'ok') return { distribution: undefined, evidence: `nodes not read (${evidence.nodes.kind})` };
  const nodes = evidence.nodes.value.items;
  const linux = nodes.filter((node) => !isWindowsNode(node));
  const counts = new Map<Distribution, number>();
  for (const node of linux.length > 0 ? linux : nodes) counts.set(nodeDistribution(node), (counts.get(nodeDistribution(node)) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const first = ranked[0];
  if (!first) return { distribution: undefined, evidence: 'no node' };
  return { distribution: first[0], evidence: `${ranked.map(([kind, count]) => `${kind} on ${count} node(s)`).join(', ')} (kubelet version suffix, rke2.io/k3s.io node annotations)` };
}

function hasItems(pods: ClusterEvidence['calicoNodePods'], app?: string): boolean {
  return pods.kind === 'ok' && pods.value.items.some((pod) => app === undefined || text(pod, 'metadata', 'labels', 'k8s-app') === app);
}

/** How Calico is installed, as far as the objects tell; 'none' when no install's calico-node exists. */
export type InstallKind = InstallMethod | 'canal' | 'none' | 'unknown';

/**
 * tigera-operator installs run calico-node in calico-system from Installation default; Calico's manifest
 * (calico.yaml) runs it in kube-system with no operator; Canal runs it beside flannel in one kube-system DaemonSet
 * (RKE2's default CNI, chart rke2-canal).
 */
function readInstallKind(evidence: ClusterEvidence): InstallKind {
  if (evidence.operatorDeployment.kind === 'ok' || evidence.installation.kind === 'ok' || evidence.calicoNodeDaemonSet.kind === 'ok') return 'operator';
  const manifest = evidence.manifestInstall?.calicoNodeDaemonSet;
  if (manifest?.kind === 'ok') return 'manifest';
  const canal = evidence.manifestInstall?.canalDaemonSet?.read;
  if (canal?.kind === 'ok' || canalChart(evidence)) return 'canal';
  if (evidence.calicoNodeDaemonSet.kind === 'not-found' && manifest?.kind === 'not-found' && (canal === undefined || canal.kind === 'not-found')) return 'none';
  // No DaemonSet readable: where calico-node's pods run, and their label, tell the install.
  if (hasItems(evidence.calicoNodePods)) return 'operator';
  if (evidence.manifestInstall && hasItems(evidence.manifestInstall.calicoNodePods, 'calico-node')) return 'manifest';
  if (evidence.manifestInstall && hasItems(evidence.manifestInstall.calicoNodePods, CANAL_APP)) return 'canal';
  return 'unknown';
}

/** RKE2 deployed its Canal chart (its default CNI) and not rke2-calico. */
function canalChart(evidence: ClusterEvidence): boolean {
  if (evidence.helmCharts.kind !== 'ok') return false;
  const charts = evidence.helmCharts.value.items.map((chart) => text(chart, 'metadata', 'name'));
  return charts.includes(CANAL_CHART) && !charts.includes('rke2-calico');
}

/** How Calico is installed; most checks ask, so it is read once per evidence. */
export const installKind = oncePerEvidence(readInstallKind);

export const MANIFEST_INSTALL = 'a manifest install (calico-node in kube-system, no tigera-operator)';
export const CANAL_INSTALL = 'Canal (calico-node for policy and flannel for routes in one kube-system DaemonSet, no tigera-operator)';

/** The cluster's distribution: the one of its Linux nodes (Windows nodes say less), by majority; read once per evidence. */
export const clusterDistribution = oncePerEvidence(readDistribution);
