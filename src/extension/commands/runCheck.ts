import type { CheckResult } from '../../core/checks/checkResult';
import { logCheckOutcomes } from '../../core/checks/checkOutcomeLog';
import { collectClusterEvidence } from '../../core/checks/clusterEvidence';
import { runClusterChecks } from '../../core/checks/runClusterChecks';
import { elapsedMs, errorMessage } from '../../core/log/logger';
import { hostFilesAt } from '../../host/hostFiles';
import { isRke2Node, runHostChecks } from '../../host/hostChecks';
import type { Config } from '../config';
import { problemFromOpen, problemFromRead } from '../connectionProblem';
import type { Services } from '../services';

/** Node checks for the machine the extension host runs on (the node itself over Remote-SSH), or a set root. */
export function localHostChecks(config: Config): CheckResult[] {
  const root = config.settings.hostRoot;
  const files = hostFilesAt(root ?? '/');
  return root !== undefined || isRke2Node(files) ? runHostChecks(files) : [];
}

/**
 * What a run that failed leaves in the session: nothing of the cluster, so the rows of an earlier run (perhaps of
 * another kubeconfig) are not shown as this run's.
 */
export const NOTHING_READ = { results: [], evidence: undefined, timeline: [], target: undefined } as const;

/**
 * "Run Readiness Check": reads the cluster (GET only), runs every check and shows the result in the tree, with
 * progress inside the view. A second run cancels the first; "Cancel" stops the requests. A cluster that cannot be
 * reached is a connection problem in the tree (the whole reason and the next steps), not a pop-up.
 */
export function runCheckCommand({ apis, session, config, log }: Services): () => Promise<void> {
  return async () => {
    await apis.window.withProgress({ location: { viewId: 'rke2Calico.prerequisites' }, title: 'Checking Calico prerequisites' }, async () => {
      const run = session.startRun();
      const started = performance.now();
      try {
        const opened = await session.open();
        if (!opened.ok) {
          run.finish({ results: localHostChecks(config), evidence: undefined, timeline: [], target: undefined, problem: problemFromOpen(opened) });
          return;
        }
        const target = opened.reader.identity;
        const evidence = await collectClusterEvidence(opened.reader, run.signal);
        if (run.signal.aborted) {
          log.info('readiness check cancelled');
          run.finish({ error: 'Cancelled.' });
          return;
        }
        const results = [...runClusterChecks(evidence), ...localHostChecks(config)];
        logCheckOutcomes(log, results, elapsedMs(started));
        const problem = evidence.nodes.kind === 'ok' ? undefined : problemFromRead(evidence.nodes, target);
        run.finish({ results, evidence, target, timeline: [], problem, error: undefined });
      } catch (error) {
        // The run ends either way; the command wrapper logs and shows the error.
        run.finish({ error: `Readiness check failed: ${errorMessage(error)}`, ...NOTHING_READ });
        throw error;
      }
    });
  };
}
