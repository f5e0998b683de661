/**
 * A FakeEditor: the EditorApis seam (src/extension/editorApis.ts) as a unit test drives it. It records what the
 * extension shows (messages with their buttons, status-bar items, log lines, diagnostics), answers the pickers and
 * dialogs from queues the test fills, holds settings at the user and workspace levels, registers and runs commands,
 * and fires the editor's events on request. Anything else throws, so a test notices what it did not fake.
 */
import type * as vscode from 'vscode';
import type { DiagnosticCollectionApi, EditorApis, LogChannelApi, SettingsApi, StatusBarItemApi } from '../../src/extension/editorApis';
import { globToRegExp } from '../../src/core/text/glob';
import { Disposable, EventEmitter, Position, Range, Uri } from './vscode';

function notFaked(what: string): never {
  throw new Error(`${what} is not faked`);
}

export interface ShownMessage {
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly actions: readonly string[];
}

export class FakeLogChannel implements LogChannelApi {
  readonly lines: { readonly level: string; readonly message: string }[] = [];
  shown = 0;
  trace(message: string): void {
    this.lines.push({ level: 'trace', message });
  }
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
  show(): void {
    this.shown++;
  }
  dispose(): void {
    // Nothing to release.
  }
  /** Everything logged, one `[level] message` a line. */
  text(): string {
    return this.lines.map((line) => `[${line.level}] ${line.message}`).join('\n');
  }
}

export class FakeStatusBarItem implements StatusBarItemApi {
  name: string | undefined;
  text = '';
  tooltip: string | vscode.MarkdownString | undefined;
  command: string | vscode.Command | undefined;
  backgroundColor: vscode.ThemeColor | undefined;
  visible = false;
  constructor(readonly id: string) {}
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  dispose(): void {
    this.visible = false;
  }
}

export class FakeDiagnosticCollection implements DiagnosticCollectionApi {
  readonly byUri = new Map<string, readonly vscode.Diagnostic[]>();
  constructor(readonly name: string) {}
  set(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[] | undefined): void {
    if (diagnostics === undefined) this.byUri.delete(uri.toString());
    else this.byUri.set(uri.toString(), diagnostics);
  }
  delete(uri: vscode.Uri): void {
    this.byUri.delete(uri.toString());
  }
  dispose(): void {
    this.byUri.clear();
  }
  of(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.byUri.get(uri.toString()) ?? [];
  }
}

/** A watcher that never fires: the fake workspace has no files on disk. */
class FakeFileSystemWatcher implements vscode.FileSystemWatcher {
  readonly ignoreCreateEvents = false;
  readonly ignoreChangeEvents = false;
  readonly ignoreDeleteEvents = false;
  readonly onDidCreate = new EventEmitter<vscode.Uri>().event;
  readonly onDidChange = new EventEmitter<vscode.Uri>().event;
  readonly onDidDelete = new EventEmitter<vscode.Uri>().event;
  dispose(): void {
    // Nothing to release.
  }
}

/** A tree view: the provider it shows, its message, and a `show()` that makes it visible. */
export class FakeTreeView<T> implements vscode.TreeView<T> {
  private readonly visibility = new EventEmitter<vscode.TreeViewVisibilityChangeEvent>();
  readonly onDidExpandElement = new EventEmitter<vscode.TreeViewExpansionEvent<T>>().event;
  readonly onDidCollapseElement = new EventEmitter<vscode.TreeViewExpansionEvent<T>>().event;
  readonly onDidChangeSelection = new EventEmitter<vscode.TreeViewSelectionChangeEvent<T>>().event;
  readonly onDidChangeCheckboxState = new EventEmitter<vscode.TreeCheckboxChangeEvent<T>>().event;
  readonly onDidChangeVisibility = this.visibility.event;
  readonly selection: readonly T[] = [];
  visible = false;
  message?: string;
  title?: string;
  description?: string;
  badge?: vscode.ViewBadge | undefined;
  constructor(
    readonly id: string,
    readonly provider: vscode.TreeDataProvider<T>,
  ) {}
  show(): void {
    this.visible = true;
    this.visibility.fire({ visible: true });
  }
  reveal(): Thenable<void> {
    return Promise.resolve();
  }
  dispose(): void {
    this.visible = false;
  }
}

/** A text document held in memory; `edit` replaces its text and bumps its version. */
export class FakeTextDocument implements vscode.TextDocument {
  version = 1;
  isDirty = false;
  isClosed = false;
  readonly isUntitled = false;
  readonly eol = 1;
  constructor(
    readonly uri: Uri,
    private text: string,
    readonly languageId: string,
  ) {}
  get fileName(): string {
    return this.uri.fsPath;
  }
  /** Where each line starts, built once per text: offsetAt and lineAt are then as cheap as VS Code's own. */
  private starts: number[] | undefined;
  private lineStarts(): number[] {
    if (!this.starts) {
      const starts = [0];
      for (let index = this.text.indexOf('\n'); index !== -1; index = this.text.indexOf('\n', index + 1)) starts.push(index + 1);
      this.starts = starts;
    }
    return this.starts;
  }
  get lineCount(): number {
    return this.lineStarts().length;
  }
  save(): Thenable<boolean> {
    this.isDirty = false;
    return Promise.resolve(true);
  }
  edit(text: string): void {
    this.text = text;
    this.starts = undefined;
    this.version++;
    this.isDirty = true;
  }
  lineAt(lineOrPosition: number | vscode.Position): vscode.TextLine {
    const lineNumber = typeof lineOrPosition === 'number' ? lineOrPosition : lineOrPosition.line;
    const starts = this.lineStarts();
    const start = starts[lineNumber];
    const next = starts[lineNumber + 1];
    const text = start === undefined ? '' : this.text.slice(start, next === undefined ? this.text.length : next - 1);
    const range = new Range(lineNumber, 0, lineNumber, text.length);
    const firstNonWhitespaceCharacterIndex = text.length - text.trimStart().length;
    return { lineNumber, text, range, rangeIncludingLineBreak: new Range(lineNumber, 0, lineNumber + 1, 0), firstNonWhitespaceCharacterIndex, isEmptyOrWhitespace: text.trim() === '' };
  }
  offsetAt(position: vscode.Position): number {
    const starts = this.lineStarts();
    const line = Math.min(position.line, starts.length - 1);
    const start = starts[line] ?? 0;
    const next = starts[line + 1];
    const lineEnd = next === undefined ? this.text.length : next - 1;
    return position.line >= starts.length ? this.text.length : Math.min(lineEnd, start + position.character);
  }
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= clamped) low = middle;
      else high = middle - 1;
    }
    return new Position(low, clamped - (starts[low] ?? 0));
  }
  getText(range?: vscode.Range): string {
    return range ? this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }
  getWordRangeAtPosition(): vscode.Range | undefined {
    return undefined;
  }
  validateRange(range: vscode.Range): vscode.Range {
    return range;
  }
  validatePosition(position: vscode.Position): vscode.Position {
    return position;
  }
}

/**
 * Settings at the default, user and workspace levels, as `inspect` reports them. `get` gives the workspace value
 * whether or not the workspace is trusted: the fake leaves Restricted Mode to the Config under test.
 */
class FakeSettings implements SettingsApi {
  constructor(
    private readonly editor: FakeEditor,
    private readonly section: string,
  ) {}
  get(key: string): unknown {
    const levels = this.inspect(key);
    return levels.workspaceValue ?? levels.globalValue ?? levels.defaultValue;
  }
  inspect(key: string): { defaultValue?: unknown; globalValue?: unknown; workspaceValue?: unknown } {
    const id = `${this.section}.${key}`;
    return { defaultValue: this.editor.defaults.get(id), globalValue: this.editor.user.get(id), workspaceValue: this.editor.workspaceSettings.get(id) };
  }
  update(key: string, value: unknown, target: vscode.ConfigurationTarget): Thenable<void> {
    const id = `${this.section}.${key}`;
    const level = target === 2 ? this.editor.workspaceSettings : this.editor.user;
    this.editor.updates.push({ id, value, target: target === 2 ? 'workspace' : 'user' });
    if (value === undefined) level.delete(id);
    else level.set(id, value);
    this.editor.changeSettings(id);
    return Promise.resolve();
  }
}

export class FakeEditor implements EditorApis {
  readonly messages: ShownMessage[] = [];
  /** Answers of the next notifications: a button title, undefined for dismissed, or a promise (still showing). */
  readonly messageAnswers: (string | undefined | Promise<string | undefined>)[] = [];
  /** Answers of the next quick picks: the label to pick, or undefined for cancelled. */
  readonly quickPickAnswers: (string | undefined)[] = [];
  /** The items of each quick pick shown, in order. */
  readonly quickPicks: { readonly label: string; readonly description: string | undefined }[][] = [];
  readonly openDialogAnswers: (string | undefined)[] = [];
  /** Answers of the next input boxes: the text typed, or undefined for cancelled. */
  readonly inputBoxAnswers: (string | undefined)[] = [];
  /** What the input boxes asked, with the validation message of each answer given. */
  readonly inputBoxes: { readonly prompt: string; readonly validation: string | undefined }[] = [];
  /** The next progress's Cancel button is pressed as soon as its task listens for it. */
  cancelNextProgress = false;
  /** The content providers registered, by scheme: a test reads the virtual documents the extension opens. */
  readonly contentProviders = new Map<string, vscode.TextDocumentContentProvider>();
  /** Progress titles shown, in order. */
  readonly progressTitles: string[] = [];
  /** Every showTextDocument call: what was shown and with which options (selection, preview). */
  readonly shownDocuments: { readonly document: vscode.TextDocument | vscode.Uri; readonly options: vscode.TextDocumentShowOptions }[] = [];
  readonly statusBarItems: FakeStatusBarItem[] = [];
  /** Files on disk, by absolute path: findFiles lists those its glob matches, stat and readFile read them. */
  readonly disk = new Map<string, string>();
  /** Set for a remote window (`ssh-remote`, `wsl`…): where machine-scoped settings live and show. */
  remoteName: string | undefined;
  readonly logChannels: FakeLogChannel[] = [];
  readonly collections: FakeDiagnosticCollection[] = [];
  readonly treeViews: FakeTreeView<unknown>[] = [];
  /** What was created, in order ("log channel", "status bar item", "tree view"…): activation's order shows here. */
  readonly created: string[] = [];
  readonly commandHandlers = new Map<string, (...args: never[]) => unknown>();
  readonly executed: { readonly id: string; readonly args: readonly unknown[] }[] = [];
  readonly defaults = new Map<string, unknown>();
  readonly user = new Map<string, unknown>();
  readonly workspaceSettings = new Map<string, unknown>();
  readonly updates: { readonly id: string; readonly value: unknown; readonly target: 'user' | 'workspace' }[] = [];
  readonly documents: FakeTextDocument[] = [];
  /** The window's workspace folders; none by default (an empty window). */
  readonly workspaceFolders: vscode.WorkspaceFolder[] = [];
  readonly contextKeys = new Map<string, unknown>();
  clipboard = '';
  trusted = true;
  private readonly configurationChanged = new EventEmitter<vscode.ConfigurationChangeEvent>();
  private readonly trustGranted = new EventEmitter<undefined>();
  private readonly opened = new EventEmitter<vscode.TextDocument>();
  private readonly changedDocument = new EventEmitter<vscode.TextDocumentChangeEvent>();
  private readonly saved = new EventEmitter<vscode.TextDocument>();
  private readonly closed = new EventEmitter<vscode.TextDocument>();

  readonly window: EditorApis['window'];
  readonly workspace: EditorApis['workspace'];
  readonly commands: EditorApis['commands'];
  readonly languages: EditorApis['languages'];
  readonly env: EditorApis['env'];

  constructor() {
    const show = (severity: ShownMessage['severity']) => (message: string, ...actions: string[]): Thenable<string | undefined> => {
      this.messages.push({ severity, message, actions });
      return Promise.resolve<string | undefined>(this.messageAnswers.shift());
    };
    const trusted = (): boolean => this.trusted;
    const openDocuments = (): FakeTextDocument[] => this.documents.filter((document) => !document.isClosed);
    const folders = (): vscode.WorkspaceFolder[] | undefined => (this.workspaceFolders.length > 0 ? this.workspaceFolders : undefined);
    this.window = {
      showErrorMessage: show('error'),
      showWarningMessage: show('warning'),
      showInformationMessage: show('info'),
      showQuickPick: (items) => {
        this.quickPicks.push(items.map((item) => ({ label: item.label, description: item.description })));
        const label = this.quickPickAnswers.shift();
        return Promise.resolve(label === undefined ? undefined : items.find((item) => item.label === label));
      },
      showInputBox: async (options) => {
        const answer = this.inputBoxAnswers.shift();
        const validation = answer === undefined ? undefined : await options.validateInput?.(answer);
        const message = typeof validation === 'string' ? validation : (validation ?? undefined)?.message;
        this.inputBoxes.push({ prompt: options.prompt ?? options.title ?? '', validation: message });
        return message ? undefined : answer;
      },
      showOpenDialog: () => {
        const path = this.openDialogAnswers.shift();
        return Promise.resolve(path === undefined ? undefined : [Uri.file(path)]);
      },
      showSaveDialog: () => notFaked('showSaveDialog'),
      showTextDocument: (document, options) => {
        this.shownDocuments.push({ document, options });
        return Promise.resolve(undefined);
      },
      withProgress: (options, task) => {
        this.progressTitles.push(options.title ?? '');
        const cancelled = this.cancelNextProgress;
        this.cancelNextProgress = false;
        const token: vscode.CancellationToken = {
          isCancellationRequested: cancelled,
          onCancellationRequested: (listener: (event: unknown) => unknown) => {
            if (cancelled) queueMicrotask(() => listener(undefined));
            return new Disposable(() => undefined);
          },
        };
        return task({ report: () => undefined }, token);
      },
      setStatusBarMessage: () => new Disposable(() => undefined),
      createStatusBarItem: (id) => {
        this.created.push(`status bar item ${id}`);
        const item = new FakeStatusBarItem(id);
        this.statusBarItems.push(item);
        return item;
      },
      createLogChannel: (name) => {
        this.created.push(`log channel ${name}`);
        const channel = new FakeLogChannel();
        this.logChannels.push(channel);
        return channel;
      },
      createTreeView: (viewId, options) => {
        this.created.push(`tree view ${viewId}`);
        const view = new FakeTreeView(viewId, options.treeDataProvider);
        this.treeViews.push(view);
        return view;
      },
      createWebviewPanel: () => notFaked('createWebviewPanel'),
      registerWebviewPanelSerializer: () => new Disposable(() => undefined),
      activeTextEditor: undefined,
    };
    this.workspace = {
      get isTrusted() {
        return trusted();
      },
      get textDocuments() {
        return openDocuments();
      },
      get workspaceFolders() {
        return folders();
      },
      getConfiguration: (section) => new FakeSettings(this, section),
      onDidChangeConfiguration: (listener) => this.configurationChanged.event(listener),
      onDidGrantWorkspaceTrust: (listener) => this.trustGranted.event(() => listener()),
      onDidOpenTextDocument: (listener) => this.opened.event(listener),
      onDidChangeTextDocument: (listener) => this.changedDocument.event(listener),
      onDidSaveTextDocument: (listener) => this.saved.event(listener),
      onDidCloseTextDocument: (listener) => this.closed.event(listener),
      openTextDocument: (uri) => {
        const found = this.documents.find((document) => document.uri.toString() === uri.toString());
        return found ? Promise.resolve(found) : Promise.reject(new Error(`no document ${uri.toString()}`));
      },
      asRelativePath: (uri) => uri.path.replace(/^\/workspace\//, ''),
      getWorkspaceFolder: () => undefined,
      findFiles: (include, exclude, maxResults) =>
        Promise.resolve([...this.disk.keys()].filter((path) => globToRegExp(include).test(path) && !globToRegExp(exclude).test(path)).slice(0, maxResults).map((path) => Uri.file(path))),
      createFileSystemWatcher: () => new FakeFileSystemWatcher(),
      stat: (uri) => {
        const text = this.disk.get(uri.path);
        return text === undefined ? notFaked('stat') : Promise.resolve({ type: 1, ctime: 0, mtime: 0, size: Buffer.byteLength(text) });
      },
      readFile: (uri) => {
        const text = this.disk.get(uri.path);
        return text === undefined ? notFaked('readFile') : Promise.resolve(new TextEncoder().encode(text));
      },
      writeFile: () => notFaked('writeFile'),
      registerTextDocumentContentProvider: (scheme, provider) => {
        this.contentProviders.set(scheme, provider);
        return new Disposable(() => this.contentProviders.delete(scheme));
      },
    };
    this.commands = {
      registerCommand: (id, handler) => {
        this.commandHandlers.set(id, handler);
        return new Disposable(() => this.commandHandlers.delete(id));
      },
      executeCommand: async (id, ...args) => {
        this.executed.push({ id, args });
        if (id === 'setContext') {
          this.contextKeys.set(String(args[0]), args[1]);
          return undefined;
        }
        const handler = this.commandHandlers.get(id);
        return handler ? await Promise.resolve(Reflect.apply(handler, undefined, args) as unknown) : undefined;
      },
    };
    this.languages = {
      createDiagnosticCollection: (name) => {
        this.created.push(`diagnostic collection ${name}`);
        const collection = new FakeDiagnosticCollection(name);
        this.collections.push(collection);
        return collection;
      },
      setTextDocumentLanguage: (document) => Promise.resolve(document),
      registerHoverProvider: () => new Disposable(() => undefined),
      registerCodeLensProvider: () => new Disposable(() => undefined),
      registerCodeActionsProvider: () => new Disposable(() => undefined),
    };
    const remote = (): string | undefined => this.remoteName;
    this.env = {
      writeClipboard: (text) => {
        this.clipboard = text;
        return Promise.resolve();
      },
      get remoteName() {
        return remote();
      },
    };
  }

  /** A setting changed (as the settings editor or a settings file would), with its event. */
  changeSettings(...ids: string[]): void {
    this.configurationChanged.fire({ affectsConfiguration: (section) => ids.some((id) => id === section || id.startsWith(`${section}.`)) });
  }

  grantTrust(): void {
    this.trusted = true;
    this.trustGranted.fire(undefined);
  }

  /** Opens a document at /workspace/<path>, firing onDidOpenTextDocument. */
  open(path: string, text: string, languageId: string): FakeTextDocument {
    const document = new FakeTextDocument(Uri.file(`/workspace/${path}`), text, languageId);
    this.documents.push(document);
    this.opened.fire(document);
    return document;
  }

  edit(document: FakeTextDocument, text: string): void {
    document.edit(text);
    this.changedDocument.fire({ document, contentChanges: [], reason: undefined });
  }

  close(document: FakeTextDocument): void {
    document.isClosed = true;
    this.closed.fire(document);
  }

  /** Runs a registered command as VS Code would. */
  run(id: string, ...args: unknown[]): Promise<unknown> {
    return Promise.resolve(this.commands.executeCommand(id, ...args));
  }
}

/** Waits for the event loop to run what the extension scheduled (debounced lints, setImmediate scans). */
export async function settle(ms = 0): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  await new Promise((resolve) => setImmediate(resolve));
}
