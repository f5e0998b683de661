// UI end-to-end test: the packaged extension installed in a real VS Code (code-server), driven through the
// workbench with playwright-core + Debian chromium, against the simulated cluster (race-3.29.2, frozen at +20 s).
// Usage: node test/e2e/ui.test.mjs [--tools DIR] [--artifacts DIR]. Prints "N passed, N failed"; exit 1 on failure.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, startCodeServer } from './codeServer.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
};
const tools = argument('tools', process.env.RKE2_CALICO_E2E_TOOLS ?? join(process.env.HOME ?? '/root', '.cache/rke2-calico-e2e'));
const artifacts = resolve(argument('artifacts', join(repo, 'test-artifacts/e2e')));
mkdirSync(artifacts, { recursive: true });
const run = mkdtempSync(join(tmpdir(), 'rke2-calico-e2e-'));
const started = Date.now();
const log = (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

let passed = 0;
let page;
let failed = 0;
async function step(name, body) {
  try {
    await body();
    passed++;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed++;
    console.log(`not ok - ${name}: ${String(error?.message ?? error).split('\n')[0]}`);
    await page?.screenshot({ path: join(artifacts, `failed-step-${passed + failed}.png`) }).catch(() => undefined);
  }
}

function startSim() {
  return new Promise((resolveSim, reject) => {
    const child = spawn(process.execPath, [join(repo, 'out/test/sim/main.js'), '--scenario', 'race-3.29.2', '--time-scale', '0', '--start-at', '20'], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', (chunk) => resolveSim({ child, ...JSON.parse(String(chunk)) }));
    child.once('exit', (code) => reject(new Error(`simulated cluster exited with ${code}`)));
  });
}

const sim = await startSim();
log(`simulated cluster ${sim.url}`);
const workspace = join(run, 'workspace');
cpSync(join(repo, 'test/fixtures/workspace'), workspace, { recursive: true });
const server = await startCodeServer({
  tools,
  run: join(run, 'cs'),
  port: Number(process.env.E2E_PORT ?? 18_400 + Math.floor(Math.random() * 500)),
  vsix: join(repo, 'dist/rke2-calico-diagnostics.vsix'),
  // As in the demo workspace: the readiness check runs when the view first opens.
  settings: { 'rke2Calico.kubeconfig': sim.kubeconfig, 'rke2Calico.hostRoot': join(run, 'no-host'), 'rke2Calico.checkWhenViewOpens': true, 'rke2Calico.fleetContexts': ['sim', 'sim-unreachable'] },
});
log(`code-server ${server.url}`);
const profile = mkdtempSync(join(run, 'chromium-'));
const { context, blocked } = await launchBrowser(tools, profile);
page = context.pages()[0] ?? (await context.newPage());
const consoleErrors = [];
page.on('console', (message) => {
  if (message.type() === 'error' && /rke2|Calico/i.test(message.text())) consoleErrors.push(message.text());
});

const userSettings = join(run, 'cs/ud/User/settings.json');
function setColorTheme(theme) {
  writeFileSync(userSettings, JSON.stringify({ ...JSON.parse(readFileSync(userSettings, 'utf8')), 'workbench.colorTheme': theme }, null, 2));
}

/**
 * Opens the command palette. A webview that holds the keyboard may swallow the first F1, so the workbench is given
 * the focus back and F1 pressed again, a few times.
 */
async function openPalette() {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.keyboard.press('F1');
    const opened = await input.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false);
    if (opened) return input;
    await page.locator('.part.sidebar .composite.title').first().click().catch(() => undefined);
  }
  throw new Error('the command palette did not open');
}

async function runCommand(label) {
  const input = await openPalette();
  await input.fill(`>${label}`);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: label }).waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 15_000 });
}

async function openFile(name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name }).waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.editor-group-container .tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
}

try {
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'rancher' }).first().waitFor({ timeout: 60_000 });
  log('workbench ready');

  await step('the prerequisites tree opens already filled with the race scenario\'s failing checks', async () => {
    const icon = page.locator('.activitybar .action-item [aria-label^="RKE2 Calico"], .activitybar .action-item[aria-label^="RKE2 Calico"]').first();
    await icon.waitFor({ timeout: 30_000 });
    // No Run command: rke2Calico.checkWhenViewOpens starts the check when the view becomes visible.
    await icon.click();
    const datastore = page.locator('.part.sidebar .monaco-list-row', { hasText: 'ClusterInformation default does not exist yet' });
    await datastore.waitFor({ timeout: 30_000 });
    const rows = (await page.locator('.part.sidebar .monaco-list-row').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    log(`tree rows: ${JSON.stringify(rows.slice(0, 12))}`);
    if (!rows.some((row) => row.startsWith('Identity'))) throw new Error('no Identity area');
    if (!rows.some((row) => row.includes('rancher/rke2#7808'))) throw new Error('no #7808 verdict in the tree');
    await page.screenshot({ path: join(artifacts, 'prerequisites-tree.png') });
  });

  await step('Problems shows calico-affected-version on tigeraOperator.version v1.36.5 at Ln 20, Col 16, and the quick fix changes it', async () => {
    await openFile('rke2-calico-config.yaml');
    await runCommand('View: Focus Problems');
    // The workspace's unopened RKE2 files are linted too, so the list is long: filter it to this finding.
    const filter = page.locator('.part.panel input[placeholder^="Filter (e.g. text"]').first();
    await filter.fill('v1.36.5');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'tigera-operator v1.36.5 ships Calico v3.29.2' });
    await row.waitFor({ timeout: 30_000 });
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    await filter.fill('');
    if (!text.includes('calico-affected-version') || !text.includes('[Ln 20, Col 16]')) throw new Error(`problem row: ${text}`);
    await page.locator('.editor-instance .squiggly-warning').first().waitFor({ state: 'attached', timeout: 10_000 });
    await page.screenshot({ path: join(artifacts, 'problems-affected-version.png') });
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(':20:16');
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 15_000 });
    await runCommand('Quick Fix...');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Change to v1.36.7' });
    await fix.waitFor({ timeout: 15_000 });
    await fix.click();
    await page.locator('.editor-instance .view-lines', { hasText: 'version: v1.36.7' }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(artifacts, 'quick-fix-applied.png') });
  });

  await step('"Open Logs" opens the typha log with the Unauthorized line highlighted and listed in Problems', async () => {
    const icon = page.locator('.activitybar .action-item [aria-label^="RKE2 Calico"], .activitybar .action-item[aria-label^="RKE2 Calico"]').first();
    // The check's own row, not the Root causes row that says a cause explains it.
    const check = page.locator('.part.sidebar .monaco-list-row', { hasText: 'calico-typha Deployment and endpoints', hasNotText: 'explains:' });
    // The icon toggles the side bar: click it only when the tree is not showing.
    if (!(await check.isVisible())) await icon.click();
    await check.waitFor({ timeout: 15_000 });
    await check.click();
    const podRow = page.locator('.part.sidebar .monaco-list-row', { hasText: 'Pod calico-typha-6b9c7d8f4-x7k2p' });
    await podRow.waitFor({ timeout: 15_000 });
    await podRow.hover();
    await podRow.locator('.action-label[aria-label="Open Pod Logs…"]').click();
    const current = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'current' }).first();
    await current.waitFor({ timeout: 15_000 });
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'current' }).waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.editor-group-container .tab.active', { hasText: 'calico-typha-6b9c7d8f4-x7k2p-calico-typha' }).waitFor({ timeout: 20_000 });
    await page.locator('.editor-instance .view-lines', { hasText: 'error=Unauthorized' }).waitFor({ timeout: 15_000 });
    await runCommand('View: Focus Problems');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'typha-unauthorized' }).first();
    await problem.waitFor({ timeout: 20_000 });
    const language = await page.locator('.statusbar-item', { hasText: 'RKE2 Calico Log' }).count();
    if (language === 0) throw new Error('the log is not in the rke2-calico-log language');
    // The grammar colours the level: the [ERROR] token is rendered in its own span.
    const levelSpan = page.locator('.editor-instance .view-lines span span', { hasText: '[ERROR]' }).first();
    await levelSpan.waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(artifacts, 'typha-log-unauthorized.png') });
  });

  await step('the readiness report webview renders the checks, the verdict and the findings', async () => {
    await runCommand('RKE2 Calico: Show Readiness Report');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await frame.locator('h1', { hasText: 'Calico readiness report' }).waitFor({ timeout: 30_000 });
    await frame.locator('.verdict', { hasText: 'rancher/rke2#7808' }).waitFor({ timeout: 15_000 });
    await frame.locator('td', { hasText: 'ClusterInformation default does not exist yet' }).first().waitFor({ timeout: 15_000 });
    await frame.locator('td', { hasText: 'typha-unauthorized' }).first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(artifacts, 'readiness-report.png') });
  });

  await step('"Explain Connection…" asks source, destination and port against the cluster and opens the explanation beside', async () => {
    const input = page.locator('.quick-input-widget .quick-input-box input');
    // Each prompt of the command in turn: wait for its title, then answer it (a pick by its label, or typed text).
    const answer = async (title, text, pick = true) => {
      await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: 30_000 });
      await input.fill(text);
      if (pick) await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: text }).waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
    };
    await openPalette();
    await input.fill('>Explain Connection');
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Explain Connection' }).waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await answer('Explain connection: against', 'Cluster');
    await answer('Source: namespace', 'calico-system');
    // The one running pod of the scenario at +20 s, to the API server's Service address.
    await answer('Source: pod in calico-system', 'calico-kube-controllers');
    await answer('Destination: namespace', 'An IP address');
    await answer('Destination: an IP address', '10.43.0.1', false);
    await answer('Port and protocol', '443/TCP', false);
    await page.locator('.editor-group-container .tab', { hasText: 'explain-calico-system-calico-kube-controllers' }).first().waitFor({ timeout: 30_000 });
    // The preview's heading gives the answer (the scenario has no policy, so the default allows); it is one of two
    // webviews now, so look through every frame.
    const answered = /→ address 10\.43\.0\.1\/32 443\/TCP: (ALLOWED|DENIED)/;
    let heading;
    for (const deadline = Date.now() + 30_000; heading === undefined && Date.now() < deadline; ) {
      for (const frame of page.frames()) {
        const text = await frame.locator('h1').first().textContent({ timeout: 500 }).catch(() => null);
        if (text && answered.test(text.replace(/\s+/g, ' '))) heading = text;
      }
      if (heading === undefined) await page.waitForTimeout(500);
    }
    if (heading === undefined) throw new Error('the explanation preview shows no answer');
    await page.screenshot({ path: join(artifacts, 'explain-connection.png') });
    // The preview is a webview too: close it so the next step finds its own.
    await runCommand('View: Close All Editors');
  });

  await step('the Fleet section lists each context with its verdict, and the fleet report page shows the table', async () => {
    await runCommand('RKE2 Calico: Check Fleet');
    // The Fleet section starts collapsed under the prerequisites tree: open it.
    const header = page.locator('.part.sidebar .pane-header', { hasText: 'Fleet' }).first();
    await header.waitFor({ timeout: 15_000 });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const failing = page.locator('.part.sidebar .monaco-list-row', { hasText: 'failing · ' }).first();
    await failing.waitFor({ timeout: 30_000 });
    const unreachable = page.locator('.part.sidebar .monaco-list-row', { hasText: 'sim-unreachable' }).first();
    await unreachable.waitFor({ timeout: 30_000 });
    const text = (await unreachable.innerText()).replace(/\s+/g, ' ');
    if (!text.includes('unreachable')) throw new Error(`fleet row: ${text}`);
    await failing.click();
    await page.locator('.part.sidebar .monaco-list-row', { hasText: 'Identity' }).first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(artifacts, 'fleet-section.png') });
    await runCommand('RKE2 Calico: Show Fleet Report');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await frame.locator('h1', { hasText: 'Calico fleet report' }).waitFor({ timeout: 30_000 });
    await frame.locator('td', { hasText: 'sim-unreachable' }).first().waitFor({ timeout: 15_000 });
    await frame.locator('vscode-button', { hasText: 'Export OpenMetrics' }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(artifacts, 'fleet-report.png') });
  });
  await step('"Open Settings" in this remote window shows rke2Calico.kubeconfig where VS Code reads it, with its value', async () => {
    await page.locator('.part.sidebar .composite.title').first().click();
    await runCommand('RKE2 Calico: Open Settings');
    const search = page.locator('.settings-editor .settings-header .monaco-editor textarea, .settings-editor .suggest-input-container textarea').first();
    await search.waitFor({ timeout: 30_000 });
    // The extension's settings, narrowed to the kubeconfig path (the list is virtual: only rows in view exist).
    await page.keyboard.press('End');
    await page.keyboard.type(' kubeconfig');
    const row = page.locator('.settings-editor .setting-item-contents').filter({ has: page.locator('.setting-item-label', { hasText: /^Kubeconfig$/ }) }).first();
    await row.waitFor({ timeout: 30_000 });
    const value = await row.locator('input').first().inputValue();
    if (value !== sim.kubeconfig) throw new Error(`kubeconfig shown as "${value}"`);
    if (!(await page.locator('.settings-editor .settings-tabs-widget .action-label.checked', { hasText: 'Remote' }).count())) throw new Error('not on the Remote tab');
    await page.screenshot({ path: join(artifacts, 'settings-remote.png') });
    // The settings editor may open as a modal: Escape leaves it, then nothing else stays open.
    await page.keyboard.press('Escape');
    await runCommand('View: Close All Editors');
  });

  await step('the report in a light theme: every status mark meets 3:1 contrast, and an object link opens the object', async () => {
    // Last, as it leaves the workbench light: the user's settings file, as a user changing the theme would write it;
    // the workbench applies it live.
    setColorTheme('Default Light Modern');
    await page.locator('.monaco-workbench.vs:not(.vs-dark)').waitFor({ timeout: 30_000 });
    await page.locator('.part.sidebar .composite.title').first().click();
    // One webview on the page: the report's.
    await runCommand('View: Close All Editors');
    await runCommand('RKE2 Calico: Show Readiness Report');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await frame.locator('h1', { hasText: 'Calico readiness report' }).waitFor({ timeout: 30_000 });
    // WCAG 2 contrast of each status mark against the page, as the browser computes the theme's colours.
    const measured = await frame.locator('body').evaluate((body) => {
      // Runs in the webview: its window and document through the element.
      const view = body.ownerDocument.defaultView;
      const rgb = (colour) => (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const channel = (value) => (value / 255 <= 0.03928 ? value / 255 / 12.92 : ((value / 255 + 0.055) / 1.055) ** 2.4);
      const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
      const background = luminance(rgb(view.getComputedStyle(body).backgroundColor));
      const marks = [...body.ownerDocument.querySelectorAll('.status-mark')].map((mark) => {
        const [high, low] = [luminance(rgb(view.getComputedStyle(mark).color)), background].sort((a, b) => b - a);
        return { status: mark.parentElement?.className ?? '', ratio: (high + 0.05) / (low + 0.05) };
      });
      return { background, marks };
    });
    if (measured.background < 0.8) throw new Error(`the report is not on a light background (luminance ${measured.background.toFixed(2)})`);
    if (measured.marks.length === 0) throw new Error('no status marks');
    const poor = measured.marks.filter((mark) => mark.ratio < 3);
    if (poor.length > 0) throw new Error(`low contrast: ${poor.map((mark) => `${mark.status} ${mark.ratio.toFixed(2)}:1`).join(', ')}`);
    await page.screenshot({ path: join(artifacts, 'readiness-report-light.png') });
    await frame.locator('ul.objects button.link', { hasText: 'Deployment calico-system/calico-typha' }).first().click();
    await page.locator('.editor-group-container .tab', { hasText: 'Deployment-calico-system-calico-typha' }).first().waitFor({ timeout: 30_000 });
  });
} finally {
  await context.close();
  server.stop();
  sim.child.kill('SIGTERM');
  if (consoleErrors.length > 0) log(`extension errors in the browser console: ${consoleErrors.slice(0, 5).join(' | ')}`);
  if (blocked.length > 0) log(`blocked non-loopback requests: ${[...new Set(blocked)].slice(0, 10).join(', ')}`);
  if (process.env.KEEP_RUN === '1') log(`run folder kept: ${run}`);
  else rmSync(run, { recursive: true, force: true });
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
