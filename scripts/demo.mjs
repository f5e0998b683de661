// `npm run demo`: the whole product against the simulated cluster, without owning one.
//  1. starts the simulated RKE2 cluster (default scenario race-3.29.2, played in real time) on 127.0.0.1;
//  2. prints what the CLI says about it (check, versions, lint, logs);
//  3. starts code-server (a real VS Code in the browser) with the packaged extension and the scenario's own demo
//     workspace (config.yaml, a HelmChartConfig, a Rancher Cluster spec and a Plan at the scenario's RKE2 release, its
//     pod logs) against a second simulated cluster whose timeline starts when the editor first asks ("r" replays it).
// Ctrl-C stops everything. Options: --scenario NAME (one of test/sim/scenarios: the #7808 race, healthy, and one
// cluster per failure mode — `--scenarios` lists them with what each shows), --port N (default 18080), --cli-only,
// --smoke (start everything, prove code-server serves the workbench with the extension installed, then stop: used
// by the tests).
// If the editor cannot be set up the demo exits non-zero and names the full log; it never falls back silently.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
};
const scenario = option('scenario', 'race-3.29.2');
const scenarioFolder = join(repo, 'test/sim/scenarios');
const scenarios = readdirSync(scenarioFolder).filter((name) => name.endsWith('.json')).map((name) => {
  const data = JSON.parse(readFileSync(join(scenarioFolder, name), 'utf8'));
  return { name: data.name, description: data.description };
});
if (process.argv.includes('--scenarios') || !scenarios.some((entry) => entry.name === scenario)) {
  if (!process.argv.includes('--scenarios')) console.error(`Unknown scenario "${scenario}". Choose one of:`);
  for (const entry of scenarios) console.log(`  ${entry.name.padEnd(18)} ${entry.description}`);
  process.exit(process.argv.includes('--scenarios') ? 0 : 2);
}
const port = Number(option('port', '18080'));
const cliOnly = process.argv.includes('--cli-only');
const smoke = process.argv.includes('--smoke');
const cli = join(repo, 'dist/cli.js');
const run = mkdtempSync(join(tmpdir(), 'rke2-calico-demo-'));
/** How to stop what the demo started, newest first. */
const stoppers = [];

function cleanup() {
  for (const stop of stoppers.reverse()) {
    try {
      stop();
    } catch {
      // already gone
    }
  }
  rmSync(run, { recursive: true, force: true });
}
function fail(message) {
  console.error(`\nnpm run demo: ${message}`);
  cleanup();
  process.exit(1);
}
process.on('SIGINT', () => {
  console.log('\nStopping the demo.');
  cleanup();
  process.exit(0);
});
process.on('SIGTERM', () => {
  cleanup();
  process.exit(0);
});

/**
 * Starts a simulated cluster. `editor`: its timeline starts with the first request (when the editor first asks, not
 * minutes earlier while the toolchain installs), and "replay" on its standard input plays it again.
 */
function startSim({ editor = false } = {}) {
  return new Promise((resolveSim, reject) => {
    const args = [join(repo, 'out/test/sim/main.js'), '--scenario', scenario, ...(editor ? ['--clock-on-first-request'] : [])];
    const child = spawn(process.execPath, args, { stdio: [editor ? 'pipe' : 'ignore', 'pipe', 'inherit'] });
    stoppers.push(() => child.kill('SIGTERM'));
    child.stdout.once('data', (chunk) => resolveSim({ ...JSON.parse(String(chunk)), replay: () => child.stdin?.write('replay\n') }));
    child.once('exit', (code) => reject(new Error(`the simulated cluster exited with ${code}`)));
  });
}

function show(title, args) {
  console.log(`\n$ rke2-calico-diag ${args.join(' ')}      # ${title}`);
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  process.stdout.write(result.stdout + result.stderr);
  console.log(`(exit code ${result.status})`);
}

/**
 * The scenario's own workspace: its RKE2 release in the Rancher Cluster spec and the upgrade Plan, its pod logs, and
 * the RKE2 config files whose mistakes the file checks explain; the support bundle only with the race it was
 * collected from.
 */
function demoWorkspace() {
  const workspace = join(run, `demo-${scenario}`);
  cpSync(join(repo, 'test/fixtures/workspace'), workspace, { recursive: true });
  const played = JSON.parse(readFileSync(join(scenarioFolder, `${scenario}.json`), 'utf8'));
  const release = played.state?.rke2;
  if (typeof release === 'string') {
    for (const file of ['rancher/cluster.yaml', 'upgrade/plan.yaml']) {
      const path = join(workspace, file);
      writeFileSync(path, readFileSync(path, 'utf8').replace(/^(\s*(?:kubernetesVersion|version): )v\S+$/gm, `$1${release}`));
    }
  }
  const logs = played.logs ?? [];
  if (logs.length > 0) mkdirSync(join(workspace, 'logs'), { recursive: true });
  for (const log of logs) writeFileSync(join(workspace, 'logs', `${log.pod}_${log.container}.log`), `${[...(log.previous ?? []), ...log.current].join('\n')}\n`);
  const withBundle = scenario === 'race-3.29.2';
  if (withBundle) {
    mkdirSync(join(workspace, 'bundles'), { recursive: true });
    cpSync(join(repo, 'test/fixtures/bundles/server-1-2025-02-19_14_30_00.tar.gz'), join(workspace, 'bundles/server-1-2025-02-19_14_30_00.tar.gz'));
  }
  const steps = [
    '- Open the **RKE2 Calico** view in the activity bar: the tree fills from the simulated cluster, whose timeline started when the editor first asked. In the terminal that runs the demo, type `r` and Enter to play it again from the start.',
    '- Open `server/manifests/rke2-calico-config.yaml`, `etc/rancher/rke2/config.yaml`, `rancher/cluster.yaml` and `upgrade/plan.yaml`: the file checks mark their mistakes.',
    ...(logs.length > 0 ? ['- Open the files in `logs/`: the findings are highlighted, with the known issue they point to.'] : []),
    ...(withBundle ? ['- **Open Support Bundle…** (view menu) and pick `bundles/server-1-2025-02-19_14_30_00.tar.gz`.'] : []),
  ];
  writeFileSync(join(workspace, 'README.md'), `# RKE2 Calico Diagnostics demo: ${scenario}\n\n${played.description ?? ''}\n\nThe editor is connected to a simulated cluster of this scenario (its kubeconfig is the setting rke2Calico.kubeconfig).\n\n${steps.join('\n')}\n`);
  return { workspace, logs: logs.map((log) => join(workspace, 'logs', `${log.pod}_${log.container}.log`)), bundle: withBundle ? join(workspace, 'bundles/server-1-2025-02-19_14_30_00.tar.gz') : undefined };
}

const sim = await startSim();
console.log(`Simulated RKE2 cluster "${sim.scenario}" at ${sim.url}`);
console.log(`  kubeconfig: ${sim.kubeconfig}   (try: KUBECONFIG=${sim.kubeconfig} node dist/cli.js check --watch 90)`);
show('readiness checks against the simulated cluster', ['check', '--kubeconfig', sim.kubeconfig]);
if (scenario === 'race-3.29.2') show('the version the race was reported on', ['versions', 'v1.32.2-rc2+rke2r1']);
const demo = demoWorkspace();
const workspace = demo.workspace;
show('the demo workspace files', ['lint', workspace]);
const typhaLog = demo.logs.find((path) => path.includes('typha')) ?? demo.logs[0];
if (typhaLog) show(`the ${typhaLog.includes('typha') ? 'typha ' : ''}log of this cluster`, ['logs', typhaLog]);
if (demo.bundle) show('a support bundle collected from a node during the race', ['bundle', demo.bundle]);

/** The demo workspace is tied to the simulated cluster: the tree fills as soon as the view opens. */
function workspaceSettings(workspace) {
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode/settings.json'), `${JSON.stringify({ 'rke2Calico.checkWhenViewOpens': true }, null, 2)}\n`);
}

/** Proves the editor side works: the workbench page is served and the packaged extension is installed. */
async function smokeTest(server, extensionsDir) {
  const page = await fetch(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  const html = await page.text();
  if (!page.ok || !html.includes('workbench')) throw new Error(`code-server answered ${page.status} without a workbench page`);
  const installed = readdirSync(extensionsDir).filter((name) => name.startsWith('rke2-calico-diagnostics.'));
  if (installed.length === 0) throw new Error(`the extension is not installed in ${extensionsDir}`);
  console.log(`smoke: workbench served (${html.length} bytes), extension installed as ${installed.join(', ')}`);
}

if (cliOnly) {
  console.log('\n--cli-only: the simulated cluster keeps running; Ctrl-C stops it.');
} else {
  console.log('\nSetting up code-server (a real VS Code in the browser) and its Node 24 — the first run installs Debian chromium,');
  console.log('libkrb5-dev, Node 24, code-server and playwright-core (about 2–4 minutes, 1.2 GB under ~/.cache/rke2-calico-e2e)…');
  const setup = spawnSync('bash', [join(repo, 'test/e2e/setup-toolchain.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (setup.status !== 0) fail('could not set up code-server (see the reason and the log named above). `npm run demo -- --cli-only` runs the terminal tour without the editor.');
  const tools = setup.stdout.trim().split('\n').pop();
  workspaceSettings(workspace);
  const { startCodeServer } = await import(join(repo, 'test/e2e/codeServer.mjs'));
  // The editor gets its own cluster, whose timeline starts when the editor first asks.
  const editorSim = await startSim({ editor: true });
  const settings = { 'rke2Calico.kubeconfig': editorSim.kubeconfig, 'rke2Calico.hostRoot': join(run, 'no-host'), 'workbench.colorTheme': 'Default Dark Modern' };
  let server;
  try {
    server = await startCodeServer({ tools, run: join(run, 'code-server'), port, vsix: join(repo, 'dist/rke2-calico-diagnostics.vsix'), settings });
  } catch (error) {
    fail(`code-server did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  stoppers.push(() => server.stop());
  if (smoke) {
    try {
      await smokeTest(server, join(run, 'code-server/exts'));
    } catch (error) {
      fail(`smoke test failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    cleanup();
    process.exit(0);
  }
  console.log(`\nOpen ${server.url}/?folder=${encodeURIComponent(workspace)}`);
  console.log('Then click the RKE2 Calico icon in the activity bar: the tree fills from the simulated cluster, whose timeline starts now.');
  console.log('Type r and Enter here to play the cluster\'s timeline again from the start. Ctrl-C stops the demo.');
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    if (chunk.split('\n').some((line) => line.trim().toLowerCase() === 'r')) {
      editorSim.replay();
      console.log(`Replaying "${scenario}" from its start.`);
    }
  });
}
