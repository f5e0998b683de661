import { result, type CheckDefinition, type CheckResult } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';

export const TLS_CHECK: CheckDefinition = { id: 'identity.tls', area: 'Identity', title: "API server's TLS certificate" };

/**
 * `insecure-skip-tls-verify: true` in the kubeconfig: honoured (kubectl honours it too), but never silently. Whoever
 * sits between this machine and the API server can read the token and answer in the cluster's name, so every other
 * result is only as good as that network. Only reported when it is set; a verified connection adds no check.
 */
export function checkConnection(evidence: ClusterEvidence): CheckResult | undefined {
  const connection = evidence.connection;
  if (!connection?.insecureSkipTlsVerify) return undefined;
  const ignored = connection.certificateAuthority ? ', and the certificate-authority next to it is ignored' : '';
  return result(TLS_CHECK, 'warn', `TLS verification is off: the kubeconfig sets insecure-skip-tls-verify: true${ignored}`, [
    "kubeconfig cluster entry: insecure-skip-tls-verify: true — the API server's certificate is not checked",
    ...(connection.certificateAuthority ? ['certificate-authority(-data) is set but not used while verification is skipped'] : []),
    'the bearer token is sent to whoever answers at this address; these results are only as trustworthy as the network in between',
  ], {
    remediation: "Remove insecure-skip-tls-verify from the kubeconfig's cluster entry and set certificate-authority-data to the cluster's CA (on an RKE2 server, /etc/rancher/rke2/rke2.yaml carries it; the file is /var/lib/rancher/rke2/server/tls/server-ca.crt).",
  });
}
