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

/** The user of a kubeconfig written by customKubeconfig: a token, or an exec credential plugin. */
export type KubeconfigUser =
  | { readonly token: string }
  | { readonly exec: { readonly command: string; readonly args?: readonly string[]; readonly env?: Readonly<Record<string, string>>; readonly apiVersion?: string } };

/**
 * A one-context kubeconfig (context `custom`) for the hardening cases: any CA (or none), insecure-skip-tls-verify,
 * and a token or an exec plugin. Values are JSON-quoted, which YAML reads as strings.
 */
export function customKubeconfig(options: { readonly server: string; readonly caPem?: string; readonly insecure?: boolean; readonly user: KubeconfigUser }): string {
  const quote = (text: string): string => JSON.stringify(text);
  const cluster = [
    `    server: ${quote(options.server)}`,
    ...(options.caPem !== undefined ? [`    certificate-authority-data: ${Buffer.from(options.caPem).toString('base64')}`] : []),
    ...(options.insecure ? ['    insecure-skip-tls-verify: true'] : []),
  ];
  const user = 'token' in options.user
    ? [`    token: ${quote(options.user.token)}`]
    : [
        '    exec:',
        `      apiVersion: ${quote(options.user.exec.apiVersion ?? 'client.authentication.k8s.io/v1')}`,
        `      command: ${quote(options.user.exec.command)}`,
        `      args: [${(options.user.exec.args ?? []).map(quote).join(', ')}]`,
        `      env: [${Object.entries(options.user.exec.env ?? {}).map(([name, value]) => `{name: ${quote(name)}, value: ${quote(value)}}`).join(', ')}]`,
        '      interactiveMode: Never',
      ];
  return ['apiVersion: v1', 'kind: Config', 'clusters:', '- name: custom', '  cluster:', ...cluster, 'users:', '- name: custom', '  user:', ...user, 'contexts:', '- name: custom', '  context: {cluster: custom, user: custom}', 'current-context: custom', ''].join('\n');
}
