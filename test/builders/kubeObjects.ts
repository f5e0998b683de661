/**
 * Typed builders of the Kubernetes and Calico objects the checks read, shaped like the API's answers. Each takes
 * the few fields a test cares about; the rest are those of a healthy RKE2 node or Calico install.
 */
export interface NodeSpec {
  readonly name: string;
  readonly internalIp?: string;
  /** projectcalico.org/IPv4Address; null for none. Default: the InternalIP/24. */
  readonly calicoAddress?: string | null;
  readonly kernel?: string;
  readonly windows?: boolean;
  readonly ready?: boolean;
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
      creationTimestamp: '2026-06-30T09:00:00Z',
    },
    status: {
      conditions: [{ type: 'Ready', status: spec.ready === false ? 'False' : 'True' }],
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
}

export function pod(spec: PodSpec): Record<string, unknown> {
  const container = spec.container ?? 'main';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: spec.name, namespace: spec.namespace, labels: spec.labels ?? {}, creationTimestamp: spec.created ?? '2026-06-30T09:00:00Z' },
    spec: { containers: [{ name: container, image: spec.image ?? 'docker.io/rancher/mirrored-calico-node:v3.29.3' }] },
    status: {
      phase: spec.phase ?? 'Running',
      containerStatuses: [{ name: container, image: spec.image ?? 'docker.io/rancher/mirrored-calico-node:v3.29.3', ready: !spec.waiting, state: spec.waiting ? { waiting: spec.waiting } : { running: {} } }],
    },
  };
}

export function event(namespace: string, podName: string, reason: string, message: string, count = 1): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Event', metadata: { name: `${podName}.1`, namespace }, involvedObject: { kind: 'Pod', namespace, name: podName }, reason, type: 'Warning', message, count };
}

export function clusterRole(name: string, rules: readonly Record<string, unknown>[]): Record<string, unknown> {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules };
}
