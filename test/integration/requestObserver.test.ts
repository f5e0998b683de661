/**
 * The gateway's request observer (the source of the extension's request log and the CLI's --verbose lines): one
 * event per settled read with method, path, status or failure kind, time and attempts, and nothing secret, even
 * when the server quotes the bearer token back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PATHS } from '../../src/core/checks/calicoObjects';
import { collectClusterEvidence } from '../../src/core/checks/clusterEvidence';
import { describeRequest, type RequestEvent } from '../../src/core/kube/requestEvent';
import { connect } from './simHarness';

describe('the request observer', () => {
  it('hears every read of a check once, with its path, status, time and attempts', async () => {
    const events: RequestEvent[] = [];
    const { sim, reader } = await connect('healthy', { tuning: { observer: (event) => events.push(event) }, faults: [{ path: '^/api/v1/nodes$', status: 503, times: 1 }] });
    try {
      await collectClusterEvidence(reader);
      assert.equal(events.length, sim.requests.length - 1, 'one event per read; the retried read counts once');
      const nodes = events.find((event) => event.path.startsWith('/api/v1/nodes?'));
      assert.ok(nodes, 'the node list was reported');
      assert.deepEqual([nodes.method, nodes.status, nodes.outcome, nodes.attempts], ['GET', 200, 'ok', 2]);
      assert.match(nodes.path, /limit=1000/);
      assert.ok(nodes.durationMs >= 0);
      assert.ok(events.every((event) => event.attempts >= 1));
      assert.deepEqual(events.filter((event) => event.status !== 200).map((event) => [event.status, event.outcome]), [], 'every other read of the healthy cluster answered 200');
      assert.match(describeRequest(nodes), /^GET \/api\/v1\/nodes\?limit=1000 → 200 in \d+ ms \(2 attempts\)$/);
    } finally {
      await sim.stop();
    }
  });

  it('reports failures without a status (unreachable), and the TLS cause of a wrong CA', async () => {
    for (const context of ['sim-unreachable', 'sim-wrong-ca']) {
      const events: RequestEvent[] = [];
      const { sim, reader } = await connect('healthy', { context, tuning: { observer: (event) => events.push(event) } });
      try {
        const answer = await reader.get(PATHS.clusterInformation);
        assert.ok(answer.kind === 'unreachable');
        assert.equal(answer.cause, context === 'sim-wrong-ca' ? 'tls' : undefined);
        assert.equal(events.length, 1);
        assert.equal(events[0]?.status, undefined);
        assert.equal(events[0]?.outcome, 'unreachable');
      } finally {
        await sim.stop();
      }
    }
  });

  it('carries no secret when 403 bodies echo "Authorization: Bearer <token>"', async () => {
    const events: RequestEvent[] = [];
    const { sim, reader } = await connect('healthy', { tuning: { observer: (event) => events.push(event) }, faults: [{ path: '.', status: 403, echoAuthorization: true }] });
    try {
      const evidence = await collectClusterEvidence(reader);
      assert.ok(evidence.nodes.kind === 'forbidden');
      assert.match(evidence.nodes.message, /Bearer \[redacted\]/, 'the body did quote the header');
      assert.ok(events.length > 20);
      const logged = JSON.stringify(events) + events.map(describeRequest).join('\n');
      assert.ok(!logged.includes(sim.token), 'the token is not in any event');
      assert.ok(!/Authorization:|Bearer/i.test(logged), 'no header is in any event');
      assert.ok(events.every((event) => event.status === 403 && event.outcome === 'forbidden'));
      assert.deepEqual(Object.keys(events[0] ?? {}).sort(), ['attempts', 'durationMs', 'method', 'outcome', 'path', 'status']);
    } finally {
      await sim.stop();
    }
  });

  it('an observer that throws does not change what the read returns', async () => {
    const { sim, reader } = await connect('healthy', {
      tuning: {
        observer: () => {
          throw new Error('logging broke');
        },
      },
    });
    try {
      assert.equal((await reader.get(PATHS.clusterInformation)).kind, 'ok');
    } finally {
      await sim.stop();
    }
  });
});
