import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckReportJson } from '../../../src/core/checks/checkReport';
import type { ClusterOutcome } from '../../../src/core/fleet/fleetOutcome';
import { runFleet } from '../../../src/core/fleet/runFleet';

const checked: ClusterOutcome = { kind: 'checked', report: { cluster: { rke2: null, calico: null, containerd: null, context: null, server: null }, checks: [], summary: { pass: 0, warn: 0, fail: 0, unknown: 0, skipped: 0 }, generatedAt: '' } satisfies CheckReportJson };

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('runFleet', () => {
  it('never has more than `parallel` clusters in flight, and keeps the targets order', async () => {
    let inFlight = 0;
    let most = 0;
    const targets = Array.from({ length: 20 }, (_, index) => index);
    const outcomes = await runFleet(targets, {
      parallel: 3,
      clusterTimeoutMs: 5000,
      check: async (target, signal) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await delay(5 + (target % 4) * 3, signal);
        inFlight--;
        return { kind: 'skipped', reason: String(target) };
      },
    });
    assert.equal(most, 3);
    assert.deepEqual(outcomes.map((outcome) => (outcome.kind === 'skipped' ? outcome.reason : '')), targets.map(String));
  });

  it('a cluster that throws, rejects or never settles costs only itself', async () => {
    const seen: AbortSignal[] = [];
    const outcomes = await runFleet(['throws', 'rejects', 'hangs', 'ok'], {
      parallel: 2,
      clusterTimeoutMs: 100,
      check: (target, signal) => {
        seen.push(signal);
        if (target === 'throws') throw new Error('boom');
        if (target === 'rejects') return Promise.reject(new Error('refused'));
        if (target === 'hangs') return new Promise<ClusterOutcome>(() => undefined);
        return Promise.resolve(checked);
      },
    });
    assert.deepEqual(outcomes.map((outcome) => outcome.kind), ['unreachable', 'unreachable', 'unreachable', 'checked']);
    assert.match(JSON.stringify(outcomes[0]), /boom/);
    assert.match(JSON.stringify(outcomes[2]), /per-cluster timeout of 0\.1 s/);
    assert.ok(seen.every((signal) => signal.aborted), 'each cluster\'s reads are aborted once it is settled');
  });

  it('cancellation aborts the clusters in flight and starts no more', async () => {
    const controller = new AbortController();
    let started = 0;
    setTimeout(() => controller.abort(), 30);
    const outcomes = await runFleet(Array.from({ length: 10 }, (_, index) => index), {
      parallel: 2,
      clusterTimeoutMs: 10_000,
      signal: controller.signal,
      check: async (_target, signal) => {
        started++;
        await delay(1000, signal);
        return checked;
      },
    });
    assert.equal(started, 2);
    assert.ok(outcomes.every((outcome) => outcome.kind === 'cancelled'));
  });
});
