import * as vscode from 'vscode';

/** The product's settings, read in one place so every feature agrees on names and defaults. */
export interface Settings {
  /** The RKE2 version the workspace's cluster runs, when the user states it. */
  readonly rke2Version: string | undefined;
  /** Extra glob patterns of files to treat as RKE2 config.yaml. */
  readonly configFiles: readonly string[];
}

export function readSettings(): Settings {
  const configuration = vscode.workspace.getConfiguration('rke2Calico');
  const rke2Version = configuration.get<string>('rke2Version')?.trim();
  const configFiles = configuration.get<string[]>('configFiles') ?? [];
  return {
    rke2Version: rke2Version === '' ? undefined : rke2Version,
    configFiles: configFiles.filter((pattern) => typeof pattern === 'string' && pattern.trim() !== ''),
  };
}

export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('rke2Calico');
}
