import * as vscode from 'vscode';
import { classifyFile } from '../core/files/fileKinds';
import { elapsedMs, errorMessage, type Logger } from '../core/log/logger';
import { logFailure } from './commandRunner';
import type { Config } from './config';
import type { WorkspaceApis } from './editorApis';
import type { FileDiagnostics, LintFacts } from './fileDiagnostics';

/** RKE2 configs (config.yaml, config.yaml.d/*.yaml), HelmChartConfigs, Plans and the like are YAML. */
const CANDIDATE_GLOB = '**/*.{yaml,yml}';
const EXCLUDE_GLOB = '**/{node_modules,.git,dist,out}/**';

/** Bounds, so a large workspace costs a few seconds of the worker, never the editor. */
export interface WorkspaceLintLimits {
  /** Files listed by findFiles. */
  readonly maxCandidates: number;
  /** RKE2 files linted; the rest wait until opened. */
  readonly maxLinted: number;
  /** Larger files are linted when opened. */
  readonly maxFileBytes: number;
  /** After activation: the editor restores its windows first. */
  readonly startDelayMs: number;
}

export const WORKSPACE_LINT_LIMITS: WorkspaceLintLimits = { maxCandidates: 2000, maxLinted: 200, maxFileBytes: 1024 * 1024, startDelayMs: 2000 };

/**
 * Lints the workspace's RKE2 files without opening them, so a Plan's or a config.yaml.d drop-in's error is in the
 * Problems view from the start, not only once the file is opened. It starts a while after activation, lists YAML
 * files once (bounded), reads each within a size cap and sends the RKE2 ones, one at a time, to the lint worker.
 * It scans again when the facts those files depend on change (a YAML file changed on disk, settings, the connected
 * cluster's RKE2 version; not every check run),
 * and lints a file again from disk when its editor closes. Untrusted workspaces are not read.
 */
export class WorkspaceLint implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<void> | undefined;
  private again = false;
  private disposed = false;
  /** The files linted from disk by the last scan. */
  private linted = new Set<string>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly workspace: WorkspaceApis,
    private readonly config: Config,
    private readonly facts: Pick<LintFacts, 'isForcedConfig'> & { readonly onDidChangeDiskFacts: vscode.Event<void> },
    private readonly diagnostics: Pick<FileDiagnostics, 'lintFromDisk' | 'forgetFromDisk'>,
    private readonly log: Logger,
    private readonly limits: WorkspaceLintLimits = WORKSPACE_LINT_LIMITS,
  ) {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.scan();
    }, limits.startDelayMs);
    // Nothing to wait for at shutdown.
    this.timer.unref();
    this.disposables = [
      facts.onDidChangeDiskFacts(() => {
        // The first scan is still to come: it will see the change.
        if (this.timer === undefined) void this.scan();
      }),
      workspace.onDidCloseTextDocument((document) => {
        if (this.linted.has(document.uri.toString())) logFailure(this.log, `lint ${document.uri.path} from disk`, this.lintOne(document.uri));
      }),
    ];
  }

  /** Scans now, or once more after the scan under way (changes during a scan are not lost). */
  scan(): Promise<void> {
    // A scan now stands for the first one, which would only repeat it.
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.scanning) {
      this.again = true;
      return this.scanning;
    }
    this.scanning = this.scanOnce()
      .catch((error: unknown) => {
        this.log.warn(`workspace lint stopped: ${errorMessage(error)}`);
      })
      .finally(() => {
        this.scanning = undefined;
        if (this.again && !this.disposed) {
          this.again = false;
          void this.scan();
        }
      });
    return this.scanning;
  }

  private async scanOnce(): Promise<void> {
    if (this.disposed || !this.config.mayReadWorkspaceFiles) return;
    const started = performance.now();
    const uris = await this.workspace.findFiles(CANDIDATE_GLOB, EXCLUDE_GLOB, this.limits.maxCandidates);
    const linted = new Set<string>();
    let findings = 0;
    let skipped = 0;
    for (const uri of uris) {
      // Disposed while a file was read or linted: the rest is not worth the worker's time.
      if (this.stopped()) return;
      if (linted.size >= this.limits.maxLinted) {
        skipped++;
        continue;
      }
      const shown = await this.lintOne(uri);
      if (shown !== undefined) {
        linted.add(uri.toString());
        findings += shown;
      }
    }
    // Files linted before that are gone or no longer RKE2 files take their problems with them.
    for (const key of this.linted) if (!linted.has(key)) this.diagnostics.forgetFromDisk(vscode.Uri.parse(key));
    this.linted = linted;
    this.log.info(`workspace lint: ${linted.size} RKE2 file(s) of ${uris.length} YAML file(s) linted from disk, ${findings} finding(s), in ${elapsedMs(started)} ms${skipped > 0 ? `; ${skipped} more not linted until opened (limit ${this.limits.maxLinted})` : ''}`);
  }

  /** Lints one file from disk if it is an RKE2 file within the size cap: the findings shown, or undefined if not linted. */
  private async lintOne(uri: vscode.Uri): Promise<number | undefined> {
    try {
      const stat = await this.workspace.stat(uri);
      if (stat.size > this.limits.maxFileBytes) return undefined;
      const text = new TextDecoder().decode(await this.workspace.readFile(uri));
      // Cheap regexes on the text: other YAML (CI files, Helm values of other charts) is never parsed.
      if (classifyFile(uri.path, text, this.facts.isForcedConfig(uri)).kind === 'unrelated') return undefined;
      return await this.diagnostics.lintFromDisk(uri, text);
    } catch (error) {
      // A file that vanished or cannot be read is linted when opened.
      this.log.debug(`workspace lint: ${uri.path} not linted: ${errorMessage(error)}`);
      return undefined;
    }
  }

  private stopped(): boolean {
    return this.disposed;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
