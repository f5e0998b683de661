import * as vscode from 'vscode';
import type { CheckResult } from '../../core/checks/checkResult';
import { collectClusterEvidence } from '../../core/checks/clusterEvidence';
import { runClusterChecks } from '../../core/checks/runClusterChecks';
import { hostFilesAt } from '../../host/hostFiles';
import { isRke2Node, runHostChecks } from '../../host/hostChecks';
import type { ClusterSession } from '../clusterSession';
import { readSettings } from '../settings';

/** Node checks for the machine the extension host runs on (the node itself over Remote-SSH), or a set root. */
export function localHostChecks(): CheckResult[] {
  const root = readSettings().hostRoot;
  const files = hostFilesAt(root ?? '/');
  return root !== undefined || isRke2Node(files) ? runHostChecks(files) : [];
}

/**
 * "Run Readiness Check": reads the cluster (GET only), runs every check and shows the result in the tree, with
 * progress inside the view. A second run cancels the first; "Cancel" stops the requests.
 */
export function runCheckCommand(session: ClusterSession): () => Promise<void> {
  return async () => {
    await vscode.window.withProgress({ location: { viewId: 'rke2Calico.prerequisites' }, title: 'Checking Calico prerequisites' }, async () => {
      const signal = session.begin();
      try {
        const opened = await session.open();
        if (!opened.ok) {
          session.finish({ results: localHostChecks(), evidence: undefined, error: opened.error, target: undefined });
          return;
        }
        const evidence = await collectClusterEvidence(opened.reader, signal);
        if (signal.aborted) {
          session.finish({ error: 'Cancelled.' });
          return;
        }
        const nodes = evidence.nodes;
        session.finish({
          results: [...runClusterChecks(evidence), ...localHostChecks()],
          evidence,
          target: opened.reader.identity,
          timeline: [],
          error: nodes.kind === 'ok' ? undefined : `Could not read the cluster: ${nodes.kind} — ${nodes.message}`,
        });
      } catch (error) {
        session.finish({ error: `Readiness check failed: ${error instanceof Error ? error.message : String(error)}` });
      }
    });
  };
}
