/**
 * Lines that contain a failure wording but are known to be harmless, so they are never findings. Each says why and
 * where that is established; keep this list short and specific.
 */
import type { SignatureMatch } from './logSignature';

export interface BenignLine extends SignatureMatch {
  readonly reason: string;
  readonly source: string;
}

export const BENIGN_LINES: readonly BenignLine[] = [
  {
    trigger: 'You can ignore this message when kube-proxy',
    pattern: 'Failed to load kernel module \\S+ with modprobe\\. You can ignore this message when kube-proxy is running inside container',
    reason: 'kube-proxy tries to load the IPVS modules at every start and says itself that the warning can be ignored where it runs in a container without /lib/modules (K3s and RKE2 run it so); a missing module matters only when IPVS mode was asked for, and kube-proxy then says it cannot use IPVS',
    source: 'kubernetes pkg/proxy/ipvs (kube-proxy v1.12–v1.22: "Failed to load kernel module %v with modprobe. You can ignore this message when kube-proxy is running inside container without mounting /lib/modules")',
  },
  {
    trigger: 'Failed to replace defined set',
    pattern: 'Failed to replace defined set .{0,40}not found defined-set',
    reason: 'kube-router v1.0.0-rc5 logged at error that GoBGP had no defined set to replace, then added it (ReplaceDefinedSet falling back to AddDefinedSet); on a first start every set is new, and v1.0.0 dropped the log',
    source: 'cloudnativelabs/kube-router pkg/controllers/routing/bgp_policies.go (v1.0.0-rc5: glog.Errorf("Failed to replace defined set %s", err) before AddDefinedSet; v1.0.0: no log); cloudnativelabs/kube-router#926',
  },
  {
    trigger: 'only interested in networks whose IPAM type',
    pattern: 'only interested in networks whose IPAM type is',
    reason: 'whereabouts (an IPAM plugin) answers a network attachment whose IPAM is another plugin\'s with this error and leaves it alone; a controller that syncs every network attachment (Harvester\'s) logs it for each one that is not whereabouts\'',
    source: 'k8snetworkplumbingwg/whereabouts pkg/config/config.go (isNetworkRelevant, InvalidPluginError: "only interested in networks whose IPAM type is \'whereabouts\'. This one was: %s")',
  },
  {
    trigger: 'TLS handshake error from',
    pattern: 'http: TLS handshake error from',
    reason: 'the RKE2 supervisor logs every client that drops a TLS handshake, e.g. agents and the kubelet that do not trust its certificate yet at start-up',
    source: 'Go net/http server error log as k3s/rke2 print it ("Cluster-Http-Server … http: TLS handshake error"); rancher/rke2#968, #6270',
  },
  {
    trigger: 'Error adding route to',
    pattern: 'Error adding route to .{1,80}: file exists',
    reason: 'flannel before v0.10 added each host-gw route without looking for it first, so on a restart the routes the previous run left answered EEXIST ("file exists") although they were in place; later releases look the route up and skip an equal one ("Route to %v already exists, skipping."), replacing a different one before adding',
    source: 'flannel-io/flannel backend/hostgw/hostgw.go (v0.5: netlink.RouteAdd, "Error adding route to %v via %v: %v"), pkg/backend/route_network.go (v0.28: RouteListFiltered and routeEqual before RouteAdd); flannel-io/flannel#333',
  },
  {
    trigger: 'no repositories configured',
    pattern: '^Error: no repositories configured',
    reason: 'a helm-install job\'s script removes the retired "stable" repository before installing and ignores the answer (`${HELM} repo remove stable || true`); on a fresh job helm says there is none',
    source: 'k3s-io/klipper-helm entry (09c5242, 2026-07-27: "${HELM} repo remove stable || true")',
  },
  {
    trigger: 'already exists',
    pattern: 'Hns\\w* : .{0,40}already exists',
    reason: 'a Windows node\'s start script creates its HNS network (or endpoint) on every start; when it survived the restart HNS answers that it already exists and the script goes on with it',
    source: 'Windows HNS API (HNS_E_NETWORK_ALREADY_EXISTS from New-HNSNetwork/Invoke-HnsRequest); kubernetes-sigs/sig-windows-tools#106',
  },
  {
    trigger: 'plugin/errors: ',
    pattern: 'plugin/errors: \\d+ [^. ]+\\. [A-Z]+: read udp [^ ]+:53: i/o timeout',
    reason: 'CoreDNS forwards a single-label name (a bare host name the search list did not resolve) to its upstream servers, and public resolvers often leave such queries unanswered; names with a domain resolving meanwhile show the pod network and the upstream are fine',
    source: 'CoreDNS plugin/errors ("<rcode> <qname> <qtype>: <error>"), RFC 7085 (single-label names on the Internet); kubernetes/kubernetes#91518',
  },
  {
    trigger: ':10250/',
    pattern: 'https://[^ /"]{1,80}:10250/.{0,200}x509: ',
    reason: 'a TLS error against port 10250 is about the kubelet\'s own serving certificate (metrics-server scraping it, the API server proxying logs or exec): self-signed, or without the node\'s IP among its SANs until serverTLSBootstrap is set; neither is the pod network\'s nor Calico\'s',
    source: 'Kubernetes ports and protocols (kubelet API, TCP 10250); kubelet serving certificates (kubeadm "Enabling signed kubelet serving certificates", serverTLSBootstrap); kubernetes-sigs/metrics-server README (--kubelet-insecure-tls)',
  },
  {
    trigger: 'object has been modified',
    pattern: 'the object has been modified; please apply your changes to the latest version',
    reason: 'an optimistic-concurrency conflict: the controller re-reads the object and retries',
    source: 'Kubernetes API conflict error (409) as controller-runtime logs it',
  },
  {
    trigger: 'skip loading plugin',
    pattern: 'skip loading plugin',
    reason: 'containerd tries every built-in plugin at start and skips those the host cannot run (the aufs, btrfs, zfs and devmapper snapshotters on most hosts), quoting the probe\'s error, e.g. modprobe\'s "Module aufs not found"',
    source: 'containerd plugin loader (services/server/server.go, cmd/containerd/server: "skip loading plugin" at info level with the plugin\'s init error)',
  },
  {
    trigger: 'io.containerd.snapshotter',
    pattern: 'failed to load plugin io.containerd.snapshotter',
    reason: 'containerd before 1.5 logged the snapshotters the host cannot run (aufs without its module, btrfs/zfs off their filesystems, devmapper unconfigured) at warning level, with modprobe\'s "Module aufs not found" quoted; it starts with overlayfs as usual',
    source: 'containerd v1.2-v1.4 services/server/server.go (plugin init errors logged as "failed to load plugin <id>" at warning); containerd/containerd#3994, docker-library/docker#174',
  },
  {
    trigger: 'in metadata plugin',
    pattern: 'could not use snapshotter [a-z]{1,20} in metadata plugin',
    reason: 'containerd\'s metadata plugin lists the snapshotters that failed to load and goes on without them; on hosts without aufs, btrfs, zfs or devmapper every start prints it',
    source: 'containerd metadata plugin (metadata/plugin: "could not use snapshotter %v in metadata plugin" at warning); containerd/cri#852',
  },
  {
    trigger: 'preexisting XDP state',
    pattern: 'Failed to cleanup preexisting XDP state',
    reason: 'Felix without XDP acceleration tries at start to remove XDP programs an earlier run may have left; where no BPF filesystem or XDP support exists there is nothing to remove, and Felix warns and carries on',
    source: 'projectcalico/calico felix/dataplane/linux/int_dataplane.go (NewIntDataplaneDriver: WipeXDP of preexisting state, warning only: "if we can\'t create an XDP state it means we couldn\'t get a working bpffs so there\'s nothing to clean up"); rancher-archives/rke#1606, rancher/rancher#23316',
  },
  {
    trigger: 'not a subnet, skipping',
    pattern: 'not a subnet, skipping',
    reason: 'flannel\'s subnet watch is handed every key under its prefix, the prefix directory itself among them (deleted with the last lease); a key that is not a subnet lease is skipped, and the watch goes on',
    source: 'flannel-io/flannel pkg/subnet/etcd registry.go parseSubnetWatchResponse ("%v %q: not a subnet, skipping"), logged by its watcher as "Watch subnets: …"',
  },
  {
    trigger: 'XDP',
    pattern: '(failed to set XDP failsafe ports, disabling XDP|failed to wipe the XDP state|Can\'t enable XDP acceleration|failed to disable XDP: .{0,200}will proceed anyway)',
    reason: 'XDP only accelerates untracked deny policies: where the kernel, driver or BPF filesystem cannot run it, Felix says so, turns XDP off and programs the same policy in iptables',
    source: 'projectcalico/calico felix/dataplane/linux/int_dataplane.go ("Can\'t enable XDP acceleration.", "failed to set XDP failsafe ports, disabling XDP", "failed to disable XDP: %v, will proceed anyway."; "failed to wipe the XDP state", a retried warning); projectcalico/calico#2904',
  },
  {
    trigger: 'http2: stream closed',
    pattern: '(unable to write a (fallback )?JSON response|not an metav1.Status).{0,80}http2: stream closed',
    reason: 'an aggregated API server (calico-apiserver) could not answer a request its client had already aborted; the kube-apiserver\'s periodic availability checks abort theirs every 30-60 s, so these lines come on healthy clusters',
    source: 'k8s.io/apiserver endpoints/handlers/responsewriters/writers.go (written through utilruntime.HandleError as "Unhandled Error"); kubernetes/kubernetes#133644 (reported by a Calico maintainer), projectcalico/calico#13079',
  },
  {
    trigger: 'while handling',
    pattern: '(Timeout or abort|timeout or abort) while handling.{0,300}(error="<nil>"|projectcalico\\.org)',
    reason: 'the same aborted requests seen by the aggregated API server\'s timeout filter (or by the kube-apiserver proxying to it): the client went away, no error is attached',
    source: 'k8s.io/apiserver pkg/server/filters/timeout.go and endpoints/filters (post-timeout logging); kubernetes/kubernetes#133644, projectcalico/calico#7791',
  },
  {
    trigger: 'Post-timeout activity',
    pattern: 'Post-timeout activity.{0,40}error="<nil>"',
    reason: 'k8s.io/apiserver notes what a request did after its client timed out; with no error it finished normally',
    source: 'k8s.io/apiserver pkg/server/filters/timeout.go (timeoutHandler post-timeout logging); kubernetes/kubernetes#133644',
  },
  {
    trigger: 'fallback JSON response',
    pattern: 'unable to write a fallback JSON response: http: Handler timeout',
    reason: 'the timeout filter could not write its own error answer to a client that had already gone (the aborted availability checks above)',
    source: 'k8s.io/apiserver endpoints/handlers/responsewriters/writers.go; projectcalico/calico#13079, kubernetes/kubernetes#133644',
  },
  {
    trigger: 'connect not allowed',
    pattern: 'Remotedialer proxy error.{0,40}connect not allowed',
    reason: 'the supervisor\'s tunnel refused one dial through it that its allow rule does not authorise; the tunnel itself is up and the agent works',
    source: 'rancher/remotedialer (server-side allow function answering "connect not allowed"), k3s pkg/agent/tunnel; rancher/rke2#3729 (agents working while logging it)',
  },
  {
    trigger: 'passed as key-value pairs',
    pattern: 'odd number of arguments passed as key-value pairs for logging',
    reason: 'a logging call with a mismatched key/value list: go-logr/zapr reports the misuse itself at DPanic level, which production loggers write as an error; it says nothing about the cluster',
    source: 'go-logr/zapr zapr.go handleFields ("odd number of arguments passed as key-value pairs for logging")',
  },
  {
    trigger: ', requeuing',
    pattern: 'not found, requeuing',
    reason: 'a wrangler controller (RKE2/K3s helm-controller, deploy controller) was handed an object that does not exist yet and retries it: the start-up order of objects, not a failure; a persistent failure shows as a failing helm-install Job',
    source: 'rancher/wrangler pkg/generic/controller.go ("error syncing \'%s\': %s, requeuing")',
  },
  {
    trigger: 'Link not found',
    pattern: 'error=Link not found',
    reason: 'Felix looks a tunnel device (vxlan.calico, tunl0, wireguard.cali) up before it creates it; netlink answers "Link not found" the first time, and Felix then creates the device',
    source: 'projectcalico/calico felix/dataplane/linux/vxlan_mgr.go, ipip_mgr.go, felix/wireguard/wireguard.go (link look-ups that treat netlink.LinkNotFoundError as "not present yet")',
  },
  {
    trigger: 'on the status hook for pod',
    pattern: 'failed on the status hook for pod .{0,300}Device .{0,4}eth0.{0,4} does not exist',
    reason: 'the kubelet\'s dockershim asks the network plugin for the address of a pod whose network namespace has no eth0 (a pod on the host network, or one being torn down); the answer is empty and nothing fails',
    source: 'kubernetes pkg/kubelet/dockershim (GetPodNetworkStatus, "NetworkPlugin cni failed on the status hook for pod")',
  },
  {
    trigger: 'neighbor FDB entry',
    pattern: 'Failed to delete neighbor FDB entry',
    reason: 'Felix removes FDB and neighbour entries on vxlan.calico that it did not program (e.g. ones a host network manager added); when the kernel refuses, the entry stays and pod traffic is unaffected, since Felix\'s own entries are programmed separately',
    source: 'projectcalico/calico felix/vxlanfdb (stale entry cleanup); canonical/microk8s#4480 (the warning on a working node)',
  },
];
