/**
 * Typed builders of the Kubernetes and Calico objects the checks read, shaped like the API's answers. Each takes
 * the few fields a test cares about; the rest are those of a healthy RKE2 node or Calico install.
 */
export interface NodeSpec {
  readonly name: string;
  /** metadata.creationTimestamp: when the node joined. */
  readonly created?: string;
  readonly internalIp?: string;
  /** projectcalico.org/IPv4Address; null for none. Default: the InternalIP/24. */
  readonly calicoAddress?: string | null;
  readonly kernel?: string;
  readonly windows?: boolean;
  readonly ready?: boolean;
  /** The kubelet's words for a NotReady node (message of the Ready condition). */
  readonly notReadyMessage?: string;
  /** A NetworkUnavailable=True condition with this message. */
  readonly networkUnavailable?: string;
  readonly podCidrs?: readonly string[];
  readonly rke2?: string;
  readonly containerd?: string;
}

export function node(spec: NodeSpec): Record<string, unknown> {
  const internalIp = spec.internalIp ?? '192.168.50.10';
  const calicoAddress = spec.calicoAddress === undefined ? `${internalIp}/24` : spec.calicoAddress;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      labels: { 'kubernetes.io/os': spec.windows ? 'windows' : 'linux' },
      ...(calicoAddress ? { annotations: { 'projectcalico.org/IPv4Address': calicoAddress } } : {}),
      creationTimestamp: spec.created ?? '2026-06-30T09:00:00Z',
    },
    spec: spec.podCidrs ? { podCIDRs: spec.podCidrs } : {},
    status: {
      conditions: [
        spec.ready === false ? { type: 'Ready', status: 'False', reason: 'KubeletNotReady', ...(spec.notReadyMessage ? { message: spec.notReadyMessage } : {}) } : { type: 'Ready', status: 'True' },
        ...(spec.networkUnavailable !== undefined ? [{ type: 'NetworkUnavailable', status: 'True', reason: 'CalicoIsDown', message: spec.networkUnavailable }] : []),
      ],
      nodeInfo: {
        kubeletVersion: spec.rke2 ?? 'v1.32.4+rke2r1',
        containerRuntimeVersion: spec.containerd ?? 'containerd://2.0.4-k3s2',
        operatingSystem: spec.windows ? 'windows' : 'linux',
        osImage: spec.windows ? 'Windows Server 2022 Datacenter' : 'Ubuntu 24.04.2 LTS',
        kernelVersion: spec.kernel ?? (spec.windows ? '10.0.20348.2966' : '6.8.0-55-generic'),
      },
      addresses: [{ type: 'InternalIP', address: internalIp }, { type: 'Hostname', address: spec.name }],
    },
  };
}

export interface IpPoolSpec {
  readonly cidr: string;
  readonly name?: string;
  readonly blockSize?: number;
  readonly vxlanMode?: 'Always' | 'CrossSubnet' | 'Never';
  readonly ipipMode?: 'Always' | 'CrossSubnet' | 'Never';
  readonly allowedUses?: readonly string[];
  readonly disabled?: boolean;
}

export function ipPool(spec: IpPoolSpec): Record<string, unknown> {
  return {
    apiVersion: 'crd.projectcalico.org/v1',
    kind: 'IPPool',
    metadata: { name: spec.name ?? 'default-ipv4-ippool' },
    spec: {
      cidr: spec.cidr,
      blockSize: spec.blockSize ?? (spec.cidr.includes(':') ? 122 : 26),
      vxlanMode: spec.vxlanMode ?? 'Always',
      ipipMode: spec.ipipMode ?? 'Never',
      allowedUses: spec.allowedUses ?? ['Workload', 'Tunnel'],
      ...(spec.disabled ? { disabled: true } : {}),
    },
  };
}

/** An IPAMBlock owned by `owner` with `allocated` of its `size` addresses in use. */
export function ipamBlock(cidr: string, owner: string | undefined, allocated = 3, size = 64): Record<string, unknown> {
  return {
    apiVersion: 'crd.projectcalico.org/v1',
    kind: 'IPAMBlock',
    metadata: { name: cidr.replace(/[./]/g, '-') },
    spec: { cidr, ...(owner ? { affinity: `host:${owner}` } : {}), allocations: Array.from({ length: size }, (_, index) => (index < allocated ? index : null)), unallocated: [], attributes: [], deleted: false },
  };
}

export function blockAffinity(node: string, cidr: string, state = 'confirmed'): Record<string, unknown> {
  return { apiVersion: 'crd.projectcalico.org/v1', kind: 'BlockAffinity', metadata: { name: `${node}-${cidr.replace(/[./]/g, '-')}` }, spec: { state, node, type: 'host', cidr, deleted: 'false' } };
}

export interface InstallationSpec {
  readonly linuxDataplane?: string;
  readonly mtu?: number;
  readonly registry?: string;
  readonly encapsulation?: string;
  readonly pools?: readonly string[];
  readonly hostPorts?: string;
  readonly autodetectionV4?: Record<string, unknown>;
  readonly deletionTimestamp?: string;
  readonly finalizers?: readonly string[];
  readonly calicoVersion?: string;
}

export function installation(spec: InstallationSpec = {}): Record<string, unknown> {
  return {
    apiVersion: 'operator.tigera.io/v1',
    kind: 'Installation',
    metadata: { name: 'default', ...(spec.deletionTimestamp ? { deletionTimestamp: spec.deletionTimestamp, finalizers: spec.finalizers ?? [] } : {}) },
    spec: {
      calicoNetwork: {
        ipPools: (spec.pools ?? ['10.42.0.0/16']).map((cidr) => ({ cidr, encapsulation: spec.encapsulation ?? 'VXLAN' })),
        nodeAddressAutodetectionV4: spec.autodetectionV4 ?? { firstFound: true },
        ...(spec.linuxDataplane ? { linuxDataplane: spec.linuxDataplane } : {}),
        ...(spec.mtu !== undefined ? { mtu: spec.mtu } : {}),
        ...(spec.hostPorts ? { hostPorts: spec.hostPorts } : {}),
      },
      registry: spec.registry ?? 'docker.io',
    },
    status: { calicoVersion: spec.calicoVersion ?? 'v3.29.3', conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

export function felixConfiguration(featureDetectOverride = 'ChecksumOffloadBroken=true', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'crd.projectcalico.org/v1', kind: 'FelixConfiguration', metadata: { name: 'default' }, spec: { featureDetectOverride, ...extra } };
}

export function ipamConfig(spec: { strictAffinity?: boolean; maxBlocksPerHost?: number } = { strictAffinity: true }): Record<string, unknown> {
  return { apiVersion: 'crd.projectcalico.org/v1', kind: 'IPAMConfig', metadata: { name: 'default' }, spec };
}

export interface PodSpec {
  readonly name: string;
  readonly namespace: string;
  readonly labels?: Record<string, string>;
  readonly phase?: string;
  readonly container?: string;
  readonly waiting?: { readonly reason: string; readonly message?: string };
  readonly image?: string;
  readonly created?: string;
  readonly nodeName?: string;
  readonly restarts?: number;
  /** lastState.terminated.reason of its container (OOMKilled, Error…). */
  readonly lastTerminated?: string;
}

/** A pod; it is Ready unless its container is waiting. */
export function pod(spec: PodSpec): Record<string, unknown> {
  const container = spec.container ?? 'main';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: spec.name, namespace: spec.namespace, labels: spec.labels ?? {}, creationTimestamp: spec.created ?? '2026-06-30T09:00:00Z' },
    spec: { containers: [{ name: container, image: spec.image ?? 'docker.io/rancher/mirrored-calico-node:v3.29.3' }], ...(spec.nodeName ? { nodeName: spec.nodeName } : {}) },
    status: {
      phase: spec.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: spec.waiting ? 'False' : 'True' }],
      containerStatuses: [{
        name: container,
        image: spec.image ?? 'docker.io/rancher/mirrored-calico-node:v3.29.3',
        ready: !spec.waiting,
        restartCount: spec.restarts ?? 0,
        state: spec.waiting ? { waiting: spec.waiting } : { running: {} },
        ...(spec.lastTerminated ? { lastState: { terminated: { reason: spec.lastTerminated } } } : {}),
      }],
    },
  };
}

/** A Warning event about a pod; `lastTimestamp` says when it last happened. */
export function event(namespace: string, podName: string, reason: string, message: string, count = 1, lastTimestamp?: string): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Event', metadata: { name: `${podName}.1`, namespace }, involvedObject: { kind: 'Pod', namespace, name: podName }, reason, type: 'Warning', message, count, ...(lastTimestamp ? { lastTimestamp } : {}) };
}

export function clusterRole(name: string, rules: readonly Record<string, unknown>[]): Record<string, unknown> {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules };
}

export function clusterRoleBinding(name: string, roleRef: string, subjects: readonly { readonly kind: string; readonly name: string; readonly namespace?: string }[]): Record<string, unknown> {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleRef }, subjects };
}

/** A CustomResourceDefinition with its Established condition ('Unknown': a support bundle lists names only). */
export function crd(name: string, established: 'True' | 'False' | 'Unknown' = 'True'): Record<string, unknown> {
  return { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name }, status: { conditions: [{ type: 'Established', status: established }] } };
}

export interface ClusterInformationSpec {
  readonly calicoVersion?: string;
  readonly datastoreReady?: boolean;
  readonly created?: string;
}

export function clusterInformation(spec: ClusterInformationSpec = {}): Record<string, unknown> {
  return {
    apiVersion: 'crd.projectcalico.org/v1',
    kind: 'ClusterInformation',
    metadata: { name: 'default', creationTimestamp: spec.created ?? '2026-06-30T09:02:00Z' },
    spec: { calicoVersion: spec.calicoVersion ?? 'v3.29.3', clusterType: 'typha,kdd,k8s,operator,bgp,kubeadm', datastoreReady: spec.datastoreReady ?? true },
  };
}

export interface HelmChartSpec {
  readonly name: string;
  /** helm.cattle.io/chart-url, from which the chart version is read. */
  readonly chartUrl?: string;
  /** spec.set: what RKE2 passes to the chart (global.clusterCIDR…). */
  readonly set?: Record<string, string>;
}

export function helmChart(spec: HelmChartSpec): Record<string, unknown> {
  return { apiVersion: 'helm.cattle.io/v1', kind: 'HelmChart', metadata: { name: spec.name, namespace: 'kube-system', ...(spec.chartUrl ? { annotations: { 'helm.cattle.io/chart-url': spec.chartUrl } } : {}) }, spec: { chart: spec.name, ...(spec.set ? { set: spec.set } : {}) } };
}

export interface HelmJobSpec {
  readonly succeeded?: number;
  readonly failed?: number;
  readonly active?: number;
  readonly complete?: boolean;
  /** A Failed=True condition (the Job gave up): its reason and message. */
  readonly gaveUp?: { readonly reason: string; readonly message: string };
}

/** A helm-install Job of helm-controller. */
export function helmJob(chart: string, spec: HelmJobSpec): Record<string, unknown> {
  const conditions = [...(spec.complete ? [{ type: 'Complete', status: 'True' }] : []), ...(spec.gaveUp ? [{ type: 'Failed', status: 'True', ...spec.gaveUp }] : [])];
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: `helm-install-${chart}`, namespace: 'kube-system' }, status: { ...(spec.succeeded !== undefined ? { succeeded: spec.succeeded } : {}), ...(spec.failed !== undefined ? { failed: spec.failed } : {}), ...(spec.active !== undefined ? { active: spec.active } : {}), conditions } };
}

export interface DeploymentSpec {
  readonly name: string;
  readonly namespace: string;
  /** The Available condition: 'True' by default; a string gives 'False' with that message. */
  readonly available?: true | string;
  readonly readyReplicas?: number;
  readonly replicas?: number;
  readonly image?: string;
}

export function deployment(spec: DeploymentSpec): Record<string, unknown> {
  const available = spec.available ?? true;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: spec.name, namespace: spec.namespace },
    spec: { replicas: spec.replicas ?? 1, template: { spec: { containers: [{ name: spec.name, image: spec.image ?? `docker.io/rancher/mirrored-calico-${spec.name.replace(/^calico-/, '')}:v3.29.3` }] } } },
    status: { readyReplicas: spec.readyReplicas ?? (available === true ? (spec.replicas ?? 1) : 0), conditions: [available === true ? { type: 'Available', status: 'True' } : { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: available }] },
  };
}

export function daemonSet(spec: { readonly desired: number; readonly ready: number; readonly updated?: number; readonly image?: string; readonly current?: number }): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'calico-node', namespace: 'calico-system' },
    spec: { template: { spec: { containers: [{ name: 'calico-node', image: spec.image ?? 'docker.io/rancher/mirrored-calico-node:v3.29.3' }] } } },
    status: { desiredNumberScheduled: spec.desired, currentNumberScheduled: spec.current ?? spec.desired, numberReady: spec.ready, updatedNumberScheduled: spec.updated ?? spec.desired },
  };
}

/** Endpoints with this many ready addresses. */
export function endpoints(name: string, addresses: number): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: 'calico-system' }, subsets: addresses === 0 ? [] : [{ addresses: Array.from({ length: addresses }, (_, index) => ({ ip: `192.168.50.${10 + index}` })), ports: [{ port: 5473 }] }] };
}

export interface TigeraStatusSpec {
  readonly name: string;
  readonly available?: 'True' | 'False';
  readonly progressing?: 'True' | 'False';
  /** Degraded=True with this reason and message. */
  readonly degraded?: { readonly reason: string; readonly message: string };
  /** Why it is not Available (reason and message of the Available condition). */
  readonly because?: { readonly reason: string; readonly message: string };
}

export function tigeraStatus(spec: TigeraStatusSpec): Record<string, unknown> {
  const available = spec.available ?? 'True';
  return {
    apiVersion: 'operator.tigera.io/v1',
    kind: 'TigeraStatus',
    metadata: { name: spec.name },
    status: {
      conditions: [
        { type: 'Available', status: available, ...(spec.because ?? {}) },
        { type: 'Progressing', status: spec.progressing ?? 'False' },
        { type: 'Degraded', status: spec.degraded ? 'True' : 'False', ...(spec.degraded ?? {}) },
      ],
    },
  };
}
