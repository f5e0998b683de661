import * as vscode from 'vscode';
import type { OpenedBundle } from '../../bundle/openBundle';
import { loadLintEngine } from '../loadLintEngine';
import type { ClusterSession } from '../clusterSession';
import { openNodeBundles } from './openNodeBundles';

/**
 * "Open Support Bundle": a Rancher logs collector .tar.gz or unpacked folder becomes the tree's source, with the
 * same checks as a live cluster ("unknown: not in bundle" where it holds nothing). The extracted copy of a tarball
 * lives until another bundle is opened; "Open Bundle Folder" shows its files, whose logs get the same highlighting
 * and diagnostics.
 */
export class BundleCommands implements vscode.Disposable {
  private current: OpenedBundle | undefined;

  constructor(private readonly session: ClusterSession) {}

  async open(): Promise<void> {
    const picked = await vscode.window.showOpenDialog({ title: 'Support bundle (.tar.gz or unpacked folder; several: one per node)', canSelectFiles: true, canSelectFolders: true, canSelectMany: true, openLabel: 'Analyse bundle', filters: { 'Support bundle': ['gz', 'tgz'], 'All files': ['*'] } });
    const target = picked?.[0];
    if (!picked || !target) return;
    const paths = loadLintEngine().bundleSet(picked.map((uri) => uri.fsPath));
    if (paths.length > 1) {
      this.current?.dispose();
      this.current = undefined;
      await openNodeBundles(this.session, paths);
      return;
    }
    await vscode.window.withProgress({ location: { viewId: 'rke2Calico.prerequisites' }, title: 'Reading support bundle' }, async () => {
      this.session.cancel();
      const opened = await loadLintEngine().openBundle(target.fsPath);
      if (!opened.ok) {
        void vscode.window.showErrorMessage(`RKE2 Calico: ${opened.error}`);
        return;
      }
      this.current?.dispose();
      this.current = opened.bundle;
      const { analysis, skipped } = opened.bundle;
      this.session.finish({
        results: analysis.checks,
        evidence: analysis.evidence,
        target: { context: `bundle ${analysis.name}`, server: target.fsPath },
        timeline: [],
        error: skipped.length > 0 ? `Not extracted from the bundle: ${skipped.slice(0, 5).join('; ')}` : undefined,
      });
    });
  }

  async openFolder(): Promise<void> {
    if (!this.current) {
      void vscode.window.showInformationMessage('RKE2 Calico: open a support bundle first.');
      return;
    }
    await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(this.current.root), { forceNewWindow: true });
  }

  dispose(): void {
    this.current?.dispose();
  }
}
