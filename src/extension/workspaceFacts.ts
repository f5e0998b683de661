import * as vscode from 'vscode';
import type { ExternalFacts } from '../core/logs/logContext';
import { isRke2ConfigPath } from '../core/files/fileKinds';
import type { LintContext } from '../core/files/lintContext';
import type { Finding } from '../core/findings/finding';
import type { WorkspaceFacts as GatheredFacts, WorkspaceFile } from '../core/files/workspaceContext';
import { loadLintEngine } from './loadLintEngine';
import { matchesAnyGlob } from '../core/text/glob';
import type { Config } from './config';
import type { WorkspaceApis } from './editorApis';
import type { LintFacts } from './fileDiagnostics';

/** Workspace files that can state an RKE2 version or cluster-cidr; bounded so huge workspaces stay cheap. */
const CANDIDATE_GLOB = '**/*.{yaml,yml}';
const EXCLUDE_GLOB = '**/{node_modules,.git,dist,out}/**';
const MAX_FILES = 2000;
const MAX_FILE_BYTES = 1024 * 1024;
const FACT_MARKERS = /provisioning\.cattle\.io\/v1|upgrade\.cattle\.io\/v1|cluster-cidr|service-cidr|^cni\+?:/m;

/**
 * The facts other workspace files state (RKE2 version, cluster-cidr), gathered lazily on first use and again
 * after YAML files change, never at activation. The setting `rke2Calico.rke2Version` wins over files.
 */
export class WorkspaceFacts implements vscode.Disposable, LintFacts {
  /** What the workspace's files state, for the current snapshot of them. */
  private fromFiles: Promise<GatheredFacts> | undefined;
  /** Typed structurally: event emitters and collections are disposable without being `Disposable` instances. */
  private readonly disposables: { dispose(): unknown }[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly diskFactsChanged = new vscode.EventEmitter<void>();
  /**
   * What files linted from disk depend on changed: the files, the settings, or the connected cluster's RKE2 version —
   * not every check run, which lints only the open files again (policy files there also read the cluster's pods).
   */
  readonly onDidChangeDiskFacts = this.diskFactsChanged.event;
  /** The cluster's RKE2 version at the last notification, so a check run that finds the same one rescans nothing. */
  private notifiedClusterVersion: string | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;

  /** `clusterVersion` gives the connected cluster's RKE2 version, the fallback after the setting. */
  constructor(
    private readonly workspace: WorkspaceApis,
    private readonly config: Config,
    private readonly clusterVersion: () => string | undefined = () => undefined,
  ) {
    const watcher = workspace.createFileSystemWatcher(CANDIDATE_GLOB);
    const invalidate = (): void => this.scheduleRefresh();
    this.disposables.push(watcher, watcher.onDidChange(invalidate), watcher.onDidCreate(invalidate), watcher.onDidDelete(invalidate), this.changed, this.diskFactsChanged);
  }

  /** The facts that apply to one file (its folder's configs, Clusters and Plans), with the setting and cluster overlaid. */
  async context(uri?: vscode.Uri): Promise<LintContext> {
    // The files are parsed once per snapshot (until a YAML file changes), not on every keystroke's lint.
    this.fromFiles ??= this.gather();
    const gathered = uri ? (await this.fromFiles).contextFor(uri.path) : {};
    const settings = this.config.settings;
    const fromCluster = this.clusterVersion();
    // Order: the setting, then files of the workspace, then the connected cluster.
    const rke2Version = settings.rke2Version
      ? { value: settings.rke2Version, source: 'setting rke2Calico.rke2Version' }
      : (gathered.rke2Version ?? (fromCluster ? { value: fromCluster, source: 'the connected cluster' } : undefined));
    return { ...gathered, ...(rke2Version ? { rke2Version } : {}) };
  }

  /** Findings about this file that need other files (merge order, configs that disagree). */
  async crossFileFindings(uri: vscode.Uri): Promise<readonly Finding[]> {
    this.fromFiles ??= this.gather();
    return (await this.fromFiles).crossFileFindings.get(uri.path) ?? [];
  }

  /** The RKE2 version known for a log's folder (setting, files, connected cluster), for judging log lines. */
  async logFacts(uri?: vscode.Uri): Promise<ExternalFacts> {
    const version = (await this.context(uri)).rke2Version;
    return version ? { rke2: version.value, source: version.source } : {};
  }

  /** Whether the user's `rke2Calico.configFiles` globs make this document RKE2 config. */
  isForcedConfig(uri: vscode.Uri): boolean {
    const patterns = this.config.settings.configFiles;
    return patterns.length > 0 && matchesAnyGlob(this.workspace.asRelativePath(uri), patterns);
  }

  /** Something other than a file changed (the connected cluster): lint again. */
  notifyChanged(): void {
    this.changed.fire();
    const version = this.clusterVersion();
    if (version === this.notifiedClusterVersion) return;
    this.notifiedClusterVersion = version;
    this.diskFactsChanged.fire();
  }

  /** Settings that decide which files state facts changed (configFiles, trust): gather them again, then lint. */
  refresh(): void {
    this.fromFiles = undefined;
    this.changed.fire();
    this.diskFactsChanged.fire();
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.fromFiles = undefined;
      this.changed.fire();
      this.diskFactsChanged.fire();
    }, 500);
  }

  /**
   * Reads the candidate files one by one and gathers their facts as they come: each file is parsed in its own turn
   * of the event loop (between reads), and one whose parse would exceed the editor's budget states nothing, so the
   * extension host is never blocked for long.
   */
  private async gather(): Promise<GatheredFacts> {
    const engine = loadLintEngine();
    const collector = new engine.WorkspaceFactsCollector();
    if (!this.config.mayReadWorkspaceFiles) return collector.finish();
    const uris = await this.workspace.findFiles(CANDIDATE_GLOB, EXCLUDE_GLOB, MAX_FILES);
    for (const uri of uris) {
      try {
        const stat = await this.workspace.stat(uri);
        if (stat.size > MAX_FILE_BYTES) continue;
        const text = new TextDecoder().decode(await this.workspace.readFile(uri));
        const forced = this.isForcedConfig(uri);
        if (isRke2ConfigPath(uri.path) || FACT_MARKERS.test(text) || forced) {
          const root = this.workspace.getWorkspaceFolder(uri)?.uri.path;
          const file: WorkspaceFile = { path: uri.path, text, forceRke2Config: forced, label: this.workspace.asRelativePath(uri), ...(root ? { root } : {}) };
          collector.add(file, engine.EDITOR_LINT_BUDGET_MS);
          // Reads may come from a cache without a turn of the event loop: the host gets one after each parse.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      } catch {
        // A file that vanished or cannot be read states nothing.
      }
    }
    return collector.finish();
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
