import { CALICO_CRDS } from '../../src/core/checks/calicoObjects';
import type { ClusterEvidence } from '../../src/core/checks/clusterEvidence';
import type { PodLogEvidence, PodLogPurpose } from '../../src/core/checks/podLogSelection';
import type { ApiFailure, ApiResult } from '../../src/core/kube/apiResult';
import type { ListResult } from '../../src/core/kube/clusterReader';
import { blockAffinity, clusterRole, felixConfiguration, installation, ipamBlock, ipamConfig, ipPool, node, pod } from './kubeObjects';

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

/**
 * The evidence of a healthy three-node RKE2 v1.32.4 cluster with Calico v3.29.3 and its RKE2 defaults (VXLAN, RKE2's
 * featureDetectOverride, strictAffinity, kube-proxy running); `overrides` replaces whole reads. Every field is typed,
 * so a misspelt key does not compile.
 */
export function healthyEvidence(overrides: Partial<ClusterEvidence> = {}): ClusterEvidence {
  const nodes = ['server-1', 'agent-1', 'agent-2'].map((name, index) => node({ name, internalIp: `192.168.50.${10 + index}` }));
  const roles = Object.fromEntries(CALICO_ROLES.map((name) => [name, found(clusterRole(name, name === 'calico-kube-controllers' ? [{ apiGroups: ['crd.projectcalico.org'], resources: ['ipamblocks', 'ipamconfigs'], verbs: ['get', 'list'] }] : []))]));
  const bindings = Object.fromEntries(CALICO_ROLES.map((name) => [name, found({ metadata: { name }, roleRef: { kind: 'ClusterRole', name }, subjects: [{ kind: 'ServiceAccount', name, namespace: 'calico-system' }] })]));
  return {
    collectedAt: '2026-06-30T10:00:00.000Z',
    nodes: listed(nodes),
    crds: listed(CALICO_CRDS.map((name) => ({ metadata: { name }, status: { conditions: [{ type: 'Established', status: 'True' }] } }))),
    clusterInformation: found({ metadata: { name: 'default' }, spec: { calicoVersion: 'v3.29.3', datastoreReady: true } }),
    ipPools: listed([ipPool({ cidr: '10.42.0.0/16' })]),
    installation: found(installation()),
    tigeraStatuses: listed([{ metadata: { name: 'calico' }, status: { conditions: [{ type: 'Available', status: 'True' }] } }]),
    helmCharts: listed([{ metadata: { name: 'rke2-calico', annotations: { 'helm.cattle.io/chart-url': 'https://rke2-charts.rancher.io/assets/rke2-calico/rke2-calico-v3.29.300.tgz' } }, spec: { chart: 'rke2-calico' } }, { metadata: { name: 'rke2-calico-crd' }, spec: { chart: 'rke2-calico-crd' } }]),
    helmJobs: {},
    helmPods: listed([]),
    clusterRoles: roles,
    clusterRoleBindings: bindings,
    operatorDeployment: found({ metadata: { name: 'tigera-operator' }, spec: { template: { spec: { containers: [{ name: 'tigera-operator', image: 'docker.io/rancher/mirrored-calico-operator:v1.36.7' }] } } } }),
    calicoNodeDaemonSet: found({ spec: { template: { spec: { containers: [{ name: 'calico-node', image: 'docker.io/rancher/mirrored-calico-node:v3.29.3' }] } } }, status: { desiredNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3 } }),
    typhaDeployment: found({ status: { readyReplicas: 1 } }),
    kubeControllersDeployment: found({ status: { readyReplicas: 1 } }),
    calicoNodePods: listed([]),
    controlPlanePods: listed([pod({ name: 'calico-kube-controllers-5f4c9d7b8-q8r4t', namespace: 'calico-system', labels: { 'k8s-app': 'calico-kube-controllers' } })]),
    typhaEndpoints: found({ subsets: [] }),
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
