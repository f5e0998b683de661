import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { RELEASE_MATRIX } from '../../src/core/knowledge/releaseMatrix';
import type { VersionReportJson } from '../../src/core/report/versionReportJson';
import { BUILT_CLI, runBuiltCli, runInProcess } from './cliHarness';

function parseJson(text: string): VersionReportJson {
  return JSON.parse(text) as VersionReportJson;
}

describe('rke2-calico-diag versions', () => {
  it('answers each of the 120 releases with its Calico version and exit code', async () => {
    for (const record of RELEASE_MATRIX) {
      const run = await runInProcess(['versions', record.rke2, '--format', 'json']);
      const json = parseJson(run.stdout);
      assert.equal(json.calico, record.calico, record.rke2);
      assert.equal(json.chart, record.chart, record.rke2);
      assert.equal(json.operator, record.operator, record.rke2);
      assert.equal(json.containerd, record.containerd, record.rke2);
      assert.equal(run.code, record.calico === 'v3.29.2' ? 1 : 0, record.rke2);
      assert.equal(run.stderr, '');
    }
  });

  it('prints the documented JSON shape for an affected release', async () => {
    const run = await runInProcess(['versions', 'v1.32.2-rc3+rke2r1', '--format=json']);
    assert.equal(run.code, 1);
    const json = parseJson(run.stdout);
    assert.equal(json.input, 'v1.32.2-rc3+rke2r1');
    assert.equal(json.kind, 'rke2');
    assert.equal(json.rke2, 'v1.32.2-rc3+rke2r1');
    assert.equal(json.upgradeTo, 'v1.32.4+rke2r1');
    assert.deepEqual(json.knownIssues.map(({ id, severity, url }) => ({ id, severity, url })), [
      { id: 'rancher/rke2#7808', severity: 'error', url: 'https://github.com/rancher/rke2/issues/7808' },
    ]);
    assert.ok(json.knownIssues[0]?.title.includes('v3.29.2'));
  });

  it('lists the shipping RKE2 releases for a Calico, chart or operator input', async () => {
    for (const input of ['v3.29.2', 'v3.29.200', 'v1.36.5']) {
      const json = parseJson((await runInProcess(['versions', input, '--format', 'json'])).stdout);
      assert.deepEqual(json.rke2Releases, RELEASE_MATRIX.filter((record) => record.calico === 'v3.29.2').map((record) => record.rke2), input);
    }
  });

  it('resolves an ambiguous input and accepts --kind', async () => {
    const auto = parseJson((await runInProcess(['versions', 'v1.36.5', '--format', 'json'])).stdout);
    assert.equal(auto.kind, 'operator');
    assert.equal(auto.alternatives.length, 1);
    const forced = await runInProcess(['versions', 'v1.36.5', '--kind', 'rke2', '--format', 'json']);
    assert.equal(forced.code, 0);
    const json = parseJson(forced.stdout);
    assert.equal(json.kind, 'rke2');
    assert.equal(json.inMatrix, false);
    assert.equal(json.calico, null);
  });

  it('writes people-readable text by default', async () => {
    const run = await runInProcess(['versions', 'v1.31.7+rke2r1']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /Calico\s+v3\.29\.2/);
    assert.match(run.stdout, /WARNING\s+rancher\/rke2#7808/);
    assert.match(run.stdout, /Upgrade to: v1\.31\.8\+rke2r1/);
    assert.match(run.stdout, /Source: rancher\/rke2 tags/);
  });

  for (const [argv, pattern] of [
    [['versions'], /give one version/],
    [['versions', 'a', 'b'], /exactly one version/],
    [['versions', 'v1.32.4+rke2r1', '--format', 'xml'], /--format must be one of text, json/],
    [['versions', 'v1.32.4+rke2r1', '--kind', 'kernel'], /--kind must be one of rke2, calico, chart, operator/],
    [['versions', 'v1.32.4+rke2r1', '--colour'], /unknown option --colour/],
    [['versions', 'not-a-version'], /not a version this tool reads/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ] as const) {
    it(`exits 2 with a clear message for ${argv.join(' ')}`, async () => {
      const run = await runInProcess(argv);
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, pattern);
    });
  }
});

describe('the built rke2-calico-diag bundle', () => {
  it('exists (npm test builds it first)', () => {
    assert.ok(existsSync(BUILT_CLI), `${BUILT_CLI} is missing: run npm run build`);
  });

  it('runs as a process with the documented exit codes', () => {
    const affected = runBuiltCli(['versions', 'v1.32.2-rc1+rke2r1', '--format', 'json']);
    assert.equal(affected.code, 1, affected.stderr);
    assert.equal(parseJson(affected.stdout).knownIssues[0]?.severity, 'error');
    const clean = runBuiltCli(['versions', 'v1.33.0+rke2r1']);
    assert.equal(clean.code, 0, clean.stderr);
    assert.match(clean.stdout, /no known issue applies/);
    const unknown = runBuiltCli(['versions', 'v1.40.1+rke2r1']);
    assert.equal(unknown.code, 0);
    assert.match(unknown.stdout, /not in the matrix/);
    const bad = runBuiltCli(['versions', '1.x']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not a version/);
  });

  it('prints its version and usage', () => {
    const version = runBuiltCli(['--version']);
    assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);
    const help = runBuiltCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /versions <version>/);
  });
});
