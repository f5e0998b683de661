/**
 * Last-resort wordings: a Calico failure that no more specific signature names. They come last in the catalog so
 * that, say, a CNI failure caused by an unreachable API server is named as that.
 */
import type { LogSignature } from '../logSignature';

/** libcni's error for a plugin of the chain, with or without the network's name (newer libcni). */
const LIBCNI_PLUGIN_FAILED = 'plugin type=.{0,4}[\\w.-]{1,40}.{0,4}( name=.{0,4}[\\w.-]{1,80}.{0,4})? failed \\((add|delete|del|check)\\)';

export const FALLBACK_SIGNATURES: readonly LogSignature[] = [
  {
    id: 'calico-unauthorized',
    severity: 'error',
    title: 'Calico rejected by the API server (401)',
    meaning: 'A Calico component\'s credentials were rejected at authentication (HTTP 401): an expired or not-yet-valid service-account token, a token from another cluster (restored etcd, re-installed server) or a skewed clock. This is not RBAC: that would be 403 Forbidden.',
    remediation: 'Restart the Calico pod named in the log so it gets a fresh token; check node clocks; after an etcd restore or server re-install, restart all Calico pods.',
    matches: [
      { trigger: 'connection is unauthorized', pattern: 'connection is unauthorized' },
      { trigger: 'datastore is unauthorized', pattern: 'Connection to the datastore is unauthorized' },
      { trigger: 'to provide credentials', pattern: 'the server has asked for the client to provide credentials' },
      { trigger: 'error=Unauthorized', pattern: 'error=Unauthorized( |$)' },
    ],
    source: 'projectcalico/calico libcalico-go/lib/errors/errors.go ("connection is unauthorized: %v"), node/pkg/lifecycle/startup/startup.go; Kubernetes client-go (401 message)',
  },
  {
    id: 'netplugin-failed',
    severity: 'error',
    title: 'The CNI failed to set up or tear down a pod network',
    meaning: 'A CNI ADD or DEL (through Calico, or Canal\'s flannel and bridge plugins) failed for a reason no more specific signature names; the error text follows in the line. Pods on this node cannot start, or their addresses are not released.',
    remediation: 'Read the error after "failed to setup network"/"failed (add)"/"failed (delete)"; then the calico-node (or kube-flannel) log on the same node.',
    matches: [
      { trigger: 'netplugin failed', pattern: 'netplugin failed' },
      { trigger: 'network for sandbox', pattern: 'failed to (setup|set up|destroy) network for sandbox' },
      { trigger: 'etworkPlugin cni failed', pattern: '[Nn]etworkPlugin cni failed to (set up|setup|teardown|tear down) pod' },
      { trigger: 'StopPodSandbox', pattern: 'StopPodSandbox .{0,120}failed' },
      { trigger: 'Failed to stop sandbox', pattern: 'Failed to stop sandbox' },
      // kubelet's CNI network plugin before dockershim was removed (pkg/kubelet/dockershim/network/cni/cni.go)
      { trigger: 'Error adding network: ', pattern: '^.{0,160}Error adding network: ' },
      { trigger: 'Error while adding to cni', pattern: 'Error while adding to cni (lo )?network: ' },
      { trigger: 'using network plugins', pattern: 'Failed to setup network for pod .{1,200} using network plugins ' },
      // libcni names whichever plugin of the chain failed: calico, calico-ipam, flannel (Canal), bandwidth, portmap
      // and loopback all run for every pod of an RKE2 Calico or Canal node.
      { trigger: 'failed (add)', pattern: LIBCNI_PLUGIN_FAILED },
      { trigger: 'failed (del', pattern: LIBCNI_PLUGIN_FAILED },
      { trigger: 'failed (check)', pattern: LIBCNI_PLUGIN_FAILED },
    ],
    source: 'containernetworking/cni libcni (plugin type=%q [name=%q] failed (%s), for any plugin of the chain); containerd CRI ("failed to setup network for sandbox", "failed to destroy network for sandbox"); kubernetes kubelet and dockershim ("NetworkPlugin cni failed to set up pod", "netplugin failed with no error message", cni.go "Error adding network: %v", "Error while adding to cni network: %s", "Failed to setup network for pod %q using network plugins %q")',
  },
  {
    id: 'sandbox-create-failed',
    severity: 'warning',
    title: 'The kubelet could not create a pod sandbox',
    meaning: 'The kubelet failed to create a pod\'s sandbox (its pause container and network namespace) and says so before the cause: the CNI plugin (matched above when the line names it), the container runtime (shim, cgroups), the pause image, or the node\'s DNS configuration (/etc/resolv.conf). The pod stays ContainerCreating while it lasts; a cut line no longer shows which.',
    remediation: 'Read the error after the message (kubectl describe pod, or the kubelet log on the node): a CNI error leads to calico-node (or the canal pod) on that node; a runtime error to containerd\'s log; a missing /etc/resolv.conf or pause image to the node itself.',
    matches: [
      { trigger: 'create pod sandbox', pattern: 'Failed (to )?create pod sandbox' },
      { trigger: 'PodSandbox for pod failed', pattern: '[Cc]reatePodSandbox for pod failed' },
      { trigger: 'PodSandbox for pod ', pattern: '[Cc]reatePodSandbox for pod .{1,300} failed' },
      { trigger: 'PodSandboxConfig for pod', pattern: 'GeneratePodSandboxConfig for pod .{1,300} failed' },
      { trigger: 'failed to "CreatePodSandbox"', pattern: 'failed to "CreatePodSandbox" for ' },
      { trigger: 'RunPodSandbox from runtime service failed', pattern: 'RunPodSandbox from runtime service failed' },
    ],
    source: 'kubernetes pkg/kubelet/kuberuntime/kuberuntime_manager.go (event FailedCreatePodSandBox "Failed create pod sandbox: %v", later "Failed to create pod sandbox: %v"; klog "CreatePodSandbox for pod failed", before structured logging "createPodSandbox for pod %q failed: %v"), kuberuntime_sandbox.go ("GeneratePodSandboxConfig for pod %q failed: %v"), pod_workers.go ("Error syncing pod … failed to "CreatePodSandbox" for …"), pkg/kubelet/cri/remote/remote_runtime.go ("RunPodSandbox from runtime service failed")',
  },
];
