import * as vscode from 'vscode';
import { isRke2ConfigPath } from '../core/files/fileKinds';
import { findRke2ConfigKey } from '../core/files/rke2Config/rke2ConfigKeys';
import { findKnownIssue } from '../core/knowledge/knownIssueVerdict';
import { knownIssueToMarkdown } from '../core/report/knownIssueMarkdown';
import type { FileDiagnostics } from './fileDiagnostics';

/**
 * Hovers that explain: on a value affected by a known issue, the issue's symptoms, real root cause, releases to
 * move to, mitigations and sources; on an RKE2 config key, its type, default and meaning.
 */
export class Hovers implements vscode.HoverProvider {
  constructor(private readonly diagnostics: FileDiagnostics) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const offset = document.offsetAt(position);
    const finding = this.diagnostics.findingsFor(document.uri).find((candidate) => candidate.knownIssue !== undefined && candidate.span.start <= offset && offset <= candidate.span.end);
    const issue = finding?.knownIssue === undefined ? undefined : findKnownIssue(finding.knownIssue);
    if (finding && issue) {
      // The finding's own message is already in the hover, as its diagnostic: only the issue's explanation is added.
      const markdown = new vscode.MarkdownString(knownIssueToMarkdown(issue));
      return new vscode.Hover(markdown, new vscode.Range(document.positionAt(finding.span.start), document.positionAt(finding.span.end)));
    }
    if (!isRke2ConfigPath(document.uri.path)) return undefined;
    const range = document.getWordRangeAtPosition(position, /[a-z][a-z0-9-]*\+?(?=\s*:)/);
    if (!range || range.start.character !== document.lineAt(position.line).firstNonWhitespaceCharacterIndex) return undefined;
    const name = document.getText(range).replace(/\+$/, '');
    const key = findRke2ConfigKey(name);
    if (!key) return undefined;
    const details = [`\`${key.key}\` — ${key.type}${key.default !== undefined ? `, default \`${key.default}\`` : ''}${key.agent ? '' : ' (server only)'}`, '', key.description];
    if (key.allowed) details.push('', `Allowed: ${key.allowed.map((value) => `\`${value}\``).join(', ')}`);
    return new vscode.Hover(new vscode.MarkdownString(details.join('\n')), range);
  }
}
