// Bundles the extension (vscode external, CommonJS) and the CLI into dist/. `--production` minifies without
// source maps for the .vsix; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  legalComments: 'none',
  logLevel: 'warning',
  define: { PRODUCT_VERSION: JSON.stringify(version) },
};

/** The Kubernetes gateway (with @kubernetes/client-node) is its own bundle, required on first cluster use only. */
const lazyGateway = {
  name: 'lazy-gateway',
  setup(build) {
    build.onResolve({ filter: /^\.\/kubeGateway$/ }, () => ({ path: './cluster.js', external: true }));
  },
};

/** The YAML lint engine is its own bundle for the extension, required on first lint, not at activation. */
const lazyLintEngine = {
  name: 'lazy-lint-engine',
  setup(build) {
    build.onResolve({ filter: /core\/files\/lintEngine$/ }, () => ({ path: './lint.js', external: true }));
  },
};

const builds = [
  // The banner marks when the bundle starts loading, so activation can report load and activate() times.
  { ...common, entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [lazyGateway, lazyLintEngine], banner: { js: 'globalThis.__rke2CalicoLoadStart = performance.now();' } },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [lazyGateway] },
  { ...common, entryPoints: ['src/cluster/kubeGateway.ts'], outfile: 'dist/cluster.js' },
  { ...common, entryPoints: ['src/core/files/lintEngine.ts'], outfile: 'dist/lint.js' },
  // The editor lints large files on a worker thread; the worker loads the same lint.js beside it.
  { ...common, entryPoints: ['src/extension/lintWorker.ts'], outfile: 'dist/lintWorker.js', plugins: [lazyLintEngine] },
  // The report webview runs in the browser: one module bundle with @vscode-elements (lit) inside.
  { ...common, entryPoints: ['src/webview/report.ts'], outfile: 'dist/webview/report.js', platform: 'browser', format: 'esm', target: 'es2022' },
  { ...common, entryPoints: ['src/webview/fleet.ts'], outfile: 'dist/webview/fleet.js', platform: 'browser', format: 'esm', target: 'es2022' },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  // The config.yaml JSON Schema comes from the linter's own key table, through the CLI that embeds it.
  const schema = execFileSync(process.execPath, ['dist/cli.js', 'schema'], { encoding: 'utf8' });
  writeFileSync('dist/rke2-config.schema.json', schema);
  chmodSync('dist/cli.js', 0o755);
}
