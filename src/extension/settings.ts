/** The product's settings (`rke2Calico.*` in package.json), as the extension uses them. */
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

export type SettingKey = keyof Settings;

export const SETTINGS_SECTION = 'rke2Calico';

export const SETTING_KEYS: readonly SettingKey[] = ['rke2Version', 'configFiles', 'kubeconfig', 'context', 'checkWhenViewOpens', 'requestTimeoutSeconds', 'hostRoot', 'logTailLines'];

/**
 * Settings a workspace may not set in Restricted Mode: they point the extension at files and clusters. The same
 * list as package.json `capabilities.untrustedWorkspaces.restrictedConfigurations`.
 */
export const RESTRICTED_SETTINGS: ReadonlySet<SettingKey> = new Set(['kubeconfig', 'context', 'hostRoot']);

/** A text setting, trimmed; empty or not text means unset. */
export function optionalText(value: unknown): string | undefined {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return trimmed === '' ? undefined : trimmed;
}

function boundedNumber(value: unknown, fallback: number, minimum: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(minimum, value) : fallback;
}

/** The settings from raw values (whatever a settings file holds), with package.json's defaults and bounds. */
export function parseSettings(read: (key: SettingKey) => unknown): Settings {
  const configFiles = read('configFiles');
  return {
    rke2Version: optionalText(read('rke2Version')),
    configFiles: Array.isArray(configFiles) ? configFiles.filter((pattern): pattern is string => typeof pattern === 'string' && pattern.trim() !== '') : [],
    kubeconfig: optionalText(read('kubeconfig')),
    context: optionalText(read('context')),
    checkWhenViewOpens: read('checkWhenViewOpens') === true,
    requestTimeoutSeconds: boundedNumber(read('requestTimeoutSeconds'), 15, 1),
    hostRoot: optionalText(read('hostRoot')),
    logTailLines: boundedNumber(read('logTailLines'), 2000, 10),
  };
}
