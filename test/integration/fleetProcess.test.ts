import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FleetReportJson } from '../../src/core/fleet/fleetReport';
import { startCli } from '../hardening/bundleRun';
import { startRancherSim } from '../sim/rancherSim';

/** The built CLI in its own process: what only a real process shows (NODE_EXTRA_CA_CERTS at start-up, a real SIGINT). */
describe('check --rancher as a process', () => {
  it('trusts Rancher\'s private CA through NODE_EXTRA_CA_CERTS, without --rancher-ca', async () => {
    const rancher = await startRancherSim({ clusters: [{ id: 'c-1', name: 'one', scenario: 'healthy' }] });
    try {
      const folder = mkdtempSync(join(tmpdir(), 'rke2-fleet-process-'));
      const caFile = join(folder, 'extra-ca.pem');
      writeFileSync(caFile, rancher.caPem);
      const trusted = await startCli(['check', '--rancher', rancher.url, '--format', 'json'], { tmp: folder, env: { RANCHER_TOKEN: rancher.token, NODE_EXTRA_CA_CERTS: caFile } }).done;
      assert.equal(trusted.code, 0, trusted.stderr);
      assert.equal((JSON.parse(trusted.stdout) as FleetReportJson).clusters[0]?.status, 'pass');
      const untrusted = await startCli(['check', '--rancher', rancher.url], { tmp: folder, env: { RANCHER_TOKEN: rancher.token, NODE_EXTRA_CA_CERTS: '' } }).done;
      assert.equal(untrusted.code, 2);
      assert.match(untrusted.stderr, /TLS verification failed/);
      assert.ok(!untrusted.stderr.includes(rancher.token));
    } finally {
      await rancher.stop();
    }
  });

  it('Ctrl-C (SIGINT) aborts clusters that hang: the process prints what it has and exits at once', async () => {
    const clusters = Array.from({ length: 6 }, (_, index) => ({ id: `c-${index}`, name: `hung-${index}`, scenario: 'healthy', proxy: 'hang' as const }));
    const rancher = await startRancherSim({ clusters });
    try {
      const folder = mkdtempSync(join(tmpdir(), 'rke2-fleet-process-'));
      const caFile = join(folder, 'ca.pem');
      writeFileSync(caFile, rancher.caPem);
      const running = startCli(['check', '--rancher', rancher.url, '--rancher-ca', caFile, '--parallel', '2', '--cluster-timeout', '120', '--format', 'json'], { tmp: folder, env: { RANCHER_TOKEN: rancher.token }, timeoutMs: 20_000 });
      // Once Rancher has seen the first proxied requests, the clusters are in flight.
      const started = Date.now();
      while (!rancher.requests.some((request) => request.path.startsWith('/k8s/clusters/')) && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
      const interruptedAt = Date.now();
      running.child.kill('SIGINT');
      const outcome = await running.done;
      assert.equal(outcome.killedBy, undefined);
      assert.ok(Date.now() - interruptedAt < 5000, `exited ${Date.now() - interruptedAt} ms after SIGINT`);
      const report = JSON.parse(outcome.stdout) as FleetReportJson;
      assert.equal(report.clusters.length, 6);
      assert.ok(report.clusters.every((cluster) => cluster.outcome === 'cancelled'), JSON.stringify(report.clusters.map((cluster) => cluster.outcome)));
      assert.match(outcome.stderr, /interrupted by SIGINT/);
      assert.equal(outcome.code, 130);
    } finally {
      await rancher.stop();
    }
  });
});
