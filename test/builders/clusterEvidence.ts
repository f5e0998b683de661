import { CALICO_CRDS } from '../../src/core/checks/calicoObjects';
import type { ClusterEvidence } from '../../src/core/checks/clusterEvidence';
import type { PodLogEvidence, PodLogPurpose } from '../../src/core/checks/podLogSelection';
import type { ApiFailure, ApiResult } from '../../src/core/kube/apiResult';
import type { ListResult } from '../../src/core/kube/clusterReader';
import { CALICO_CHARTS, OTHER_CNI_CHARTS } from '../../src/core/checks/calicoObjects';
import { blockAffinity, clusterInformation, clusterRole, clusterRoleBinding, crd, daemonSet, deployment, endpoints, felixConfiguration, helmChart, helmJob, installation, ipamBlock, ipamConfig, ipPool, node, pod, tigeraStatus } from './kubeObjects';

export function found<T>(value: T): ApiResult<T> {
  return { kind: 'ok', value };
}

export function listed(items: readonly unknown[], truncated = false): ApiResult<ListResult> {
  return { kind: 'ok', value: { items, truncated } };
}

export const FORBIDDEN: ApiFailure = { kind: 'forbidden', message: 'forbidden: User "viewer" cannot list resource' };
export const NOT_FOUND: ApiFailure = { kind: 'not-found', message: 'not found' };

export function podLog(purpose: PodLogPurpose, podName: string, text: ApiResult<string>, namespace = purpose === 'helm-install' ? 'kube-system' : 'calico-system'): PodLogEvidence {
  return { purpose, namespace, pod: podName, container: purpose === 'helm-install' ? 'helm' : podName.replace(/-[a-z0-9]+-[a-z0-9]+$/, ''), tailLines: 300, text };
}

const CALICO_ROLES = ['calico-node', 'calico-typha', 'calico-cni-plugin', 'calico-kube-controllers'] as const;

/** The rke2-calico HelmChart as RKE2 v1.32.4 writes it: chart v3.29.300, cluster-cidr 10.42.0.0/16. */
export const RKE2_CALICO_CHART = helmChart({ name: 'rke2-calico', chartUrl: 'https://rke2-charts.rancher.io/assets/rke2-calico/rke2-calico-v3.29.300.tgz', set: { 'global.clusterCIDR': '10.42.0.0/16' } });

/** HelmCharts of a cluster whose CNI is `chart` (rke2-cilium…) instead of Calico. */
export function otherCni(chart: (typeof OTHER_CNI_CHARTS)[number]): Pick<ClusterEvidence, 'helmCharts'> {
  return { helmCharts: listed([helmChart({ name: chart }), helmChart({ name: 'rke2-coredns' })]) };
}

/**
 * The evidence of a healthy three-node RKE2 v1.32.4 cluster with Calico v3.29.3 and its RKE2 defaults (VXLAN, RKE2's
 * featureDetectOverride, strictAffinity, kube-proxy running), on which every cluster check passes (the Windows
 * check is skipped: no Windows node); `overrides` replaces whole reads. Every field is typed, so a misspelt key
 * does not compile. The server joined first, Calico initialised, then the agents joined.
 */
export function healthyEvidence(overrides: Partial<ClusterEvidence> = {}): ClusterEvidence {
  const nodes = ['server-1', 'agent-1', 'agent-2'].map((name, index) => node({ name, internalIp: `192.168.50.${10 + index}`, created: index === 0 ? '2026-06-30T09:00:00Z' : '2026-06-30T09:10:00Z', podCidrs: [`10.42.${index}.0/24`] }));
  const roles = Object.fromEntries(CALICO_ROLES.map((name) => [name, found(clusterRole(name, name === 'calico-kube-controllers' ? [{ apiGroups: ['crd.projectcalico.org'], resources: ['ipamblocks', 'ipamconfigs'], verbs: ['get', 'list'] }] : []))]));
  const bindings = Object.fromEntries(CALICO_ROLES.map((name) => [name, found(clusterRoleBinding(name, name, [{ kind: 'ServiceAccount', name, namespace: 'calico-system' }]))]));
  return {
    collectedAt: '2026-06-30T10:00:00.000Z',
    nodes: listed(nodes),
    crds: listed(CALICO_CRDS.map((name) => crd(name))),
    clusterInformation: found(clusterInformation()),
    ipPools: listed([ipPool({ cidr: '10.42.0.0/16' })]),
    installation: found(installation()),
    tigeraStatuses: listed([tigeraStatus({ name: 'calico' }), tigeraStatus({ name: 'apiserver' })]),
    helmCharts: listed([RKE2_CALICO_CHART, helmChart({ name: 'rke2-calico-crd' })]),
    helmJobs: Object.fromEntries(CALICO_CHARTS.map((chart) => [chart, found(helmJob(chart, { succeeded: 1, complete: true }))])),
    helmPods: listed([]),
    clusterRoles: roles,
    clusterRoleBindings: bindings,
    operatorDeployment: found(deployment({ name: 'tigera-operator', namespace: 'tigera-operator', image: 'docker.io/rancher/mirrored-calico-operator:v1.36.7' })),
    calicoNodeDaemonSet: found(daemonSet({ desired: 3, ready: 3 })),
    typhaDeployment: found(deployment({ name: 'calico-typha', namespace: 'calico-system' })),
    kubeControllersDeployment: found(deployment({ name: 'calico-kube-controllers', namespace: 'calico-system' })),
    calicoNodePods: listed([]),
    controlPlanePods: listed([pod({ name: 'calico-kube-controllers-5f4c9d7b8-q8r4t', namespace: 'calico-system', labels: { 'k8s-app': 'calico-kube-controllers' } })]),
    typhaEndpoints: found(endpoints('calico-typha', 1)),
    sandboxEvents: listed([]),
    felixConfiguration: found(felixConfiguration()),
    ipamConfig: found(ipamConfig()),
    ipamBlocks: listed([ipamBlock('10.42.0.0/26', 'server-1'), ipamBlock('10.42.0.64/26', 'agent-1'), ipamBlock('10.42.0.128/26', 'agent-2')]),
    blockAffinities: listed([blockAffinity('server-1', '10.42.0.0/26'), blockAffinity('agent-1', '10.42.0.64/26'), blockAffinity('agent-2', '10.42.0.128/26')]),
    failedEvents: { 'calico-system': listed([]), 'tigera-operator': listed([]) },
    kubeProxyPods: listed([pod({ name: 'kube-proxy-server-1', namespace: 'kube-system', labels: { component: 'kube-proxy' } })]),
    podLogs: [podLog('kube-controllers', 'calico-kube-controllers-5f4c9d7b8-q8r4t', found(''))],
    ...overrides,
  };
}
