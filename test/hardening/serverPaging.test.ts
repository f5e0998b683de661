/**
 * An API server that never ends a list: every page carries a new `continue` token. Before, `check` paged forever
 * (7,400 GETs a second; with 1 MB pages, past 1 GiB). Now each list stops at its page, item and byte limits, and
 * --timeout bounds the whole run.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { customKubeconfig } from '../sim/kubeconfig';
import { assertExit, clusterCase, EXIT, reportOf, runCheck, assertNoPass } from './clusterHarness';
import { endlessPages, startHostileServer, type HostileServer } from './hostileServer';

async function withHostile<T>(itemBytes: number, body: (server: HostileServer) => Promise<T>): Promise<T> {
  const server = await startHostileServer(endlessPages(itemBytes));
  try {
    return await body(server);
  } finally {
    await server.stop();
  }
}

function kubeconfigFor(folder: string, server: HostileServer): string {
  const path = join(folder, 'kubeconfig.yaml');
  writeFileSync(path, customKubeconfig({ server: server.url, caPem: server.caPem, user: { token: server.token } }), { mode: 0o600 });
  return path;
}

describe('check: a server that always answers with a new continue token', () => {
  it('small pages: every list stops at its page limit; the run ends well within --timeout, exit 2, no check passes on the lists', async () => {
    await withHostile(100, async (server) => {
      const { folder, tmp } = clusterCase('endless-pages-small');
      const run = await runCheck('endless continue tokens, small pages', kubeconfigFor(folder, server), ['--format', 'json', '--timeout', '10'], { tmp, folder, timeoutMs: 60_000 });
      assertExit(run, EXIT.unreachable);
      assert.match(run.stderr, /could not read the cluster: the API kept answering \/api\/v1\/nodes with further pages \(200 pages/);
      assertNoPass(reportOf(run), ['nodes.ready', 'crds.calico', 'workloads.calico-node', 'identity.known-issues']);
      assert.ok(server.requests.length < 20 * 200, `${server.requests.length} requests`);
      assert.ok(server.requests.every((request) => request.method === 'GET'));
      assert.ok(run.ms < 12_000, `${run.ms} ms`);
      assert.ok(run.peakRssMiB < 300, `peak RSS ${run.peakRssMiB} MiB`);
    });
  });

  it('1 MB pages: the byte limit per list and --timeout 5 bound memory and time', async () => {
    await withHostile(1024 * 1024, async (server) => {
      const { folder, tmp } = clusterCase('endless-pages-1mb');
      const run = await runCheck('endless continue tokens, 1 MB pages', kubeconfigFor(folder, server), ['--format', 'json', '--timeout', '5'], { tmp, folder, timeoutMs: 60_000, killAboveMiB: 1536 });
      assertExit(run, EXIT.unreachable);
      // Which comes first depends on the machine: a list's limits, the shared budget of list pages, or the run's deadline.
      assert.match(run.stderr, /could not read the cluster: (the API kept answering \/api\/v1\/nodes with further pages|the lists being read together exceed|not kept: the API's answers to this check exceed)|the check did not finish within --timeout 5 s; the reads not done by then are unknown/);
      // --timeout 5 plus start and the one-second grace; the bound leaves room for a loaded machine.
      assert.ok(run.ms < 20_000, `${run.ms} ms`);
      // Measured 388–718 MiB across runs (the 256 MiB answer budget is counted in bytes of JSON; parsed it weighs more);
      // before the caps it passed 1.5 GiB.
      assert.ok(run.peakRssMiB < 900, `peak RSS ${run.peakRssMiB} MiB`);
    });
  });
});
