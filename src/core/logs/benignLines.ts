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
    trigger: 'TLS handshake error from',
    pattern: 'http: TLS handshake error from',
    reason: 'the RKE2 supervisor logs every client that drops a TLS handshake, e.g. agents and the kubelet that do not trust its certificate yet at start-up',
    source: 'Go net/http server error log as k3s/rke2 print it ("Cluster-Http-Server … http: TLS handshake error"); rancher/rke2#968, #6270',
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
