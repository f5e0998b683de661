/**
 * What `calicoctl` prints when it finds a fault, as users paste it beside their logs: `calicoctl node status` (its
 * BGP peer table and its refusal when Calico does not run) and `calicoctl ipam check`. Wordings from
 * projectcalico/calico calicoctl/calicoctl/commands (node/status.go, ipam/check.go) and BIRD's session states.
 */
import type { LogSignature } from '../logSignature';

/**
 * A row of `calicoctl node status`'s peer table (node/status.go printPeers: Peer address | Peer type | State | Since |
 * Info; peer types from bgpTypeMap) whose Info is a BGP session state other than Established: BIRD's bgp_state_dsc
 * (proto/bgp/bgp.c) gives Down, Passive, Idle, Connect, Active, OpenSent, OpenConfirm or Close, followed by the last
 * error ("Socket: Connection refused", "Error: No listening socket", "Received: Bad peer AS").
 */
const PEER_ROW_NOT_ESTABLISHED = '^\\s*\\|\\s*[0-9A-Fa-f.:]{2,45}\\s*\\|\\s*(?:node-to-node mesh|global|node specific)\\s*\\|\\s*\\w+\\s*\\|[^|]*\\|\\s*(?:Down|Passive|Idle|Connect|Active|OpenSent|OpenConfirm|Close)\\b';

export const CALICOCTL_SIGNATURES: readonly LogSignature[] = [
  {
    id: 'bgp-peer-down',
    severity: 'warning',
    title: 'BGP session to a peer not established (calicoctl node status)',
    meaning: 'calicoctl node status lists a BGP peer whose session is not Established: Connect/Active mean this node keeps trying to open TCP 179 to the peer, Idle/Passive that it is waiting, Down that the protocol is stopped; the Info column gives the last error. Routes to the pods behind that peer are missing while it lasts. The table is a snapshot: a session that has just started shows Connect for a few seconds.',
    remediation: 'Run it again after a minute; if the peer stays down, check TCP 179 between the two nodes (firewalls, security groups), that the peer address is the node\'s real address (autodetection), and the AS numbers of BGPPeer/BGPConfiguration. With VXLAN-only pools BGP can be disabled.',
    matches: [
      { trigger: 'node-to-node mesh', pattern: PEER_ROW_NOT_ESTABLISHED },
      { trigger: '| global ', pattern: PEER_ROW_NOT_ESTABLISHED },
      { trigger: '| node specific', pattern: PEER_ROW_NOT_ESTABLISHED },
    ],
    source: 'projectcalico/calico calicoctl/calicoctl/commands/node/status.go (printPeers, bgpTypeMap), projectcalico/bird proto/bgp/bgp.c (bgp_state_dsc, bgp_state_names, bgp_err_classes)',
  },
  {
    id: 'calico-process-not-running',
    severity: 'error',
    title: 'Calico is not running on this node (calicoctl node status)',
    meaning: 'calicoctl node status found no Felix process on the node it ran on: calico-node is not running here (crash-looping, not scheduled, or its image not pulled), so this node gets no routes or policy. Run on a host where calico-node runs as a container, calicoctl must share its PID namespace to see it.',
    remediation: 'Check the calico-node pod on this node (kubectl -n calico-system get pods -o wide; kube-system on manifest installs) and its logs with --previous.',
    matches: [{ trigger: 'Calico process is not running', pattern: '^\\s*Calico process is not running\\.' }],
    source: 'projectcalico/calico calicoctl/calicoctl/commands/node/status.go ("Calico process is not running.", when neither calico-felix nor calico-node -felix is among the processes)',
  },
  {
    id: 'ipam-inconsistent',
    severity: 'warning',
    title: 'IPAM records disagree with what is in use (calicoctl ipam check)',
    meaning: 'calicoctl ipam check found addresses used by a workload or node without an IPAM allocation, handles without addresses, or allocations whose handle is gone: leaks and double allocations follow (new pods can get an address already in use, or pools run out of blocks).',
    remediation: 'Save the report (calicoctl ipam check -o report.json), stop pod churn if possible, and run calicoctl ipam release --from-report report.json as Calico\'s docs describe; upgrade if the leak comes back.',
    matches: [
      { trigger: 'has no IPAM allocation', pattern: 'in use by .{1,200} and in active IPAM pool but has no IPAM allocation' },
      { trigger: 'is not in any active IP pool', pattern: 'in use by .{1,200} is not in any active IP pool' },
      { trigger: 'has multiple owners', pattern: '^\\s+\\S+ has multiple owners\\.' },
      { trigger: "in a block but doesn't exist", pattern: "is in use in a block but doesn't exist" },
      { trigger: ' leaked; attrs ', pattern: '^\\s+\\S+ leaked; attrs ' },
      { trigger: "doesn't have any active IPs", pattern: "^\\s+\\S+ doesn't have any active IPs\\." },
      { trigger: 'handles with no matching IPs', pattern: 'Found [1-9]\\d* handles with no matching IPs' },
      { trigger: 'with no matching handle resource', pattern: 'Found [1-9]\\d* handles mentioned in blocks with no matching handle resource' },
      { trigger: 'but not actually in use', pattern: 'Found [1-9]\\d* IPs that are allocated in IPAM but not actually in use' },
      { trigger: 'have no corresponding IPAM allocation', pattern: 'Found [1-9]\\d* in-use IPs that are in active IP pools but have no corresponding IPAM allocation' },
      { trigger: 'Check complete; found', pattern: 'Check complete; found [1-9]\\d* problems' },
    ],
    source: 'projectcalico/calico calicoctl/calicoctl/commands/ipam/check.go (v3.29.2: every problem line it prints, and its counts when not zero)',
  },
  {
    id: 'calicoctl-datastore-unreachable',
    severity: 'warning',
    title: 'calicoctl cannot reach Calico\'s datastore',
    meaning: 'calicoctl built its client for Calico\'s datastore but the datastore did not answer (a deadline exceeded, refused, timed out or unroutable connection, a certificate refused): the etcd endpoints or the API server it was pointed at cannot be reached from here, or are not the datastore Calico uses. A calicoctl that is only misconfigured (no kubeconfig, no etcd endpoints, an unknown datastore type) says so without reaching anything, and is not reported: it says nothing about the cluster.',
    remediation: 'Point calicoctl at the datastore Calico uses: DATASTORE_TYPE=kubernetes with KUBECONFIG (RKE2: /etc/rancher/rke2/rke2.yaml) for the Kubernetes datastore, or ETCD_ENDPOINTS and its certificates for etcd; then check that endpoint from this host.',
    matches: [{ trigger: 'Failed to create Calico API client', pattern: 'Failed to create Calico API client: .{0,300}(context deadline exceeded|connection refused|connection timed out|i/o timeout|no route to host|network is unreachable|x509: |tls: )' }],
    source: 'projectcalico/calicoctl calicoctl/commands (fmt.Printf("Failed to create Calico API client: %s\\n", err) then exit 1, when clientmgr.NewClient fails)',
  },
];
