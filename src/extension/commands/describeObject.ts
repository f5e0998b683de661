import { describeFailure } from '../../core/kube/apiResult';
import { describeText } from '../../core/kube/describeText';
import { PATHS } from '../../core/checks/calicoObjects';
import { CommandError } from '../commandRunner';
import type { TreeNode } from '../prerequisitesView';
import type { Services } from '../services';
import { openedReader } from './openObject';

/** Events shown per object, as kubectl describe does: the recent ones. */
const EVENT_LIMIT = 100;

/**
 * "Describe": GETs the object a check looked at and lists its events (one namespaced list, filtered by the object's
 * name and kind on the server), shown read-only as `kubectl describe` would. Secrets are never fetched.
 */
export function describeObjectCommand({ apis, session, documents }: Services): (node?: TreeNode) => Promise<void> {
  return async (node) => {
    if (node?.type !== 'object') return;
    const target = node.object;
    if (/\/secrets\//.test(target.path)) return;
    const reader = await openedReader(session);
    // Events of a cluster-scoped object (a Node) are recorded in the default namespace.
    const events = PATHS.namespacedEvents(target.namespace ?? 'default');
    const [object, listed] = await Promise.all([
      reader.get(target.path),
      reader.list(events, { fieldSelector: `involvedObject.name=${target.name},involvedObject.kind=${target.kind}`, limit: EVENT_LIMIT, maxItems: EVENT_LIMIT }),
    ]);
    if (object.kind !== 'ok') throw new CommandError(`could not read ${target.kind} ${target.name}: ${describeFailure(object)}`, ['showLogs'], 'warning');
    const eventNote = listed.kind === 'ok' ? '' : `# events: could not read (${describeFailure(listed)})\n`;
    const body = describeText(object.value, listed.kind === 'ok' ? listed.value.items : []);
    const uri = documents.publish(`${target.kind}-${target.namespace ?? ''}-${target.name}.describe`, `# describe ${target.path} (read-only)\n${eventNote}${body}`, 'txt');
    await apis.window.showTextDocument(uri, { preview: true });
  };
}
