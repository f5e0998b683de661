import * as vscode from 'vscode';

/** The product's settings, read in one place so every feature agrees on names and defaults. */
export interface Settings {
  /** The RKE2 version the workspace's cluster runs, when the user states it. */
  readonly rke2Version: string | undefined;
}

export function readSettings(): Settings {
  const configuration = vscode.workspace.getConfiguration('rke2Calico');
  const rke2Version = configuration.get<string>('rke2Version')?.trim();
  return { rke2Version: rke2Version === '' ? undefined : rke2Version };
}
