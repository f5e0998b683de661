/**
 * Failures calico-node reports about itself: start-up (IP autodetection, node registration), Felix, BIRD/confd and
 * the health probes the kubelet runs against it (`Readiness probe failed: calico/node is not ready: …`).
 */
import type { LogSignature } from '../logSignature';

const AUTODETECT_REMEDIATION =
  'Pin the interface or address Calico uses: in the rke2-calico HelmChartConfig set installation.calicoNetwork.nodeAddressAutodetectionV4 ' +
  '(e.g. `interface: eth1`, `canReach: <gateway>`, `cidrs: [10.0.0.0/24]` or `kubernetes: NodeInternalIP`), and the IPv6 counterpart on dual-stack nodes.';

export const CALICO_NODE_SIGNATURES: readonly LogSignature[] = [
  {
    id: 'ip-autodetect-failed',
    severity: 'error',
    title: 'calico-node could not find the node\'s IP address',
    meaning: 'Calico\'s IP autodetection found no usable address for this node (no interface matched, or the can-reach target was unreachable), so calico-node cannot register the node and exits. IPv6-only nodes hit it for IPv4 (rancher/rke2#7454).',
    remediation: AUTODETECT_REMEDIATION,
    matches: [
      { trigger: 'Unable to auto-detect', pattern: 'Unable to auto-detect (an )?IPv[46] address' },
      { trigger: 't autodetect an IPv', pattern: 'Couldn.{1,2}t autodetect an IPv[46] address' },
    ],
    source: 'projectcalico/calico node/pkg/lifecycle/startup/startup.go, startup/autodetection/autodetection_methods.go; rancher/rke2#7454, #5925',
  },
  {
    id: 'ip-address-conflict',
    severity: 'error',
    title: 'Two nodes claim the same IP address',
    meaning: 'Another Calico node already uses the address this node autodetected: usually autodetection picked a shared interface (a VIP, docker0, a VPN or a NAT address) on both.',
    remediation: `${AUTODETECT_REMEDIATION} Then delete the stale node's projectcalico.org/IPv4Address annotation if the other node is gone.`,
    matches: [{ trigger: 'is already using the IPv', pattern: 'is already using the IPv[46] address' }],
    source: 'projectcalico/calico node/pkg/lifecycle/startup/startup.go ("Calico node %q is already using the IPv4 address %s")',
  },
  {
    id: 'ip-autodetect-wrong-interface',
    severity: 'warning',
    title: 'Calico picked a bridge or virtual interface for the node address',
    meaning: 'IP autodetection chose an address on a container bridge, tunnel or VPN interface (docker0, br-*, virbr*, cni0, a WireGuard/Tailscale device…) instead of the node\'s network: other nodes cannot reach pods here, and several nodes may claim the same address. The default first-found method does this when such an interface comes first.',
    remediation: AUTODETECT_REMEDIATION,
    matches: [
      { trigger: 'Using autodetected IPv', pattern: 'Using autodetected IPv[46] address.{0,80}(interface|on) (docker[0-9]|br-[0-9a-f]|virbr|cni[0-9]|flannel|vxlan|tunl|kube-ipvs|nodelocaldns|lxcbr|lxdbr|vboxnet|tailscale|wg[0-9]|podman|cali|weave|zt[0-9a-z]|dummy)' },
      // A /32 on an interface is a VIP or a dummy device (nodelocaldns, kube-ipvs0, keepalived), not the node's network.
      { trigger: 'Using autodetected IPv4 address on interface', pattern: 'Using autodetected IPv4 address on interface [^ ]{1,30}: [0-9.]{7,15}/32' },
    ],
    source: 'projectcalico/calico node/pkg/lifecycle/startup/autodetection ("Using autodetected IPv4 address on interface %s"); projectcalico/calico#1628 (docker bridge picked), FIELD failure mode 4',
  },
  {
    id: 'kernel-module-missing',
    severity: 'error',
    title: 'A kernel module cannot be loaded',
    meaning: 'Calico (or the CNI) tried to load a kernel module it needs (ip_set, ip_tables, ipip, vxlan, wireguard, xt_* …) and could not: the module is not built for this kernel, or /lib/modules is not available to the container.',
    remediation: 'Load the module on the node (modprobe <name>) and make it persistent in /etc/modules-load.d; the RKE2 docs list the modules Calico needs.',
    matches: [
      { trigger: 'modprobe: FATAL', pattern: 'modprobe: FATAL: Module' },
      { trigger: "can't change directory to '/lib/modules'", pattern: "can't change directory to '/lib/modules'" },
      { trigger: 'not found in directory /lib/modules', pattern: 'not found in directory /lib/modules' },
      { trigger: 'do you need to insmod?', pattern: '\\(do you need to insmod\\?\\)' },
    ],
    source: 'kmod modprobe error texts; projectcalico/calicoctl#910; rancher/rke2-docs known issues (kernel modules)',
  },
  {
    id: 'calico-node-start-failed',
    severity: 'error',
    title: 'calico-node failed to start',
    meaning: 'calico-node\'s start-up stopped; the lines just before this one say why (autodetection, datastore access, node registration).',
    remediation: 'Read the preceding calico-node lines (kubectl -n calico-system logs <pod> -c calico-node --previous).',
    matches: [{ trigger: 'node failed to start', pattern: 'Calico node failed to start' }],
    source: 'projectcalico/calico node/filesystem/sbin/start_runit',
  },
  {
    id: 'rpf-loose',
    severity: 'error',
    title: "Kernel RPF check 'loose'",
    meaning: "Felix refuses to start with net.ipv4.conf.all.rp_filter=2 (loose), which would let workloads spoof addresses.",
    remediation: 'Set net.ipv4.conf.all.rp_filter to 1 or 0 on the node, or set IgnoreLooseRPF in the FelixConfiguration if spoofing is not a concern.',
    matches: [{ trigger: 'RPF check', pattern: "Kernel's RPF check is set to 'loose'" }],
    source: 'projectcalico/calico felix/dataplane/linux/int_dataplane.go; clearlinux/cloud-native-setup#88',
  },
  {
    id: 'felix-not-live',
    severity: 'error',
    title: 'Felix not live (liveness probe)',
    meaning: 'The kubelet\'s liveness probe found Felix not live: Felix is hung, crash-looping, or too slow to answer the probe (overloaded node, probe timeout too short). The kubelet restarts calico-node.',
    remediation: 'Read the calico-node log (--previous) for the last Felix lines; check node load and memory. Repeated restarts with a datastore error point at API/Typha access.',
    matches: [
      { trigger: 'elix is not live', pattern: '[Ff]elix is not live' },
      { trigger: ':9099/liveness', pattern: 'Liveness probe failed: .{0,40}:9099/liveness' },
    ],
    source: 'projectcalico/calico node/pkg/health/health.go ("calico/node is not ready: Felix is not live")',
  },
  {
    id: 'bird-not-live',
    severity: 'error',
    title: 'BIRD/confd not live (liveness probe)',
    meaning: 'The liveness probe found BIRD or confd not running: BGP routing on this node is down and the kubelet restarts calico-node.',
    remediation: 'Read the calico-node log for confd/bird errors; with BGP disabled (RKE2\'s default VXLAN set-up) the probe should not check BIRD — check installation.calicoNetwork.bgp.',
    matches: [{ trigger: ' is not live', pattern: '(bird|bird6|bird/confd|bird6/confd) is not live' }],
    source: 'projectcalico/calico node/pkg/health/health.go',
  },
  {
    id: 'bgp-peer-rejected',
    severity: 'error',
    title: 'BGP peer rejected the session',
    meaning: 'BIRD refused or lost a BGP session because the peers disagree on their configuration (AS number, hold time, authentication): a BGPPeer or node AS setting is wrong.',
    remediation: 'Compare the BGPPeer resources and the nodes\' AS numbers (kubectl get bgppeers,bgpconfigurations -o yaml) with the router\'s configuration.',
    matches: [{ trigger: 'Bad peer AS', pattern: 'Received: Bad peer AS' }],
    source: 'BIRD protocol error text (bgp.c); projectcalico/calico#2961',
  },
  {
    id: 'bgp-not-established',
    severity: 'warning',
    title: 'BGP peering not established (persisting)',
    meaning: 'BGP is enabled but sessions to peers are not up: TCP 179 blocked between nodes, peers down, or a wrong node address. Sessions take a few seconds after calico-node starts, so this is reported only when it lasts more than 5 minutes. RKE2\'s rke2-calico uses VXLAN with BGP disabled by default.',
    remediation: 'Open TCP 179 between nodes, check the node addresses Calico autodetected, or set installation.calicoNetwork.bgp: Disabled when you do not use BGP.',
    matches: [
      { trigger: 'BGP not established', pattern: 'BGP not established with' },
      { trigger: 'BGP peering established', pattern: 'Number of node\\(s\\) with BGP peering established = 0' },
      { trigger: 'with BGP peering', pattern: 'Readiness probe failed: .{0,200}with BGP peering' },
    ],
    transient: { graceSeconds: 300 },
    source: 'projectcalico/calico node/pkg/health/health.go, confd/health.go; projectcalico/calico#7556',
  },
  {
    id: 'bird-not-ready',
    severity: 'warning',
    title: 'BIRD not ready (persisting)',
    meaning: 'The readiness probe cannot query BIRD. Normal for a short while after calico-node starts; reported only when the log shows it for more than 5 minutes.',
    remediation: 'Read the calico-node log for confd/bird errors; with BGP disabled the probe should not check BIRD.',
    matches: [{ trigger: 'BIRD is not ready', pattern: 'BIRD6? is not ready' }, { trigger: 'BIRD6 is not ready', pattern: 'BIRD6 is not ready' }],
    transient: { graceSeconds: 300 },
    source: 'projectcalico/calico node/pkg/health/health.go; projectcalico/calico#6860, #9638',
  },
  {
    id: 'felix-not-ready',
    severity: 'warning',
    title: 'Felix not ready (persisting)',
    meaning: 'The readiness probe found Felix not ready: it has not finished syncing with the datastore or Typha, its probe timed out on a loaded node, or it is denied reading its resources (RBAC). Normal briefly after start; reported only when the log shows it for more than 5 minutes.',
    remediation: 'Read the calico-node log for datastore, Typha (typha-unreachable), 401/403 or timeout lines; check node load.',
    matches: [
      { trigger: 'elix is not ready', pattern: '[Ff]elix is not ready' },
      { trigger: ':9099/readiness', pattern: 'Readiness probe failed: .{0,40}:9099/readiness' },
    ],
    transient: { graceSeconds: 300 },
    source: 'projectcalico/calico node/pkg/health/health.go; projectcalico/calico#7556',
  },
  {
    id: 'felix-panic',
    severity: 'error',
    title: 'A Calico or RKE2 process crashed or exited',
    meaning: 'A daemon stopped on a fatal error or a Go panic, or the RKE2 Windows service saw a process it supervises (Calico/Felix, containerd) exit — on Windows nodes often the HNS start-up race (rancher/rke2#7440, #9276). The lines just before say why.',
    remediation: 'Read the lines before this one and the previous container log (kubectl logs --previous); on Windows nodes see the RKE2 release notes for the Calico start-up fixes.',
    matches: [
      ...['Felix', 'Calico', 'calico-node', 'containerd', 'confd', 'kube-proxy', 'kubelet'].map((process) => ({ trigger: `${process} exited`, pattern: `${process} exited` })),
      { trigger: 'Shutting down due to fatal error', pattern: 'Shutting down due to fatal error' },
      { trigger: '[PANIC][', pattern: '\\[PANIC\\]\\[' },
      { trigger: 'panic: ', pattern: '^(.{0,80} )?panic: ' },
    ],
    source: 'projectcalico/calico felix/daemon/daemon.go and libcalico-go logutils (PANIC level); rancher/rke2 pkg/windows (process supervision); rancher/rke2#7440, #9276',
  },
  {
    id: 'nftables-conflict',
    severity: 'error',
    title: 'nftables rules Felix cannot handle',
    meaning: 'Felix in iptables mode found nft rules written by another tool (firewalld, a second kube-proxy, Docker) in a table it manages, so iptables-save fails and Felix cannot program the dataplane.',
    remediation: 'Remove the foreign nft rules or the tool writing them (e.g. disable firewalld, as the RKE2 docs require), or use Calico\'s nftables mode consistently; Calico v3.33 handles such rules (projectcalico/calico#13579).',
    matches: [{ trigger: 'incompatible nft rules', pattern: 'incompatible nft rules' }],
    source: 'projectcalico/calico felix/iptables/table.go; projectcalico/calico#8025, #13579',
  },
  {
    id: 'felix-dataplane-failed',
    severity: 'error',
    title: 'Felix cannot program the dataplane',
    meaning: 'Felix failed to read or write iptables or ipsets (a missing or mismatched iptables binary, legacy vs nft backend, missing kernel modules, or rules it cannot parse); policy and routing on this node may be out of date.',
    remediation: 'Check the iptables backend on the node (iptables --version: legacy or nf_tables) against FelixConfiguration iptablesBackend, the kernel modules ip_tables/ip_set, and the lines before this one.',
    matches: [
      { trigger: 'save command failed', pattern: 'iptables(-legacy|-nft)?-save command failed' },
      { trigger: 'iptables save failed', pattern: 'iptables save failed' },
      { trigger: 'restore failed', pattern: '(iptables|ipset)(-legacy|-nft)?-restore failed' },
      { trigger: 'Failed to complete ipset restore', pattern: 'Failed to complete ipset restore' },
      { trigger: "can't initialize iptables table", pattern: "can't initialize iptables table" },
    ],
    source: 'projectcalico/calico felix/iptables/table.go, felix/ipsets/ipsets.go; projectcalico/calico#8831, #13499; iptables error text',
  },
];
