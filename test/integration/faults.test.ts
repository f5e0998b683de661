import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectClusterEvidence } from '../../src/core/checks/clusterEvidence';
import { runClusterChecks } from '../../src/core/checks/runClusterChecks';
import { PATHS } from '../../src/core/checks/calicoObjects';
import { assertReadOnly, connect, guardRejections } from './simHarness';

describe('faults end in a clear status, with no unhandled rejection', () => {
  for (const [context, kind, pattern] of [
    ['sim-unreachable', 'unreachable', /ECONNREFUSED/],
    ['sim-wrong-ca', 'unreachable', /TLS verification failed/],
    ['sim-expired', 'unauthorized', /Unauthorized/],
  ] as const) {
    it(`${context}: every check is unknown (${kind})`, async () => {
      const done = guardRejections();
      const { sim, reader } = await connect('healthy', { context });
      try {
        const evidence = await collectClusterEvidence(reader);
        assert.equal(evidence.nodes.kind, kind);
        assert.match('message' in evidence.nodes ? evidence.nodes.message : '', pattern);
        const results = runClusterChecks(evidence);
        assert.ok(results.every((entry) => entry.status === 'unknown' || entry.status === 'skipped'), JSON.stringify(results.map((entry) => [entry.id, entry.status])));
        assert.equal(results.find((entry) => entry.id === 'nodes.ready')?.summary, `unknown: ${kind} — could not read nodes`);
      } finally {
        await sim.stop();
        done();
      }
    });
  }

  it('404 on a CRD object: ClusterInformation missing is a finding, not an error', async () => {
    const { sim, reader } = await connect('race-3.29.2');
    try {
      const evidence = await collectClusterEvidence(reader);
      assert.equal(evidence.clusterInformation.kind, 'not-found');
    } finally {
      await sim.stop();
    }
  });

  it('410 on a continue token restarts the list from the beginning', async () => {
    const { sim, reader } = await connect('large', { faults: [{ path: '^/api/v1/nodes$', status: 410, onContinue: true, times: 1 }] });
    try {
      const result = await reader.list(PATHS.nodes, { limit: 1000 });
      assert.ok(result.kind === 'ok');
      assert.equal(result.value.items.length, 5000);
      const nodeRequests = sim.requests.filter((request) => request.path === '/api/v1/nodes');
      assert.equal(nodeRequests.filter((request) => request.status === 410).length, 1);
      assert.equal(nodeRequests.filter((request) => !request.query.includes('continue')).length, 2, 'restarted once from the first page');
      assertReadOnly(sim);
    } finally {
      await sim.stop();
    }
  });

  it('429 with Retry-After is retried after the advertised wait', async () => {
    const { sim, reader, sleeps } = await connect('healthy', { faults: [{ path: '^/api/v1/nodes$', status: 429, retryAfterSeconds: 2, times: 2 }] });
    try {
      const result = await reader.list(PATHS.nodes);
      assert.equal(result.kind, 'ok');
      assert.deepEqual(sleeps, [2000, 2000]);
    } finally {
      await sim.stop();
    }
  });

  it('500 is retried with backoff a bounded number of times, then reported', async () => {
    const { sim, reader, sleeps } = await connect('healthy', { faults: [{ path: '^/api/v1/nodes$', status: 500 }] });
    try {
      const result = await reader.list(PATHS.nodes);
      assert.ok(result.kind === 'http-error');
      assert.match(result.message, /after 4 attempts/);
      assert.deepEqual(sleeps, [250, 500, 1000]);
    } finally {
      await sim.stop();
    }
  });

  it('a server slower than the timeout gives "timeout"', async () => {
    const { sim, reader } = await connect('healthy', { faults: [{ path: 'clusterinformations', delayMs: 1500 }], tuning: { timeoutMs: 300 } });
    try {
      const result = await reader.get(PATHS.clusterInformation);
      assert.equal(result.kind, 'timeout');
    } finally {
      await sim.stop();
    }
  });

  it('malformed JSON gives "malformed"; a dropped connection gives "unreachable"', async () => {
    const { sim, reader } = await connect('healthy', { faults: [{ path: '^/api/v1/nodes$', malformed: true }, { path: 'ippools', drop: true }] });
    try {
      assert.equal((await reader.list(PATHS.nodes)).kind, 'malformed');
      const dropped = await reader.list(PATHS.ipPools);
      assert.equal(dropped.kind, 'unreachable');
    } finally {
      await sim.stop();
    }
  });

  it('cancellation stops sending requests', async () => {
    const { sim, reader } = await connect('healthy', { faults: [{ path: '.', delayMs: 200 }] });
    try {
      const controller = new AbortController();
      const pending = collectClusterEvidence(reader, controller.signal);
      setTimeout(() => {
        controller.abort();
      }, 50);
      const evidence = await pending;
      assert.equal(evidence.nodes.kind, 'cancelled');
      // A request written just before the abort may reach the (busy, same-process) server a little later: what
      // matters is that no read starts after it. Without cancellation, the reads after the first 8 (each delayed
      // 200 ms) would have arrived within these 300 ms.
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.ok(sim.requests.length <= 8, `${sim.requests.length} requests arrived (at most the 8 in flight at the abort)`);
    } finally {
      await sim.stop();
    }
  });

  it('reads current and previous container logs with tailLines', async () => {
    const { sim, reader } = await connect('race-3.29.2');
    try {
      const current = await reader.podLog('calico-system', 'calico-typha-6b9c7d8f4-x7k2p', { container: 'calico-typha', tailLines: 2 });
      assert.ok(current.kind === 'ok');
      assert.equal(current.value.trim().split('\n').length, 2);
      const previous = await reader.podLog('calico-system', 'calico-typha-6b9c7d8f4-x7k2p', { container: 'calico-typha', previous: true });
      assert.match(previous.kind === 'ok' ? previous.value : '', /FATAL/);
      assert.ok(sim.requests.some((request) => request.query.includes('previous=true')));
      assertReadOnly(sim);
    } finally {
      await sim.stop();
    }
  });
});

describe('following pod logs', () => {
  it('streams new lines as they appear and stops when aborted', async () => {
    const { sim, reader } = await connect('race-3.29.2', { startAt: 0 });
    try {
      let received = '';
      const controller = new AbortController();
      const following = reader.followPodLog('calico-system', 'calico-typha-6b9c7d8f4-x7k2p', { container: 'calico-typha', tailLines: 1 }, (text) => {
        received += text;
        if (received.includes('14:26:23.401')) controller.abort();
      }, { signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 200));
      sim.setTime(50);
      const result = await following;
      assert.equal(result.kind, 'ok');
      assert.match(received, /14:25:51\.666 \[ERROR\]\[1\] typha\/lookup\.go 66: Failed to get Typha endpoint from Kubernetes error=Unauthorized/);
      assert.ok(sim.requests.some((request) => request.query.includes('follow=true')));
      assertReadOnly(sim);
    } finally {
      await sim.stop();
    }
  });
});
