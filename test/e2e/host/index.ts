/**
 * Integration tests inside the real VS Code extension host (code-server), loaded through extensionTestsPath.
 * A small runner: each test runs in order, results are printed, and run() rejects when any failed.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { until as poll } from '../../until';

const EXTENSION_ID = 'rke2-calico-diagnostics.rke2-calico-diagnostics';

interface ProductApi {
  readonly readinessResults: () => readonly { id: string; status: string; summary: string }[];
  readonly treeRoots: () => readonly string[];
  readonly bundleResults: () => readonly { id: string; status: string }[];
  readonly fleetResults: () => readonly { target: { name: string }; outcome: { kind: string; report?: { verdict?: { status: string } }; reason?: string } }[];
  readonly connectionProblem: () => { readonly kind: string; readonly steps: readonly string[]; readonly message: string | undefined } | undefined;
  readonly activationTiming: { readonly loadMs: number; readonly waitMs: number; readonly activateMs: number };
}

const tests: [string, () => Promise<void>][] = [];
function test(name: string, body: () => Promise<void>): void {
  tests.push([name, body]);
}

/** Polls every 100 ms for up to 30 s: the workbench is slower than a unit test. */
function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  return poll(what, probe, 30_000, 100);
}

function extension(): vscode.Extension<ProductApi> {
  const found = vscode.extensions.getExtension<ProductApi>(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is installed`);
  return found;
}

test('activates quickly and registers every contributed command', async () => {
  const ext = extension();
  const started = performance.now();
  await ext.activate();
  const activateMs = performance.now() - started;
  const timing = ext.exports.activationTiming;
  console.log(`[rke2-calico e2e] in VS Code: bundle evaluation ${timing.loadMs.toFixed(1)} ms, VS Code until activate() ${timing.waitMs.toFixed(1)} ms, activate() ${timing.activateMs.toFixed(1)} ms; Extension.activate() as seen by a caller ${activateMs.toFixed(1)} ms`);
  assert.ok(timing.activateMs < 1000, 'activate() does no heavy work');
  const manifest = JSON.parse(readFileSync(join(ext.extensionPath, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
  const registered = new Set(await vscode.commands.getCommands(true));
  const missing = manifest.contributes.commands.map((entry) => entry.command).filter((command) => !registered.has(command));
  assert.deepEqual(missing, [], 'every contributes.commands entry is registered');
});

test('publishes diagnostics for the fixture files at the right places', async () => {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  const uri = vscode.Uri.joinPath(folder.uri, 'server/manifests/rke2-calico-config.yaml');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const diagnostics = await until('diagnostics', () => {
    const found = vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'rke2-calico');
    return found.length >= 4 ? found : undefined;
  });
  const codeOf = (diagnostic: vscode.Diagnostic): string => (typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code));
  const affected = diagnostics.find((diagnostic) => codeOf(diagnostic) === 'calico-affected-version');
  assert.ok(affected, 'calico-affected-version on tigeraOperator.version');
  assert.deepEqual([affected.range.start.line, affected.range.start.character, affected.range.end.character], [19, 15, 22]);
  assert.equal(typeof affected.code === 'object' ? affected.code.target.toString() : '', 'https://github.com/rancher/rke2/issues/7808');
  const bgp = diagnostics.find((diagnostic) => codeOf(diagnostic) === 'invalid-value');
  assert.deepEqual(bgp && [bgp.range.start.line, bgp.range.start.character], [10, 13]);
});

test('the readiness check fills the tree from the simulated cluster', async () => {
  const api = extension().exports;
  await vscode.commands.executeCommand('rke2Calico.runCheck');
  const results = await until('readiness results', () => {
    const found = api.readinessResults();
    return found.length > 0 ? found : undefined;
  });
  const status = Object.fromEntries(results.map((entry) => [entry.id, entry.status]));
  assert.equal(status['identity.known-issues'], 'fail');
  assert.equal(status['datastore.clusterinformation'], 'fail');
  assert.equal(status['crds.calico'], 'pass');
});

test('the Fleet section checks every configured context, each on its own', async () => {
  const api = extension().exports;
  const configured = vscode.workspace.getConfiguration('rke2Calico');
  assert.deepEqual(configured.get('fleetContexts'), ['sim', 'sim-unreachable']);
  assert.equal(Object.keys(configured).some((key) => /token/i.test(key)), false, 'no token setting exists: the Rancher token lives in secret storage');
  await vscode.commands.executeCommand('rke2Calico.checkFleet');
  const results = await until('fleet results', () => {
    const found = api.fleetResults();
    return found.length === 2 ? found : undefined;
  });
  const outcome = (name: string): ProductApi extends { fleetResults: () => readonly (infer E)[] } ? E extends { outcome: infer O } ? O | undefined : never : never => results.find((entry) => entry.target.name === name)?.outcome;
  assert.equal(outcome('sim')?.kind, 'checked');
  assert.equal(outcome('sim')?.report?.verdict?.status, 'fail');
  assert.equal(outcome('sim-unreachable')?.kind, 'unreachable');
  assert.match(outcome('sim-unreachable')?.reason ?? '', /ECONNREFUSED/);
  await vscode.commands.executeCommand('rke2Calico.showFleetReport');
});

test('a kubeconfig that cannot be loaded: the whole reason and the next steps, from the real settings and tree', async () => {
  const api = extension().exports;
  const settings = vscode.workspace.getConfiguration('rke2Calico');
  const before = settings.inspect<string>('kubeconfig');
  const broken = join(mkdtempSync(join(tmpdir(), 'rke2-calico-e2e-')), 'kubeconfig-that-is-not-yaml.yaml');
  writeFileSync(broken, 'clusters: [\n');
  const target = before?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await settings.update('kubeconfig', broken, target);
  try {
    await vscode.commands.executeCommand('rke2Calico.runCheck');
    const problem = await until('the connection problem', () => api.connectionProblem());
    assert.equal(problem.kind, 'unreadable');
    assert.deepEqual(problem.steps, ['selectKubeconfig', 'openSettings', 'showLogs']);
    assert.ok(problem.message?.includes(broken), problem.message);
    await vscode.commands.executeCommand('rke2Calico.showLogs');
  } finally {
    await settings.update('kubeconfig', target === vscode.ConfigurationTarget.Workspace ? before?.workspaceValue : before?.globalValue, target);
  }
  await vscode.commands.executeCommand('rke2Calico.runCheck');
  await until('the cluster again', () => (api.connectionProblem() === undefined && api.readinessResults().length > 0 ? true : undefined));
});

test('a support bundle beside the live cluster: each is a root of its own, and checking the cluster keeps the bundle', async () => {
  const api = extension().exports;
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder');
  const bundle = vscode.Uri.joinPath(folder.uri, 'support', 'server-1-2025-02-19_14_30_00.tar.gz');
  await vscode.commands.executeCommand('rke2Calico.openBundle', bundle);
  await until('the bundle\'s results', () => (api.bundleResults().length > 0 ? true : undefined));
  await vscode.commands.executeCommand('rke2Calico.runCheck');
  await until('the live results', () => (api.readinessResults().length > 0 ? true : undefined));
  const roots = api.treeRoots();
  assert.ok(roots.some((root) => root.startsWith('Bundle server-1-2025-02-19_14_30_00.tar.gz')), roots.join(' | '));
  assert.ok(roots.some((root) => root.startsWith('sim')), roots.join(' | '));
  assert.ok(api.bundleResults().length > 0, 'the bundle\'s results outlive the live check');
  await vscode.commands.executeCommand('rke2Calico.closeBundle');
  await until('the bundle closed', () => (api.bundleResults().length === 0 ? true : undefined));
  assert.ok(!api.treeRoots().some((root) => root.startsWith('Bundle ')), api.treeRoots().join(' | '));
});

export async function run(): Promise<void> {
  let failed = 0;
  for (const [name, body] of tests) {
    try {
      await body();
      console.log(`ok - ${name}`);
    } catch (error) {
      failed++;
      console.log(`not ok - ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log(`extension host: ${tests.length - failed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} extension-host test(s) failed`);
}
