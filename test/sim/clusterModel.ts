import type { ClusterState, Scenario } from './scenarioTypes';

/** Kubernetes objects by "group/resource" ("/nodes" for the core group), at one moment of a scenario. */
export interface ObjectStore {
  readonly resources: ReadonlyMap<string, readonly KubeObject[]>;
  /** Generated application pods (the `large` scenario): produced on demand, never held all at once. */
  readonly extraPods: { readonly count: number; readonly make: (index: number) => KubeObject };
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

function nodes(state: ClusterState, t0: number): KubeObject[] {
  const total = state.servers + state.agents;
  const out: KubeObject[] = [];
  for (let index = 0; index < total; index++) {
    const name = nodeName(state, index);
    const ready = index < state.nodesReady;
    const server = index < state.servers;
    out.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: meta(name, undefined, t0, state.joinOffsets?.[index] ?? index * 5, {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        ...(server ? { 'node-role.kubernetes.io/control-plane': 'true', 'node-role.kubernetes.io/etcd': 'true' } : {}),
      }),
      spec: { podCIDR: `10.42.${index % 256}.0/24`, podCIDRs: [`10.42.${index % 256}.0/24`] },
      status: {
        conditions: [
          { type: 'NetworkUnavailable', status: ready ? 'False' : 'True', reason: ready ? 'CalicoIsUp' : 'NoRouteCreated', message: ready ? 'Calico is running on this node' : 'Calico is not yet running on this node', lastTransitionTime: iso(t0, 0) },
          ready
            ? cond('Ready', true, t0, 'KubeletReady', 'kubelet is posting ready status')
            : cond('Ready', false, t0, 'KubeletNotReady', state.notReadyMessage ?? 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized'),
        ],
        nodeInfo: { kubeletVersion: state.rke2, containerRuntimeVersion: state.containerd, osImage: 'Ubuntu 24.04.2 LTS', kernelVersion: '6.8.0-55-generic', architecture: 'amd64' },
        addresses: [{ type: 'InternalIP', address: `192.168.50.${10 + (index % 240)}` }, { type: 'Hostname', address: name }],
      },
    });
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
  for (let index = 0; index < total; index++) {
    const ready = index < state.calicoNodeReady;
    out.push(pod(`calico-node-${String(index).padStart(5, '0')}`, 'calico-system', t0, { 'k8s-app': 'calico-node' }, nodeName(state, index), ready, ['calico-node'], { initContainers: ['flexvol-driver', 'install-cni'], restarts: ready ? 0 : 2, waiting: 'PodInitializing', image: `docker.io/rancher/mirrored-calico-node:${state.calico}` }));
  }
  const typhaCount = Math.min(3, Math.max(1, state.servers));
  for (let index = 0; index < typhaCount; index++) {
    out.push(pod(`calico-typha-6b9c7d8f4-${['x7k2p', 'm4q9z', 'b2n8w'][index] ?? 'zzzzz'}`, 'calico-system', t0, { 'k8s-app': 'calico-typha' }, nodeName(state, index), state.typhaAvailable, ['calico-typha'], { restarts: state.typhaAvailable ? 1 : 3, waiting: 'CrashLoopBackOff', image: `docker.io/rancher/mirrored-calico-typha:${state.calico}` }));
  }
  out.push(pod('calico-kube-controllers-5f4c9d7b8-q8r4t', 'calico-system', t0, { 'k8s-app': 'calico-kube-controllers' }, nodeName(state, 0), state.kubeControllersAvailable, ['calico-kube-controllers']));
  out.push(pod('tigera-operator-7c9f8b6d5-k2v9s', 'tigera-operator', t0, { name: 'tigera-operator', 'k8s-app': 'tigera-operator' }, nodeName(state, 0), state.operatorAvailable, ['tigera-operator'], { image: 'docker.io/rancher/mirrored-calico-operator:v1.36.5' }));
  return out;
}

function helmPods(state: ClusterState, t0: number): KubeObject[] {
  const charts = state.cni === 'calico' ? ['rke2-calico-crd', 'rke2-calico', 'rke2-coredns'] : [`rke2-${state.cni}`, 'rke2-coredns'];
  const out: KubeObject[] = [];
  for (const chart of charts) {
    for (let attempt = 0; attempt < state.helmJobs.failedAttempts; attempt++) {
      out.push(pod(`helm-install-${chart}-f${attempt}x${chart.length}`, 'kube-system', t0, { 'job-name': `helm-install-${chart}`, 'helmcharts.helm.cattle.io/chart': chart }, nodeName(state, 0), false, ['helm'], { phase: 'Failed', image: 'rancher/klipper-helm:v0.9.4' }));
    }
    if (state.helmJobs.succeeded) out.push(pod(`helm-install-${chart}-ok${chart.length}`, 'kube-system', t0, { 'job-name': `helm-install-${chart}`, 'helmcharts.helm.cattle.io/chart': chart }, nodeName(state, 0), false, ['helm'], { phase: 'Succeeded', image: 'rancher/klipper-helm:v0.9.4' }));
  }
  return out;
}

function deployment(name: string, namespace: string, t0: number, available: boolean, replicas = 1): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, namespace, t0),
    spec: { replicas },
    status: { replicas, readyReplicas: available ? replicas : 0, availableReplicas: available ? replicas : 0, conditions: [cond('Available', available, t0, available ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable', available ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.')] },
  };
}

function crd(name: string, t0: number): KubeObject {
  const [plural = '', ...group] = name.split('.');
  return { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: meta(name, undefined, t0), spec: { group: group.join('.'), names: { plural }, scope: 'Cluster' }, status: { conditions: [cond('NamesAccepted', true, t0), cond('Established', true, t0, 'InitialNamesAccepted', 'the initial names have been accepted')] } };
}

function rbac(state: ClusterState, t0: number): { roles: KubeObject[]; bindings: KubeObject[] } {
  const names = ['calico-node', 'calico-typha', 'calico-cni-plugin', 'calico-kube-controllers', 'tigera-operator'].filter((name) => state.cni === 'calico' && !state.rbacMissing.includes(name));
  return {
    roles: [...names.map((name) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta(name, undefined, t0), rules: [{ apiGroups: [''], resources: ['endpoints', 'services'], verbs: ['get', 'list', 'watch'] }] })), { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta('cluster-admin', undefined, t0), rules: [] }],
    bindings: names.map((name) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta(name, undefined, t0), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name }, subjects: [{ kind: 'ServiceAccount', name, namespace: name === 'tigera-operator' ? 'tigera-operator' : 'calico-system' }] })),
  };
}

/** Every object of the scenario at `second`, built from its state. */
export function materialize(scenario: Scenario, second: number, t0: number): ObjectStore {
  const state = stateAt(scenario, second);
  const calico = state.cni === 'calico';
  const resources = new Map<string, KubeObject[]>();
  const nodeObjects = nodes(state, t0);
  resources.set('/nodes', nodeObjects);
  resources.set('/namespaces', ['default', 'kube-system', 'kube-public', ...(calico ? ['calico-system', 'tigera-operator'] : [])].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: meta(name, undefined, t0), status: { phase: 'Active' } })));
  resources.set('/pods', [...calicoPods(state, t0), ...helmPods(state, t0)]);
  const typhaAddresses = Array.from({ length: state.typhaEndpoints }, (_, index) => ({ ip: `192.168.50.${10 + index}`, nodeName: nodeName(state, index) }));
  resources.set('/endpoints', calico ? [{ apiVersion: 'v1', kind: 'Endpoints', metadata: meta('calico-typha', 'calico-system', t0), subsets: typhaAddresses.length > 0 ? [{ addresses: typhaAddresses, ports: [{ name: 'calico-typha', port: 5473 }] }] : [] }] : []);
  resources.set('/services', calico ? [{ apiVersion: 'v1', kind: 'Service', metadata: meta('calico-typha', 'calico-system', t0), spec: { ports: [{ name: 'calico-typha', port: 5473 }] } }] : []);
  resources.set('/events', (scenario.events ?? []).filter((event) => event.at <= second).map((event, index) => ({
    apiVersion: 'v1', kind: 'Event', metadata: meta(`${event.pod}.${index}`, event.namespace, t0, event.at), involvedObject: { kind: 'Pod', namespace: event.namespace, name: event.pod }, reason: 'FailedCreatePodSandBox', type: 'Warning', message: event.message, count: event.count, firstTimestamp: iso(t0, Math.max(0, event.at - 30)), lastTimestamp: iso(t0, event.at), source: { component: 'kubelet' },
  })));
  const total = state.servers + state.agents;
  resources.set('apps/daemonsets', calico ? [{ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta('calico-node', 'calico-system', t0), spec: { template: { spec: { containers: [{ name: 'calico-node', image: `docker.io/rancher/mirrored-calico-node:${state.calico}` }] } } }, status: { desiredNumberScheduled: total, currentNumberScheduled: total, numberReady: state.calicoNodeReady, updatedNumberScheduled: total, numberAvailable: state.calicoNodeReady } }] : []);
  resources.set('apps/deployments', calico ? [deployment('tigera-operator', 'tigera-operator', t0, state.operatorAvailable), deployment('calico-typha', 'calico-system', t0, state.typhaAvailable, Math.min(3, Math.max(1, state.servers))), deployment('calico-kube-controllers', 'calico-system', t0, state.kubeControllersAvailable)] : []);
  const charts = calico ? ['rke2-calico-crd', 'rke2-calico', 'rke2-coredns'] : [`rke2-${state.cni}`, 'rke2-coredns'];
  resources.set('batch/jobs', charts.map((chart) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: meta(`helm-install-${chart}`, 'kube-system', t0), status: { ...(state.helmJobs.failedAttempts > 0 ? { failed: state.helmJobs.failedAttempts } : {}), ...(state.helmJobs.succeeded ? { succeeded: 1, conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: iso(t0, 0) }] } : { active: 1 }) } })));
  resources.set('helm.cattle.io/helmcharts', charts.map((chart) => ({ apiVersion: 'helm.cattle.io/v1', kind: 'HelmChart', metadata: { ...meta(chart, 'kube-system', t0), annotations: { 'helm.cattle.io/chart-url': `https://rke2-charts.rancher.io/assets/${chart}/${chart}-${chart.startsWith('rke2-calico') ? 'v3.29.200' : 'v1.0.0'}.tgz` } }, spec: { chart, bootstrap: true, ...(chart === 'rke2-calico' ? { set: { 'global.clusterCIDR': state.clusterCidr, 'global.clusterCIDRv4': state.clusterCidr } } : {}) } })));
  resources.set('helm.cattle.io/helmchartconfigs', []);
  const crdNames = calico ? CRD_NAMES.filter((name) => !state.crdsMissing.includes(name)) : ['helmcharts.helm.cattle.io', 'helmchartconfigs.helm.cattle.io', 'addons.k3s.cattle.io'];
  resources.set('apiextensions.k8s.io/customresourcedefinitions', crdNames.map((name) => crd(name, t0)));
  const { roles, bindings } = rbac(state, t0);
  resources.set('rbac.authorization.k8s.io/clusterroles', roles);
  resources.set('rbac.authorization.k8s.io/clusterrolebindings', bindings);
  const ciExists = calico && state.clusterInformation !== 'absent' && !state.crdsMissing.includes('clusterinformations.crd.projectcalico.org');
  resources.set('crd.projectcalico.org/clusterinformations', ciExists ? [{ apiVersion: 'crd.projectcalico.org/v1', kind: 'ClusterInformation', metadata: meta('default', undefined, t0, state.clusterInformationCreatedAt ?? 0), spec: { calicoVersion: state.calico, clusterGUID: '4f1c0e2a9b7d4c6e8a1b3c5d7e9f0a2b', clusterType: 'typha,kdd,k8s,operator,bgp,kubeadm', datastoreReady: state.clusterInformation === 'ready' } }] : []);
  resources.set('crd.projectcalico.org/ippools', calico ? state.ipPools.map((cidr, index) => ({ apiVersion: 'crd.projectcalico.org/v1', kind: 'IPPool', metadata: meta(index === 0 ? 'default-ipv4-ippool' : `pool-${index}`, undefined, t0), spec: { cidr, blockSize: 26, vxlanMode: 'Always', natOutgoing: true, nodeSelector: 'all()' } })) : []);
  resources.set('crd.projectcalico.org/felixconfigurations', calico ? [{ apiVersion: 'crd.projectcalico.org/v1', kind: 'FelixConfiguration', metadata: meta('default', undefined, t0), spec: { featureDetectOverride: 'ChecksumOffloadBroken=true', healthPort: 9099 } }] : []);
  resources.set('operator.tigera.io/installations', calico ? [{
    apiVersion: 'operator.tigera.io/v1', kind: 'Installation', metadata: meta('default', undefined, t0),
    spec: { calicoNetwork: { bgp: 'Disabled', ipPools: state.ipPools.map((cidr) => ({ cidr, encapsulation: 'VXLAN', natOutgoing: 'Enabled' })) }, imagePath: 'rancher', imagePrefix: 'mirrored-calico-' },
    status: { variant: 'Calico', ...(state.installationReady ? { calicoVersion: state.calico } : {}), conditions: [cond('Ready', state.installationReady, t0, state.installationReady ? 'AllObjectsAvailable' : 'ResourceNotReady'), ...(state.installationDegraded ? [cond('Degraded', true, t0, state.installationDegraded.reason, state.installationDegraded.message)] : [])].map((entry) => (entry.type === 'Degraded' ? { ...entry, status: 'True' } : entry)) },
  }] : []);
  resources.set('operator.tigera.io/tigerastatuses', calico ? state.tigeraStatus.map((status) => ({ apiVersion: 'operator.tigera.io/v1', kind: 'TigeraStatus', metadata: meta(status.name, undefined, t0), status: { conditions: [cond('Available', status.available, t0, status.available ? 'AllObjectsAvailable' : 'ResourceNotReady', status.available ? 'All objects are available' : 'Waiting for calico-node and typha to become ready'), { ...cond('Progressing', !status.available, t0), status: status.available ? 'False' : 'True' }, { ...cond('Degraded', false, t0, status.degraded?.reason ?? 'AsExpected', status.degraded?.message ?? ''), status: status.degraded ? 'True' : 'False' }] } })) : []);
  const extraCount = state.extraPods ?? 0;
  return {
    resources,
    extraPods: {
      count: extraCount,
      make: (index) => pod(`app-${index}`, `team-${index % 50}`, t0, { app: `app-${index % 500}` }, nodeName(state, index % Math.max(1, total)), true, ['app'], { image: 'registry.example.com/app:1.0' }),
    },
  };
}
