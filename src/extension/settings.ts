import * as vscode from 'vscode';

/** The product's settings, read in one place so every feature agrees on names and defaults. */
export interface Settings {
  /** The RKE2 version the workspace's cluster runs, when the user states it. */
  readonly rke2Version: string | undefined;
  /** Extra glob patterns of files to treat as RKE2 config.yaml. */
  readonly configFiles: readonly string[];
  /** Explicit kubeconfig path; else KUBECONFIG, ~/.kube/config, /etc/rancher/rke2/rke2.yaml. */
  readonly kubeconfig: string | undefined;
  /** kubeconfig context to use; else the kubeconfig's current context. */
  readonly context: string | undefined;
  /** Run the readiness check when the view first opens (workspaces tied to one cluster, such as the demo's). */
  readonly checkWhenViewOpens: boolean;
  readonly requestTimeoutSeconds: number;
  /** Root folder for node checks; empty = `/` when this machine is an RKE2 node. */
  readonly hostRoot: string | undefined;
  readonly logTailLines: number;
}

/** A text setting, trimmed; empty means unset. */
export function optionalText(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function readSettings(): Settings {
  const configuration = vscode.workspace.getConfiguration('rke2Calico');
  const configFiles = configuration.get<string[]>('configFiles') ?? [];
  return {
    rke2Version: optionalText(configuration.get<string>('rke2Version')),
    configFiles: configFiles.filter((pattern) => typeof pattern === 'string' && pattern.trim() !== ''),
    kubeconfig: optionalText(configuration.get<string>('kubeconfig')),
    context: optionalText(configuration.get<string>('context')),
    checkWhenViewOpens: configuration.get<boolean>('checkWhenViewOpens') === true,
    requestTimeoutSeconds: Math.max(1, configuration.get<number>('requestTimeoutSeconds') ?? 15),
    hostRoot: optionalText(configuration.get<string>('hostRoot')),
    logTailLines: Math.max(10, configuration.get<number>('logTailLines') ?? 2000),
  };
}

export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('rke2Calico');
}
