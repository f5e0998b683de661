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

  /**
   * Follow / Load more and a short count of findings on the first line; each signature's lens on the line where it
   * first appears (not all on one line, where they run off-screen), saying when it was last seen and whether the log
   * shows it stopped: a recovery line after its last occurrence, or none in the rest of the log.
   */
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses: vscode.CodeLens[] = [];
    const podLog = this.podLogs.stateOf(document.uri);
    if (podLog) {
      lenses.push(podLog.following
        ? new vscode.CodeLens(top, { title: '$(debug-stop) Stop following', command: 'rke2Calico.stopFollowLog', arguments: [document.uri] })
        : new vscode.CodeLens(top, { title: '$(play) Follow', command: 'rke2Calico.followLog', arguments: [document.uri] }));
      if (!podLog.following && podLog.mayHaveMore) lenses.push(new vscode.CodeLens(top, { title: `$(fold-up) Load more (last ${podLog.tail * 4} lines)`, command: 'rke2Calico.loadMoreLog', arguments: [document.uri] }));
    }
    const scan = this.logs.scanOf(document.uri);
    if (!scan || scan.summary.length === 0) return lenses;
    const count = (severity: string): number => scan.summary.filter((entry) => entry.signature.severity === severity).reduce((sum, entry) => sum + entry.count, 0);
    const counts = [['error', '$(error)'], ['warning', '$(warning)'], ['info', '$(info)']].map(([severity, icon]) => [count(severity ?? ''), icon] as const).filter(([n]) => n > 0);
    lenses.push(new vscode.CodeLens(top, { title: counts.map(([n, icon]) => `${icon} ${n}`).join(' '), tooltip: 'Findings of this log (Problems panel)', command: 'workbench.actions.view.problems' }));
    for (const entry of scan.summary) {
      const line = Math.min(Math.max(entry.firstLine - 1, 0), document.lineCount - 1);
      const mark = entry.signature.severity === 'error' ? '$(error)' : entry.signature.severity === 'warning' ? '$(warning)' : '$(info)';
      const last = entry.count > 1 ? ` · last line ${entry.lastLine}${entry.last ? ` (${entry.last})` : ''}` : '';
      const stopped = entry.recoveredLine !== undefined
        ? ` · recovered at line ${entry.recoveredLine}`
        : entry.lastLine < document.lineCount - STOPPED_AFTER_LINES ? ` · not seen in the last ${document.lineCount - entry.lastLine} lines` : '';
      lenses.push(new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
        title: `${mark} ${entry.signature.title} ×${entry.count}${last}${stopped}`,
        tooltip: `${entry.signature.id}: ${entry.signature.meaning}`,
        command: 'revealLine',
        arguments: [{ lineNumber: entry.lastLine - 1, at: 'center' }],
      }));
    }
    return lenses;
  }
}

/** A signature whose last line is this far from the end of the log is said to have stopped. */
const STOPPED_AFTER_LINES = 50;
