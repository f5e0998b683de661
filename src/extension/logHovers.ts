import * as vscode from 'vscode';
import { findKnownIssue } from '../core/knowledge/knownIssueVerdict';
import type { LogDiagnostics } from './logDiagnostics';

/** Hover on a known failure line: what it means (401 vs 403 included), what to do, its source and known issue. */
export class LogHovers implements vscode.HoverProvider {
  constructor(private readonly logs: LogDiagnostics) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const offset = document.offsetAt(position);
    const finding = this.logs.scanOf(document.uri)?.findings.find((entry) => entry.start <= offset && offset <= entry.end);
    if (!finding) return undefined;
    const signature = finding.signature;
    const issue = finding.knownIssue ? findKnownIssue(finding.knownIssue.id) : undefined;
    const markdown = new vscode.MarkdownString();
    markdown.appendMarkdown(`**${signature.title}** (\`${signature.id}\`, ${signature.severity})\n\n${signature.meaning}\n\n**What to do:** ${signature.remediation}\n\n`);
    if (signature.transient && finding.persistedSeconds !== undefined) {
      markdown.appendMarkdown(`Healthy start-ups print this line for a while; it is reported because, by this log's timestamps, it has persisted for ${Math.round(finding.persistedSeconds / 60)} min (more than ${signature.transient.graceSeconds / 60} min).\n\n`);
    }
    if (issue && finding.knownIssue) markdown.appendMarkdown(`**Known issue:** [${issue.id}](${issue.url}) — ${issue.title}, because ${finding.knownIssue.because}.\n\n`);
    markdown.appendMarkdown(`_Source: ${signature.source}_`);
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end)));
  }
}
