import * as vscode from 'vscode';
import { optionalText } from '../settings';

/** The fleet's settings: Rancher (its token is in SecretStorage, never here) or several kubeconfig contexts. */
export interface FleetSettings {
  readonly rancherUrl: string | undefined;
  readonly rancherCaFile: string | undefined;
  /** Contexts of the kubeconfig to check together; `all` for `["*"]`. */
  readonly contexts: readonly string[] | 'all';
  readonly parallel: number;
  readonly clusterTimeoutSeconds: number;
}

export function readFleetSettings(): FleetSettings {
  const configuration = vscode.workspace.getConfiguration('rke2Calico');
  const contexts = (configuration.get<unknown[]>('fleetContexts') ?? []).filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '').map((entry) => entry.trim());
  return {
    rancherUrl: optionalText(configuration.get<string>('rancherUrl')),
    rancherCaFile: optionalText(configuration.get<string>('rancherCaFile')),
    contexts: contexts.includes('*') ? 'all' : contexts,
    parallel: Math.max(1, Math.floor(configuration.get<number>('fleetParallel') ?? 8)),
    clusterTimeoutSeconds: Math.max(5, configuration.get<number>('fleetClusterTimeoutSeconds') ?? 120),
  };
}

/** The Fleet section shows when a Rancher URL, or more than one context (or every context), is configured. */
export function fleetConfigured(settings: FleetSettings): boolean {
  return settings.rancherUrl !== undefined || settings.contexts === 'all' || settings.contexts.length > 1;
}
