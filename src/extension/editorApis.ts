import * as vscode from 'vscode';

/**
 * The thin seam between the extension and VS Code's `window`, `workspace`, `commands`, `languages` and `env`: every
 * module of src/extension reaches them through an EditorApis it is given, never through the `vscode` namespace
 * (an ESLint rule holds that), so the tree, the status bar, the diagnostics, the settings and the session run in
 * unit tests with a fake. Each member is the VS Code call of the same name, narrowed to the one signature used;
 * VS Code's value types (Uri, Range, TreeItem, EventEmitter…) are still used directly.
 */
export interface WindowApis {
  showErrorMessage(message: string, ...actions: string[]): Thenable<string | undefined>;
  showWarningMessage(message: string, ...actions: string[]): Thenable<string | undefined>;
  showInformationMessage(message: string, ...actions: string[]): Thenable<string | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  showOpenDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined>;
  showSaveDialog(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined>;
  showTextDocument(document: vscode.TextDocument | vscode.Uri, options: vscode.TextDocumentShowOptions): Thenable<unknown>;
  /** The task gets VS Code's progress and, with `cancellable`, the token its Cancel button sets. */
  withProgress<R>(options: vscode.ProgressOptions, task: (progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken) => Thenable<R>): Thenable<R>;
  setStatusBarMessage(text: string, hideAfterMs: number): vscode.Disposable;
  createStatusBarItem(id: string, alignment: vscode.StatusBarAlignment, priority: number): StatusBarItemApi;
  /** A LogOutputChannel (`{ log: true }`): timestamps, levels and the user's log level come from VS Code. */
  createLogChannel(name: string): LogChannelApi;
  createTreeView<T>(viewId: string, options: vscode.TreeViewOptions<T>): vscode.TreeView<T>;
  createWebviewPanel(viewType: string, title: string, column: vscode.ViewColumn, options: vscode.WebviewPanelOptions & vscode.WebviewOptions): vscode.WebviewPanel;
  registerWebviewPanelSerializer(viewType: string, serializer: vscode.WebviewPanelSerializer): vscode.Disposable;
  readonly activeTextEditor: vscode.TextEditor | undefined;
}

/** The part of a status-bar item the extension sets. */
export type StatusBarItemApi = Pick<vscode.StatusBarItem, 'name' | 'text' | 'tooltip' | 'command' | 'backgroundColor' | 'show' | 'hide' | 'dispose'>;

/** The part of a LogOutputChannel the extension uses: it is a Logger, and Show Logs reveals it. */
export interface LogChannelApi {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  show(preserveFocus: boolean): void;
  dispose(): void;
}

/** A settings section as the extension reads and writes it. */
export interface SettingsApi {
  get(key: string): unknown;
  inspect(key: string): { readonly defaultValue?: unknown; readonly globalValue?: unknown; readonly workspaceValue?: unknown; readonly workspaceFolderValue?: unknown } | undefined;
  update(key: string, value: unknown, target: vscode.ConfigurationTarget): Thenable<void>;
}

export interface WorkspaceApis {
  readonly isTrusted: boolean;
  readonly textDocuments: readonly vscode.TextDocument[];
  readonly workspaceFolders: readonly vscode.WorkspaceFolder[] | undefined;
  getConfiguration(section: string): SettingsApi;
  onDidChangeConfiguration(listener: (event: vscode.ConfigurationChangeEvent) => void): vscode.Disposable;
  onDidGrantWorkspaceTrust(listener: () => void): vscode.Disposable;
  onDidOpenTextDocument(listener: (document: vscode.TextDocument) => void): vscode.Disposable;
  onDidChangeTextDocument(listener: (event: vscode.TextDocumentChangeEvent) => void): vscode.Disposable;
  onDidSaveTextDocument(listener: (document: vscode.TextDocument) => void): vscode.Disposable;
  onDidCloseTextDocument(listener: (document: vscode.TextDocument) => void): vscode.Disposable;
  openTextDocument(uri: vscode.Uri): Thenable<vscode.TextDocument>;
  asRelativePath(uri: vscode.Uri): string;
  getWorkspaceFolder(uri: vscode.Uri): vscode.WorkspaceFolder | undefined;
  findFiles(include: string, exclude: string, maxResults: number): Thenable<vscode.Uri[]>;
  createFileSystemWatcher(glob: string): vscode.FileSystemWatcher;
  stat(uri: vscode.Uri): Thenable<vscode.FileStat>;
  readFile(uri: vscode.Uri): Thenable<Uint8Array>;
  writeFile(uri: vscode.Uri, content: Uint8Array): Thenable<void>;
  registerTextDocumentContentProvider(scheme: string, provider: vscode.TextDocumentContentProvider): vscode.Disposable;
}

export interface CommandApis {
  registerCommand(id: string, handler: (...args: never[]) => unknown): vscode.Disposable;
  executeCommand(id: string, ...args: unknown[]): Thenable<unknown>;
}

/** The part of a diagnostic collection the extension uses. */
export interface DiagnosticCollectionApi {
  set(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[] | undefined): void;
  delete(uri: vscode.Uri): void;
  dispose(): void;
}

export interface LanguageApis {
  createDiagnosticCollection(name: string): DiagnosticCollectionApi;
  setTextDocumentLanguage(document: vscode.TextDocument, languageId: string): Thenable<vscode.TextDocument>;
  registerHoverProvider(selector: vscode.DocumentSelector, provider: vscode.HoverProvider): vscode.Disposable;
  registerCodeLensProvider(selector: vscode.DocumentSelector, provider: vscode.CodeLensProvider): vscode.Disposable;
  registerCodeActionsProvider(selector: vscode.DocumentSelector, provider: vscode.CodeActionProvider, metadata: vscode.CodeActionProviderMetadata): vscode.Disposable;
}

export interface EnvApis {
  writeClipboard(text: string): Thenable<void>;
  /** The remote's kind (`ssh-remote`, `wsl`…) in a remote window; undefined in a local one. */
  readonly remoteName: string | undefined;
}

export interface EditorApis {
  readonly window: WindowApis;
  readonly workspace: WorkspaceApis;
  readonly commands: CommandApis;
  readonly languages: LanguageApis;
  readonly env: EnvApis;
}

/** The seam as VS Code implements it: each member calls the API of the same name. */
export function vscodeEditorApis(): EditorApis {
  return {
    window: {
      showErrorMessage: (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
      showWarningMessage: (message, ...actions) => vscode.window.showWarningMessage(message, ...actions),
      showInformationMessage: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
      showQuickPick: (items, options) => vscode.window.showQuickPick(items, options),
      showInputBox: (options) => vscode.window.showInputBox(options),
      showOpenDialog: (options) => vscode.window.showOpenDialog(options),
      showSaveDialog: (options) => vscode.window.showSaveDialog(options),
      showTextDocument: (document, options) => (document instanceof vscode.Uri ? vscode.window.showTextDocument(document, options) : vscode.window.showTextDocument(document, options)),
      withProgress: (options, task) => vscode.window.withProgress(options, task),
      setStatusBarMessage: (text, hideAfterMs) => vscode.window.setStatusBarMessage(text, hideAfterMs),
      createStatusBarItem: (id, alignment, priority) => vscode.window.createStatusBarItem(id, alignment, priority),
      createLogChannel: (name) => vscode.window.createOutputChannel(name, { log: true }),
      createTreeView: (viewId, options) => vscode.window.createTreeView(viewId, options),
      createWebviewPanel: (viewType, title, column, options) => vscode.window.createWebviewPanel(viewType, title, column, options),
      registerWebviewPanelSerializer: (viewType, serializer) => vscode.window.registerWebviewPanelSerializer(viewType, serializer),
      get activeTextEditor() {
        return vscode.window.activeTextEditor;
      },
    },
    workspace: {
      get isTrusted() {
        return vscode.workspace.isTrusted;
      },
      get textDocuments() {
        return vscode.workspace.textDocuments;
      },
      get workspaceFolders() {
        return vscode.workspace.workspaceFolders;
      },
      getConfiguration: (section) => vscode.workspace.getConfiguration(section),
      onDidChangeConfiguration: (listener) => vscode.workspace.onDidChangeConfiguration(listener),
      onDidGrantWorkspaceTrust: (listener) => vscode.workspace.onDidGrantWorkspaceTrust(listener),
      onDidOpenTextDocument: (listener) => vscode.workspace.onDidOpenTextDocument(listener),
      onDidChangeTextDocument: (listener) => vscode.workspace.onDidChangeTextDocument(listener),
      onDidSaveTextDocument: (listener) => vscode.workspace.onDidSaveTextDocument(listener),
      onDidCloseTextDocument: (listener) => vscode.workspace.onDidCloseTextDocument(listener),
      openTextDocument: (uri) => vscode.workspace.openTextDocument(uri),
      asRelativePath: (uri) => vscode.workspace.asRelativePath(uri, false),
      getWorkspaceFolder: (uri) => vscode.workspace.getWorkspaceFolder(uri),
      findFiles: (include, exclude, maxResults) => vscode.workspace.findFiles(include, exclude, maxResults),
      createFileSystemWatcher: (glob) => vscode.workspace.createFileSystemWatcher(glob),
      stat: (uri) => vscode.workspace.fs.stat(uri),
      readFile: (uri) => vscode.workspace.fs.readFile(uri),
      writeFile: (uri, content) => vscode.workspace.fs.writeFile(uri, content),
      registerTextDocumentContentProvider: (scheme, provider) => vscode.workspace.registerTextDocumentContentProvider(scheme, provider),
    },
    commands: {
      registerCommand: (id, handler) => vscode.commands.registerCommand(id, handler),
      executeCommand: (id, ...args) => vscode.commands.executeCommand(id, ...args),
    },
    languages: {
      createDiagnosticCollection: (name) => vscode.languages.createDiagnosticCollection(name),
      setTextDocumentLanguage: (document, languageId) => vscode.languages.setTextDocumentLanguage(document, languageId),
      registerHoverProvider: (selector, provider) => vscode.languages.registerHoverProvider(selector, provider),
      registerCodeLensProvider: (selector, provider) => vscode.languages.registerCodeLensProvider(selector, provider),
      registerCodeActionsProvider: (selector, provider, metadata) => vscode.languages.registerCodeActionsProvider(selector, provider, metadata),
    },
    env: {
      writeClipboard: (text) => vscode.env.clipboard.writeText(text),
      get remoteName() {
        return vscode.env.remoteName;
      },
    },
  };
}
