// Starts and stops code-server (a real VS Code workbench + Node extension host) with fresh state in a run folder.
// Everything stays on 127.0.0.1: a dead proxy and a dead gallery catch any other request.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function toolPaths(tools) {
  return {
    node24: join(tools, 'node24/node_modules/node/bin/node'),
    nodeBin: join(tools, 'node24/node_modules/node/bin'),
    codeServer: join(tools, 'cs/node_modules/.bin/code-server'),
    playwright: join(tools, 'driver/node_modules/playwright-core/index.mjs'),
  };
}

function environment(tools, run) {
  const paths = toolPaths(tools);
  return {
    ...process.env,
    PATH: `${paths.nodeBin}:${process.env.PATH}`,
    XDG_CONFIG_HOME: join(run, 'xdg/config'),
    XDG_DATA_HOME: join(run, 'xdg/data'),
    XDG_CACHE_HOME: join(run, 'xdg/cache'),
    TMPDIR: join(run, 'tmp'),
    HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', https_proxy: 'http://127.0.0.1:9', http_proxy: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost',
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/items' }),
  };
}

/** Starts code-server; resolves once /healthz answers. `settings` are user settings; `vsix` is installed first. */
export async function startCodeServer({ tools, run, port, vsix, settings = {}, extraArgs = [] }) {
  for (const folder of ['ud/User', 'ud/Machine', 'exts', 'xdg', 'tmp']) mkdirSync(join(run, folder), { recursive: true });
  // Machine-scoped settings (paths on the machine that runs the extension host) are read from the remote
  // ("Machine") settings in a remote window such as code-server's, so they are written there too.
  writeFileSync(join(run, 'ud/Machine/settings.json'), JSON.stringify(settings, null, 2));
  writeFileSync(join(run, 'ud/User/settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'window.commandCenter': false,
    ...settings,
  }, null, 2));
  const paths = toolPaths(tools);
  const env = environment(tools, run);
  const common = ['--config', join(run, 'cs-config.yaml'), '--user-data-dir', join(run, 'ud'), '--extensions-dir', join(run, 'exts')];
  if (vsix) execFileSync(paths.codeServer, [...common, '--install-extension', vsix], { env, stdio: 'ignore' });
  const logFile = join(run, 'code-server.log');
  const output = openSync(logFile, 'a');
  const child = spawn(paths.codeServer, [...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', ...extraArgs], { env, detached: true, stdio: ['ignore', output, output] });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    // The whole process group: code-server leaves file watchers behind otherwise.
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return { url, logFile, stop };
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  stop();
  throw new Error(`code-server did not answer on ${url}/healthz within 30 s; its log is ${logFile}`);
}

/** Launches Debian chromium through playwright-core, aborting every request that is not to loopback. */
export async function launchBrowser(tools, profile) {
  const { chromium } = await import(toolPaths(tools).playwright);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
    headless: true,
    viewport: { width: 1500, height: 950 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=127.0.0.1;localhost'],
  });
  const blocked = [];
  await context.route('**/*', (route) => {
    const target = new URL(route.request().url());
    if (['127.0.0.1', 'localhost'].includes(target.hostname) || target.protocol === 'data:' || target.protocol === 'blob:') return route.continue();
    blocked.push(target.href);
    return route.abort();
  });
  return { context, blocked };
}
