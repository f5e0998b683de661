import * as vscode from 'vscode';
import type { LogDiagnostics } from './logDiagnostics';
import type { PodLogs } from './podLogs';

/**
 * The summary at a glance: CodeLenses on the first line, one per signature found (count, first and last time
 * seen), each jumping to its first occurrence.
 */
export class LogLenses implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(
    private readonly logs: LogDiagnostics,
    private readonly podLogs: PodLogs,
  ) {
    this.onDidChangeCodeLenses = (listener, thisArgs, disposables) => {
      const notify = (): void => {
        listener.call(thisArgs, undefined);
      };
      const first = logs.onDidChange(notify);
      const second = podLogs.onDidChange(notify);
      const both = vscode.Disposable.from(first, second);
      disposables?.push(both);
      return both;
    };
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses: vscode.CodeLens[] = [];
    const podLog = this.podLogs.stateOf(document.uri);
    if (podLog) {
      lenses.push(podLog.following
        ? new vscode.CodeLens(top, { title: '$(debug-stop) Stop following', command: 'rke2Calico.stopFollowLog', arguments: [document.uri] })
        : new vscode.CodeLens(top, { title: '$(play) Follow', command: 'rke2Calico.followLog', arguments: [document.uri] }));
      if (!podLog.following) lenses.push(new vscode.CodeLens(top, { title: `$(fold-up) Load more (last ${podLog.tail * 4} lines)`, command: 'rke2Calico.loadMoreLog', arguments: [document.uri] }));
    }
    const scan = this.logs.scanOf(document.uri);
    if (!scan || scan.summary.length === 0) return lenses;
    return lenses.concat(scan.summary.slice(0, 8).map((entry) => {
      const when = entry.first ? ` · ${entry.first}${entry.last && entry.last !== entry.first ? ` → ${entry.last}` : ''}` : '';
      const mark = entry.signature.severity === 'error' ? '$(error)' : entry.signature.severity === 'warning' ? '$(warning)' : '$(info)';
      return new vscode.CodeLens(top, {
        title: `${mark} ${entry.signature.id} ×${entry.count}${when}`,
        tooltip: `${entry.signature.title}: ${entry.signature.meaning}`,
        command: 'revealLine',
        arguments: [{ lineNumber: entry.firstLine - 1, at: 'center' }],
      });
    }));
  }
}
