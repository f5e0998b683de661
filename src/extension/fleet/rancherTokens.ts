import type * as vscode from 'vscode';
import type { WindowApis } from '../editorApis';

/**
 * The Rancher API token lives in VS Code's SecretStorage (the OS keychain), never in settings, and is kept per
 * Rancher server: a workspace that points rke2Calico.rancherUrl elsewhere does not get another server's token.
 */
export class RancherTokens {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  private key(url: string): string | undefined {
    try {
      const parsed = new URL(url);
      return `rke2Calico.rancherToken:${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
    } catch {
      return undefined;
    }
  }

  async get(url: string): Promise<string | undefined> {
    const key = this.key(url);
    return key === undefined ? undefined : await this.secrets.get(key);
  }

  async set(url: string, token: string): Promise<void> {
    const key = this.key(url);
    if (key !== undefined) await this.secrets.store(key, token);
  }

  async forget(url: string): Promise<void> {
    const key = this.key(url);
    if (key !== undefined) await this.secrets.delete(key);
  }
}

/** "Set Rancher Token…": asks for the token in a password box and stores it for the configured Rancher URL. */
export function setRancherTokenCommand(window: WindowApis, tokens: RancherTokens, rancherUrl: () => string | undefined): () => Promise<void> {
  return async () => {
    const url = rancherUrl();
    if (url === undefined) {
      void window.showInformationMessage('Set rke2Calico.rancherUrl to your Rancher server first (e.g. https://rancher.example.com).');
      return;
    }
    const token = await window.showInputBox({
      title: `Rancher API token for ${url}`,
      prompt: 'An API key from Rancher (Account & API Keys), token-xxxxx:yyyy…. Stored in VS Code\'s secret storage, never in settings.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? 'The token is empty' : /\s/.test(value.trim()) ? 'A token has no white space' : undefined),
    });
    if (token === undefined) return;
    await tokens.set(url, token.trim());
    window.setStatusBarMessage('RKE2 Calico: Rancher token stored in secret storage', 4000);
  };
}

export function forgetRancherTokenCommand(window: WindowApis, tokens: RancherTokens, rancherUrl: () => string | undefined): () => Promise<void> {
  return async () => {
    const url = rancherUrl();
    if (url === undefined) return;
    await tokens.forget(url);
    window.setStatusBarMessage('RKE2 Calico: Rancher token removed', 4000);
  };
}
