import * as vscode from 'vscode';
import type { OpenedBundle } from '../../bundle/openBundle';
import { logCheckOutcomes } from '../../core/checks/checkOutcomeLog';
import { elapsedMs } from '../../core/log/logger';
import { CommandError } from '../commandRunner';
import { loadLintEngine } from '../loadLintEngine';
import type { Services } from '../services';
import { openNodeBundles } from './openNodeBundles';

/**
 * "Open Support Bundle": a Rancher logs collector .tar.gz or unpacked folder becomes a source of its own in the
 * tree, beside the live cluster, with the same checks ("unknown: not in bundle" where it holds nothing). Checking
 * the live cluster never replaces it; "Close Bundle" removes it. The extracted copy of a tarball
 * lives until another bundle is opened; "Open Bundle Folder" shows its files, whose logs get the same highlighting
 * and diagnostics.
 */
export class BundleCommands implements vscode.Disposable {
  private current: OpenedBundle | undefined;

  constructor(private readonly services: Services) {}

  /** `given`: the bundle(s) to open without asking (the Explorer's context menu, a test); otherwise a file dialog. */
  async open(given?: vscode.Uri | readonly vscode.Uri[]): Promise<void> {
    const { apis, sources, log } = this.services;
    const passed: readonly vscode.Uri[] = given === undefined ? [] : 'fsPath' in given ? [given] : given;
    const picked = passed.length > 0 ? passed : await apis.window.showOpenDialog({ title: 'Support bundle (.tar.gz or unpacked folder; several: one per node)', canSelectFiles: true, canSelectFolders: true, canSelectMany: true, openLabel: 'Analyse bundle', filters: { 'Support bundle': ['gz', 'tgz'], 'All files': ['*'] } });
    const target = picked?.[0];
    if (!picked || !target) return;
    const paths = loadLintEngine().bundleSet(picked.map((uri) => uri.fsPath));
    if (paths.length > 1) {
      this.current?.dispose();
      this.current = undefined;
      await openNodeBundles(this.services, paths);
      return;
    }
    await apis.window.withProgress({ location: { viewId: 'rke2Calico.prerequisites' }, title: 'Reading support bundle' }, async () => {
      const run = sources.bundle.startRun();
      try {
        const started = performance.now();
        const opened = await loadLintEngine().openBundle(target.fsPath);
        if (!opened.ok) throw new CommandError(opened.error, ['showLogs']);
        this.current?.dispose();
        this.current = opened.bundle;
        const { analysis, skipped } = opened.bundle;
        log.info(`bundle ${target.fsPath} read in ${elapsedMs(started)} ms: ${analysis.logFindings.length} log(s) scanned, ${skipped.length} entr(ies) not extracted`);
        logCheckOutcomes(log, analysis.checks, elapsedMs(started));
        run.finish({
          results: analysis.checks,
          evidence: analysis.evidence,
          target: { context: `bundle ${analysis.name}`, server: target.fsPath },
          timeline: [],
          problem: undefined,
          error: skipped.length > 0 ? `Not extracted from the bundle: ${skipped.slice(0, 5).join('; ')}` : undefined,
        });
      } finally {
        // A bundle that could not be read leaves the bundle source as it was (finishing twice changes nothing).
        run.finish({});
      }
    });
  }

  /** Removes the bundle's root from the tree and its extracted copy from disk. */
  close(): void {
    this.current?.dispose();
    this.current = undefined;
    this.services.sources.bundle.clear();
  }

  async openFolder(): Promise<void> {
    if (!this.current) {
      this.services.notifier.info('open a support bundle first.');
      return;
    }
    await this.services.apis.commands.executeCommand('vscode.openFolder', vscode.Uri.file(this.current.root), { forceNewWindow: true });
  }

  dispose(): void {
    this.current?.dispose();
  }
}
