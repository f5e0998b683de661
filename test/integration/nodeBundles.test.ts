import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { NodeBundlesReportJson } from '../../src/cli/nodeBundlesCommand';
import { EXTRACTION_PREFIX } from '../../src/bundle/openBundle';
import { runInProcess } from '../cli/cliHarness';
import { writeBundleFolder, writeBundleTarball } from '../bundle/buildBundle';
import { FAILURE_LINES } from '../fixtures/logLines';
import { loadScenario } from '../sim/simServer';

const TYPHA_UNAUTHORIZED = FAILURE_LINES.find((entry) => entry.signature === 'typha-unauthorized')?.line ?? '';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'rke2-node-bundles-'));
}

/** Three nodes of the race cluster: a server with the kubectl dumps, and two agents (one runs firewalld and lacks modules, one logged the first failure). */
function threeNodes(): { folder: string; tarballs: string[] } {
  const scenario = loadScenario('race-3.29.2');
  const folder = scratch();
  const server = writeBundleTarball(join(folder, 'a'), scenario, { second: 20, hostname: 'server-1' });
  const agentOneRoot = writeBundleFolder(join(folder, 'b-staging'), scenario, { second: 20, hostname: 'agent-1', withoutKubectl: true, host: { firewalld: 'active', modules: ['ip_tables', 'overlay', 'br_netfilter'] } });
  mkdirSync(join(agentOneRoot, 'rke2/podlogs'), { recursive: true });
  // Earlier than anything the server logged: the first failure of the cluster is on this agent.
  writeFileSync(join(agentOneRoot, 'rke2/podlogs/calico-system-calico-typha-early'), `${TYPHA_UNAUTHORIZED.replace('2025-02-19 14:25:19.914', '2025-02-19 14:20:01.000')}\n`);
  const agentTwo = writeBundleTarball(join(folder, 'c'), scenario, { second: 20, hostname: 'agent-2', withoutKubectl: true });
  return { folder, tarballs: [server, agentOneRoot, agentTwo] };
}

describe('bundle a.tar.gz b.tar.gz …: every node of a cluster, offline', () => {
  it('merges cluster checks, shows host prerequisites per node and puts every node\'s log findings on one timeline', async () => {
    const { tarballs } = threeNodes();
    const run = await runInProcess(['bundle', ...tarballs, '--format', 'json']);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as NodeBundlesReportJson;
    assert.deepEqual(report.nodes.map((node) => node.node), ['server-1', 'agent-1', 'agent-2']);
    const checks = new Map(report.checks.map((check) => [check.id, check]));
    // Cluster checks: the server's dumps, not "not in bundle" from the agents.
    assert.equal(checks.get('nodes.ready')?.status, 'fail');
    assert.match(checks.get('nodes.ready')?.evidence[0] ?? '', /from the dumps in server-1's bundle/);
    assert.equal(checks.get('identity.known-issues')?.status, 'fail');
    // Host checks per node: which node runs firewalld, which misses modules.
    assert.equal(checks.get('host.firewalld')?.status, 'warn');
    assert.match(checks.get('host.firewalld')?.summary ?? '', /^agent-1: firewalld was running \(1 of 3 nodes\)$/);
    assert.match(checks.get('host.kernel-modules')?.summary ?? '', /^agent-1: Not loaded when the bundle was collected: .*xt_set/);
    assert.ok(checks.get('host.kernel-modules')?.evidence.includes('server-1: pass — Every module Calico needs was loaded'));
    // One timeline: the agent's early line first, and named as the first failure.
    assert.equal(report.firstFailure?.node, 'agent-1');
    assert.equal(report.firstFailure.signature, 'typha-unauthorized');
    assert.equal(report.logTimeline[0]?.node, 'agent-1');
    const times = report.logTimeline.map((finding) => finding.atMs).filter((ms): ms is number => ms !== undefined);
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 'oldest first');
    assert.match(checks.get('logs.typha-unauthorized')?.summary ?? '', /typha-unauthorized on 3 node\(s\) \(server-1 \d+, agent-1 \d+, agent-2 \d+\), first 2025-02-19 14:20:01\.000 on agent-1/);
    assert.equal(report.cluster.rke2, 'v1.32.2-rc2+rke2r1');
    assert.ok(!readdirSync(tmpdir()).some((entry) => entry.startsWith(EXTRACTION_PREFIX) && report.nodes.some((node) => entry.includes(node.node))), 'no extracted copy left');
  });

  it('takes a folder of bundles, prints the first failure and the timeline, and reports an unreadable bundle', async () => {
    const { folder, tarballs } = threeNodes();
    const gathered = join(folder, 'gathered');
    mkdirSync(gathered);
    for (const [index, tarball] of tarballs.entries()) {
      if (tarball.endsWith('.tar.gz')) writeFileSync(join(gathered, `node-${index}.tar.gz`), readFileSync(tarball));
    }
    writeFileSync(join(gathered, 'broken.tar.gz'), 'not a gzip stream');
    const run = await runInProcess(['bundle', gathered]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^First failure: 2025-02-19T14:24:05\.331Z on (agent-2|server-1) \(rke2\/containerd\.log:2\): clusterinformation-not-found/m);
    assert.match(run.stdout, /^Log timeline, all nodes, oldest first/m);
    assert.match(run.stdout, /^Not read\n {2}broken\.tar\.gz: /m);
    assert.match(run.stderr, /broken\.tar\.gz/);
    const onlyBroken = await runInProcess(['bundle', join(gathered, 'broken.tar.gz'), join(gathered, 'broken.tar.gz')]);
    assert.equal(onlyBroken.code, 2);
  });

  it('a single bundle, or a folder holding one, keeps the single-bundle report', async () => {
    const folder = scratch();
    writeBundleFolder(folder, loadScenario('healthy'), { second: 100 });
    const run = await runInProcess(['bundle', folder, '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(!('nodes' in (JSON.parse(run.stdout) as object)));
  });
});

