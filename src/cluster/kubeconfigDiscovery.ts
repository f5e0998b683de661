import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Where a kubeconfig was found, and why that one. */
export interface KubeconfigChoice {
  readonly paths: readonly string[];
  readonly origin: 'setting' | 'KUBECONFIG' | '~/.kube/config' | 'RKE2 server' | 'argument';
}

/** RKE2 writes the admin kubeconfig here on servers (rke2-docs cluster_access.md). */
export const RKE2_SERVER_KUBECONFIG = '/etc/rancher/rke2/rke2.yaml';

/**
 * The kubeconfig to use, in the order an RKE2 operator expects: an explicit path (setting or --kubeconfig), then
 * KUBECONFIG (every existing file it lists), ~/.kube/config, and /etc/rancher/rke2/rke2.yaml on a server. Only
 * existence is checked here; nothing is read or written.
 */
export function discoverKubeconfig(explicit: string | undefined, origin: 'setting' | 'argument', environment: NodeJS.ProcessEnv = process.env, fileExists: (path: string) => boolean = existsSync): KubeconfigChoice | undefined {
  if (explicit !== undefined && explicit.trim() !== '') return { paths: [explicit.replace(/^~(?=$|\/)/, homedir())], origin };
  const fromEnvironment = (environment.KUBECONFIG ?? '').split(delimiter).filter((path) => path !== '' && fileExists(path));
  if (fromEnvironment.length > 0) return { paths: fromEnvironment, origin: 'KUBECONFIG' };
  const home = join(environment.HOME ?? homedir(), '.kube', 'config');
  if (fileExists(home)) return { paths: [home], origin: '~/.kube/config' };
  if (fileExists(RKE2_SERVER_KUBECONFIG)) return { paths: [RKE2_SERVER_KUBECONFIG], origin: 'RKE2 server' };
  return undefined;
}

/** `kubeconfig /etc/rancher/rke2/rke2.yaml (RKE2 server)`: which file, and why that one. */
export function describeKubeconfigChoice(choice: KubeconfigChoice): string {
  return `kubeconfig ${choice.paths.join(', ')} (${choice.origin === 'setting' ? 'setting rke2Calico.kubeconfig' : choice.origin === 'argument' ? '--kubeconfig' : choice.origin})`;
}
