// Integration tests inside the real Node extension host of code-server (VS Code's own extension test mechanism:
// extensionDevelopmentPath + extensionTestsPath, which the built workbench honours only with the smoke-test driver).
// Usage: node test/e2e/host.test.mjs. Prints "N passed, N failed"; exit 1 on failure.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import util from 'node:util';
import { build } from 'esbuild';
import { launchBrowser, startCodeServer } from './codeServer.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tools = process.env.RKE2_CALICO_E2E_TOOLS ?? join(process.env.HOME ?? '/root', '.cache/rke2-calico-e2e');
const run = mkdtempSync(join(tmpdir(), 'rke2-calico-host-'));
const testsBundle = join(run, 'host-tests/index.js');
await build({ entryPoints: [join(repo, 'test/e2e/host/index.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], outfile: testsBundle, logLevel: 'warning' });

const sim = await new Promise((resolveSim, reject) => {
  const child = spawn(process.execPath, [join(repo, 'out/test/sim/main.js'), '--scenario', 'race-3.29.2', '--time-scale', '0', '--start-at', '20'], { stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.once('data', (chunk) => resolveSim({ child, ...JSON.parse(String(chunk)) }));
  child.once('exit', (code) => reject(new Error(`simulated cluster exited with ${code}`)));
});
const workspace = join(run, 'workspace');
cpSync(join(repo, 'test/fixtures/workspace'), workspace, { recursive: true });
// A Rancher logs collector bundle beside the RKE2 files, for the bundle-next-to-the-live-cluster test.
cpSync(join(repo, 'test/fixtures/bundles/server-1-2025-02-19_14_30_00.tar.gz'), join(workspace, 'support/server-1-2025-02-19_14_30_00.tar.gz'));
const settings = { 'rke2Calico.kubeconfig': sim.kubeconfig, 'rke2Calico.hostRoot': join(run, 'no-host'), 'rke2Calico.fleetContexts': ['sim', 'sim-unreachable'], 'rke2Calico.requestTimeoutSeconds': 3 };
const server = await startCodeServer({ tools, run: join(run, 'cs'), port: 18_900 + Math.floor(Math.random() * 90), settings, extraArgs: ['--vscode-option', 'enable-smoke-test-driver'] });
const { context } = await launchBrowser(tools, mkdtempSync(join(run, 'chromium-')));
const page = context.pages()[0] ?? (await context.newPage());
let finish;
const exited = new Promise((resolveExit) => {
  finish = resolveExit;
});
let passed = 0;
let failed = 0;
await page.exposeFunction('codeAutomationLog', (_type, args) => {
  const line = util.format(...args);
  if (/^ok - /.test(line)) passed++;
  if (/^not ok - /.test(line)) failed++;
  if (/^(ok|not ok) - |rke2-calico e2e|extension host:/.test(line)) console.log(line);
});
await page.exposeFunction('codeAutomationExit', (code) => finish(code));
const remote = (path) => `vscode-remote://remote${path}`;
const payload = [['extensionDevelopmentPath', remote(repo)], ['extensionTestsPath', remote(testsBundle)]];
await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
const code = await Promise.race([exited, new Promise((resolveTimeout) => setTimeout(() => resolveTimeout('timeout'), 180_000))]);
await context.close();
server.stop();
sim.child.kill('SIGTERM');
rmSync(run, { recursive: true, force: true });
if (code !== 0 && failed === 0) failed = 1;
console.log(`extension-host: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
