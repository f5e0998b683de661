import * as vscode from 'vscode';
import type { Logger } from '../core/log/logger';
import type { SettingsApi, WorkspaceApis } from './editorApis';
import { optionalText, parseSettings, RESTRICTED_SETTINGS, SETTING_KEYS, SETTINGS_SECTION, type SettingKey, type Settings } from './settings';

/** What a changed setting needs: a new cluster connection, the files linted again, or nothing until it is next read. */
export type SettingEffect = 'reconnect' | 'relint' | 'next-use';

/**
 * The effect of each setting, decided here once (as rust-analyzer's `requiresServerReloadOpts` does): the kubeconfig,
 * context and timeout are baked into the open connection; the RKE2 version and extra config globs into the file
 * diagnostics; the rest is read each time it is used.
 */
export const SETTING_EFFECTS: Readonly<Record<SettingKey, SettingEffect>> = {
  kubeconfig: 'reconnect',
  context: 'reconnect',
  requestTimeoutSeconds: 'reconnect',
  rke2Version: 'relint',
  configFiles: 'relint',
  hostRoot: 'next-use',
  checkWhenViewOpens: 'next-use',
  logTailLines: 'next-use',
};

export interface ConfigChange {
  readonly keys: readonly SettingKey[];
  /** Drop the cluster connection: the next read opens the new kubeconfig, context or timeout. */
  readonly reconnect: boolean;
  /** Lint the open files again (and gather the workspace facts again). */
  readonly relint: boolean;
}

/**
 * The one owner of the `rke2Calico.*` settings: it reads them (with their defaults and bounds), writes them (Select
 * Kubeconfig, Select Context), watches them and says what each change needs. Restricted Mode rules live here too:
 * in an untrusted workspace the settings that point at files and clusters are taken from the user's settings only,
 * and other workspace files are not read for facts.
 */
export class Config implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ConfigChange>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  /**
   * Values written here (Select Kubeconfig, Select Context) until VS Code reports the change: in a remote window the
   * write goes to the remote's settings file and comes back later, and reading the old value meanwhile made the next
   * command say the kubeconfig setting was empty.
   */
  private readonly written = new Map<SettingKey, Written>();

  constructor(
    private readonly workspace: WorkspaceApis,
    private readonly log: Logger,
  ) {
    this.subscriptions = [
      workspace.onDidChangeConfiguration((event) => {
        const keys = SETTING_KEYS.filter((key) => event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`));
        for (const key of keys) this.reported(key);
        if (keys.length > 0) this.announce(keys, 'settings changed', false);
      }),
      // Trust lets workspace values of the restricted settings, and the workspace's files, count.
      workspace.onDidGrantWorkspaceTrust(() => {
        this.announce([...RESTRICTED_SETTINGS], 'workspace trusted', true);
      }),
    ];
  }

  /** The settings in effect now (read on each call: VS Code keeps them in memory). */
  get settings(): Settings {
    const section = this.section();
    const trusted = this.workspace.isTrusted;
    return parseSettings((key) => {
      const written = this.written.get(key);
      if (written) return written.value;
      return trusted || !RESTRICTED_SETTINGS.has(key) ? section.get(key) : userValue(section, key);
    });
  }

  /** VS Code reported a change of `key`: once the write is over, its value is read again. */
  private reported(key: SettingKey): void {
    const written = this.written.get(key);
    if (!written) return;
    written.reported = true;
    // A clear writes two levels: the first one's event comes while the second is still set.
    if (!written.writing) this.settle(key);
  }

  /** From now on VS Code's value is read; it should be the one written. */
  private settle(key: SettingKey): void {
    const written = this.written.get(key);
    if (!written) return;
    const wrote = optionalText(written.value);
    const reads = optionalText(this.section().get(key));
    // The report of an earlier write of this key (Select Context twice in a row): the latest is still to come.
    const earlier = written.superseded.indexOf(reads);
    if (reads !== wrote && earlier !== -1) {
      written.superseded.splice(earlier, 1);
      return;
    }
    this.written.delete(key);
    if (reads !== wrote) this.log.warn(`setting ${SETTINGS_SECTION}.${key}: ${JSON.stringify(wrote ?? '')} was written, but VS Code reads ${JSON.stringify(reads ?? '')} (a workspace folder or another settings file sets it)`);
  }

  /** Restricted Mode: other workspace files are not read for facts (the files the user opens are still checked). */
  get mayReadWorkspaceFiles(): boolean {
    return this.workspace.isTrusted;
  }

  /** Select Kubeconfig: the file, and no context (the new file's current context applies). */
  async setKubeconfig(path: string): Promise<void> {
    await this.write('kubeconfig', path);
    await this.write('context', undefined);
  }

  /** Select Context. */
  async setContext(name: string): Promise<void> {
    await this.write('context', name);
  }

  /**
   * Writes where the value in effect comes from: a workspace value hides a user one, so a choice written to the user
   * settings behind it would change nothing. A cleared value is cleared at both levels.
   */
  private async write(key: SettingKey, value: string | undefined): Promise<void> {
    const section = this.section();
    const inspected = section.inspect(key);
    const inWorkspace = this.workspace.isTrusted && inspected?.workspaceValue !== undefined;
    // Set before the update: its change event may come while it runs, or long after.
    const before = this.written.get(key);
    const written: Written = { value, writing: true, reported: false, superseded: before ? [...before.superseded, optionalText(before.value)] : [] };
    this.written.set(key, written);
    try {
      if (value === undefined) {
        if (inspected?.globalValue !== undefined) await section.update(key, undefined, vscode.ConfigurationTarget.Global);
        if (inWorkspace) await section.update(key, undefined, vscode.ConfigurationTarget.Workspace);
        this.log.info(`setting ${SETTINGS_SECTION}.${key} cleared`);
        return;
      }
      // Global is the user settings; VS Code puts a machine-scoped setting in a remote window's Remote settings, where it reads it.
      await section.update(key, value, inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
      this.log.info(`setting ${SETTINGS_SECTION}.${key} = ${JSON.stringify(value)} in the ${inWorkspace ? 'workspace' : 'user (or, in a remote window, Remote)'} settings`);
    } catch (error) {
      // Not written: what VS Code reads stays in effect.
      if (this.written.get(key) === written) this.written.delete(key);
      throw error;
    } finally {
      written.writing = false;
      // Reported while it was written: settled now. Not yet: when VS Code reports it.
      if (written.reported && this.written.get(key) === written) this.settle(key);
    }
  }

  private section(): SettingsApi {
    return this.workspace.getConfiguration(SETTINGS_SECTION);
  }

  private announce(keys: readonly SettingKey[], why: string, relintAnyway: boolean): void {
    const change: ConfigChange = {
      keys,
      reconnect: keys.some((key) => SETTING_EFFECTS[key] === 'reconnect'),
      relint: relintAnyway || keys.some((key) => SETTING_EFFECTS[key] === 'relint'),
    };
    const effects = [change.reconnect ? 'reconnect' : '', change.relint ? 'lint again' : ''].filter((effect) => effect !== '');
    this.log.info(`${why}: ${keys.join(', ')} → ${effects.join(' and ') || 'used when next read'}`);
    this.changed.fire(change);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

/** A value written by the extension, until VS Code reports it. */
interface Written {
  readonly value: string | undefined;
  /** The update is still running. */
  writing: boolean;
  /** VS Code reported a change of the key while it ran. */
  reported: boolean;
  /** Values written before this one whose reports may still come (trimmed). */
  readonly superseded: (string | undefined)[];
}

/** A restricted setting in an untrusted workspace: the user's value, or the default. */
function userValue(section: SettingsApi, key: SettingKey): unknown {
  const inspected = section.inspect(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}
