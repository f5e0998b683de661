import * as vscode from 'vscode';
import { mergeNodeBundles } from '../../core/bundles/nodeBundles';
import type { ClusterSession } from '../clusterSession';
import { loadLintEngine } from '../loadLintEngine';

/**
 * One bundle per node of a cluster, opened together: the tree shows the merged cluster checks, the host
 * prerequisites with each node's state under them (which nodes miss a module, run firewalld…), and the log
 * signatures with the node and time they were first seen. Bundles are read one at a time and none is kept
 * extracted, so Open Bundle Folder does not apply.
 */
export async function openNodeBundles(session: ClusterSession, paths: readonly string[]): Promise<void> {
  await vscode.window.withProgress({ location: { viewId: 'rke2Calico.prerequisites' }, title: `Reading ${paths.length} support bundles` }, async () => {
    const signal = session.begin();
    const read = await loadLintEngine().readNodeBundles(paths, signal);
    if (read.stopped) {
      session.finish({ error: 'Cancelled.' });
      return;
    }
    if (read.nodes.length === 0) {
      session.finish({ error: `None of the bundles could be read: ${read.unreadable.map((entry) => `${entry.bundle}: ${entry.error}`).join('; ')}` });
      return;
    }
    const merged = mergeNodeBundles(read.nodes);
    const first = merged.firstFailure;
    const problems = [
      ...(first ? [`First failure: ${first.timestamp ?? '(no time)'} on ${first.node} (${first.file}:${first.line}): ${first.signature}`] : []),
      ...(read.unreadable.length > 0 ? [`Not read: ${read.unreadable.map((entry) => `${entry.bundle}: ${entry.error}`).join('; ')}`] : []),
    ];
    session.finish({
      results: merged.checks,
      evidence: undefined,
      target: { context: `bundles of ${read.nodes.length} nodes: ${read.nodes.map((node) => node.node).join(', ')}`, server: paths.length > 3 ? `${paths.length} bundles` : paths.join(', ') },
      timeline: [],
      error: problems.length > 0 ? problems.join(' — ') : undefined,
    });
  });
}
