import * as vscode from 'vscode';
import { isRke2ConfigPath, isYamlPath } from '../core/files/fileKinds';
import type { LintContext } from '../core/files/lintContext';
import type { ClusterWorkloads } from '../core/policy/policyFileLint';
import type { Finding } from '../core/findings/finding';
import type { FileFindings } from '../core/findings/locatedFinding';
import { elapsedMs, type Logger } from '../core/log/logger';
import { lintTiming } from '../core/log/timings';
import { logFailure } from './commandRunner';
import type { DiagnosticCollectionApi, LanguageApis, WorkspaceApis } from './editorApis';
import { KeyedDebouncer } from './keyedDebouncer';
import { loadLintEngine } from './loadLintEngine';
import { BackgroundLinter } from './backgroundLinter';
import type { FileLintResult } from '../core/files/lintFile';
import { textPositions, type Positioned } from './textPositions';

/** What linting needs to know about the rest of the workspace (WorkspaceFacts gives it). */
export interface LintFacts {
  context(uri: vscode.Uri): Promise<LintContext>;
  crossFileFindings(uri: vscode.Uri): Promise<readonly Finding[]>;
  isForcedConfig(uri: vscode.Uri): boolean;
  readonly onDidChange: vscode.Event<void>;
}

/** The connected cluster's workloads in some namespaces, for policy files' selectors (none: not connected). */
export interface PolicyWorkloads {
  workloads(namespaces: readonly string[]): Promise<ClusterWorkloads | undefined>;
}

/** Live linting waits this long after the last keystroke. */
const DEBOUNCE_MS = 250;
/** Above this size a document is linted when opened or saved, not on every keystroke. */
const LIVE_LINT_MAX_CHARS = 2 * 1024 * 1024;

const SEVERITIES: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function toRange(document: Positioned, span: { start: number; end: number }): vscode.Range {
  return new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
}

export function findingToDiagnostic(document: Positioned, finding: Finding, openDocuments: readonly vscode.TextDocument[]): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(document, finding.span), finding.message, SEVERITIES[finding.severity]);
  diagnostic.source = 'rke2-calico';
  diagnostic.code = finding.url ? { value: finding.code, target: vscode.Uri.parse(finding.url) } : finding.code;
  if (finding.related) {
    diagnostic.relatedInformation = finding.related.map((location) => {
      if (location.file === undefined) return new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, toRange(document, location.span)), location.message);
      // Spans of other files are offsets; they are placed once that document is open, else at its start.
      const other = vscode.Uri.parse(location.file);
      const open = openDocuments.find((candidate) => candidate.uri.toString() === other.toString());
      const range = open
        ? toRange(open, location.span)
        : location.range
          ? new vscode.Range(location.range.start.line, location.range.start.character, location.range.end.line, location.range.end.character)
          : new vscode.Range(0, 0, 0, 0);
      return new vscode.DiagnosticRelatedInformation(new vscode.Location(other, range), location.message);
    });
  }
  return diagnostic;
}

/** One diagnostic per finding: the same message at the same place (from two rules, or own and cross-file) shows once. */
function distinct(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.span.start}:${finding.span.end}:${finding.code}:${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * What a file shows when its lint on the worker failed: for an RKE2 or Calico file (judged by its head), the reason
 * and the command that checks it anyway; nothing for other YAML.
 */
function notLinted(byHead: FileLintResult, error: unknown): FileLintResult {
  const reason = error instanceof Error ? error.message : String(error);
  return { ...byHead, findings: byHead.findings.map((finding) => ({ ...finding, message: `Not checked in the editor: the lint stopped (${reason}). Run \`rke2-calico-diag lint <file>\` to check it.` })) };
}

/**
 * Keeps the Problems panel in step with RKE2 and Calico files as they are opened and edited. The findings behind
 * each document's diagnostics are kept so quick fixes and hovers use the same objects.
 */
export class FileDiagnostics implements vscode.Disposable {
  private readonly collection: DiagnosticCollectionApi;
  private readonly findings = new Map<string, readonly Finding[]>();
  private readonly debouncer = new KeyedDebouncer();
  private readonly background: BackgroundLinter;
  /** Typed structurally: event emitters and collections are disposable without being `Disposable` instances. */
  private readonly disposables: { dispose(): unknown }[] = [];

  constructor(
    private readonly workspace: WorkspaceApis,
    languages: LanguageApis,
    private readonly facts: LintFacts,
    private readonly log: Logger,
    private readonly policyWorkloads?: PolicyWorkloads,
    background?: BackgroundLinter,
  ) {
    this.background = background ?? new BackgroundLinter();
    this.collection = languages.createDiagnosticCollection('rke2-calico');
    this.disposables.push(
      this.collection,
      workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      workspace.onDidChangeTextDocument((event) => {
        // The end offset comes from the line index; getText() would copy the whole document on every keystroke.
        const length = event.document.offsetAt(event.document.lineAt(event.document.lineCount - 1).range.end);
        if (length <= LIVE_LINT_MAX_CHARS) this.schedule(event.document, DEBOUNCE_MS);
      }),
      workspace.onDidSaveTextDocument((document) => this.schedule(document, 0)),
      workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      facts.onDidChange(() => this.lintOpenDocuments()),
    );
    this.lintOpenDocuments();
  }

  /** The findings of every open document, with its text, for reports. */
  openFileFindings(): FileFindings[] {
    return this.workspace.textDocuments.flatMap((document) => {
      const findings = this.findings.get(document.uri.toString());
      return findings && findings.length > 0 ? [{ file: this.workspace.asRelativePath(document.uri), text: document.getText(), findings }] : [];
    });
  }

  findingsFor(uri: vscode.Uri): readonly Finding[] {
    return this.findings.get(uri.toString()) ?? [];
  }

  lintOpenDocuments(): void {
    for (const document of this.workspace.textDocuments) this.schedule(document, 0);
  }

  private isCandidate(document: vscode.TextDocument): boolean {
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled' && document.uri.scheme !== 'vscode-remote') return false;
    return document.languageId === 'yaml' || isYamlPath(document.uri.path) || isRke2ConfigPath(document.uri.path) || this.facts.isForcedConfig(document.uri);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!this.isCandidate(document)) return;
    this.debouncer.schedule(document.uri.toString(), delay, () => {
      logFailure(this.log, `lint ${document.uri.path}`, this.lint(document));
    });
  }

  private async lint(document: vscode.TextDocument): Promise<void> {
    const version = document.version;
    // Anything awaited may see the document edited or closed: its result is then dropped (the edit lints again).
    const stale = (): boolean => document.isClosed || document.version !== version;
    const context = await this.facts.context(document.uri);
    const cross = document.isDirty ? [] : await this.facts.crossFileFindings(document.uri);
    if (stale()) return;
    const started = performance.now();
    const engine = loadLintEngine();
    const forceRke2Config = this.facts.isForcedConfig(document.uri);
    const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    let result: FileLintResult;
    let policyText = '';
    if (length > engine.EDITOR_MAX_CHARS) {
      // Past this even reading the text would make the editor wait: only its head is read, to say so if it matters.
      result = engine.notCheckedInEditorFor(document.uri.path, document.getText(new vscode.Range(document.positionAt(0), document.positionAt(engine.HEAD_CHARS))), length, forceRke2Config);
    } else {
      const text = document.getText();
      const fits = engine.fitsLintBudget(text, engine.EDITOR_LINT_BUDGET_MS);
      // Small files are linted here at once; larger ones on the worker thread, so the extension host never waits.
      result = fits
        ? engine.lintFile(document.uri.path, text, { context, forceRke2Config })
        : await this.background.lint(document.uri.path, text, context, forceRke2Config).catch((error: unknown) => notLinted(engine.notCheckedInEditorFor(document.uri.path, text.slice(0, engine.HEAD_CHARS), length, forceRke2Config), error));
      if (stale()) return;
      // Policy findings come from the same engine on this thread, for files within its budget (policies are small).
      if (fits && engine.mentionsPolicyKind(text)) policyText = text;
    }
    const workloads = policyText === '' ? undefined : await this.clusterWorkloadsFor(document, policyText, engine);
    if (stale()) return;
    const policy = policyText === '' ? [] : engine.lintPolicyFile(document.uri.path, policyText, workloads);
    // Findings that need other files are from the saved snapshot: shown while the document matches it.
    const findings = distinct([...result.findings, ...policy, ...cross]);
    if (result.kind !== 'unrelated') this.log.debug(lintTiming(this.workspace.asRelativePath(document.uri), findings.length, elapsedMs(started)));
    this.findings.set(document.uri.toString(), findings);
    this.collection.set(document.uri, findings.map((finding) => findingToDiagnostic(document, finding, this.workspace.textDocuments)));
  }

  /**
   * Lints a workspace file that is not open, from its text on disk, on the worker thread (never the extension
   * host's), so its problems reach the Problems view unopened. An open document's own lint wins, before and after.
   * Returns the number of findings shown.
   */
  async lintFromDisk(uri: vscode.Uri, text: string): Promise<number> {
    if (this.isOpen(uri)) return 0;
    const context = await this.facts.context(uri);
    const cross = await this.facts.crossFileFindings(uri);
    const result = await this.background.lint(uri.path, text, context, this.facts.isForcedConfig(uri));
    if (this.isOpen(uri)) return 0;
    const findings = distinct([...result.findings, ...cross]);
    const positioned = textPositions(uri, text);
    this.collection.set(uri, findings.map((finding) => findingToDiagnostic(positioned, finding, this.workspace.textDocuments)));
    return findings.length;
  }

  /** A file linted from disk is gone or no longer an RKE2 file: its problems go, unless it is open. */
  forgetFromDisk(uri: vscode.Uri): void {
    if (!this.isOpen(uri)) this.collection.delete(uri);
  }

  private isOpen(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return this.workspace.textDocuments.some((document) => !document.isClosed && document.uri.toString() === key);
  }

  /** The cluster's workloads in the namespaces of a policy file's policies (its text already read), when connected. */
  private async clusterWorkloadsFor(document: vscode.TextDocument, text: string, engine: ReturnType<typeof loadLintEngine>): Promise<ClusterWorkloads | undefined> {
    if (!this.policyWorkloads) return undefined;
    try {
      return await this.policyWorkloads.workloads(engine.policyNamespacesIn(document.uri.path, text));
    } catch (error) {
      this.log.warn(`policy diagnostics: the cluster's workloads could not be read: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.debouncer.cancel(key);
    this.findings.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    this.debouncer.dispose();
    this.background.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
