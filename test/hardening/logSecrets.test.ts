/**
 * The log never carries a secret: the simulated cluster answers every read 403 (or 401) with a Status message that
 * quotes "Authorization: Bearer <token>" and the bare token, and the built CLI runs with --verbose. The request
 * lines, the check outcomes and the errors must name what happened without the token.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertExit, assertNotPrinted, clusterCase, EXIT, runCheck, withSim, writeKubeconfig } from './clusterHarness';

describe('--verbose against a server that echoes the bearer token', () => {
  it('403 bodies quoting the token: every request and check is logged, the token never is', async () => {
    await withSim('healthy', [{ path: '.', status: 403, echoAuthorization: true }], async (sim) => {
      const { folder, tmp } = clusterCase('verbose-echo-403');
      const run = await runCheck('--verbose, 403 echoes the token', writeKubeconfig(folder, sim), ['--verbose', '--format', 'json'], { tmp, folder });
      assertExit(run, EXIT.unverified);
      assertNotPrinted(run, sim.token, 'the bearer token');
      const requests = run.stderr.split('\n').filter((line) => / \[info\] GET \//.test(line));
      assert.equal(requests.length, sim.requests.length, 'every request is logged');
      assert.ok(requests.every((line) => / → 403 forbidden in \d+ ms$/.test(line)), requests.find((line) => !line.includes('403')));
      assert.match(run.stderr, /\[info\] check nodes\.ready: unknown — unknown: forbidden — could not read nodes\n/);
      assert.ok(!/Authorization: Bearer (?!\[redacted\])/.test(run.stderr), 'no unredacted Authorization header');
    });
  });

  it('401 bodies quoting the token: the failure is logged, the token is not', async () => {
    await withSim('healthy', [{ path: '.', status: 401, echoAuthorization: true }], async (sim) => {
      const { folder, tmp } = clusterCase('verbose-echo-401');
      const run = await runCheck('--verbose, 401 echoes the token', writeKubeconfig(folder, sim), ['--verbose'], { tmp, folder });
      assertExit(run, EXIT.unreachable);
      assertNotPrinted(run, sim.token, 'the bearer token');
      assert.match(run.stderr, / \[info\] GET \/api\/v1\/nodes\?limit=1000 → 401 unauthorized in \d+ ms\n/);
    });
  });
});
