import * as vscode from 'vscode';
import { watchInitialisation } from '../../core/checks/watchInitialisation';
import type { ClusterSession } from '../clusterSession';
import { localHostChecks } from './runCheck';

/**
 * "Watch Cluster Initialisation": polls the cluster (GET only) for the chosen time and records the transitions of
 * a Calico start-up in the tree's timeline; "Cancel" stops it early and keeps what was recorded.
 */
export function watchInitCommand(session: ClusterSession): () => Promise<void> {
  return async () => {
    const choice = await vscode.window.showQuickPick(
      [
        { label: '3 minutes', seconds: 180 },
        { label: '10 minutes', seconds: 600 },
        { label: '30 minutes', seconds: 1800 },
      ],
      { title: 'Watch Calico initialisation for', placeHolder: 'Polls every 5 seconds; Cancel stops it' },
    );
    if (!choice) return;
    await vscode.window.withProgress({ location: { viewId: 'rke2Calico.prerequisites' }, title: 'Watching Calico initialisation' }, async () => {
      const signal = session.begin();
      const opened = await session.open();
      if (!opened.ok) {
        session.finish({ error: opened.error });
        return;
      }
      const host = localHostChecks();
      try {
        const snapshot = await watchInitialisation(opened.reader, {
          durationSeconds: choice.seconds,
          intervalMs: 5000,
          signal,
          onPoll: (poll) => {
            session.update({ results: [...poll.results, ...host], evidence: poll.evidence, timeline: poll.timeline, target: opened.reader.identity });
          },
        });
        session.finish({ results: [...snapshot.results, ...host], evidence: snapshot.evidence, timeline: snapshot.timeline, target: opened.reader.identity });
      } catch (error) {
        session.finish({ error: `Watch failed: ${error instanceof Error ? error.message : String(error)}` });
      }
    });
  };
}
