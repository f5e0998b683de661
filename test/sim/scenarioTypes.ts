/**
 * The simulated cluster, described at the level an RKE2 operator thinks of it. Scenario files (scenarios/*.json)
 * hold a base state and a timeline of changes; clusterModel.ts turns the state at any second into Kubernetes
 * objects, so every scenario serves the same realistic object shapes.
 */
export interface ClusterState {
  rke2: string;
  containerd: string;
  calico: string;
  cni: 'calico' | 'canal' | 'cilium';
  servers: number;
  agents: number;
  /** Seconds after t0 at which node i joined (creationTimestamp); defaults to i * 5. */
  joinOffsets?: number[];
  nodesReady: number;
  /** kubelet message for NotReady nodes. */
  notReadyMessage?: string;
  clusterCidr: string;
  ipPools: string[];
  crdsMissing: string[];
  clusterInformation: 'absent' | 'present' | 'ready';
  /** Seconds after t0 at which ClusterInformation default was created. */
  clusterInformationCreatedAt?: number;
  rbacMissing: string[];
  helmJobs: { failedAttempts: number; succeeded: boolean };
  operatorAvailable: boolean;
  installationReady: boolean;
  installationDegraded?: { reason: string; message: string };
  tigeraStatus: { name: string; available: boolean; degraded?: { reason: string; message: string } }[];
  calicoNodeReady: number;
  typhaAvailable: boolean;
  typhaEndpoints: number;
  kubeControllersAvailable: boolean;
  /** Extra pods generated across application namespaces (the `large` scenario). */
  extraPods?: number;
  /** Resource plurals the user may not read (403). */
  forbidden?: string[];
  /** status.nodeInfo.kernelVersion of the Linux nodes (default 6.8.0-55-generic). */
  kernelVersion?: string;
  /** The last N agents run Windows. */
  windowsNodes?: number;
  /** projectcalico.org/IPv4Address by node name ("10.0.2.15/24"), or null for a node without one. Default: InternalIP/24. */
  calicoAddresses?: Record<string, string | null>;
  ipam?: IpamState;
  /** FelixConfiguration default spec.featureDetectOverride (default RKE2's "ChecksumOffloadBroken=true"); null: no FelixConfiguration. */
  felixFeatureDetectOverride?: string | null;
  installation?: InstallationState;
  /** RKE2 runs its kube-proxy static pods (default true). */
  kubeProxy?: boolean;
  /** ConfigMap tigera-operator/kubernetes-services-endpoint (rendered by the chart from kubernetesServiceEndpoint). */
  servicesEndpoint?: { host: string; port: string };
  /** Image pulls that fail: Warning events with reason Failed, as kubelet writes them. */
  imagePullFailures?: { namespace: string; pod: string; image: string; at: number; count: number }[];
  /** rke2-calico chart version (default: the Calico version with 00 appended, v3.29.3 → v3.29.300). */
  chart?: string;
  /** tigera-operator image tag (default v1.36.5). */
  operator?: string;
  /** ClusterRole calico-kube-controllers as tigera-operator v1.42.0 renders it: ipamconfigurations but not ipamconfigs. */
  kubeControllersRoleWithoutIpamconfigs?: boolean;
  /** An extra IPPool with allowedUses [LoadBalancer]. */
  loadBalancerPool?: string;
  /** TigeraStatus names being deleted (deletionTimestamp and finalizers set). */
  tigeraStatusDeleting?: string[];
}

export interface IpamState {
  /** Block size of the pools (default 26). */
  blockSize?: number;
  /** Blocks each node holds (default 1); nodes past the pool's capacity hold none. */
  blocksPerNode?: number;
  /** IPs allocated in each block (default 5). */
  allocatedPerBlock?: number;
  /** Nodes that no longer exist but still hold a block and its affinity. */
  leakedNodes?: string[];
  strictAffinity?: boolean;
  maxBlocksPerHost?: number;
}

export interface InstallationState {
  linuxDataplane?: 'Iptables' | 'BPF' | 'Nftables' | 'VPP';
  mtu?: number;
  /** spec.registry (the chart sets global.systemDefaultRegistry, or docker.io). */
  registry?: string;
  /** ipPools[].encapsulation (default VXLAN). */
  encapsulation?: string;
  hostPorts?: 'Enabled' | 'Disabled';
  /** Being deleted: deletionTimestamp set, with these finalizers. */
  deletingWithFinalizers?: string[];
  nodeAddressAutodetectionV4?: Record<string, unknown>;
}

export interface SandboxEvent {
  /** Seconds after t0 the event was last seen. */
  at: number;
  namespace: string;
  pod: string;
  count: number;
  message: string;
}

export interface Fault {
  /** Regular expression over the request path (without query). */
  path: string;
  status?: number;
  delayMs?: number;
  malformed?: boolean;
  drop?: boolean;
  /** Only the first N matching requests. */
  times?: number;
  /** Only requests that carry a continue token (for 410 tests). */
  onContinue?: boolean;
  retryAfterSeconds?: number;
  /** With status 401/403: the Status message quotes the request's Authorization header and its bare token. */
  echoAuthorization?: boolean;
  /**
   * Answer 200 with a JSON object of about this many bytes (a long `padding` string), chunked without a
   * Content-Length, written as fast as the client reads it; with `malformed`, the object is never closed.
   */
  bodyBytes?: number;
}

export interface PodLog {
  namespace: string;
  pod: string;
  container: string;
  current: string[];
  previous?: string[];
  /** Lines appended over time while following: [second, line]. */
  stream?: [number, string][];
}

export interface Scenario {
  name: string;
  description: string;
  state: ClusterState;
  timeline?: { at: number; set: Partial<ClusterState> }[];
  events?: SandboxEvent[];
  logs?: PodLog[];
  faults?: Fault[];
}
