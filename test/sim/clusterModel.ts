import { ipamObjects } from './ipamModel';
import type { ClusterState, Scenario } from './scenarioTypes';

/** Kubernetes objects by "group/resource" ("/nodes" for the core group), at one moment of a scenario. */
export interface ObjectStore {
  readonly resources: ReadonlyMap<string, readonly KubeObject[]>;
  /** Generated application pods (the `large` scenario): produced on demand, never held all at once. */
  readonly extraPods: { readonly count: number; readonly namespaceOf: (index: number) => string; readonly make: (index: number) => KubeObject };
}

export type KubeObject = Record<string, unknown> & { metadata: { name: string; namespace?: string; labels?: Record<string, string>; creationTimestamp?: string } };

const CALICO_CRD_PLURALS = ['bgpconfigurations', 'bgpfilters', 'bgppeers', 'blockaffinities', 'caliconodestatuses', 'clusterinformations', 'felixconfigurations', 'globalnetworkpolicies', 'globalnetworksets', 'hostendpoints', 'ipamblocks', 'ipamconfigs', 'ipamhandles', 'ippools', 'ipreservations', 'kubecontrollersconfigurations', 'networkpolicies', 'networksets', 'tiers'];
const CRD_NAMES = [...CALICO_CRD_PLURALS.map((plural) => `${plural}.crd.projectcalico.org`), 'adminnetworkpolicies.policy.networking.k8s.io', ...['apiservers', 'imagesets', 'installations', 'tigerastatuses'].map((plural) => `${plural}.operator.tigera.io`), 'helmcharts.helm.cattle.io', 'helmchartconfigs.helm.cattle.io', 'addons.k3s.cattle.io'];

/** Applies every timeline step at or before `second` to the base state. */
export function stateAt(scenario: Scenario, second: number): ClusterState {
  let state = { ...scenario.state };
  for (const step of [...(scenario.timeline ?? [])].sort((a, b) => a.at - b.at)) {
    if (step.at <= second) state = { ...state, ...step.set };
  }
  return state;
}

function iso(t0: number, seconds: number): string {
  return new Date(t0 + seconds * 1000).toISOString();
}

function meta(name: string, namespace: string | undefined, t0: number, created = 0, labels?: Record<string, string>): KubeObject['metadata'] {
  return { name, ...(namespace ? { namespace } : {}), uid: `uid-${namespace ?? ''}-${name}`, resourceVersion: '1', creationTimestamp: iso(t0, created), ...(labels ? { labels } : {}) } as KubeObject['metadata'];
}

function cond(type: string, ok: boolean, t0: number, reason = ok ? 'AsExpected' : 'NotReady', message = ''): Record<string, string> {
  return { type, status: ok ? 'True' : 'False', reason, message, lastTransitionTime: iso(t0, 0) };
}

function nodeName(state: ClusterState, index: number): string {
  return index < state.servers ? `server-${index + 1}` : `agent-${index - state.servers + 1}`;
}

/** A node's InternalIP: 192.168.50.x for the first 240 nodes (as the scenarios' logs quote them), 172.16.x.y after. */
function internalIp(index: number): string {
  return index < 240 ? `192.168.50.${10 + index}` : `172.16.${Math.floor(index / 256)}.${index % 256}`;
}

function isWindows(state: ClusterState, index: number): boolean {
  return index >= state.servers + state.agents - (state.windowsNodes ?? 0);
}

function nodes(state: ClusterState, t0: number, tunnelAddresses: ReadonlyMap<string, string>): KubeObject[] {
  const total = state.servers + state.agents;
  const out: KubeObject[] = [];
  for (let index = 0; index < total; index++) {
    const name = nodeName(state, index);
    const ready = index < state.nodesReady;
    const server = index < state.servers;
    const windows = isWindows(state, index);
    const address = internalIp(index);
    const calicoAddress = state.calicoAddresses && name in state.calicoAddresses ? state.calicoAddresses[name] : `${address}/24`;
    const tunnel = tunnelAddresses.get(name);
    const annotations: Record<string, string> = {
      ...(state.cni === 'calico' && calicoAddress ? { 'projectcalico.org/IPv4Address': calicoAddress } : {}),
      ...(state.cni === 'calico' && calicoAddress && tunnel ? { 'projectcalico.org/IPv4VXLANTunnelAddr': tunnel } : {}),
    };
    const metadata = meta(name, undefined, t0, state.joinOffsets?.[index] ?? index * 5, {
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': windows ? 'windows' : 'linux',
      ...(server ? { 'node-role.kubernetes.io/control-plane': 'true', 'node-role.kubernetes.io/etcd': 'true' } : {}),
    });
    out.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: Object.keys(annotations).length > 0 ? { ...metadata, annotations } as KubeObject['metadata'] : metadata,
      spec: { podCIDR: `10.42.${index % 256}.0/24`, podCIDRs: [`10.42.${index % 256}.0/24`] },
      status: {
        conditions: [
          { type: 'NetworkUnavailable', status: ready ? 'False' : 'True', reason: ready ? 'CalicoIsUp' : 'NoRouteCreated', message: ready ? 'Calico is running on this node' : 'Calico is not yet running on this node', lastTransitionTime: iso(t0, 0) },
          ready
            ? cond('Ready', true, t0, 'KubeletReady', 'kubelet is posting ready status')
            : cond('Ready', false, t0, 'KubeletNotReady', state.notReadyMessage ?? 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized'),
        ],
        nodeInfo: windows
          ? { kubeletVersion: state.rke2, containerRuntimeVersion: state.containerd, osImage: 'Windows Server 2022 Datacenter', operatingSystem: 'windows', kernelVersion: '10.0.20348.2966', architecture: 'amd64' }
          : { kubeletVersion: state.rke2, containerRuntimeVersion: state.containerd, osImage: 'Ubuntu 24.04.2 LTS', operatingSystem: 'linux', kernelVersion: state.kernelVersion ?? '6.8.0-55-generic', architecture: 'amd64' },
        addresses: [{ type: 'InternalIP', address }, { type: 'Hostname', address: name }],
      },
    });
  }
  return out;
}

/** RKE2's kube-proxy static pods (mirror pods kube-proxy-<node> in kube-system), one per Linux node. */
function kubeProxyPods(state: ClusterState, t0: number): KubeObject[] {
  if (state.kubeProxy === false) return [];
  const total = state.servers + state.agents;
  const out: KubeObject[] = [];
  for (let index = 0; index < total; index++) {
    if (isWindows(state, index)) continue;
    const node = nodeName(state, index);
    out.push(pod(`kube-proxy-${node}`, 'kube-system', t0, { component: 'kube-proxy', tier: 'control-plane' }, node, true, ['kube-proxy'], { image: 'index.docker.io/rancher/hardened-kube-proxy:v1.32.4-rke2r1-build20250423' }));
  }
  return out;
}

function pod(name: string, namespace: string, t0: number, labels: Record<string, string>, node: string, ready: boolean, containers: string[], extra: { restarts?: number; waiting?: string; phase?: string; initContainers?: string[]; image?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(name, namespace, t0, 0, labels),
    spec: { nodeName: node, containers: containers.map((container) => ({ name: container, image: extra.image ?? `docker.io/rancher/mirrored-calico-${container}:v3` })), ...(extra.initContainers ? { initContainers: extra.initContainers.map((container) => ({ name: container })) } : {}) },
    status: {
      phase: extra.phase ?? (ready ? 'Running' : 'Pending'),
      conditions: [cond('Ready', ready, t0)],
      containerStatuses: containers.map((container) => ({
        name: container,
        ready,
        restartCount: extra.restarts ?? 0,
        state: ready ? { running: { startedAt: iso(t0, 0) } } : extra.phase === 'Failed' || extra.phase === 'Succeeded' ? { terminated: { reason: extra.phase === 'Failed' ? 'Error' : 'Completed', exitCode: extra.phase === 'Failed' ? 1 : 0 } } : { waiting: { reason: extra.waiting ?? 'ContainerCreating' } },
        ...(extra.restarts ? { lastState: { terminated: { reason: 'Error', exitCode: 1 } } } : {}),
      })),
    },
  };
}

function calicoPods(state: ClusterState, t0: number): KubeObject[] {
  if (state.cni !== 'calico') return [];
  const total = state.servers + state.agents;
  const out: KubeObject[] = [];
  // calico-node is a Linux DaemonSet: Windows nodes run Calico as RKE2 services instead.
  for (let index = 0; index < total - (state.windowsNodes ?? 0); index++) {
    const ready = index < state.calicoNodeReady;
    out.push(pod(`calico-node-${String(index).padStart(5, '0')}`, 'calico-system', t0, { 'k8s-app': 'calico-node' }, nodeName(state, index), ready, ['calico-node'], { initContainers: ['flexvol-driver', 'install-cni'], restarts: ready ? 0 : 2, waiting: 'PodInitializing', image: `docker.io/rancher/mirrored-calico-node:${state.calico}` }));
  }
  const typhaCount = Math.min(3, Math.max(1, state.servers));
  for (let index = 0; index < typhaCount; index++) {
    out.push(pod(`calico-typha-6b9c7d8f4-${['x7k2p', 'm4q9z', 'b2n8w'][index] ?? 'zzzzz'}`, 'calico-system', t0, { 'k8s-app': 'calico-typha' }, nodeName(state, index), state.typhaAvailable, ['calico-typha'], { restarts: state.typhaAvailable ? 1 : 3, waiting: 'CrashLoopBackOff', image: `docker.io/rancher/mirrored-calico-typha:${state.calico}` }));
  }
  out.push(pod('calico-kube-controllers-5f4c9d7b8-q8r4t', 'calico-system', t0, { 'k8s-app': 'calico-kube-controllers' }, nodeName(state, 0), state.kubeControllersAvailable, ['calico-kube-controllers']));
  out.push(pod('tigera-operator-7c9f8b6d5-k2v9s', 'tigera-operator', t0, { name: 'tigera-operator', 'k8s-app': 'tigera-operator' }, nodeName(state, 0), state.operatorAvailable, ['tigera-operator'], { image: operatorImage(state) }));
  return out;
}

/**
 * RKE2's default CNI, rke2-canal: one kube-system DaemonSet named after the chart, labelled k8s-app=canal, whose pods
 * run calico-node beside kube-flannel (rke2-charts packages/rke2-canal templates/daemonset.yaml).
 */
function canalPods(state: ClusterState, t0: number): KubeObject[] {
  if (state.cni !== 'canal') return [];
  return Array.from({ length: state.servers + state.agents }, (_, index) => {
    const ready = index < state.calicoNodeReady;
    return pod(`rke2-canal-${String(index).padStart(5, '0')}`, 'kube-system', t0, { 'k8s-app': 'canal' }, nodeName(state, index), ready, ['calico-node', 'kube-flannel'], { initContainers: ['install-cni', 'flexvol-driver'], restarts: ready ? 0 : 4, waiting: 'CrashLoopBackOff', phase: 'Running', image: `docker.io/rancher/hardened-calico:${state.calico}-build20250101` });
  });
}

function canalDaemonSet(state: ClusterState, t0: number): KubeObject[] {
  if (state.cni !== 'canal') return [];
  const nodes = state.servers + state.agents;
  return [{ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta('rke2-canal', 'kube-system', t0, 0, { 'k8s-app': 'canal' }), spec: { template: { spec: { containers: [{ name: 'calico-node', image: `docker.io/rancher/hardened-calico:${state.calico}-build20250101` }, { name: 'kube-flannel', image: 'docker.io/rancher/hardened-flannel:v0.26.4-build20250101' }] } } }, status: { desiredNumberScheduled: nodes, currentNumberScheduled: nodes, numberReady: state.calicoNodeReady, updatedNumberScheduled: nodes, numberAvailable: state.calicoNodeReady } }];
}

/** The rke2-calico chart: the scenario's, or by the chart scheme vX.Y.Z → vX.Y.Z00. */
function calicoChart(state: ClusterState): string {
  return state.chart ?? `${state.calico}00`;
}

function operatorImage(state: ClusterState): string {
  return `docker.io/rancher/mirrored-calico-operator:${state.operator ?? 'v1.36.5'}`;
}

function helmPods(state: ClusterState, t0: number): KubeObject[] {
  const charts = state.cni === 'calico' ? ['rke2-calico-crd', 'rke2-calico', 'rke2-coredns'] : [`rke2-${state.cni}`, 'rke2-coredns'];
  const out: KubeObject[] = [];
  for (const chart of charts) {
    for (let attempt = 0; attempt < state.helmJobs.failedAttempts; attempt++) {
      const failed = pod(`helm-install-${chart}-f${attempt}x${chart.length}`, 'kube-system', t0, { 'job-name': `helm-install-${chart}`, 'helmcharts.helm.cattle.io/chart': chart }, nodeName(state, 0), false, ['helm'], { phase: 'Failed', image: 'rancher/klipper-helm:v0.9.4' });
      // Job back-off: each attempt starts after the previous one failed.
      out.push({ ...failed, metadata: { ...failed.metadata, creationTimestamp: iso(t0, attempt * 30) } });
    }
    if (state.helmJobs.succeeded) out.push(pod(`helm-install-${chart}-ok${chart.length}`, 'kube-system', t0, { 'job-name': `helm-install-${chart}`, 'helmcharts.helm.cattle.io/chart': chart }, nodeName(state, 0), false, ['helm'], { phase: 'Succeeded', image: 'rancher/klipper-helm:v0.9.4' }));
  }
  return out;
}

function deployment(name: string, namespace: string, t0: number, available: boolean, replicas = 1, image?: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, namespace, t0),
    spec: { replicas, ...(image ? { template: { spec: { containers: [{ name, image }] } } } : {}) },
    status: { replicas, readyReplicas: available ? replicas : 0, availableReplicas: available ? replicas : 0, conditions: [cond('Available', available, t0, available ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable', available ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.')] },
  };
}

function crd(name: string, t0: number): KubeObject {
  const [plural = '', ...group] = name.split('.');
  return { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: meta(name, undefined, t0), spec: { group: group.join('.'), names: { plural }, scope: 'Cluster' }, status: { conditions: [cond('NamesAccepted', true, t0), cond('Established', true, t0, 'InitialNamesAccepted', 'the initial names have been accepted')] } };
}

/** calico-kube-controllers as tigera-operator renders it: v1.42.0 lists ipamconfigurations instead of ipamconfigs (tigera/operator#4855). */
function roleRules(state: ClusterState, name: string): Record<string, unknown>[] {
  const core = { apiGroups: [''], resources: ['endpoints', 'services'], verbs: ['get', 'list', 'watch'] };
  if (name !== 'calico-kube-controllers') return [core];
  const ipam = state.kubeControllersRoleWithoutIpamconfigs ? ['ipamconfigurations'] : ['ipamconfigs', 'ipamconfigurations'];
  return [core, { apiGroups: ['crd.projectcalico.org'], resources: ['ipamblocks', 'blockaffinities', 'ipamhandles', 'ippools', 'networksets', ...ipam], verbs: ['get', 'list', 'watch', 'create', 'update', 'delete'] }];
}

function rbac(state: ClusterState, t0: number): { roles: KubeObject[]; bindings: KubeObject[] } {
  const names = ['calico-node', 'calico-typha', 'calico-cni-plugin', 'calico-kube-controllers', 'tigera-operator'].filter((name) => state.cni === 'calico' && !state.rbacMissing.includes(name));
  return {
    roles: [...names.map((name) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta(name, undefined, t0), rules: roleRules(state, name) })), { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta('cluster-admin', undefined, t0), rules: [] }],
    bindings: names.map((name) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta(name, undefined, t0), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name }, subjects: [{ kind: 'ServiceAccount', name, namespace: name === 'tigera-operator' ? 'tigera-operator' : 'calico-system' }] })),
  };
}

/** Every object of the scenario at `second`, built from its state. */
export function materialize(scenario: Scenario, second: number, t0: number): ObjectStore {
  const state = stateAt(scenario, second);
  const calico = state.cni === 'calico';
  const resources = new Map<string, KubeObject[]>();
  const total = state.servers + state.agents;
  const ipam = ipamObjects(state, Array.from({ length: total }, (_, index) => nodeName(state, index)), iso(t0, 0));
  const nodeObjects = nodes(state, t0, ipam.tunnelAddresses);
  resources.set('/nodes', nodeObjects);
  resources.set('/namespaces', ['default', 'kube-system', 'kube-public', ...(calico ? ['calico-system', 'tigera-operator'] : [])].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: meta(name, undefined, t0), status: { phase: 'Active' } })));
  resources.set('/pods', [...calicoPods(state, t0), ...canalPods(state, t0), ...helmPods(state, t0), ...kubeProxyPods(state, t0)]);
  resources.set('/configmaps', calico && state.servicesEndpoint ? [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('kubernetes-services-endpoint', 'tigera-operator', t0), data: { KUBERNETES_SERVICE_HOST: state.servicesEndpoint.host, KUBERNETES_SERVICE_PORT: state.servicesEndpoint.port } }] : []);
  const typhaAddresses = Array.from({ length: state.typhaEndpoints }, (_, index) => ({ ip: `192.168.50.${10 + index}`, nodeName: nodeName(state, index) }));
  resources.set('/endpoints', calico ? [{ apiVersion: 'v1', kind: 'Endpoints', metadata: meta('calico-typha', 'calico-system', t0), subsets: typhaAddresses.length > 0 ? [{ addresses: typhaAddresses, ports: [{ name: 'calico-typha', port: 5473 }] }] : [] }] : []);
  resources.set('/services', calico ? [{ apiVersion: 'v1', kind: 'Service', metadata: meta('calico-typha', 'calico-system', t0), spec: { ports: [{ name: 'calico-typha', port: 5473 }] } }] : []);
  const sandboxEvents = (scenario.events ?? []).filter((event) => event.at <= second).map((event, index) => ({
    apiVersion: 'v1', kind: 'Event', metadata: meta(`${event.pod}.${index}`, event.namespace, t0, event.at), involvedObject: { kind: 'Pod', namespace: event.namespace, name: event.pod }, reason: 'FailedCreatePodSandBox', type: 'Warning', message: event.message, count: event.count, firstTimestamp: iso(t0, Math.max(0, event.at - 30)), lastTimestamp: iso(t0, event.at), source: { component: 'kubelet' },
  }));
  // kubelet's wording for a pull that fails (pkg/kubelet/images): reason Failed, then BackOff.
  const pullEvents = (state.imagePullFailures ?? []).filter((failure) => failure.at <= second).map((failure, index) => ({
    apiVersion: 'v1', kind: 'Event', metadata: meta(`${failure.pod}.pull${index}`, failure.namespace, t0, failure.at), involvedObject: { kind: 'Pod', namespace: failure.namespace, name: failure.pod, fieldPath: 'spec.containers{main}' }, reason: 'Failed', type: 'Warning',
    message: `Failed to pull image "${failure.image}": rpc error: code = NotFound desc = failed to pull and unpack image "${failure.image}": failed to resolve reference "${failure.image}": ${failure.image}: not found`,
    count: failure.count, firstTimestamp: iso(t0, Math.max(0, failure.at - 60)), lastTimestamp: iso(t0, failure.at), source: { component: 'kubelet' },
  }));
  resources.set('/events', [...sandboxEvents, ...pullEvents]);
  const linuxNodes = total - (state.windowsNodes ?? 0);
  resources.set('apps/daemonsets', !calico ? canalDaemonSet(state, t0) : [{ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta('calico-node', 'calico-system', t0), spec: { template: { spec: { containers: [{ name: 'calico-node', image: `docker.io/rancher/mirrored-calico-node:${state.calico}` }] } } }, status: { desiredNumberScheduled: linuxNodes, currentNumberScheduled: linuxNodes, numberReady: state.calicoNodeReady, updatedNumberScheduled: linuxNodes, numberAvailable: state.calicoNodeReady } }]);
  resources.set('apps/deployments', calico ? [deployment('tigera-operator', 'tigera-operator', t0, state.operatorAvailable, 1, operatorImage(state)), deployment('calico-typha', 'calico-system', t0, state.typhaAvailable, Math.min(3, Math.max(1, state.servers))), deployment('calico-kube-controllers', 'calico-system', t0, state.kubeControllersAvailable)] : []);
  const charts = calico ? ['rke2-calico-crd', 'rke2-calico', 'rke2-coredns'] : [`rke2-${state.cni}`, 'rke2-coredns'];
  resources.set('batch/jobs', charts.map((chart) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: meta(`helm-install-${chart}`, 'kube-system', t0), status: { ...(state.helmJobs.failedAttempts > 0 ? { failed: state.helmJobs.failedAttempts } : {}), ...(state.helmJobs.succeeded ? { succeeded: 1, conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: iso(t0, 0) }] } : { active: 1 }) } })));
  resources.set('helm.cattle.io/helmcharts', charts.map((chart) => ({ apiVersion: 'helm.cattle.io/v1', kind: 'HelmChart', metadata: { ...meta(chart, 'kube-system', t0), annotations: { 'helm.cattle.io/chart-url': `https://rke2-charts.rancher.io/assets/${chart}/${chart}-${chart.startsWith('rke2-calico') ? calicoChart(state) : 'v1.0.0'}.tgz` } }, spec: { chart, bootstrap: true, ...(chart === 'rke2-calico' ? { set: { 'global.clusterCIDR': state.clusterCidr, 'global.clusterCIDRv4': state.clusterCidr } } : {}) } })));
  resources.set('helm.cattle.io/helmchartconfigs', []);
  const helmCrds = ['helmcharts.helm.cattle.io', 'helmchartconfigs.helm.cattle.io', 'addons.k3s.cattle.io'];
  // rke2-canal ships the crd.projectcalico.org CRDs its calico-node needs, without the operator's.
  const canal = state.cni === 'canal';
  const crdNames = calico ? CRD_NAMES.filter((name) => !state.crdsMissing.includes(name)) : [...helmCrds, ...(canal ? CRD_NAMES.filter((name) => name.endsWith('.crd.projectcalico.org')) : [])];
  resources.set('apiextensions.k8s.io/customresourcedefinitions', crdNames.map((name) => crd(name, t0)));
  const { roles, bindings } = rbac(state, t0);
  resources.set('rbac.authorization.k8s.io/clusterroles', roles);
  resources.set('rbac.authorization.k8s.io/clusterrolebindings', bindings);
  const ciExists = (calico || canal) && state.clusterInformation !== 'absent' && !state.crdsMissing.includes('clusterinformations.crd.projectcalico.org');
  resources.set('crd.projectcalico.org/clusterinformations', ciExists ? [{ apiVersion: 'crd.projectcalico.org/v1', kind: 'ClusterInformation', metadata: meta('default', undefined, t0, state.clusterInformationCreatedAt ?? 0), spec: { calicoVersion: state.calico, clusterGUID: '4f1c0e2a9b7d4c6e8a1b3c5d7e9f0a2b', clusterType: canal ? 'k8s,canal,kdd' : 'typha,kdd,k8s,operator,bgp,kubeadm', datastoreReady: state.clusterInformation === 'ready' } }] : []);
  const encapsulation = state.installation?.encapsulation ?? 'VXLAN';
  const vxlanMode = encapsulation.startsWith('VXLAN') ? (encapsulation === 'VXLANCrossSubnet' ? 'CrossSubnet' : 'Always') : 'Never';
  const ipipMode = encapsulation.startsWith('IPIP') ? (encapsulation === 'IPIPCrossSubnet' ? 'CrossSubnet' : 'Always') : 'Never';
  const blockSize = state.ipam?.blockSize ?? 26;
  const pools = state.ipPools.map((cidr, index) => ({ apiVersion: 'crd.projectcalico.org/v1', kind: 'IPPool', metadata: meta(index === 0 ? 'default-ipv4-ippool' : `pool-${index}`, undefined, t0), spec: { cidr, blockSize: cidr.includes(':') ? 122 : blockSize, vxlanMode, ipipMode, natOutgoing: true, nodeSelector: 'all()', allowedUses: ['Workload', 'Tunnel'] } }));
  if (state.loadBalancerPool) pools.push({ apiVersion: 'crd.projectcalico.org/v1', kind: 'IPPool', metadata: meta('loadbalancer-pool', undefined, t0), spec: { cidr: state.loadBalancerPool, blockSize: 32, vxlanMode: 'Never', ipipMode: 'Never', natOutgoing: false, nodeSelector: '!all()', allowedUses: ['LoadBalancer'] } });
  resources.set('crd.projectcalico.org/ippools', calico ? pools : []);
  resources.set('crd.projectcalico.org/ipamblocks', calico ? ipam.blocks as KubeObject[] : []);
  resources.set('crd.projectcalico.org/blockaffinities', calico ? ipam.affinities as KubeObject[] : []);
  resources.set('crd.projectcalico.org/ipamconfigs', calico ? [ipam.config as KubeObject] : []);
  const override = state.felixFeatureDetectOverride === undefined ? 'ChecksumOffloadBroken=true' : state.felixFeatureDetectOverride;
  resources.set('crd.projectcalico.org/felixconfigurations', calico && override !== null ? [{ apiVersion: 'crd.projectcalico.org/v1', kind: 'FelixConfiguration', metadata: meta('default', undefined, t0), spec: { featureDetectOverride: override, healthPort: 9099 } }] : []);
  const installation = state.installation ?? {};
  const deleting = installation.deletingWithFinalizers;
  // Without their CRD the API serves no such objects (the path answers 404).
  const served = (crdName: string): boolean => calico && !state.crdsMissing.includes(crdName);
  resources.set('operator.tigera.io/installations', served('installations.operator.tigera.io') ? [{
    apiVersion: 'operator.tigera.io/v1', kind: 'Installation',
    metadata: { ...meta('default', undefined, t0), ...(deleting ? { deletionTimestamp: iso(t0, -900), finalizers: deleting } : {}) },
    spec: {
      calicoNetwork: {
        bgp: 'Disabled',
        ipPools: state.ipPools.map((cidr) => ({ cidr, encapsulation, natOutgoing: 'Enabled', blockSize: cidr.includes(':') ? 122 : blockSize })),
        nodeAddressAutodetectionV4: installation.nodeAddressAutodetectionV4 ?? { firstFound: true },
        ...(installation.linuxDataplane ? { linuxDataplane: installation.linuxDataplane } : {}),
        ...(installation.mtu !== undefined ? { mtu: installation.mtu } : {}),
        ...(installation.hostPorts ? { hostPorts: installation.hostPorts } : {}),
      },
      registry: installation.registry ?? 'docker.io',
      imagePath: 'rancher',
      imagePrefix: 'mirrored-calico-',
    },
    status: { variant: 'Calico', ...(state.installationReady ? { calicoVersion: state.calico } : {}), conditions: [cond('Ready', state.installationReady, t0, state.installationReady ? 'AllObjectsAvailable' : 'ResourceNotReady'), ...(state.installationDegraded ? [cond('Degraded', true, t0, state.installationDegraded.reason, state.installationDegraded.message)] : [])].map((entry) => (entry.type === 'Degraded' ? { ...entry, status: 'True' } : entry)) },
  }] : []);
  resources.set('operator.tigera.io/tigerastatuses', served('tigerastatuses.operator.tigera.io') ? state.tigeraStatus.map((status) => ({ apiVersion: 'operator.tigera.io/v1', kind: 'TigeraStatus', metadata: { ...meta(status.name, undefined, t0), ...(state.tigeraStatusDeleting?.includes(status.name) ? { deletionTimestamp: iso(t0, -900), finalizers: ['tigera.io/operator-cleanup'] } : {}) }, status: { conditions: [cond('Available', status.available, t0, status.available ? 'AllObjectsAvailable' : 'ResourceNotReady', status.available ? 'All objects are available' : 'Waiting for calico-node and typha to become ready'), { ...cond('Progressing', !status.available, t0), status: status.available ? 'False' : 'True' }, { ...cond('Degraded', false, t0, status.degraded?.reason ?? 'AsExpected', status.degraded?.message ?? ''), status: status.degraded ? 'True' : 'False' }] } })) : []);
  const extraCount = state.extraPods ?? 0;
  return {
    resources,
    extraPods: {
      count: extraCount,
      namespaceOf: (index) => `team-${index % 50}`,
      make: (index) => pod(`app-${index}`, `team-${index % 50}`, t0, { app: `app-${index % 500}` }, nodeName(state, index % Math.max(1, total)), true, ['app'], { image: 'registry.example.com/app:1.0' }),
    },
  };
}
