/**
 * Failure families: what a line the catalog has no exact wording for is about, decided from where it comes from
 * (the Go package that logged it, the operator's logger, the component) and, last, from the words it uses. Each
 * family is reported as a signature of its own, so every surface (JSON code, hover, Problems row) shows what the
 * family means and the first step, and says that the line itself is not one the catalog knows word for word.
 */
import type { LogSignature } from '../logSignature';

export type FamilyId =
  | 'bgp'
  | 'helm-job'
  | 'pod-egress'
  | 'ip-autodetection'
  | 'node-startup'
  | 'ipam'
  | 'dataplane'
  | 'typha'
  | 'datastore-access'
  | 'api-unreachable'
  | 'cni'
  | 'images'
  | 'operator'
  | 'rke2-supervisor'
  | 'probe'
  | 'kernel-module'
  | 'mtu'
  | 'crash'
  | 'node-condition'
  | 'connectivity'
  | 'calico-other'
  | 'windows-script'
  | 'node-credentials'
  | 'network-other';

interface FamilyText {
  readonly title: string;
  readonly meaning: string;
  readonly remediation: string;
}

const SOURCE = 'family of the logging Go package or component (src/core/logs/structure/sourceFamilies.ts, scripts/upstream/README.md)';

const FAMILY_TEXT: Readonly<Record<FamilyId, FamilyText>> = {
  bgp: {
    title: 'BGP (BIRD/confd) error',
    meaning: 'BIRD or confd, which program and configure BGP routing on this node, reported a failure: a peer session down or refused, a socket that cannot bind, or a configuration that cannot be rendered. Pods on other nodes may be unreachable from here.',
    remediation: 'Run `calicoctl node status` (or read the calico-node readiness probe) on this node; check that TCP 179 is open between nodes and that the BGP peers and AS numbers are what you expect. With VXLAN-only pools BGP can be disabled (calicoNetwork.bgp: Disabled).',
  },
  'ip-autodetection': {
    title: 'Node IP autodetection error',
    meaning: 'calico-node could not pick, or picked a doubtful, address for this node. Routing and the node\'s Calico identity depend on it.',
    remediation: 'Set nodeAddressAutodetectionV4 (and V6) in the Installation or the rke2-calico HelmChartConfig: `interface`, `canReach`, `cidrs` or `kubernetes: NodeInternalIP`.',
  },
  'node-startup': {
    title: 'calico-node start-up error',
    meaning: 'calico-node\'s start-up (node registration, configuration of the node resource, the CNI files) reported a failure; until it completes, Felix and BIRD do not run and the node has no pod networking.',
    remediation: 'Read the calico-node container\'s previous log (`kubectl -n calico-system logs <pod> -c calico-node --previous`); the lines before this one usually name the cause (datastore access, address, kernel).',
  },
  ipam: {
    title: 'IP address management (IPAM) error',
    meaning: 'Calico IPAM could not allocate, release or clean up pod addresses or address blocks: pools full, block affinities held by gone nodes, or the datastore refused the change.',
    remediation: 'Inspect with `calicoctl ipam show --show-blocks` and `calicoctl ipam check`; check the IP pools\' size against the nodes, and release leaked addresses with `calicoctl ipam release`.',
  },
  dataplane: {
    title: 'Felix dataplane programming error',
    meaning: 'Felix failed to program the node\'s dataplane (iptables/nftables rules, ipsets, routes, the VXLAN/IPIP/WireGuard devices or BPF programs). Policy or pod traffic on this node may be wrong until it succeeds; repeated lines mean it keeps failing.',
    remediation: 'Check the node\'s kernel modules and tools (iptables mode legacy vs nft, ipset, vxlan, wireguard), conflicting network managers (NetworkManager, firewalld), and `kubectl -n calico-system logs <calico-node> -c calico-node` around this line.',
  },
  typha: {
    title: 'Typha connection error',
    meaning: 'Felix and Typha (the fan-out proxy between the API server and the nodes) lost or could not make their connection; Felix stops or restarts when it cannot reach any Typha.',
    remediation: 'Check the calico-typha pods and their endpoints (`kubectl -n calico-system get pods,endpoints -l k8s-app=calico-typha`), TCP 5473 between nodes, and the Typha TLS secrets.',
  },
  'datastore-access': {
    title: 'Calico datastore access error',
    meaning: 'A Calico component could not read or write its datastore (the Kubernetes API or etcd): denied (401/403), a missing resource or CRD, or an etcd endpoint that does not answer.',
    remediation: 'For 401: restart the pod for a fresh token and check node clocks; for 403: compare the ClusterRoles with the release (`rke2-calico-diag check`); for a missing kind: install the Calico CRDs; for etcd: check the endpoints and certificates in the datastore configuration.',
  },
  'api-unreachable': {
    title: 'Kubernetes API server unreachable',
    meaning: 'The component could not reach the API server (connection refused, timeout, no route): often kube-proxy has not programmed the kubernetes Service yet, or the node cannot reach the server address.',
    remediation: 'Check kube-proxy on the node, the `kubernetes` Service endpoints, and connectivity to the server on 6443 (and 9345 for RKE2 agents).',
  },
  cni: {
    title: 'CNI error',
    meaning: 'Setting up or tearing down a pod\'s network through the CNI failed; the pod cannot start (or its address is not released) until it succeeds.',
    remediation: 'Read the error the line quotes; then the calico-node log on the same node, and check /etc/cni/net.d and /opt/cni/bin on the node.',
  },
  images: {
    title: 'Image pull error',
    meaning: 'An image of a networking component could not be pulled: wrong registry or tag, no access to the registry, or an air-gapped node without the image.',
    remediation: 'Check the image name and registry (system-default-registry, the Installation\'s registry), the node\'s access to it, and for air-gapped nodes the images tarball.',
  },
  operator: {
    title: 'tigera-operator error',
    meaning: 'The tigera-operator failed to reconcile part of the Calico installation; the logger names the controller (installation, apiserver, tigerastatus…).',
    remediation: 'Read `kubectl get tigerastatus` and the Installation\'s status conditions; the operator\'s error field says which object it could not render or apply.',
  },
  'rke2-supervisor': {
    title: 'RKE2/K3s supervisor connection error',
    meaning: 'The RKE2/K3s agent could not reach or use the server\'s supervisor (port 9345 on RKE2, 6443 on K3s): the node cannot join, get its configuration or its certificates.',
    remediation: 'Check the `server:` URL and `token` in the agent\'s config.yaml, the server\'s port 9345 (RKE2) from this node, and the server\'s own log.',
  },
  probe: {
    title: 'Health probe failed',
    meaning: 'The kubelet\'s readiness or liveness probe of a networking pod failed: the component is not ready (or not alive) and is taken out of service or restarted.',
    remediation: 'Read what the probe quotes (felix, BIRD, Typha), then that component\'s log on the same node.',
  },
  'kernel-module': {
    title: 'Kernel module or kernel feature error',
    meaning: 'A kernel module or feature the dataplane needs is missing or cannot be loaded.',
    remediation: 'Load the module on the node (modprobe) and persist it in /etc/modules-load.d; check the kernel version against the Calico requirements.',
  },
  mtu: {
    title: 'MTU error',
    meaning: 'An MTU problem: the configured pod or tunnel MTU does not fit the host interfaces.',
    remediation: 'Set the MTU in the Installation (calicoNetwork.mtu) to the host MTU minus the encapsulation overhead (VXLAN 50, IPIP 20, WireGuard 60).',
  },
  'pod-egress': {
    title: 'A pod cannot reach out of the pod network',
    meaning: 'A pod (metrics-server scraping the kubelets, CoreDNS forwarding to its upstream servers) timed out or was refused reaching an address outside the pod network: its traffic is not NATed or routed out (natOutgoing off on the IP pool, a missing masquerade rule, a host firewall or security group dropping the pod CIDR).',
    remediation: 'From a pod on the same node, reach the address it names (kubectl run -it --rm --image=busybox t -- nc -vz <ip> <port>); check natOutgoing on the IPPool, the host firewall for the pod CIDR, and that calico-node is ready on that node.',
  },
  'helm-job': {
    title: 'helm-install job failed',
    meaning: 'RKE2 and K3s install their bundled charts (rke2-calico, rke2-canal, rke2-coredns, traefik…) through helm-install jobs run by the helm-controller; this job\'s helm command failed, so its chart is not installed or upgraded, and the job is retried with a back-off.',
    remediation: 'Read the job\'s log above the error (kubectl -n kube-system logs job/helm-install-<chart>) and `kubectl -n kube-system get helmcharts,helmchartconfigs,jobs`; fix what it names (chart values in the HelmChartConfig, a release left failed or pending, the API Service unreachable from the pod).',
  },
  crash: {
    title: 'Component crashed (panic or fatal)',
    meaning: 'The component stopped on a fatal error or a Go panic; its pod restarts, and the lines just before this one usually say why.',
    remediation: 'Read the previous container log (`kubectl logs --previous`); a panic with a stack trace in a released Calico version is worth an upstream issue.',
  },
  'calico-other': {
    title: 'Calico component error',
    meaning: 'A Calico component reported an error the catalog has no precise explanation for.',
    remediation: 'Read the lines around it in the same component\'s log; repeated lines mean the condition persists.',
  },
  'node-condition': {
    title: 'Node condition failing',
    meaning: 'kubectl describe node shows a condition in a failing state, or kubectl get nodes lists a node NotReady for longer than a start-up: Ready False or Unknown, memory, disk or PID pressure, or NetworkUnavailable True. Unknown with NodeStatusUnknown means the kubelet stopped reporting: the node is down, its kubelet or RKE2/K3s service stopped, or it cannot reach the API server; a node without pod networking reports Ready False with NetworkPluginNotReady.',
    remediation: 'On that node read the kubelet (or rke2-agent / k3s-agent) service status and log; for NetworkPluginNotReady follow with calico-node (or the canal pod) on the node; for pressures free the resource named.',
  },
  connectivity: {
    title: 'Connectivity test failed',
    meaning: 'curl, ping, nc or telnet could not reach an address (no route, refused, timed out, nothing received). Towards a pod or Service address it means traffic between pods or nodes is dropped: the route or tunnel to the other node is missing (calico-node not ready there, VXLAN UDP 4789 or IP-in-IP blocked between the nodes, a wrongly autodetected node address), a NetworkPolicy denies it, or the node\'s firewall does.',
    remediation: 'Note where the test ran from and to; check calico-node on both nodes, `ip route` towards the pod CIDR of the other node, that VXLAN (UDP 4789) or IP-in-IP (protocol 4) passes between the nodes, and the NetworkPolicies of the target namespace.',
  },
  'windows-script': {
    title: 'Windows node script error',
    meaning: 'A PowerShell step of a Windows node\'s networking failed with an error record (Calico for Windows\' installer and services, flannel\'s and kube-proxy\'s start scripts): the command and the message are on this line, the script and line it failed at on the `At …` line below, the error category on `+ CategoryInfo`.',
    remediation: 'Read the message: a download that failed (the node\'s access to the release URL or a proxy), a path or command that is not there (an install step that did not run, or another install directory than the script expects), access denied (run it elevated). Then the logs of the services it installs, under the install directory.',
  },
  'node-credentials': {
    title: 'Node credentials refused by the API server',
    meaning: 'A node component (kubelet, kube-proxy, the RKE2/K3s agent) reaches the API server but its requests are refused: it is taken for `system:anonymous` (no client certificate or token sent, or one the server does not accept) or is not authorised. The node cannot register or report status, so it stays NotReady and its pods never get networking.',
    remediation: 'Check the component\'s kubeconfig and client certificate on the node (`kubelet-client-current.pem` and its rotation; on RKE2 `/var/lib/rancher/rke2/agent/client-kubelet.crt`), that it was signed by this cluster\'s CA (a node rejoining after a reinstall keeps old ones), the node\'s clock, and the bootstrap token or join token it used.',
  },
  'network-other': {
    title: 'Pod networking error',
    meaning: 'A component about pod networking (kubelet, containerd, RKE2/K3s) reported an error the catalog has no precise explanation for.',
    remediation: 'Read the lines around it; if it names Calico, the CNI or a sandbox, follow with the calico-node log on the same node.',
  },
};

/**
 * Families whose failures every healthy start-up shows for a while: probes before the component is ready, the API
 * server before kube-proxy programs its Service, Typha before its endpoints exist, an agent before its server is up.
 * As for the catalog's start-up lines, they count once they persist past the grace period.
 */
const STARTUP_FAMILIES: ReadonlySet<FamilyId> = new Set(['probe', 'api-unreachable', 'typha', 'rke2-supervisor']);
export const STARTUP_GRACE_SECONDS = 300;

/** Fatal and panic lines are errors; an error line the catalog does not know word for word is a warning. */
function familySignature(id: FamilyId, severity: LogSignature['severity']): LogSignature {
  const text = FAMILY_TEXT[id];
  return {
    ...(STARTUP_FAMILIES.has(id) ? { transient: { graceSeconds: STARTUP_GRACE_SECONDS, onlyAfterStart: true } } : {}),
    id: severity === 'error' ? `${id}-fatal` : `${id}-error`,
    severity,
    title: severity === 'error' ? `${text.title} (fatal)` : text.title,
    meaning: `${text.meaning} (Recognised from the line's structure, not from a known wording.)`,
    remediation: text.remediation,
    matches: [],
    source: SOURCE,
  };
}

const SIGNATURES = new Map<string, LogSignature>();

export function familyFinding(id: FamilyId, fatal: boolean): LogSignature {
  const key = `${id}|${fatal ? 1 : 0}`;
  let signature = SIGNATURES.get(key);
  if (!signature) {
    signature = familySignature(id, fatal ? 'error' : 'warning');
    SIGNATURES.set(key, signature);
  }
  return signature;
}

/** Every signature id a family finding can carry (for reports and tests). */
export const FAMILY_IDS: readonly FamilyId[] = Object.keys(FAMILY_TEXT) as FamilyId[];
