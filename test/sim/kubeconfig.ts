/**
 * A kubeconfig for the simulated cluster. Contexts: `sim` (valid token), `sim-expired` (a token the server
 * rejects with 401), `sim-wrong-ca` (trusts another CA, so TLS verification fails), `sim-unreachable` (a closed port).
 */
export function simKubeconfig(server: string, caPem: string, otherCaPem: string, token: string, closedPort: number): string {
  const ca = Buffer.from(caPem).toString('base64');
  const otherCa = Buffer.from(otherCaPem).toString('base64');
  return `apiVersion: v1
kind: Config
clusters:
- name: sim
  cluster:
    server: ${server}
    certificate-authority-data: ${ca}
- name: sim-wrong-ca
  cluster:
    server: ${server}
    certificate-authority-data: ${otherCa}
- name: sim-unreachable
  cluster:
    server: https://127.0.0.1:${closedPort}
    certificate-authority-data: ${ca}
users:
- name: sim-admin
  user:
    token: ${token}
- name: sim-expired
  user:
    token: expired-${token.slice(0, 8)}
contexts:
- name: sim
  context: {cluster: sim, user: sim-admin}
- name: sim-expired
  context: {cluster: sim, user: sim-expired}
- name: sim-wrong-ca
  context: {cluster: sim-wrong-ca, user: sim-admin}
- name: sim-unreachable
  context: {cluster: sim-unreachable, user: sim-admin}
current-context: sim
`;
}
