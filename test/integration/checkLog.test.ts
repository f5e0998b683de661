/**
 * `check` with --verbose and with signals injected through CliIo, in-process against the simulated cluster: the log
 * says what was read and decided, and SIGINT/SIGTERM cancel the requests in flight and exit 130/143.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CliSignal, CliSignals } from '../../src/cli/cliIo';
import type { CheckReportJson } from '../../src/core/checks/checkReport';
import { runInProcess } from '../cli/cliHarness';
import { loadScenario, startSimulatedCluster, type RunningSim } from '../sim/simServer';
import type { Fault } from '../sim/scenarioTypes';
import { until } from '../until';

async function withSim(scenario: string, faults: readonly Fault[], body: (sim: RunningSim) => Promise<void>): Promise<void> {
  const sim = await startSimulatedCluster(loadScenario(scenario), { manualClock: true, extraFaults: [...faults] });
  try {
    await body(sim);
  } finally {
    await sim.stop();
  }
}

/** Signals a test sends by hand; `resent` records what was given its default action. */
function fakeSignals(): CliSignals & { send: (signal: CliSignal) => void; readonly resent: CliSignal[]; listening: () => number } {
  const listeners = new Set<(signal: CliSignal) => void>();
  const resent: CliSignal[] = [];
  return {
    listen: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    resend: (signal) => resent.push(signal),
    send: (signal) => {
      for (const listener of [...listeners]) listener(signal);
    },
    resent,
    listening: () => listeners.size,
  };
}


describe('check --verbose', () => {
  it('logs the kubeconfig, the context, every request and each check on stderr; stdout stays the report', async () => {
    await withSim('healthy', [], async (sim) => {
      const run = await runInProcess(['check', '--verbose', '--kubeconfig', sim.kubeconfigPath, '--format', 'json', '--host-root', '/nonexistent-root']);
      assert.equal(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout) as CheckReportJson;
      assert.match(run.stderr, new RegExp(`\\[info\\] kubeconfig ${sim.kubeconfigPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(--kubeconfig\\)\\n`));
      assert.match(run.stderr, /\[info\] context sim of 4 \(sim, sim-expired, sim-wrong-ca, sim-unreachable\), server https:\/\/127\.0\.0\.1:\d+\n/);
      const requests = run.stderr.split('\n').filter((line) => / \[info\] GET \//.test(line));
      assert.equal(requests.length, sim.requests.length, 'one line per request');
      assert.ok(requests.some((line) => /GET \/api\/v1\/nodes\?limit=1000 → 200 in \d+ ms$/.test(line)));
      for (const check of report.checks) assert.ok(run.stderr.includes(`check ${check.id}: ${check.status} — ${check.summary}`), check.id);
      assert.match(run.stderr, /\[info\] verdict: ready — all \d+ checks that ran pass \(\d+ checks, \d+ ms\)\n/);
      assert.ok(!run.stderr.includes(sim.token));
    });
  });

  it('says why the cluster could not be opened', async () => {
    await withSim('healthy', [], async (sim) => {
      const run = await runInProcess(['check', '--verbose', '--kubeconfig', sim.kubeconfigPath, '--context', 'nope']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /\[error\] cannot open the cluster \(unknown-context\): context "nope" is not in the kubeconfig/);
    });
  });
});

describe('check interrupted through CliIo', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal}: the requests in flight are cancelled, the report is printed, exit ${code}`, async () => {
      await withSim('healthy', [{ path: '.', delayMs: 1500 }], async (sim) => {
        const signals = fakeSignals();
        const running = runInProcess(['check', '--kubeconfig', sim.kubeconfigPath, '--format', 'json', '--host-root', '/nonexistent-root'], signals);
        await until('the first request', () => (sim.requests.length > 0 ? true : undefined));
        signals.send(signal);
        const run = await running;
        assert.equal(run.code, code, run.stderr);
        assert.match(run.stderr, new RegExp(`interrupted by ${signal}; the requests in flight were cancelled`));
        const report = JSON.parse(run.stdout) as CheckReportJson;
        assert.ok(report.checks.filter((check) => check.area !== 'Host').every((check) => check.status !== 'pass'), 'nothing passes on cancelled reads');
        assert.equal(signals.listening(), 0, 'the listener is released');
        assert.deepEqual(signals.resent, []);
      });
    });
  }

  it('a second signal is not waited on: it gets its default action', async () => {
    await withSim('healthy', [{ path: '.', delayMs: 1500 }], async (sim) => {
      const signals = fakeSignals();
      const running = runInProcess(['check', '--kubeconfig', sim.kubeconfigPath, '--host-root', '/nonexistent-root'], signals);
      await until('the first request', () => (sim.requests.length > 0 ? true : undefined));
      signals.send('SIGINT');
      signals.send('SIGINT');
      await running;
      assert.deepEqual(signals.resent, ['SIGINT']);
    });
  });
});
