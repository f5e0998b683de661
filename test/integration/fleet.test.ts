import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startRancherSim, type DownstreamCluster, type RunningRancher } from '../sim/rancherSim';
import { loadScenario, startSimulatedCluster } from '../sim/simServer';
import { assertRancherReadOnly, byName, fleetJson, rancherCaFile, runCheck } from './fleetHarness';
import { guardRejections } from './simHarness';

/** The mix an operator's fleet has: healthy, mid-race, denied, disconnected, hung, deleted, and not RKE2. */
const MIX: DownstreamCluster[] = [
  { id: 'c-m-healthy1', name: 'prod-eu-1', scenario: 'healthy' },
  { id: 'c-m-race0001', name: 'staging-race', scenario: 'race-3.29.2', startAt: 20 },
  { id: 'c-m-denied01', name: 'team-denied', scenario: 'healthy', proxy: 'forbidden' },
  { id: 'c-m-offline1', name: 'edge-offline', scenario: 'healthy', proxy: 'disconnected' },
  { id: 'c-m-hung0001', name: 'edge-hung', scenario: 'healthy', proxy: 'hang' },
  { id: 'c-m-gone0001', name: 'deleted-meanwhile', scenario: 'healthy', proxy: 'gone' },
  { id: 'c-m-k3s00001', name: 'lab-k3s', driver: 'k3s', provider: 'k3s', version: 'v1.31.4+k3s1' },
  { id: 'c-eks0000001', name: 'cloud-eks', driver: 'EKS', provider: 'eks', version: 'v1.31.2-eks-7f9249a' },
];

describe('check --rancher: every cluster Rancher manages, through its cluster proxy', () => {
  let rancher: RunningRancher;
  let environment: NodeJS.ProcessEnv;
  before(async () => {
    rancher = await startRancherSim({ clusters: MIX, pageSize: 3 });
    environment = { RANCHER_TOKEN: rancher.token };
  });
  after(async () => {
    await rancher.stop();
  });

  it('checks the mix in one run: each cluster on its own, the exit code the worst of all, GET only', async () => {
    const done = guardRejections();
    const run = await runCheck(['--rancher', rancher.url, '--rancher-ca', rancherCaFile(rancher), '--format', 'json', '--parallel', '3', '--cluster-timeout', '3', '--timeout', '2'], environment);
    done();
    assert.equal(run.code, 1, run.stderr);
    const report = fleetJson(run);
    assert.equal(report.clusters.length, MIX.length, 'one entry per cluster, skipped ones included');
    const clusters = byName(report);
    assert.equal(clusters.get('prod-eu-1')?.status, 'pass');
    assert.equal(clusters.get('prod-eu-1')?.rancherId, 'c-m-healthy1');
    assert.equal(clusters.get('prod-eu-1')?.rke2, 'v1.32.4+rke2r1');
    assert.equal(clusters.get('staging-race')?.status, 'fail');
    assert.equal(clusters.get('staging-race')?.worstKnownIssue?.id, 'rancher/rke2#7808');
    assert.equal(clusters.get('team-denied')?.status, 'could-not-verify');
    assert.match(JSON.stringify(clusters.get('team-denied')?.report?.checks), /unknown: forbidden/);
    assert.equal(clusters.get('edge-offline')?.status, 'unreachable');
    assert.match(clusters.get('edge-offline')?.reason ?? '', /cluster agent disconnected/);
    assert.equal(clusters.get('edge-hung')?.status, 'unreachable');
    assert.match(clusters.get('edge-hung')?.reason ?? '', /timeout|no answer|no complete answer/);
    assert.equal(clusters.get('deleted-meanwhile')?.status, 'unreachable');
    assert.match(clusters.get('deleted-meanwhile')?.reason ?? '', /not found/);
    assert.equal(clusters.get('lab-k3s')?.status, 'skipped');
    assert.match(clusters.get('lab-k3s')?.reason ?? '', /runs k3s v1\.31\.4\+k3s1, not RKE2/);
    assert.equal(clusters.get('cloud-eks')?.distribution, 'eks');
    assert.deepEqual(report.fleet.counts, { fail: 1, unreachable: 3, 'could-not-verify': 1, warn: 0, pass: 1, skipped: 2 });
    assert.equal(report.clusters[0]?.name, 'staging-race', 'worst first');
    assert.ok(!run.stdout.includes(rancher.token) && !run.stderr.includes(rancher.token), 'the Rancher token never appears in output, even where Rancher quoted it');
    assert.ok(!rancher.requests.some((request) => request.path.includes('c-m-k3s00001')), 'clusters that are not RKE2 are not read');
    assertRancherReadOnly(rancher);
  });

  it('prints the fleet table, worst first, with the clusters not checked and why', async () => {
    const run = await runCheck(['--rancher', rancher.url, '--rancher-ca', rancherCaFile(rancher), '--cluster-timeout', '3', '--timeout', '2', '--details'], environment);
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.split('\n');
    const header = lines.findIndex((line) => line.startsWith('CLUSTER'));
    assert.match(lines[header] ?? '', /^CLUSTER\s+RKE2\s+CALICO\s+VERDICT\s+PASS\s+WARN\s+FAIL\s+UNKNOWN\s+WORST KNOWN ISSUE\s+ROOT CAUSE$/);
    assert.match(lines[header + 1] ?? '', /^staging-race\s+v1\.32\.2-rc2\+rke2r1\s+v3\.29\.2\s+FAIL\s+\d+\s+\d+\s+\d+\s+\d+\s+rancher\/rke2#7808 \(fail\)\s+\S.*$/);
    assert.match(run.stdout, /lab-k3s\s+-\s+-\s+SKIPPED \(k3s\)/);
    assert.match(run.stdout, /Not checked\n(?:.*\n)* {2}edge-offline: unreachable — could not read the cluster \(through Rancher's cluster proxy\): HTTP 503/);
    assert.match(run.stdout, /Fleet verdict: FAIL \(exit 1\)/);
    assert.match(run.stdout, /━━ prod-eu-1 ━━\nCluster: c-m-healthy1/, '--details adds each cluster\'s report');
    assert.ok(!run.stdout.includes(rancher.token));
  });

  it('reads the token from --rancher-token-file, and refuses it as an argument without echoing it', async () => {
    const tokenFile = join(rancher.folder, 'token');
    writeFileSync(tokenFile, `${rancher.token}\n`, { mode: 0o600 });
    const fromFile = await runCheck(['--rancher', rancher.url, '--rancher-token-file', tokenFile, '--rancher-ca', rancherCaFile(rancher), '--contexts', 'x'], {});
    assert.equal(fromFile.code, 2);
    assert.match(fromFile.stderr, /--rancher and --all-contexts\/--contexts are two sources/);
    const refused = await runCheck(['--rancher', rancher.url, `--rancher-token=${rancher.token}`]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /never taken as an argument/);
    assert.ok(!refused.stderr.includes(rancher.token));
    const missing = await runCheck(['--rancher', rancher.url], {});
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /needs an API token: --rancher-token-file FILE, or the RANCHER_TOKEN/);
  });

  it('says clearly what is wrong with Rancher itself: expired token, private CA not trusted, not https', async () => {
    const expired = await runCheck(['--rancher', rancher.url, '--rancher-ca', rancherCaFile(rancher)], { RANCHER_TOKEN: 'token-old00:expiredexpiredexpired' });
    assert.equal(expired.code, 2);
    assert.match(expired.stderr, /Rancher rejected the token \(401 Unauthorized\).*expired, revoked or not a Rancher API token/);
    assert.ok(!expired.stderr.includes('expiredexpiredexpired'), 'not even a wrong token is printed');
    const untrusted = await runCheck(['--rancher', rancher.url], environment);
    assert.equal(untrusted.code, 2);
    assert.match(untrusted.stderr, /TLS verification failed/);
    const otherCa = join(rancher.folder, 'other-ca.pem');
    writeFileSync(otherCa, rancher.otherCaPem);
    assert.equal((await runCheck(['--rancher', rancher.url, '--rancher-ca', otherCa], environment)).code, 2);
    const plain = await runCheck(['--rancher', rancher.url.replace('https:', 'http:')], environment);
    assert.match(plain.stderr, /must be https/);
    const notCa = await runCheck(['--rancher', rancher.url, '--rancher-ca', join(rancher.folder, 'rancher-kubeconfig.yaml')], environment);
    assert.match(notCa.stderr, /holds no PEM certificate/);
  });

  it('a kubeconfig Rancher generated works with --all-contexts (servers under /k8s/clusters/<id>)', async () => {
    const run = await runCheck(['--all-contexts', '--kubeconfig', rancher.kubeconfigPath, '--format', 'json', '--cluster-timeout', '3', '--timeout', '2']);
    const report = fleetJson(run);
    const clusters = byName(report);
    assert.equal(clusters.get('prod-eu-1')?.status, 'pass');
    assert.equal(clusters.get('prod-eu-1')?.rancherId, 'c-m-healthy1');
    assert.equal(clusters.get('staging-race')?.status, 'fail');
    assert.equal(clusters.get('edge-offline')?.status, 'unreachable');
    assert.equal(report.clusters.length, 6, 'the contexts of the kubeconfig (clusters Rancher serves)');
    assert.equal(run.code, 1);
    assert.ok(!run.stdout.includes(rancher.token));
  });

  it('Ctrl-C aborts the clusters in flight: the run ends at once, with what it knew', async () => {
    const done = guardRejections();
    const started = Date.now();
    const run = await runCheck(['--rancher', rancher.url, '--rancher-ca', rancherCaFile(rancher), '--format', 'json', '--parallel', '1', '--cluster-timeout', '60'], environment, { afterMs: 1500 });
    done();
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
    const report = fleetJson(run);
    assert.ok(report.clusters.some((cluster) => cluster.outcome === 'cancelled'), 'clusters not finished are cancelled');
    assert.match(run.stderr, /interrupted by SIGINT; clusters not finished are reported as cancelled/);
    assert.equal(run.code, 130);
  });
});

describe('check --rancher against the Norman API and paging', () => {
  it('falls back to /v3/clusters when the Steve API answers 404, following pagination.next', async () => {
    const clusters: DownstreamCluster[] = Array.from({ length: 7 }, (_, index) => ({ id: `c-${index}`, name: `cluster-${index}`, scenario: 'healthy' }));
    const rancher = await startRancherSim({ clusters, api: 'v3', pageSize: 2 });
    try {
      const run = await runCheck(['--rancher', rancher.url, '--rancher-ca', rancherCaFile(rancher), '--format', 'json'], { RANCHER_TOKEN: rancher.token });
      assert.equal(run.code, 0, run.stderr);
      const report = fleetJson(run);
      assert.equal(report.clusters.length, 7);
      assert.match(report.fleet.source, /\/v3 API/);
      assert.ok(report.clusters.every((cluster) => cluster.status === 'pass'));
      assert.equal(rancher.requests.filter((request) => request.path === '/v3/clusters').length, 4, 'four pages of two');
      assertRancherReadOnly(rancher);
    } finally {
      await rancher.stop();
    }
  });

  it('an HTML answer (the dashboard, a login proxy) is named as such', async () => {
    const rancher = await startRancherSim({ clusters: [], html: true });
    try {
      const run = await runCheck(['--rancher', rancher.url, '--rancher-ca', rancherCaFile(rancher)], { RANCHER_TOKEN: rancher.token });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /answered with an HTML page, not Rancher's JSON API/);
    } finally {
      await rancher.stop();
    }
  });
});

describe('check --contexts / --all-contexts over a kubeconfig', () => {
  it('checks the named contexts: unreachable and expired ones are reported, the reachable one passes (exit 2)', async () => {
    const sim = await startSimulatedCluster(loadScenario('healthy'), { manualClock: true });
    try {
      const run = await runCheck(['--contexts', 'sim,sim-unreachable,sim-expired', '--kubeconfig', sim.kubeconfigPath, '--format', 'json', '--timeout', '2']);
      assert.equal(run.code, 2, run.stderr);
      const clusters = byName(fleetJson(run));
      assert.equal(clusters.get('sim')?.status, 'pass');
      assert.match(clusters.get('sim-unreachable')?.reason ?? '', /ECONNREFUSED/);
      assert.match(clusters.get('sim-expired')?.reason ?? '', /unauthorized/);
      assert.ok(!run.stdout.includes(sim.token));
      const unknown = await runCheck(['--contexts', 'sim,nope', '--kubeconfig', sim.kubeconfigPath]);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /context\(s\) "nope" not in the kubeconfig/);
      const single = await runCheck(['--kubeconfig', sim.kubeconfigPath, '--parallel', '2']);
      assert.match(single.stderr, /--parallel goes with several clusters/);
      const watch = await runCheck(['--all-contexts', '--kubeconfig', sim.kubeconfigPath, '--watch', '5']);
      assert.match(watch.stderr, /--watch checks one cluster/);
    } finally {
      await sim.stop();
    }
  });
});
