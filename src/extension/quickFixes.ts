import * as vscode from 'vscode';
import type { FileDiagnostics } from './fileDiagnostics';

/**
 * Quick fixes for findings that carry one: the edit comes from the same finding the diagnostic was made from, and
 * the action names that diagnostic so the light bulb also appears in the Problems panel.
 */
export class QuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: FileDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const findings = this.diagnostics.findingsFor(document.uri);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== 'rke2-calico') continue;
      const finding = findings.find((candidate) => candidate.message === diagnostic.message && document.offsetAt(diagnostic.range.start) === candidate.span.start);
      if (!finding?.fix) continue;
      const action = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      // A fix that mixes releases is offered, never applied by "fix all" or auto-fix on save.
      action.isPreferred = finding.fix.caution === undefined && (finding.code === 'calico-affected-version' || finding.code === 'unknown-key');
      action.edit = new vscode.WorkspaceEdit();
      for (const edit of finding.fix.edits) {
        action.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText);
      }
      actions.push(action);
    }
    return actions;
  }
}
