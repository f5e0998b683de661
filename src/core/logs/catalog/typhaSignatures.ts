/**
 * Typha and the Felix↔Typha connection. Typha reads its own endpoints from the API server to size its connection
 * limit; Felix connects to Typha on TCP 5473 with mutual TLS.
 */
import type { LogSignature } from '../logSignature';

export const TYPHA_SIGNATURES: readonly LogSignature[] = [
  {
    id: 'typha-unauthorized',
    severity: 'error',
    title: 'Typha rejected by the API server (401)',
    meaning: "Typha's request for its own endpoints was rejected at authentication (HTTP 401 Unauthorized): its service-account token is not (yet) valid — seen during cluster init in the rancher/rke2#7808 race. It is not missing RBAC: that would be 403 Forbidden (typha-forbidden).",
    remediation: 'During cluster init it clears once the token is valid; if it persists, restart calico-typha (kubectl -n calico-system rollout restart deploy/calico-typha) and check the API server\'s service-account issuer and keys.',
    matches: [{ trigger: 'Failed to get Typha', pattern: 'Failed to get Typha (endpoint|EndpointSlice)s? from Kubernetes.{0,40}Unauthorized' }],
    source: 'projectcalico/calico typha/pkg/k8s/lookup.go; rancher/rke2#7808 (typha log)',
  },
  {
    id: 'typha-forbidden',
    severity: 'error',
    title: 'Typha forbidden by RBAC (403)',
    meaning: 'Typha is authenticated but not allowed to read its endpoints: the calico-typha ClusterRole or binding is missing or wrong (HTTP 403). Contrast with typha-unauthorized (401).',
    remediation: 'Check ClusterRole/ClusterRoleBinding calico-typha (the tigera-operator creates them) and kubectl get tigerastatus.',
    matches: [{ trigger: 'Failed to get Typha', pattern: 'Failed to get Typha (endpoint|EndpointSlice)s? from Kubernetes.{0,300}is forbidden' }],
    source: 'projectcalico/calico typha/pkg/k8s/lookup.go; projectcalico/calico#6177',
  },
  {
    id: 'typha-count-unauthorized',
    severity: 'warning',
    title: 'Typha cannot count Typhas (401)',
    meaning: 'Follows typha-unauthorized: Typha cannot list its peers, so it falls back to a connection limit of 10000 (the next line, "Calculated new connection limit … reason=error", says so).',
    remediation: 'Same as typha-unauthorized.',
    matches: [{ trigger: 'number of Typhas', pattern: 'Failed to get number of Typhas.{0,20}Unauthorized' }],
    source: 'projectcalico/calico typha/pkg/k8s/rebalance.go; rancher/rke2#7808 (typha log)',
  },
  {
    id: 'typha-unreachable',
    severity: 'error',
    title: 'Felix cannot reach Typha',
    meaning: 'Felix (calico-node) could not connect to any Typha on TCP 5473: Typha is not running yet, or a firewall / security group blocks 5473 between nodes. Felix does not start its dataplane without Typha.',
    remediation: 'Check calico-typha pods (kubectl -n calico-system get pods -l k8s-app=calico-typha) and open TCP 5473 between all nodes (host firewalls, cloud security groups).',
    matches: [
      { trigger: 'to connect to typha', pattern: 'Failed to connect to typha endpoint' },
      { trigger: 'to connect to Typha', pattern: '[Ff]ailed to connect to Typha' },
      { trigger: ':5473: connect: ', pattern: ':5473: connect: (connection refused|no route to host|connection timed out)' },
      { trigger: ':5473: i/o timeout', pattern: ':5473: i/o timeout' },
    ],
    source: 'projectcalico/calico typha/pkg/syncclient/sync_client.go, felix/daemon/daemon.go; projectcalico/calico#8404, #8929',
  },
];
