/**
 * Failures of the Calico CNI plugin and of the CNI set-up around it, as the kubelet, containerd and pod events show
 * them (`plugin type="calico" failed (add): …`, `FailedCreatePodSandBox`). Specific wordings first: the first
 * signature that matches names the line.
 */
import type { LogSignature } from '../logSignature';

export const CNI_SIGNATURES: readonly LogSignature[] = [
  {
    id: 'clusterinformation-crd-missing',
    severity: 'error',
    title: 'ClusterInformation CRD missing',
    meaning: 'The CNI could not read ClusterInformation(default) because the API has no such resource: the Calico CRDs (rke2-calico-crd) are not installed.',
    remediation: 'Check the helm-install-rke2-calico-crd job and its pod logs; the CRDs must exist before calico-node starts (kubectl get crd clusterinformations.crd.projectcalico.org).',
    matches: [
      { trigger: 'ClusterInformation', pattern: 'ClusterInformation\\(default\\) with error: the server could not find the requested resource' },
      { trigger: 'ClusterInformation', pattern: 'ClusterInformation: the server could not find the requested resource' },
    ],
    source: 'projectcalico/calico cni-plugin/pkg/plugin/plugin.go ("error getting ClusterInformation: %v"); argoproj/argo-helm#1653',
  },
  {
    id: 'calico-crd-missing',
    severity: 'error',
    title: 'A Calico CRD is missing',
    meaning: 'The API server does not serve a crd.projectcalico.org resource Calico needs (Tiers, FelixConfigurations, IPPools, …): the rke2-calico-crd chart is not installed, is older than Calico, or its CRDs were removed by a failed upgrade.',
    remediation: 'kubectl get crd | grep projectcalico.org; check the helm-install-rke2-calico-crd job and keep rke2-calico-crd at the version RKE2 ships with rke2-calico.',
    // Current kinds only: Calico v3.0 also probed the retired GlobalFelixConfig/GlobalBGPConfig kinds, and their absence is normal.
    matches: [{ trigger: 'could not find the requested resource', pattern: 'could not find the requested resource \\((get|post|list|put|patch|watch|create|update) (BGPConfigurations|BGPFilters|BGPPeers|BlockAffinities|CalicoNodeStatuses|ClusterInformations|FelixConfigurations|GlobalNetworkPolicies|GlobalNetworkSets|HostEndpoints|IPAMBlocks|IPAMConfigs|IPAMHandles|IPPools|IPReservations|KubeControllersConfigurations|NetworkPolicies|NetworkSets|StagedGlobalNetworkPolicies|StagedKubernetesNetworkPolicies|StagedNetworkPolicies|Tiers)\\.crd\\.projectcalico\\.org' }],
    source: 'Kubernetes API NotFound for an unknown resource ("the server could not find the requested resource (get …)"); projectcalico/calico#9520',
  },
  {
    id: 'clusterinformation-not-found',
    severity: 'error',
    title: 'ClusterInformation "default" not found',
    meaning: 'The Calico CNI refused to set up a pod sandbox because ClusterInformation "default" does not exist yet. The first calico-node creates it when it starts; pods started before that fail and are retried. During cluster init this is the rancher/rke2#7808 symptom.',
    remediation: 'Wait for calico-node to create ClusterInformation default (kubectl get clusterinformations default -o yaml: datastoreReady: true). If it never appears, read the calico-node and tigera-operator logs. Join further nodes in batches while Calico initialises.',
    matches: [
      { trigger: 'ClusterInformation', pattern: 'ClusterInformation\\(default\\).{0,160}not found|clusterinformations.crd.projectcalico.org .{0,2}default.{0,2} not found' },
    ],
    source: 'projectcalico/calico cni-plugin/pkg/plugin/plugin.go; rancher/rke2#7808; kubernetes-sigs/kubespray#9891',
  },
  {
    id: 'calico-datastore-not-ready',
    severity: 'error',
    title: 'Calico datastore not ready',
    meaning: 'ClusterInformation exists but its datastoreReady flag is not true: the CNI ("Calico is currently not ready to process requests") and Felix refuse to work. It is set to false while Calico is upgraded or migrated.',
    remediation: 'kubectl get clusterinformations default -o yaml. calico-node sets datastoreReady once the datastore is initialised; if an upgrade or migration stopped half-way, read the tigera-operator log.',
    matches: [
      { trigger: 'not ready to process requests', pattern: 'Calico is currently not ready to process requests' },
      { trigger: 'datastore is not ready', pattern: 'datastore is not ready or has not been initiali[sz]ed' },
      { trigger: 'Waiting for datastore to be initiali', pattern: 'Waiting for datastore to be initiali[sz]ed' },
      { trigger: 'datastore has been initiali', pattern: 'Failed to ensure datastore has been initiali[sz]ed' },
    ],
    source: 'projectcalico/calico cni-plugin/pkg/plugin/plugin.go, felix/daemon/daemon.go (ErrNotReady, "Waiting for datastore to be initialized (or migrated)"), node start-up ("Failed to ensure datastore has been initialized")',
  },
  {
    id: 'calico-node-not-running',
    severity: 'error',
    title: 'calico-node not running on the node',
    meaning: '/var/lib/calico/nodename is missing: calico-node has not (yet) run on this node, so the CNI cannot work here.',
    remediation: 'Check the calico-node pod on this node (kubectl -n calico-system get pods -o wide) and its logs; it writes the file when it starts.',
    matches: [{ trigger: 'calico/nodename', pattern: 'stat /var/lib/calico/nodename: no such file or directory' }],
    source: 'projectcalico/calico cni-plugin (nodename file check); projectcalico/calico#10146',
  },
  {
    id: 'cni-plugin-missing',
    severity: 'error',
    title: 'CNI plugin binary missing',
    meaning: 'The container runtime found the CNI config but not the plugin binary it names in the CNI bin directory: calico-node\'s install-cni has not copied the Calico plugins there, or the runtime looks in another directory.',
    remediation: 'Check that calico-node (its install-cni init container) ran on this node and that the plugins are in /opt/cni/bin (RKE2 also uses /var/lib/rancher/rke2/data/*/bin for its own).',
    matches: [
      { trigger: 'failed to find plugin', pattern: 'failed to find plugin .{1,40} in path' },
      { trigger: '" plugin', pattern: 'could not find .{1,40}" plugin' },
    ],
    source: 'containernetworking/cni libcni ("failed to find plugin %q in path %s"; before v0.4 pkg/invoke execPlugin: "could not find %q plugin")',
  },
  {
    id: 'flannel-subnet-missing',
    severity: 'error',
    title: 'flannel has not written its subnet file (Canal)',
    meaning: 'The flannel CNI plugin (RKE2\'s Canal: flannel for routing, Calico for policy) needs /run/flannel/subnet.env, which the kube-flannel container writes once it has a subnet lease for the node. It is missing: kube-flannel is not running on this node or cannot reach the API server.',
    remediation: 'Check the rke2-canal pod on this node (kubectl -n kube-system get pods -l k8s-app=canal -o wide) and its kube-flannel container log; the node needs a podCIDR.',
    matches: [{ trigger: 'flannel/subnet.env', pattern: 'open /run/flannel/subnet.env: no such file or directory' }],
    source: 'flannel-io/cni-plugin (subnet file); k3s-io/k3s#122',
  },
  {
    id: 'iptables-missing',
    severity: 'error',
    title: 'iptables binary missing',
    meaning: 'The portmap plugin (pods with hostPort) needs the iptables binary on the node.',
    remediation: 'Install iptables (or the iptables-nft wrapper) on the node.',
    matches: [{ trigger: 'executable file not found', pattern: 'exec: .{0,2}iptables.{0,2}: executable file not found' }],
    source: 'rancher/rke2-docs known_issues.md',
  },
  {
    id: 'ipam-exhausted',
    severity: 'error',
    title: 'No pod address left for the node',
    meaning: 'IP address management could not hand out an address: the node\'s range or Calico\'s per-host block limit is exhausted, usually by leaked allocations or a pool too small for the node count.',
    remediation: 'Check the IP pools and blocks (kubectl get ippools,ipamblocks,blockaffinities); leaked host-local allocations live under /var/lib/cni/networks. Grow the pool or the block size.',
    matches: [
      { trigger: 'no IP addresses available', pattern: 'no IP addresses available in range set' },
      { trigger: 'per host block limit', pattern: 'per host block limit' },
      { trigger: 'No more free affine blocks', pattern: 'No more free affine blocks' },
      { trigger: 'pools are likely exhausted', pattern: 'Unable to autoassign an (IPv[46] )?address( for (IPIP|VXLAN))? - pools are likely exhausted' },
    ],
    source: 'containernetworking/plugins host-local; projectcalico/calico libcalico-go/lib/ipam/ipam.go (ErrBlockLimit), node/pkg/allocateip/allocateip.go (the tunnel address: "Unable to autoassign an address - pools are likely exhausted.", fatal); projectcalico/calico#4861',
  },
  {
    id: 'cni-not-initialized',
    severity: 'warning',
    title: 'No CNI network on the node (persisting)',
    meaning: 'The kubelet or containerd still has no working CNI config, so the node stays NotReady. Every node prints this for a while at start-up, until calico-node writes /etc/cni/net.d/10-calico.conflist; it is reported only when the log\'s timestamps show it lasting more than 5 minutes.',
    remediation: 'Check calico-node on this node and its install-cni container; during cluster init see the ClusterInformation and Typha findings (rancher/rke2#7808).',
    matches: [
      { trigger: 'plugin not initialized', pattern: 'cni plugin not initialized' },
      { trigger: 'NetworkPluginNotReady', pattern: 'NetworkPluginNotReady' },
      { trigger: 'cni config uninitialized', pattern: 'cni config uninitialized' },
      { trigger: 'failed to load cni during init', pattern: 'failed to load cni during init' },
      { trigger: 'no network config found', pattern: 'no network config found in /etc/cni/net.d' },
      // The kubelet's own CNI driver (dockershim, before v1.24) while the directory is still empty.
      { trigger: 'Unable to update cni config', pattern: 'Unable to update cni config: ([Nn]o (valid )?networks found|no valid networks found)' },
      // The kubelet's CNI driver before v1.10 worded it as an error (pkg/kubelet/network/cni/cni.go).
      { trigger: 'error updating cni config', pattern: 'error updating cni config: [Nn]o (valid )?networks found' },
      // CRI-O's wording of the same state (its ocicni library), also quoted by the kubelet in sandbox failures.
      { trigger: 'Has your network provider started', pattern: '[Nn]o CNI configuration file in \\S+ Has your network provider started' },
      { trigger: 'Missing CNI default network', pattern: 'Missing CNI default network' },
    ],
    transient: { graceSeconds: 300 },
    source: 'kubernetes kubelet (NetworkPluginNotReady; pkg/kubelet/dockershim/network/cni/cni.go "Unable to update cni config: %s", before v1.10 pkg/kubelet/network/cni/cni.go "error updating cni config: %s", with libcni\'s "No networks found in %s"); containerd CRI plugin ("failed to load cni during init"); CRI-O through cri-o/ocicni pkg/ocicni/ocicni.go errMissingDefaultNetwork ("no CNI configuration file in %s. Has your network provider started?", earlier releases "Missing CNI default network"); rancher/rke2#4476, #3823',
  },
];
