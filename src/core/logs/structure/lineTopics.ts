/**
 * What a line's message is about, from the vocabulary of the failure (not from any one sentence): the error kinds
 * Kubernetes clients and Go's net package return, and the names of the networking pieces. Used after the source
 * file: an access error names its cause whatever file logged it, and a line without a file is placed by its topic.
 */
import type { FamilyId } from './failureFamilies';

interface TopicRule {
  readonly family: FamilyId;
  readonly pattern: RegExp;
}

/**
 * Causes that decide the family whichever file logged the line. Sources: client-go/apimachinery status reasons
 * (Unauthorized 401, Forbidden 403, `the server could not find the requested resource`), Go net errors
 * (`connection refused`, `i/o timeout`, `no route to host`) towards the API server (its Service address or port).
 */
const CAUSES: readonly TopicRule[] = [
  { family: 'images', pattern: /ErrImagePull|ImagePullBackOff|[Ff]ailed to pull (and unpack )?image|[Bb]ack-off pulling image|pull access denied|manifest unknown/ },
  // etcd's v2 client (Calico's and flannel's etcd datastore): "client: etcd cluster is unavailable or misconfigured"
  // (ErrClusterUnavailable), "client: response is invalid json. The endpoint is probably not valid etcd cluster endpoint."
  { family: 'datastore-access', pattern: /\bUnauthorized\b|unauthorized|\bis forbidden\b|\bForbidden\b|\b40[13]\b.{0,20}(Unauthorized|Forbidden)|could not find the requested resource|no matches for kind|the server doesn't have a resource type|etcd cluster is unavailable or misconfigured|not valid etcd cluster endpoint/ },
  // A pod that cannot reach out of the pod network: metrics-server scraping the nodes' kubelets
  // (kubernetes-sigs/metrics-server scraper.go "Failed to scrape node", v0.2 "error while getting metrics summary from
  // Kubelet"), CoreDNS forwarding to its upstream servers on port 53.
  { family: 'pod-egress', pattern: /(Failed to scrape node|unable to fully scrape metrics|error while getting metrics summary from Kubelet).{0,300}(i\/o timeout|connection refused|connection timed out|no route to host|network is unreachable|context deadline exceeded)|(read|write) udp [^ ]{1,60}->[^ ]{1,60}:53: i\/o timeout|unreachable backend: no upstream host/ },
  {
    family: 'api-unreachable',
    // A request to the API's own paths (/api/v1/…, /apis/<group>/…) fails whatever port serves them: Kubernetes
    // before v1.20 also served them without TLS on --insecure-port (8080). kubectl's default without a kubeconfig
    // (localhost:8080) is the catalog's.
    pattern: /(dial tcp [^ ]{0,60}:(443|6443)|10\.(43|96)\.0\.1|kubernetes\.default|https:\/\/[^ ]{1,60}:(443|6443)|https?:\/\/(?!localhost:8080)[^ /]{1,80}\/apis?[/?"][^ ]{0,200}: dial tcp).{0,200}(connection refused|connection timed out|i\/o timeout|no route to host|connection reset|TLS handshake timeout|network is unreachable|context deadline exceeded)|(connection refused|connection timed out|i\/o timeout|no route to host).{0,80}:(443|6443)\b/,
  },
  // k3s/RKE2 agent-to-server vocabulary (k3s pkg/agent/tunnel, pkg/agent/loadbalancer, pkg/nodepassword,
  // pkg/server/router.go): the supervisor port and the agent's local load balancer in front of it (6444), its
  // websocket tunnel (remotedialer), the node password and the kubelet certificates it serves.
  // The server reaches agents' kubelets and pods only through the agents' tunnels: remotedialer's "failed to find
  // Session for client %s" (rancher/remotedialer session manager) and the apiserver's egress dialer through it
  // ("proxy error from %s while dialing %s", k8s.io/apiserver egressselector) mean the agent's tunnel is down.
  // A websocket tunnel (remotedialer) alone is not enough: Rancher's own agents dial Rancher through the same library
  // (cattle-cluster-agent's "Remotedialer proxy error", "cluster not found"); RKE2's says :9345 or /v1-rke2/ (the
  // judge also takes it from an rke2/k3s journald unit).
  { family: 'rke2-supervisor', pattern: /:9345\b|:6444\b|\/v1-(?:rke2|k3s)\/|supervisor|[Ff]ailed to (connect to|get) .{0,20}(agent config|CA certs)|join token|token is not valid|node password|(serving|client)-kubelet\.crt|failed to find Session for client|proxy error from \S+ while dialing/ },
];

/** Topics, when the source file did not decide the family. */
const TOPICS: readonly TopicRule[] = [
  { family: 'probe', pattern: /(Readiness|Liveness|Startup) probe (failed|errored)|probe failed|(calico\/node|felix|BIRD|bird|[Tt]ypha) is not (ready|live)\b/ },
  { family: 'kernel-module', pattern: /modprobe|insmod|kernel module|\/lib\/modules|[Mm]odule [\w-]+ not found|br_netfilter|bridge-nf-call/ },
  { family: 'mtu', pattern: /\bMTU\b|\bmtu\b/ },
  { family: 'bgp', pattern: /\bBGP\b|\bBIRD\b|\bbird\b|\bconfd\b|Mesh_|\bpeer\b/ },
  { family: 'ip-autodetection', pattern: /[Aa]utodetect|IP address.{0,40}interface|IPv[46] address/ },
  // Kubernetes' node IPAM (pkg/controller/nodeipam: "CIDR allocation failed; there are no remaining CIDRs left",
  // CIDRNotAvailable) and flannel's lease from the node's podCIDR ("pod cidr not assigned").
  { family: 'ipam', pattern: /[Pp]od ?[Cc][Ii][Dd][Rr]s?\b|\b[Cc]luster ?[Cc][Ii][Dd][Rr]\b|CIDR allocation|remaining CIDRs|CIDRNotAvailable|CIDRAssignmentFailed|\bIPAM\b|\bipam\b|[Bb]lock affinit|IP address(es)? available|no IP addresses|[Aa]llocat(e|ion) .{0,30}(IP|address|block)|ipamblocks|blockaffinities|ipamhandles/ },
  { family: 'typha', pattern: /\bTypha\b|\btypha\b/ },
  { family: 'dataplane', pattern: /iptables|ip6tables|nftables|\bnft\b|\bipset\b|ip_set|\broute\b|\broutes\b|netlink|vxlan|VXLAN|\bipip\b|IPIP|tunl0|wireguard|WireGuard|\bBPF\b|\bbpf\b|\beBPF\b|conntrack|sysctl|\b[Vv]pp\b|\bVPP\b/ },
  { family: 'cni', pattern: /\bCNI\b|\bcni\b|[Ss]andbox|netplugin|[Nn]etwork[Pp]lugin|NetworkReady|network for pod|\/etc\/cni|\/opt\/cni/ },
  { family: 'operator', pattern: /tigera|Tigera|\bInstallation\b|TigeraStatus/ },
];

function firstMatch(rules: readonly TopicRule[], message: string): FamilyId | undefined {
  for (const rule of rules) if (rule.pattern.test(message)) return rule.family;
  return undefined;
}

/** A cause that names the family whatever file logged the line (access denied, API unreachable, image pull). */
export function causeFamily(message: string): FamilyId | undefined {
  return firstMatch(CAUSES, message);
}

/** The agent's websocket tunnel to its server (rancher/remotedialer), as RKE2/K3s journald units report it. */
const AGENT_TUNNEL = /websocket|[Rr]emotedialer|[Ff]ailed to connect to proxy/;
const RKE2_UNITS = /^(rke2|k3s)(-server|-agent)?$/;

/** Whether a line of an rke2/k3s unit is about the agent's tunnel to its server. */
export function isAgentTunnelLine(unit: string | undefined, message: string): boolean {
  return unit !== undefined && RKE2_UNITS.test(unit) && AGENT_TUNNEL.test(message);
}

/** The family by what the message talks about. */
export function topicFamily(message: string): FamilyId | undefined {
  return firstMatch(TOPICS, message);
}

/**
 * Whether a line of a component that is not Calico's own (kubelet, containerd, RKE2/K3s, an event) is about pod
 * networking: the CNI, sandboxes, Calico/flannel and their pods, network readiness, the supervisor.
 */
const NETWORK_WORDS = /\b(CNI|cni|[Cc]alico|projectcalico|FelixConfiguration|IPPool|BGPConfiguration|BGPPeer|ClusterInformation|IPAMBlock|BlockAffinit(y|ies)|cacerts|br_netfilter|bridge-nf-call|[Tt]igera|felix|typha|bird|BGP|flannel|[Cc]anal|[Ss]and[Bb]ox|netplugin|[Nn]etwork[Pp]lugin|NetworkReady|NetworkUnavailable|network for (pod|sandbox)|pod network|[Pp]od ?[Cc][Ii][Dd][Rr]s?|[Cc]luster ?[Cc][Ii][Dd][Rr]|CIDR allocation|CIDRNotAvailable|CIDRAssignmentFailed|IPAM|ipam|vxlan|VXLAN|wireguard|iptables|nftables|ipset|VPP|[Vv]pp)\b|:9345\b|\/v1-(rke2|k3s)\/|supervisor|tunnel endpoints|node password|:6444\b|kube-proxy|ProxyServer/;

export function isAboutPodNetworking(message: string): boolean {
  return NETWORK_WORDS.test(message);
}
