import type { SettingsApi, WorkspaceApis } from '../editorApis';
import { optionalText, SETTINGS_SECTION } from '../settings';

/** The fleet's settings: Rancher (its token is in SecretStorage, never here) or several kubeconfig contexts. */
export interface FleetSettings {
  readonly rancherUrl: string | undefined;
  readonly rancherCaFile: string | undefined;
  /** Contexts of the kubeconfig to check together; `all` for `["*"]`. */
  readonly contexts: readonly string[] | 'all';
  readonly parallel: number;
  readonly clusterTimeoutSeconds: number;
}

/** The settings that say which clusters the fleet is: results taken before one of them changed are another fleet's. */
export const FLEET_SETTINGS: readonly string[] = ['rke2Calico.rancherUrl', 'rke2Calico.rancherCaFile', 'rke2Calico.fleetContexts'];

/** Settings that point at servers and files: in Restricted Mode only the user's own value counts. */
const RESTRICTED_FLEET_SETTINGS: ReadonlySet<string> = new Set(['rancherUrl', 'rancherCaFile', 'fleetContexts']);

function reader(section: SettingsApi, trusted: boolean): (key: string) => unknown {
  return (key) => (trusted || !RESTRICTED_FLEET_SETTINGS.has(key) ? section.get(key) : section.inspect(key)?.globalValue);
}

export function readFleetSettings(workspace: WorkspaceApis): FleetSettings {
  const get = reader(workspace.getConfiguration(SETTINGS_SECTION), workspace.isTrusted);
  const listed = get('fleetContexts');
  const contexts = (Array.isArray(listed) ? listed : []).filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '').map((entry) => entry.trim());
  const parallel = get('fleetParallel');
  const timeout = get('fleetClusterTimeoutSeconds');
  return {
    rancherUrl: optionalText(get('rancherUrl')),
    rancherCaFile: optionalText(get('rancherCaFile')),
    contexts: contexts.includes('*') ? 'all' : contexts,
    parallel: Math.max(1, Math.floor(typeof parallel === 'number' ? parallel : 8)),
    clusterTimeoutSeconds: Math.max(5, typeof timeout === 'number' ? timeout : 120),
  };
}

/** The Fleet section shows when a Rancher URL, or more than one context (or every context), is configured. */
export function fleetConfigured(settings: FleetSettings): boolean {
  return settings.rancherUrl !== undefined || settings.contexts === 'all' || settings.contexts.length > 1;
}
