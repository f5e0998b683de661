import { logCheckOutcomes } from '../../core/checks/checkOutcomeLog';
import { mergeNodeBundles } from '../../core/bundles/nodeBundles';
import { elapsedMs } from '../../core/log/logger';
import { loadLintEngine } from '../loadLintEngine';
import type { Services } from '../services';

/**
 * One bundle per node of a cluster, opened together, as the tree's bundle source: it shows the merged cluster checks, the host
 * prerequisites with each node's state under them (which nodes miss a module, run firewalld…), and the log
 * signatures with the node and time they were first seen. Bundles are read one at a time and none is kept
 * extracted, so Open Bundle Folder does not apply.
 */
export async function openNodeBundles({ apis, sources, log }: Services, paths: readonly string[]): Promise<void> {
  await apis.window.withProgress({ location: { viewId: 'rke2Calico.prerequisites' }, title: `Reading ${paths.length} support bundles` }, async () => {
    const run = sources.bundle.startRun();
    const started = performance.now();
    const read = await loadLintEngine().readNodeBundles(paths, run.signal);
    if (read.stopped) {
      run.finish({ error: 'Cancelled.' });
      return;
    }
    if (read.nodes.length === 0) {
      run.finish({ error: `None of the bundles could be read: ${read.unreadable.map((entry) => `${entry.bundle}: ${entry.error}`).join('; ')}` });
      return;
    }
    const merged = mergeNodeBundles(read.nodes);
    log.info(`${read.nodes.length} node bundle(s) read in ${elapsedMs(started)} ms; ${read.unreadable.length} could not be read`);
    logCheckOutcomes(log, merged.checks, elapsedMs(started));
    const first = merged.firstFailure;
    const problems = [
      ...(first ? [`First failure: ${first.timestamp ?? '(no time)'} on ${first.node} (${first.file}:${first.line}): ${first.signature}`] : []),
      ...(read.unreadable.length > 0 ? [`Not read: ${read.unreadable.map((entry) => `${entry.bundle}: ${entry.error}`).join('; ')}`] : []),
    ];
    run.finish({
      results: merged.checks,
      evidence: undefined,
      target: { context: `bundles of ${read.nodes.length} nodes: ${read.nodes.map((node) => node.node).join(', ')}`, server: paths.length > 3 ? `${paths.length} bundles` : paths.join(', ') },
      timeline: [],
      problem: undefined,
      error: problems.length > 0 ? problems.join(' — ') : undefined,
    });
  });
}
