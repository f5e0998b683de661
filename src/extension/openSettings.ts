import type { CommandApis, EnvApis } from './editorApis';

/**
 * Opens the Settings editor on the extension's settings, on the tab that shows them. In a remote window (SSH, WSL,
 * a container, code-server) the settings that name files of the machine running the extension host (kubeconfig,
 * host root, CA file; scope `machine-overridable`) are read from, and shown on, the Remote tab only: the User tab
 * there hides them. Locally the User tab has them all.
 */
export function openSettings(commands: CommandApis, env: EnvApis, query: string): Thenable<unknown> {
  return env.remoteName === undefined ? commands.executeCommand('workbench.action.openSettings', query) : commands.executeCommand('workbench.action.openRemoteSettings', { query });
}
