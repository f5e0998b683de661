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
