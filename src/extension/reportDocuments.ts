import * as vscode from 'vscode';
import type { CommandApis } from './editorApis';

/** Scheme of the read-only documents the product opens for its reports. */
export const REPORT_SCHEME = 'rke2-calico-report';

/**
 * Serves report text for `rke2-calico-report:` URIs. Reports are read-only virtual documents so closing one never
 * asks to save, and nothing is written to the user's disk.
 */
export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Stores the text under a URI named after `title` and returns that URI. */
  publish(title: string, text: string, extension: string): vscode.Uri {
    const safeTitle = title.replace(/[^\w.+-]+/g, '-').slice(0, 80) || 'report';
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${safeTitle}.${extension}` });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
    this.contents.clear();
  }
}

/** Opens Markdown as a rendered preview beside the current editor. */
export async function showMarkdownReport(commands: CommandApis, documents: ReportDocuments, title: string, markdown: string): Promise<void> {
  const uri = documents.publish(title, markdown, 'md');
  await commands.executeCommand('markdown.showPreviewToSide', uri);
}
