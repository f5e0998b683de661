/**
 * BGP sessions going down, in the words of the BGP speakers Calico users run beside or instead of calico-node's BIRD
 * (MetalLB in BGP mode, GoBGP, OpenBGPD on the routers the nodes peer with) and in BIRD's own `birdc show protocols`
 * table. Each wording is the speaker's account of the same RFC 4271 event: the session left Established (or never got
 * past OpenSent/OpenConfirm), and routes learned over it are withdrawn.
 */
import type { LogSignature } from '../logSignature';

/**
 * A row of `birdc show protocols` for a BGP protocol (BIRD nest/proto.c proto_cmd_show: name, protocol, table, state,
 * since, info; bgp_show_proto_info gives the info as the session state and last error, from bgp_state_dsc) whose
 * session state is not Established.
 */
const BIRDC_BGP_ROW = '^[ ]*[A-Za-z0-9_.:-]{1,64}[ ]+BGP[ ]+[^ ]{1,32}[ ]+(up|down|start|stop|flush|feed)[ ]+[^ ]{1,20}( [0-9:]{5,8})?[ ]+(Down|Passive|Idle|Connect|Active|OpenSent|OpenConfirm|Close)( |$)';

export const BGP_SIGNATURES: readonly LogSignature[] = [
  {
    id: 'bgp-session-down',
    severity: 'warning',
    title: 'BGP session down',
    meaning: 'A BGP speaker reports a session that closed or never reached Established: its hold timer expired (no keepalive from the peer within the hold time, RFC 4271 error code 4), the TCP connection was closed or reset, or the peer sent a notification. Routes learned over that session are withdrawn: with Calico in BGP mode, pods behind that peer become unreachable; with MetalLB in BGP mode, the LoadBalancer addresses it announces disappear from the routers.',
    remediation: 'On both ends check TCP 179 (firewalls, security groups), the peer addresses (a node\'s autodetected address must be the one the router peers with), AS numbers and passwords; `calicoctl node status` or `birdc show protocols all` on the node shows the last error. Hold timer expiries that repeat point at packet loss or an overloaded speaker.',
    matches: [
      { trigger: 'old timer expired', pattern: '[Hh]old timer expired' },
      { trigger: 'old Timer Expired', pattern: 'Hold Timer Expired' },
      { trigger: 'state change ', pattern: 'state change (OpenSent|OpenConfirm|Established) -> (Idle|Active|Connect)' },
      { trigger: 'BGP session down', pattern: 'BGP session down' },
      { trigger: 'msg="Peer Down"', pattern: 'msg="Peer Down"' },
      { trigger: 'BGP     ', pattern: BIRDC_BGP_ROW },
      { trigger: 'Last error:', pattern: '^[ ]*Last error:[ ]+[A-Za-z]' },
    ],
    source: 'RFC 4271 (§8 FSM states, §6.5 Hold Timer Expired, notification error code 4); OpenBGPD bgpd/session.c (log_statechange: "%s: state change %s -> %s, reason: %s"); osrg/gobgp pkg/server/fsm.go (Info("Peer Down") with Reason); metallb speaker internal/bgp (event sessionDown, "BGP session down"); BIRD nest/proto.c and proto/bgp/bgp.c (show protocols rows, "Last error:")',
  },
];
