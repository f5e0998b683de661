import { logCheckOutcomes } from '../../core/checks/checkOutcomeLog';
import { watchInitialisation } from '../../core/checks/watchInitialisation';
import { elapsedMs, errorMessage } from '../../core/log/logger';
import { problemFromOpen } from '../connectionProblem';
import type { Services } from '../services';
import { localHostChecks, NOTHING_READ } from './runCheck';

/**
 * "Watch Cluster Initialisation": polls the cluster (GET only) for the chosen time and records the transitions of
 * a Calico start-up in the tree's timeline; "Cancel" stops it early and keeps what was recorded.
 */
export function watchInitCommand({ apis, session, config, log }: Services): () => Promise<void> {
  return async () => {
    const choice = await apis.window.showQuickPick(
      [
        { label: '3 minutes', seconds: 180 },
        { label: '10 minutes', seconds: 600 },
        { label: '30 minutes', seconds: 1800 },
      ],
      { title: 'Watch Calico initialisation for', placeHolder: 'Polls every 5 seconds; Cancel stops it' },
    );
    if (!choice) return;
    await apis.window.withProgress({ location: { viewId: 'rke2Calico.prerequisites' }, title: 'Watching Calico initialisation' }, async () => {
      const run = session.startRun();
      const started = performance.now();
      try {
        const opened = await session.open();
        const host = localHostChecks(config);
        if (!opened.ok) {
          // The previous cluster's rows would read as this kubeconfig's: only the node's own checks stay.
          run.finish({ results: host, evidence: undefined, timeline: [], target: undefined, problem: problemFromOpen(opened) });
          return;
        }
        const target = opened.reader.identity;
        log.info(`watching initialisation for ${choice.seconds} s`);
        const snapshot = await watchInitialisation(opened.reader, {
          durationSeconds: choice.seconds,
          intervalMs: 5000,
          signal: run.signal,
          onPoll: (poll) => {
            run.update({ results: [...poll.results, ...host], evidence: poll.evidence, timeline: poll.timeline, target, problem: undefined });
          },
        });
        for (const entry of snapshot.timeline) log.info(`timeline +${entry.atSeconds} s: ${entry.message}`);
        logCheckOutcomes(log, [...snapshot.results, ...host], elapsedMs(started));
        run.finish({ results: [...snapshot.results, ...host], evidence: snapshot.evidence, timeline: snapshot.timeline, target });
      } catch (error) {
        run.finish({ error: `Watch failed: ${errorMessage(error)}`, ...NOTHING_READ });
        throw error;
      }
    });
  };
}
