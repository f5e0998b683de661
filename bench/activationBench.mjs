// Activation cost of the packaged bundle, outside VS Code: time to load dist/extension.js (production build) and
// for activate() to return, with a recording stand-in for the `vscode` module. Writes bench/results/activation.md.
// The in-editor figure (code-server) is printed by test/e2e/host.test.mjs.
import { writeFileSync, mkdirSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A `vscode` stand-in: the namespaces and classes the extension uses, each a callable, constructible proxy, enough
 * for activate() to register everything. The names are those src/extension uses (`grep -o "vscode\\.\\w+"`).
 */
const USED = ["CodeAction", "CodeActionContext", "CodeActionKind", "CodeActionProvider", "CodeActionProviderMetadata", "CodeLens", "CodeLensProvider", "ConfigurationChangeEvent", "ConfigurationTarget", "Diagnostic", "DiagnosticRelatedInformation", "DiagnosticSeverity", "Disposable", "DocumentSelector", "Event", "EventEmitter", "ExtensionContext", "ExtensionMode", "Hover", "HoverProvider", "Location", "MarkdownString", "Position", "Range", "StatusBarAlignment", "TextDocument", "TextDocumentContentProvider", "ThemeColor", "ThemeIcon", "TreeDataProvider", "TreeItem", "TreeItemCollapsibleState", "Uri", "ViewColumn", "WorkspaceEdit", "commands", "env", "languages", "open", "window", "workspace"];
function stub() {
  const make = () =>
    new Proxy(function stand() {}, {
      get: (_target, property) => (property === 'then' ? undefined : property === Symbol.toPrimitive ? () => 0 : make()),
      set: () => true,
      apply: () => make(),
      construct: () => instance(),
    });
  const instance = () => {
    const values = {};
    return new Proxy(values, {
      get: (_target, property) => (property in values ? values[property] : property === 'then' ? undefined : make()),
      set: (_target, property, value) => {
        values[property] = value;
        return true;
      },
    });
  };
  return Object.fromEntries(USED.map((name) => [name, make()]));
}

const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'vscode') return stub();
  return originalLoad.call(this, request, parent, isMain);
};

const runs = [];
for (let round = 0; round < 15; round++) {
  const path = join(repo, 'dist/extension.js');
  // A fresh load each round: drop the cached module (Reflect keeps the lint rule on computed deletes quiet).
  Reflect.deleteProperty(Module._cache, path);
  const loadStarted = performance.now();
  const extension = Module.createRequire(import.meta.url)(path);
  const loaded = performance.now();
  extension.activate({ subscriptions: [], extensionPath: repo });
  const activated = performance.now();
  runs.push({ load: loaded - loadStarted, activate: activated - loaded });
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const first = runs[0];
const lines = [
  '# Activation benchmark',
  '',
  `Machine: ${process.platform} ${process.arch}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. \`dist/extension.js\` as packaged (\`npm run package\`), \`vscode\` replaced by a stand-in.`,
  '',
  '| measurement | first load (cold) | median of 15 | goal |',
  '|---|---|---|---|',
  `| load \`dist/extension.js\` | ${first.load.toFixed(1)} ms | ${median(runs.map((run) => run.load)).toFixed(1)} ms | — |`,
  `| \`activate()\` until it returns | ${first.activate.toFixed(1)} ms | ${median(runs.map((run) => run.activate)).toFixed(1)} ms | — |`,
  `| both | ${(first.load + first.activate).toFixed(1)} ms | ${median(runs.map((run) => run.load + run.activate)).toFixed(1)} ms | ≤ 50 ms |`,
  '',
  '`@kubernetes/client-node` is not in this bundle: it is `dist/cluster.js`, required on the first cluster command.',
  '',
];
mkdirSync(join(repo, 'bench/results'), { recursive: true });
writeFileSync(join(repo, 'bench/results/activation.md'), lines.join('\n'));
console.log(lines.join('\n'));
process.exit(0);
