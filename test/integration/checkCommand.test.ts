import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckReportJson } from '../../src/core/checks/checkReport';
import { watchInitialisation } from '../../src/core/checks/watchInitialisation';
import { runInProcess } from '../cli/cliHarness';
import { loadScenario, startSimulatedCluster } from '../sim/simServer';
import { assertReadOnly, connect } from './simHarness';

describe('rke2-calico-diag check', () => {
  it('answers the documented JSON and exit code 0 on a healthy cluster', async () => {
    const sim = await startSimulatedCluster(loadScenario('healthy'), { manualClock: true });
    try {
      const run = await runInProcess(['check', '--kubeconfig', sim.kubeconfigPath, '--format', 'json', '--host-root', '/nonexistent-root']);
      assert.equal(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout) as CheckReportJson;
      assert.deepEqual(report.cluster, { rke2: 'v1.32.4+rke2r1', calico: 'v3.29.3', containerd: 'v2.0.4-k3s2', context: 'sim', server: sim.url });
      assert.equal(report.summary.fail, 0);
      assert.ok(report.checks.every((check) => typeof check.id === 'string' && typeof check.summary === 'string' && Array.isArray(check.evidence)));
      assert.ok(report.checks.some((check) => check.area === 'Host' && check.status === 'skipped'));
      assert.ok(!run.stdout.includes(sim.token), 'the token never appears in output');
      assertReadOnly(sim);
    } finally {
      await sim.stop();
    }
  });

  it('exits 1 on the race scenario with the #7808 error in text output', async () => {
    const sim = await startSimulatedCluster(loadScenario('race-3.29.2'), { manualClock: true, startAt: 10 });
    try {
      const misspelt = await runInProcess(['check', '--kubeconfig', sim.kubeconfigPath, '--watchh', '5']);
      assert.equal(misspelt.code, 2);
      assert.match(misspelt.stderr, /unknown option --watchh/);
      const real = await runInProcess(['check', '--kubeconfig', sim.kubeconfigPath]);
      assert.equal(real.code, 1, real.stderr);
      assert.match(real.stdout, /FAIL {4}Known Calico issues for these versions: rancher\/rke2#7808/);
      assert.match(real.stdout, /rancher\/rke2#7808: https:\/\/github\.com\/rancher\/rke2\/issues\/7808/);
    } finally {
      await sim.stop();
    }
  });

  it('exits 2 when the cluster cannot be reached or the context is unknown', async () => {
    const sim = await startSimulatedCluster(loadScenario('healthy'), { manualClock: true });
    try {
      const unreachable = await runInProcess(['check', '--kubeconfig', sim.kubeconfigPath, '--context', 'sim-unreachable', '--timeout', '2']);
      assert.equal(unreachable.code, 2);
      assert.match(unreachable.stderr, /could not read the cluster: ECONNREFUSED/);
      const expired = await runInProcess(['check', '--kubeconfig', sim.kubeconfigPath, '--context', 'sim-expired']);
      assert.equal(expired.code, 2);
      assert.ok(!expired.stderr.includes(sim.token) && !expired.stdout.includes('expired-'), 'no token in output');
      const unknownContext = await runInProcess(['check', '--kubeconfig', sim.kubeconfigPath, '--context', 'nope']);
      assert.equal(unknownContext.code, 2);
      assert.match(unknownContext.stderr, /context "nope" is not in the kubeconfig \(it has: sim, sim-expired, sim-wrong-ca, sim-unreachable\)/);
      const missing = await runInProcess(['check', '--kubeconfig', '/no/such/kubeconfig']);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /error loading config file "\/no\/such\/kubeconfig": no such file\n$/);
    } finally {
      await sim.stop();
    }
  });

  it('--watch records the initialisation timeline of the race', async () => {
    const sim = await startSimulatedCluster(loadScenario('race-3.29.2'), { timeScale: 100 });
    try {
      const run = await runInProcess(['check', '--kubeconfig', sim.kubeconfigPath, '--watch', '1', '--interval', '0.05', '--format', 'json']);
      const report = JSON.parse(run.stdout) as CheckReportJson;
      const messages = (report.timeline ?? []).map((entry) => entry.message).join('\n');
      assert.match(messages, /ClusterInformation default appeared, datastoreReady: true \(Calico v3\.29\.2\)/);
      assert.match(messages, /calico-node ready 5\/5/);
      assert.match(messages, /nodes Ready 5\/5/);
    } finally {
      await sim.stop();
    }
  });

  it('the watch stops when cancelled', async () => {
    const { sim, reader } = await connect('race-3.29.2');
    try {
      const controller = new AbortController();
      setTimeout(() => {
        controller.abort();
      }, 100);
      const started = Date.now();
      const snapshot = await watchInitialisation(reader, { durationSeconds: 60, intervalMs: 20, signal: controller.signal });
      assert.ok(Date.now() - started < 5000);
      assert.ok(snapshot.timeline.length >= 1);
    } finally {
      await sim.stop();
    }
  });
});
