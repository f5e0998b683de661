import * as vscode from 'vscode';
import type { ObjectRef } from '../core/checks/checkResult';
import { describeFailure } from '../core/kube/apiResult';
import { CommandError } from './commandRunner';
import { describeProblem, problemFromOpen } from './connectionProblem';
import type { TreeNode } from './prerequisitesView';
import type { Services } from './services';

interface PodLogSource {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly previous: boolean;
}

interface OpenLog {
  readonly source: PodLogSource;
  tail: number;
  lines: string[];
  /** Lines dropped from the front of a followed log to keep the buffer bounded (never dropped silently). */
  dropped: number;
  follow: AbortController | undefined;
}

function uniquePods(pods: readonly ObjectRef[]): ObjectRef[] {
  const seen = new Map<string, ObjectRef>();
  for (const pod of pods) {
    const key = `${pod.namespace ?? ''}/${pod.name}`;
    const before = seen.get(key);
    // A pod named by a log line knows less (no state, one container) than one a workload check read: keep both.
    seen.set(key, before ? { ...pod, ...before, containers: [...new Set([...(before.containers ?? []), ...(pod.containers ?? [])])] } : pod);
  }
  return [...seen.values()];
}

function header(log: OpenLog): string {
  const { namespace, pod, container, previous } = log.source;
  const what = `# ${namespace}/${pod} container ${container}${previous ? ' (previous, last terminated)' : ''}`;
  if (log.follow) return `${what}: following — ${log.lines.length} lines shown${log.dropped > 0 ? `, ${log.dropped} earlier lines dropped to keep the buffer bounded` : ''}\n`;
  if (log.lines.length < log.tail) return `${what}: the whole log, ${log.lines.length} lines\n`;
  return `${what}: last ${log.tail} lines at most (setting rke2Calico.logTailLines; "Load more" above for more)\n`;
}

/**
 * Pod logs read through the API (no kubectl) as read-only documents of language rke2-calico-log: the last N lines,
 * "Load more", and follow with a bounded buffer that says how many lines it dropped.
 */
export class PodLogs implements vscode.Disposable {
  private readonly open = new Map<string, OpenLog>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly services: Services) {}

  /** `mayHaveMore`: the tail came back full, so older lines may exist ("Load more" means nothing otherwise). */
  stateOf(uri: vscode.Uri): { following: boolean; tail: number; mayHaveMore: boolean } | undefined {
    const log = this.open.get(uri.toString());
    return log ? { following: log.follow !== undefined, tail: log.tail, mayHaveMore: log.lines.length >= log.tail } : undefined;
  }

  /**
   * "Open Pod Logs…" from a pod or check in the tree, or from the palette (the pods of the last readiness run): pick
   * pod, container and current/previous, then show the tail.
   */
  async pickAndOpen(node?: TreeNode): Promise<void> {
    const { apis, config, session } = this.services;
    const podsOf = (objects: readonly ObjectRef[]): ObjectRef[] => objects.filter((object) => object.kind === 'Pod');
    const pods: ObjectRef[] = node?.type === 'object'
      ? [node.object]
      : node?.type === 'check' ? podsOf(node.check.objects ?? []) : uniquePods(session.state.results.flatMap((check) => podsOf(check.objects ?? [])));
    if (pods.length === 0) throw new CommandError('No pods to open yet: run "RKE2 Calico: Run Readiness Check" first; its Calico pods are offered here.');
    // Each pod with its state, ready containers, restarts and node as the check saw them (kubectl get pods' columns),
    // so the one in trouble is picked without opening all.
    const describe = (entry: ObjectRef): string =>
      [entry.namespace ?? '', entry.condition ?? '', entry.ready !== undefined ? `${entry.ready} ready` : '', entry.restarts !== undefined ? `${entry.restarts} restart${entry.restarts === 1 ? '' : 's'}` : '', entry.node ? `on ${entry.node}` : ''].filter((part) => part !== '').join(' · ');
    const pod = pods.length === 1 ? pods[0] : (await apis.window.showQuickPick(pods.map((entry) => ({ label: entry.name, description: describe(entry), entry })), { title: 'Pod' }))?.entry;
    if (!pod?.namespace) return;
    const choice = await apis.window.showQuickPick(
      (pod.containers ?? []).flatMap((container) => [
        { label: container, description: 'current', container, previous: false },
        { label: container, description: 'previous (last terminated)', container, previous: true },
      ]),
      { title: `Logs of ${pod.namespace}/${pod.name}` },
    );
    if (!choice) return;
    await this.show({ namespace: pod.namespace, pod: pod.name, container: choice.container, previous: choice.previous }, config.settings.logTailLines);
  }

  /** Opens the last `tail` lines; a pod or log that cannot be read is a CommandError for the command wrapper. */
  async show(source: PodLogSource, tail: number): Promise<vscode.Uri> {
    const { apis, session } = this.services;
    const opened = await session.open();
    if (!opened.ok) {
      const problem = problemFromOpen(opened);
      throw new CommandError(describeProblem(problem), problem.steps);
    }
    const result = await opened.reader.podLog(source.namespace, source.pod, { container: source.container, previous: source.previous, tailLines: tail });
    if (result.kind !== 'ok') throw new CommandError(`no log for ${source.pod}/${source.container}: ${describeFailure(result)}`, ['showLogs'], 'warning');
    const log: OpenLog = { source, tail, lines: result.value.split('\n').filter((line, index, all) => line !== '' || index < all.length - 1), dropped: 0, follow: undefined };
    const uri = this.publish(log);
    this.open.set(uri.toString(), log);
    const document = await apis.workspace.openTextDocument(uri);
    await apis.languages.setTextDocumentLanguage(document, 'rke2-calico-log');
    await apis.window.showTextDocument(document, { preview: false });
    this.changed.fire();
    return uri;
  }

  async loadMore(uri: vscode.Uri): Promise<void> {
    const log = this.open.get(uri.toString());
    if (!log || log.follow) return;
    await this.show(log.source, log.tail * 4);
  }

  /** Follows the log (GET …/log?follow=true) into the same document until stopped. */
  async follow(uri: vscode.Uri): Promise<void> {
    const log = this.open.get(uri.toString());
    if (!log || log.follow || log.source.previous) return;
    const opened = await this.services.session.open();
    if (!opened.ok) {
      const problem = problemFromOpen(opened);
      throw new CommandError(describeProblem(problem), problem.steps);
    }
    const controller = new AbortController();
    log.follow = controller;
    const limit = Math.max(log.tail, 10_000);
    let partial = '';
    let timer: NodeJS.Timeout | undefined;
    const flush = (): void => {
      timer = undefined;
      this.publish(log);
    };
    this.publish(log);
    this.changed.fire();
    const result = await opened.reader.followPodLog(log.source.namespace, log.source.pod, { container: log.source.container, tailLines: 0 }, (text) => {
      const pieces = (partial + text).split('\n');
      partial = pieces.pop() ?? '';
      log.lines.push(...pieces);
      if (log.lines.length > limit) {
        const excess = log.lines.length - limit;
        log.lines.splice(0, excess);
        log.dropped += excess;
      }
      timer ??= setTimeout(flush, 250);
    }, { signal: controller.signal });
    if (timer) clearTimeout(timer);
    if (partial !== '') log.lines.push(partial);
    log.follow = undefined;
    this.publish(log);
    this.changed.fire();
    if (result.kind !== 'ok') throw new CommandError(`following ${log.source.pod} stopped: ${describeFailure(result)}`, ['showLogs'], 'warning');
  }

  stop(uri: vscode.Uri): void {
    this.open.get(uri.toString())?.follow?.abort();
  }

  private publish(log: OpenLog): vscode.Uri {
    const { pod, container, previous } = log.source;
    return this.services.documents.publish(`${pod}-${container}${previous ? '-previous' : ''}`, header(log) + log.lines.join('\n') + '\n', 'log');
  }

  dispose(): void {
    for (const log of this.open.values()) log.follow?.abort();
    this.changed.dispose();
  }
}
