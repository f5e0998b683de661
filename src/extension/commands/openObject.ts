import { describeFailure } from '../../core/kube/apiResult';
import type { ClusterReader } from '../../core/kube/clusterReader';
import { CommandError } from '../commandRunner';
import { describeProblem, problemFromOpen } from '../connectionProblem';
import { loadLintEngine } from '../loadLintEngine';
import type { TreeNode } from '../prerequisitesView';
import type { Services } from '../services';

/** Fields that are noise to a reader; managedFields can be longer than the object itself. */
function withoutNoise(object: unknown): unknown {
  if (object === null || typeof object !== 'object') return object;
  const copy = { ...(object as Record<string, unknown>) };
  const metadata = copy.metadata;
  if (metadata && typeof metadata === 'object') {
    const rest = { ...(metadata as Record<string, unknown>) };
    delete rest.managedFields;
    copy.metadata = rest;
  }
  return copy;
}

/** The session's reader, or the connection problem as a command error with its next steps. */
export async function openedReader(session: Services['session']): Promise<ClusterReader> {
  const opened = await session.open();
  if (!opened.ok) {
    const problem = problemFromOpen(opened);
    throw new CommandError(describeProblem(problem), problem.steps);
  }
  return opened.reader;
}

/** "Open as YAML": GETs the object a check looked at and shows it read-only. Secrets are never fetched. */
export function openObjectCommand({ apis, session, documents }: Services): (node?: TreeNode) => Promise<void> {
  return async (node) => {
    if (node?.type !== 'object') return;
    if (/\/secrets\//.test(node.object.path)) return;
    const reader = await openedReader(session);
    const result = await reader.get(node.object.path);
    if (result.kind !== 'ok') throw new CommandError(`could not read ${node.object.kind} ${node.object.name}: ${describeFailure(result)}`, ['showLogs'], 'warning');
    const uri = documents.publish(`${node.object.kind}-${node.object.namespace ?? ''}-${node.object.name}`, `# ${node.object.path} (read-only)\n${loadLintEngine().stringifyYaml(withoutNoise(result.value))}`, 'yaml');
    await apis.window.showTextDocument(uri, { preview: true });
  };
}
