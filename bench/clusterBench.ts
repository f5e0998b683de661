/**
 * Readiness check on the `large` scenario (5,000 nodes, ~150,000 pods): wall time, request count and peak RSS of
 * `rke2-calico-diag check` (the built dist/cli.js, in its own process), against `kubectl get nodes,pods -A -o json`
 * on the same simulated server when kubectl is installed. Run with `npm run bench:cluster`; writes
 * bench/results/cluster.md. Peak RSS comes from GNU time (`/usr/bin/time -f %M`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, startSimulatedCluster, type RunningSim } from '../test/sim/simServer';

const ROOT = join(__dirname, '../..');

interface Measurement {
  readonly ms: number;
  readonly rssMb: number;
  readonly code: number | null;
  readonly stdoutBytes: number;
  readonly requests: number;
}

/** Runs a command in a child process (the simulated server keeps answering in this one) and measures it. */
async function measure(sim: RunningSim, command: string, args: readonly string[]): Promise<Measurement> {
  const folder = mkdtempSync(join(tmpdir(), 'rke2-bench-'));
  const rssFile = join(folder, 'rss');
  const before = sim.requests.length;
  const started = process.hrtime.bigint();
  const { code, bytes } = await new Promise<{ code: number | null; bytes: number }>((resolve) => {
    const child = spawn('/usr/bin/time', ['-f', '%M', '-o', rssFile, command, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    let count = 0;
    child.stdout.on('data', (chunk: Buffer) => (count += chunk.length));
    child.on('close', (exit) => {
      resolve({ code: exit, bytes: count });
    });
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const rssKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
  rmSync(folder, { recursive: true, force: true });
  return { ms, rssMb: rssKb / 1024, code, stdoutBytes: bytes, requests: sim.requests.length - before };
}

async function main(): Promise<void> {
  const sim = await startSimulatedCluster(loadScenario('large'), { manualClock: true });
  try {
    const checkArgs = [join(ROOT, 'dist/cli.js'), 'check', '--kubeconfig', sim.kubeconfigPath, '--format', 'json', '--host-root', '/nonexistent'];
    // The simulated server builds its 5,000-node state on its first request; a real API server has it already. One
    // unmeasured run warms it, then three runs are measured and the median reported.
    const cold = await measure(sim, process.execPath, checkArgs);
    const runs = [await measure(sim, process.execPath, checkArgs), await measure(sim, process.execPath, checkArgs), await measure(sim, process.execPath, checkArgs)];
    const check = [...runs].sort((a, b) => a.ms - b.ms)[1] ?? cold;
    const writes = sim.requests.filter((request) => request.method !== 'GET').length;
    const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
    const kubectl = hasKubectl ? await measure(sim, 'kubectl', ['--kubeconfig', sim.kubeconfigPath, 'get', 'nodes,pods', '-A', '-o', 'json', '--request-timeout=300s']) : undefined;
    const lines = [
      '# Readiness check benchmark (`large` scenario)',
      '',
      `Machine: ${process.platform} ${process.arch}, Node ${process.version}, 2 cores, ${new Date().toISOString().slice(0, 10)}. Simulated API server over HTTPS on 127.0.0.1 (in the benchmark process): 5,000 nodes, ~150,000 pods.`,
      '',
      '| command | wall time | requests | peak RSS | goal |',
      '|---|---|---|---|---|',
      `| \`rke2-calico-diag check --format json\` (exit ${String(check.code)}) | ${(check.ms / 1000).toFixed(2)} s | ${check.requests} (${writes} not GET) | ${check.rssMb.toFixed(0)} MB | ≤ 3 s, ≤ 40 requests, ≤ 300 MB |`,
      kubectl
        ? `| \`kubectl get nodes,pods -A -o json\` (exit ${String(kubectl.code)}, ${(kubectl.stdoutBytes / 1024 / 1024).toFixed(0)} MB of JSON) | ${(kubectl.ms / 1000).toFixed(2)} s | ${kubectl.requests} | ${kubectl.rssMb.toFixed(0)} MB | comparison |`
        : '| `kubectl get nodes,pods -A -o json` | kubectl is not installed on this machine | | | comparison |',
      '',
      'The check selects Calico pods by namespace and label, pages nodes (1,000 per page) and IPAM blocks (2,500 per page), reads at most four pod-log tails; it never lists all pods.',
      '',
      `Median of three runs against the warm server (${runs.map((run) => `${(run.ms / 1000).toFixed(2)} s`).join(', ')}); the first, unmeasured run, which also waits for the simulated server to build its state, took ${(cold.ms / 1000).toFixed(2)} s. The server runs on the same two cores as the check.`,
      '',
    ];
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/cluster.md'), lines.join('\n'));
    process.stdout.write(lines.join('\n'));
  } finally {
    await sim.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
