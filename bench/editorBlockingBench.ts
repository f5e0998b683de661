/**
 * The editor's longest synchronous stretch while linting: the real FileDiagnostics and WorkspaceFacts on the fake
 * editor (test/fakes), fed the worst inputs of test/hardening/lintInputs.test.ts at sizes around the editor's budget
 * (the largest that is still linted is the costliest) and Calico's real manifests. The event loop's longest delay
 * (perf_hooks.monitorEventLoopDelay) is the longest time the extension host could not answer. Run with
 * `npm run bench:editor`; results go to bench/results/editor-blocking.md. CALICO_MANIFESTS adds Calico's manifests.
 */
import '../test/fakes/installVscode';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { EDITOR_LINT_BUDGET_MS } from '../src/core/files/lintBudget';
import { Config } from '../src/extension/config';
import { FileDiagnostics } from '../src/extension/fileDiagnostics';
import { WorkspaceFacts } from '../src/extension/workspaceFacts';
import { FakeEditor, FakeLogChannel, settle } from '../test/fakes/editorApis';
import { EventEmitter } from '../test/fakes/vscode';

const ROOT = join(__dirname, '../..');
const GOAL_MS = 50;

interface Input {
  readonly name: string;
  readonly path: string;
  readonly text: string;
}

/** Each bomb at sizes from small to far past the budget: somewhere in between is the costliest file still linted. */
function bombs(): Input[] {
  const sizes = [100, 300, 1_000, 2_000, 3_000, 5_000, 10_000, 30_000, 100_000, 1_000_000];
  const shapes: { name: string; path: string; make: (count: number) => string }[] = [
    { name: 'node-label+ documents', path: 'etc/rancher/rke2/config.yaml', make: (count) => Array.from({ length: count }, (_, index) => `node-label+:\n  - k${index}=v\n`).join('---\n') },
    { name: 'template expressions on one line', path: 'templates/config.yaml.j2', make: (count) => `tls-san: ${'{{ a }}'.repeat(count)}\ncni: calico\n` },
    { name: 'unclosed template openers', path: 'templates/config.yaml.tpl', make: (count) => `tls-san: "${'{{ {% {# ${ %{ '.repeat(count)}"\ncni: calico\n` },
    { name: 'keys of one mapping', path: 'etc/rancher/rke2/config.yaml', make: (count) => `cni: calico\n${Array.from({ length: count }, (_, index) => `kubelet-arg${index}: v\n`).join('')}` },
    { name: 'aliases', path: 'etc/rancher/rke2/config.yaml', make: (count) => `cni: &a calico\nnode-label: [${'*a,'.repeat(count)}*a]\n` },
    { name: 'flow items', path: 'etc/rancher/rke2/config.yaml', make: (count) => `cni: calico\nnode-label: [${'a,'.repeat(count)}a]\n` },
    { name: 'nested flow collections', path: 'etc/rancher/rke2/config.yaml', make: (count) => `cni: calico\nnode-label: ${'['.repeat(Math.min(count, 5000))}a${']'.repeat(Math.min(count, 5000))}\n` },
    { name: 'valuesContent lines', path: 'server/manifests/rke2-calico-config.yaml', make: (count) => `apiVersion: helm.cattle.io/v1\nkind: HelmChartConfig\nmetadata:\n  name: rke2-calico\n  namespace: kube-system\nspec:\n  valuesContent: |-\n${Array.from({ length: count }, (_, index) => `    key${index}: {a: [1, 2, 3]}`).join('\n')}\n` },
    { name: 'long plain line', path: 'etc/rancher/rke2/config.yaml', make: (count) => `cni: ${'a'.repeat(count * 30)}\n` },
  ];
  return shapes.flatMap((shape) => sizes.map((count) => ({ name: `${shape.name} ×${count}`, path: shape.path, text: shape.make(count) })));
}

/** Calico-sized manifests (calico.yaml is ~5,000 lines, operator-crds.yaml ~57,000): a ConfigMap, then the HelmChartConfig. */
function largeManifests(): Input[] {
  const helmChartConfig = readFileSync(join(ROOT, 'test/fixtures/workspace/server/manifests/rke2-calico-config.yaml'), 'utf8');
  return [5_000, 20_000, 57_000].map((lines) => ({
    name: `Calico-sized manifest, ${lines} lines`,
    path: 'server/manifests/calico.yaml',
    text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: calico-config\ndata:\n${Array.from({ length: lines }, (_, index) => `  key${index}: "value ${index}"\n`).join('')}---\n${helmChartConfig}`,
  }));
}

function calicoManifests(): Input[] {
  const folder = process.env.CALICO_MANIFESTS;
  if (!folder) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((entry) => /\.ya?ml$/.test(entry) && statSync(join(folder, entry)).isFile())
    .map((entry) => ({ name: `calico manifests/${entry}`, path: `manifests/${entry}`, text: readFileSync(join(folder, entry), 'utf8') }));
}

const facts = { context: () => Promise.resolve({}), crossFileFindings: () => Promise.resolve([]), isForcedConfig: () => false, onDidChange: new EventEmitter<void>().event };

/** Opens the input in the editor, waits for its diagnostics, and returns the event loop's longest delay meanwhile. */
async function blockingWhileLinting(input: Input): Promise<{ maxMs: number; cpuMs: number; diagnostics: number; skipped: boolean }> {
  const editor = new FakeEditor();
  const diagnostics = new FileDiagnostics(editor.workspace, editor.languages, facts, new FakeLogChannel());
  await settle(5);
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const document = editor.open(input.path, input.text, 'yaml');
  // The fake indexes lines on first use (VS Code keeps them indexed): done here, before the lint's timer fires.
  document.lineAt(0);
  histogram.enable();
  const cpu = process.cpuUsage();
  const collection = editor.collections.find((entry) => entry.name === 'rke2-calico');
  // The lint is done when the collection holds the document (an empty list for unrelated files), or after a while.
  for (let waited = 0; waited < 60_000 && collection?.byUri.has(document.uri.toString()) !== true; waited += 5) await settle(5);
  const used = process.cpuUsage(cpu);
  await settle(5);
  histogram.disable();
  const found = collection?.byUri.get(document.uri.toString()) ?? [];
  diagnostics.dispose();
  return { maxMs: histogram.max / 1e6, cpuMs: (used.user + used.system) / 1000, diagnostics: found.length, skipped: found.some((diagnostic) => diagnostic.message.startsWith('Not checked in the editor')) };
}

/** Gathers workspace facts over all inputs (as files of the workspace) and returns the longest delay meanwhile. */
async function blockingWhileGatheringFacts(inputs: readonly Input[]): Promise<number> {
  const editor = new FakeEditor();
  const files = new Map(inputs.map((input, index) => [`/workspace/${index}/${input.path}`, input.text]));
  Object.assign(editor.workspace, {
    findFiles: () => Promise.resolve([...files.keys()].map((path) => vscode.Uri.file(path))),
    stat: (uri: vscode.Uri) => Promise.resolve({ size: Buffer.byteLength(files.get(uri.path) ?? '') }),
    // As VS Code's reads: answered in a later turn of the event loop.
    readFile: (uri: vscode.Uri) => new Promise((resolve) => setImmediate(() => resolve(new TextEncoder().encode(files.get(uri.path) ?? '')))),
  });
  const log = new FakeLogChannel();
  const workspaceFacts = new WorkspaceFacts(editor.workspace, new Config(editor.workspace, log));
  await settle(5);
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  await workspaceFacts.context(vscode.Uri.file('/workspace/0/etc/rancher/rke2/config.yaml'));
  histogram.disable();
  workspaceFacts.dispose();
  return histogram.max / 1e6;
}

async function main(): Promise<void> {
  const inputs = [...bombs(), ...largeManifests(), ...calicoManifests()];
  // The first lint loads the engine (dist/lint.js in the extension): a one-time cost, measured on its own.
  const first = await blockingWhileLinting({ name: 'first lint', path: 'etc/rancher/rke2/config.yaml', text: 'cni: calico\n' });
  // A session lints a few small files before a big one: each shape once, small, as that warm-up.
  for (const input of inputs.filter((entry) => entry.name.endsWith(' ×100'))) await blockingWhileLinting(input);
  const rows: { input: Input; maxMs: number; cpuMs: number; diagnostics: number; skipped: boolean }[] = [];
  for (const input of inputs) rows.push({ input, ...(await blockingWhileLinting(input)) });
  // The facts are gathered from files of at most 1 MiB (WorkspaceFacts): the same inputs, within that size.
  const factsMs = await blockingWhileGatheringFacts(inputs.filter((input) => input.text.length <= 1024 * 1024));
  const worst = [...rows].sort((a, b) => b.maxMs - a.maxMs);
  const longest = Math.max(worst[0]?.maxMs ?? 0, factsMs);
  const mostCpu = Math.max(...rows.map((row) => row.cpuMs));
  const load = loadavg()[0] ?? 0;
  const lines = [
    '# Editor blocking benchmark',
    '',
    `Machine: ${process.platform} ${process.arch}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. The longest event-loop delay`,
    `(perf_hooks, 1 ms resolution) while the real FileDiagnostics lints one opened document on the fake editor, and while`,
    `WorkspaceFacts gathers facts from all of them. Files within the on-thread budget (${EDITOR_LINT_BUDGET_MS} ms estimated) are linted on the`,
    `extension host's thread, larger ones on the lint worker thread; goal: no stretch over ${GOAL_MS} ms.`,
    `${inputs.length} inputs: ${rows.filter((row) => row.skipped).length} not checked in the editor (over 16 MiB, or the worker's lint failed), the rest linted.`,
    `Load average at the end: ${load.toFixed(1)} on ${cpus().length} cores (a wall-clock stretch includes time the process waited for a core; the CPU time does not).`,
    '',
    '| measurement | result | goal |',
    '|---|---|---|',
    `| longest synchronous stretch (wall clock), any input | ${longest.toFixed(1)} ms | ≤ ${GOAL_MS} ms |`,
    `| most CPU time of one lint (open to diagnostics, the worker's included), any input | ${mostCpu.toFixed(1)} ms | — |`,
    `| first lint, which loads the engine (once per session) | ${first.maxMs.toFixed(1)} ms | — |`,
    `| longest while gathering workspace facts (${inputs.filter((input) => input.text.length <= 1024 * 1024).length} files) | ${factsMs.toFixed(1)} ms | ≤ ${GOAL_MS} ms |`,
    '',
    'The ten longest, per input:',
    '',
    '| input | size | longest stretch | CPU time | outcome |',
    '|---|---|---|---|---|',
    ...worst.slice(0, 10).map((row) => `| ${row.input.name} | ${(row.input.text.length / 1024).toFixed(0)} KiB | ${row.maxMs.toFixed(1)} ms | ${row.cpuMs.toFixed(1)} ms | ${row.skipped ? 'not checked in the editor' : `${row.diagnostics} diagnostic(s)`} |`),
    '',
  ];
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/editor-blocking.md'), lines.join('\n'));
  process.stdout.write(lines.join('\n'));
}

void main();
