import * as vscode from 'vscode';
import { findKnownIssue } from '../core/knowledge/knownIssueVerdict';
import type { ExternalFacts } from '../core/logs/logContext';
import type { LogFinding } from '../core/logs/logScanner';
import { summarizeFindings } from '../core/logs/logSummary';
import { scanInSlices, type LogScanResult } from '../core/logs/scanText';
import { elapsedMs, type Logger } from '../core/log/logger';
import { logScanTiming } from '../core/log/timings';
import { looksBinary } from '../core/text/binaryContent';
import { logFailure } from './commandRunner';
import type { DiagnosticCollectionApi, LanguageApis, WorkspaceApis } from './editorApis';
import { KeyedDebouncer } from './keyedDebouncer';

const SEVERITIES = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information } as const;
/** Each slice is scanned in a few milliseconds, so the extension host is never blocked for long. */
const SLICE_CHARS = 512 * 1024;
/** Quiet time after the last change before a log is scanned again. */
const RESCAN_DELAY_MS = 300;

/** Yields to the event loop between slices. */
function pause(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export type LogScan = LogScanResult;

/** At most this many diagnostics per log: a log of a million failure lines stays usable (the summary counts all). */
const MAX_DIAGNOSTICS = 1000;

/**
 * Known failure lines of Calico/RKE2 logs in the Problems panel, on any log a user opens (language
 * rke2-calico-log or log, or a *.log file) and on text the user scans explicitly. Large logs are scanned in
 * slices off the hot path; a new edit cancels the scan in progress.
 */
export class LogDiagnostics implements vscode.Disposable {
  private readonly collection: DiagnosticCollectionApi;
  private readonly scans = new Map<string, LogScan>();
  private readonly running = new Map<string, AbortController>();
  private readonly debouncer = new KeyedDebouncer();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** Typed structurally: event emitters and collections are disposable without being `Disposable` instances. */
  private readonly disposables: { dispose(): unknown }[] = [];

  /** `facts` gives the versions known about the workspace's cluster, which decide whether a line names a known issue. */
  constructor(
    private readonly workspace: WorkspaceApis,
    languages: LanguageApis,
    private readonly log: Logger,
    private readonly facts: (uri: vscode.Uri) => Promise<ExternalFacts> = () => Promise.resolve({}),
  ) {
    this.collection = languages.createDiagnosticCollection('rke2-calico-logs');
    this.disposables.push(
      this.collection,
      this.changed,
      workspace.onDidOpenTextDocument((document) => {
        this.scanInBackground(document);
      }),
      workspace.onDidChangeTextDocument((event) => {
        this.scheduleScan(event.document);
      }),
      workspace.onDidCloseTextDocument((document) => {
        this.debouncer.cancel(document.uri.toString());
        this.running.get(document.uri.toString())?.abort();
        this.scans.delete(document.uri.toString());
        this.collection.delete(document.uri);
      }),
    );
    // After activation returns: logs already open are scanned on the next turn of the event loop.
    setImmediate(() => {
      for (const document of workspace.textDocuments) this.scanInBackground(document);
    });
  }

  static isLog(document: vscode.TextDocument): boolean {
    return document.languageId === 'rke2-calico-log' || document.languageId === 'log' || /\.log$/i.test(document.uri.path);
  }

  scanOf(uri: vscode.Uri): LogScan | undefined {
    return this.scans.get(uri.toString());
  }

  /** Typing in a log or a followed log growing rescans once things settle, not on every change. */
  private scheduleScan(document: vscode.TextDocument): void {
    if (!LogDiagnostics.isLog(document)) return;
    this.debouncer.schedule(document.uri.toString(), RESCAN_DELAY_MS, () => {
      this.scanInBackground(document);
    });
  }

  /** A scan nobody waits for: a failure is logged, never an unhandled rejection. */
  private scanInBackground(document: vscode.TextDocument): void {
    if (LogDiagnostics.isLog(document)) logFailure(this.log, `log scan ${document.uri.path}`, this.scan(document));
  }

  /** Scans a document, or only `range` of it ("Scan as Calico/RKE2 Log" on a selection). */
  async scan(document: vscode.TextDocument, range?: vscode.Range): Promise<LogScan | undefined> {
    const key = document.uri.toString();
    this.running.get(key)?.abort();
    const controller = new AbortController();
    this.running.set(key, controller);
    const base = range ? document.offsetAt(range.start) : 0;
    const text = range ? document.getText(range) : document.getText();
    const name = this.workspace.asRelativePath(document.uri);
    if (looksBinary(text)) {
      // The same test as the CLI and support bundles: binary content is not a log.
      this.running.delete(key);
      this.collection.delete(document.uri);
      this.log.debug(`log scan ${name}: binary content, not scanned`);
      return undefined;
    }
    const started = performance.now();
    const scanned = await scanInSlices(text, pause, controller.signal, SLICE_CHARS, { facts: await this.facts(document.uri) });
    if (!scanned || controller.signal.aborted) return undefined;
    this.running.delete(key);
    this.log.debug(logScanTiming(name, scanned.findings.length, scanned.stats.lines, elapsedMs(started)));
    const lineBase = range ? range.start.line : 0;
    const findings = scanned.findings.map((finding) => ({ ...finding, line: finding.line + lineBase, start: finding.start + base, end: finding.end + base }));
    const scan: LogScan = { ...scanned, findings, summary: range ? summarizeFindings(findings) : scanned.summary };
    this.scans.set(key, scan);
    this.collection.set(document.uri, findings.slice(0, MAX_DIAGNOSTICS).map((finding) => this.toDiagnostic(document, finding)));
    this.changed.fire(document.uri);
    return scan;
  }

  private toDiagnostic(document: vscode.TextDocument, finding: LogFinding): vscode.Diagnostic {
    const signature = finding.signature;
    const range = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
    const diagnostic = new vscode.Diagnostic(range, `${signature.title}: ${signature.meaning}`, SEVERITIES[signature.severity]);
    diagnostic.source = 'rke2-calico-log';
    const issue = finding.knownIssue === undefined ? undefined : findKnownIssue(finding.knownIssue.id);
    const target = issue?.url;
    diagnostic.code = target ? { value: signature.id, target: vscode.Uri.parse(target) } : signature.id;
    return diagnostic;
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const controller of this.running.values()) controller.abort();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
