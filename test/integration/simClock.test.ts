import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from './simHarness';

/** The demo's editor cluster: its timeline waits for the editor's first request, and can be played again. */
describe('the simulated cluster\'s clock (the demo)', () => {
  it('starts the timeline with the first request when asked to, and restarts it on replay', async () => {
    const { sim, reader } = await connect('race-3.29.2', { manualClock: false, clockStartsOnFirstRequest: true, timeScale: 10 });
    try {
      await sleep(300);
      assert.ok(sim.requests.length === 0);
      await reader.list('/api/v1/nodes', {});
      const first = sim.now();
      assert.ok(first < 2, `the timeline started before the first request: ${first}`);
      await sleep(300);
      assert.ok(sim.now() >= 2, 'the timeline runs once started');
      sim.restartClock();
      assert.ok(sim.now() < 1, 'replay plays it from its start');
    } finally {
      await sim.stop();
    }
  });
});
