/**
 * Memory of `rke2-calico-diag bundle` over one bundle per node: peak RSS (GNU time) of one bundle alone, and of
 * the same bundle with three more of the same size analysed together. Each bundle holds the race scenario's dumps
 * and a large log (about 80 MB of mixed lines, failure lines among them). Run with `npm run bench:bundles`; writes
 * bench/results/bundles.md. Goal: analysing N bundles needs no more memory than the largest one, not their sum.
 * Measured for 1, 4 and 8 bundles.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBench, writeBenchResult } from './benchOutput';
import { writeBundleFolder } from '../test/bundle/buildBundle';
import { FAILURE_LINES } from '../test/fixtures/logLines';
import { loadScenario } from '../test/sim/simServer';
import { execFileSync } from 'node:child_process';

const ROOT = join(__dirname, '../..');
const NODES = 8;
const LOG_BYTES = 80 * 1024 * 1024;

async function writeLog(path: string): Promise<void> {
  const out = createWriteStream(path);
  const healthy = '2025-02-19 14:26:00.000 [INFO][1] felix/int_dataplane.go 1931: Applying dataplane updates\n';
  let written = 0;
  for (let index = 0; written < LOG_BYTES; index++) {
    const failure = FAILURE_LINES[index % FAILURE_LINES.length]?.line ?? '';
    const chunk = index % 50 === 0 ? `${failure}\n` : healthy;
    written += chunk.length;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

async function peakRss(args: readonly string[]): Promise<{ mb: number; ms: number; code: number | null }> {
  const folder = mkdtempSync(join(tmpdir(), 'rke2-bundles-bench-'));
  const file = join(folder, 'rss');
  const started = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn('/usr/bin/time', ['-f', '%M', '-o', file, process.execPath, join(ROOT, 'dist/cli.js'), 'bundle', ...args, '--format', 'json'], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('close', resolve);
  });
  const ms = performance.now() - started;
  const mb = Number(readFileSync(file, 'utf8').trim().split('\n').pop()) / 1024;
  rmSync(folder, { recursive: true, force: true });
  return { mb, ms, code };
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'rke2-bundles-bench-input-'));
  try {
    const scenario = loadScenario('race-3.29.2');
    const tarballs: string[] = [];
    for (let index = 0; index < NODES; index++) {
      const staging = join(folder, `staging-${index}`);
      const root = writeBundleFolder(staging, scenario, { second: 20, hostname: index === 0 ? 'server-1' : `agent-${index}`, withoutKubectl: index > 0 });
      mkdirSync(join(root, 'rke2/agent-logs'), { recursive: true });
      await writeLog(join(root, 'rke2/agent-logs/kubelet.log'));
      const archive = join(folder, `node-${index}.tar.gz`);
      execFileSync('tar', ['-czf', archive, '-C', staging, '.']);
      rmSync(staging, { recursive: true, force: true });
      tarballs.push(archive);
    }
    const size = (path: string): number => statSync(path).size / 1024 / 1024;
    const runs = [];
    for (const count of [1, 4, NODES]) runs.push({ count, ...(await peakRss(tarballs.slice(0, count))) });
    const one = runs[0];
    const all = runs[runs.length - 1];
    if (!one || !all) throw new Error('no measurement');
    const lines = [
      '# Bundles of several nodes: memory',
      '',
      `Machine: ${process.platform} ${process.arch}, Node ${process.version}, 2 cores, ${new Date().toISOString().slice(0, 10)}. Each bundle: the race scenario's files and an ${LOG_BYTES / 1024 / 1024} MB kubelet log (${size(tarballs[0] ?? '').toFixed(1)} MB compressed); the server's bundle has the kubectl dumps.`,
      '',
      '| command | bundles | uncompressed logs | wall time | peak RSS |',
      '|---|---|---|---|---|',
      ...runs.map((run) => `| \`rke2-calico-diag bundle ${run.count === 1 ? 'node-0.tar.gz' : `node-0.tar.gz … node-${run.count - 1}.tar.gz`} --format json\` (exit ${String(run.code)}) | ${run.count} | ${(run.count * LOG_BYTES) / 1024 / 1024} MB | ${(run.ms / 1000).toFixed(1)} s | ${run.mb.toFixed(0)} MB |`),
      '',
      `Bundles are opened one after the other; each is reduced to its checks and a sample of findings (at most 10 per signature and file) and its extracted copy is removed before the next, so ${NODES} bundles take ${(all.mb / one.mb).toFixed(2)}× the memory of one.`,
      '',
    ];
    writeBenchResult('bundles.md', lines);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

runBench(main);
