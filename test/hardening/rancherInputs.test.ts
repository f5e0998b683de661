/**
 * Hostile Rancher answers and URLs, through the built CLI (`check --rancher …`): a URL with a query, a fragment or a
 * path (every downstream read went to Rancher's root); cluster ids `.` and `..` (which escaped
 * `/k8s/clusters/<id>/`); two clusters with one display name (duplicate OpenMetrics series, so a Pushgateway refused
 * the whole push); and, in-process, a proxy that does not answer as a Kubernetes API server.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkClusterReader } from '../../src/core/fleet/checkClusterReader';
import type { EvidenceSource } from '../../src/core/checks/clusterEvidence';
import { startRancherSim, type DownstreamCluster, type RunningRancher } from '../sim/rancherSim';
import { recordMeasurement, runCli, type CliOutcome } from './bundleRun';
import { clusterCase } from './clusterHarness';
import { parseOpenMetricsStrictly } from './openMetricsStrict';

const CLUSTERS: readonly DownstreamCluster[] = [
  { id: 'c-m-prod1', name: 'prod', scenario: 'healthy', provider: 'rke2', version: 'v1.32.4+rke2r1' },
  { id: 'c-m-prod2', name: 'prod', scenario: 'healthy', provider: 'rke2', version: 'v1.32.4+rke2r1' },
  { id: '..', name: 'dot-dot', scenario: 'healthy', provider: 'rke2', version: 'v1.32.4+rke2r1' },
  { id: '.', name: 'dot', scenario: 'healthy', provider: 'rke2', version: 'v1.32.4+rke2r1' },
];

describe('check --rancher: hostile URLs, ids and names', () => {
  let rancher: RunningRancher;
  let caFile: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    rancher = await startRancherSim({ clusters: CLUSTERS });
    caFile = join(rancher.folder, 'rancher-ca.pem');
    writeFileSync(caFile, rancher.caPem);
    env = { RANCHER_TOKEN: rancher.token };
  });
  after(async () => {
    await rancher.stop();
  });

  const run = async (name: string, url: string, extra: readonly string[] = []): Promise<CliOutcome> => {
    const { tmp } = clusterCase(`rancher-${name.replace(/\W+/g, '-')}`);
    const outcome = await runCli(['check', '--rancher', url, '--rancher-ca', caFile, '--timeout', '5', ...extra], { tmp, env, timeoutMs: 60_000 });
    recordMeasurement(`rancher: ${name}`, outcome);
    return outcome;
  };

  for (const [label, suffix, part] of [['a query', '/?lang=en', 'a query \\(\\?lang=en\\)'], ['a fragment', '/#/', 'a fragment \\(#/\\)'], ['a UI path', '/dashboard/home', 'a path \\(/dashboard/home\\)']] as const) {
    it(`a URL with ${label} is refused before any request, naming the URL to give`, async () => {
      const before = rancher.requests.length;
      const outcome = await run(label, `${rancher.url}${suffix}`);
      assert.equal(outcome.code, 2, outcome.stderr);
      assert.match(outcome.stderr, new RegExp(`the Rancher URL must be the server's address only, as https://127\\.0\\.0\\.1:\\d+: it has ${part}`));
      assert.equal(rancher.requests.length, before, 'nothing was sent');
      assert.ok(outcome.ms < 5000 && outcome.peakRssMiB < 200, `${outcome.ms} ms, ${outcome.peakRssMiB} MiB`);
    });
  }

  it('ids "." and ".." are never put into a URL; two clusters named "prod" give valid OpenMetrics, labelled by id', async () => {
    const before = rancher.requests.length;
    const outcome = await run('ids and names (openmetrics)', rancher.url, ['--format', 'openmetrics']);
    assert.equal(outcome.code, 0, outcome.stderr);
    const proxied = rancher.requests.slice(before).map((request) => request.path).filter((path) => !path.startsWith('/v1/') && !path.startsWith('/v3/'));
    assert.ok(proxied.length > 0);
    assert.deepEqual(proxied.filter((path) => !/^\/k8s\/clusters\/c-m-prod[12]\//.test(path)), [], 'every proxied read under a valid id');
    const samples = parseOpenMetricsStrictly(outcome.stdout);
    const verdicts = samples.filter((sample) => sample.name === 'rke2_calico_cluster_verdict').map((sample) => sample.labels);
    assert.deepEqual(verdicts.map((labels) => [labels.cluster, labels.cluster_name, labels.verdict]), [['c-m-prod1', 'prod', 'pass'], ['c-m-prod2', 'prod', 'pass'], ['..', 'dot-dot', 'skipped'], ['.', 'dot', 'skipped']]);
    const json = await run('ids and names (json)', rancher.url, ['--format', 'json']);
    const skipped = (JSON.parse(json.stdout) as { clusters: { name: string; reason?: string }[] }).clusters.filter((cluster) => cluster.name.startsWith('dot'));
    assert.ok(skipped.every((cluster) => /which is not a cluster id \(letters, digits and dashes\); not read/.test(cluster.reason ?? '')), JSON.stringify(skipped));
  });
});

describe('a Rancher proxy path that does not answer as Kubernetes (in-process)', () => {
  it('an HTML or non-version answer to /version: unreachable, and no other read is made', async () => {
    const reads: string[] = [];
    const reader = {
      identity: { context: 'c-m-x', server: 'https://rancher.example/k8s/clusters/c-m-x' },
      get: (path: string) => {
        reads.push(path);
        return Promise.resolve({ kind: 'ok' as const, value: { type: 'collection', data: [] } });
      },
      list: (path: string) => {
        reads.push(path);
        return Promise.resolve({ kind: 'ok' as const, value: { items: [], truncated: false } });
      },
    } as unknown as EvidenceSource;
    const outcome = await checkClusterReader(reader, new AbortController().signal, true);
    assert.ok(outcome.kind === 'unreachable', outcome.kind);
    assert.match(outcome.reason, /Rancher's cluster proxy did not answer as a Kubernetes API server \(GET \/version: no gitVersion in the answer\); its answers were not used/);
    assert.deepEqual(reads, ['/version']);
  });
});
