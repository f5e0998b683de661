/**
 * Several bundles at once: two tarballs holding the same folder name were conflated (both reported with the second
 * one's RKE2 version, which hid an affected release candidate), and a folder dated `9999-99-99_99_99_99` won
 * "newest dumps win". Run through the built CLI (`bundle a b --format json`).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bundleDate } from '../../src/bundle/bundleDate';
import type { NodeBundlesReportJson } from '../../src/cli/nodeBundlesCommand';
import { AFFECTED_VERSION_FILE, HEALTHY_RKE2, healthyFolder, ROOT, scratchFolder } from './bundleFixtures';
import { caseFolders, recordMeasurement, runCli } from './bundleRun';

const scratch = scratchFolder('bundle-identity');

describe('several bundles: each keeps its own identity', () => {
  it('two tarballs with the same inner folder name: each node keeps its own RKE2 version; the affected RC shows', async () => {
    const { folder, tmp } = caseFolders(scratch, 'same-folder-name');
    const archives: string[] = [];
    for (const [name, version] of [['first', undefined], ['second', AFFECTED_VERSION_FILE]] as const) {
      const parent = join(folder, name);
      const root = healthyFolder(parent);
      if (version !== undefined) writeFileSync(join(root, 'rke2', 'version'), version);
      const archive = join(folder, `${name}.tar.gz`);
      execFileSync('tar', ['czf', archive, '-C', parent, '.']);
      archives.push(archive);
    }
    const run = await runCli(['bundle', ...archives, '--format', 'json'], { tmp });
    recordMeasurement('bundles: two tarballs with one folder name', run);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as NodeBundlesReportJson;
    assert.deepEqual(report.nodes.map((node) => [node.node, node.rke2Version]), [[`${ROOT} (first.tar.gz)`, HEALTHY_RKE2], [`${ROOT} (second.tar.gz)`, 'v1.32.2-rc2+rke2r1']]);
    assert.ok(run.peakRssMiB < 200, `peak RSS ${run.peakRssMiB} MiB`);
  });

  it('a folder dated 9999-99-99_99_99_99 does not win "newest dumps win"; it is said why', async () => {
    const { folder, tmp } = caseFolders(scratch, 'impossible-date');
    const bundles = join(folder, 'bundles');
    mkdirSync(bundles, { recursive: true });
    const real = healthyFolder(join(folder, 'a'));
    renameSync(real, join(bundles, 'server-1-2025-02-19_14_30_00'));
    const forged = healthyFolder(join(folder, 'b'));
    renameSync(forged, join(bundles, 'server-2-9999-99-99_99_99_99'));
    const run = await runCli(['bundle', bundles, '--format', 'json'], { tmp });
    recordMeasurement('bundles: impossible folder date', run);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as NodeBundlesReportJson;
    const merged = report.checks.find((check) => check.id === 'nodes.ready');
    assert.match(merged?.evidence[0] ?? '', /^from the dumps in server-1's bundle \(collected 2025-02-19T14:30:00Z\)/);
    assert.ok(report.skipped.some((line) => /server-2: the folder name's date 9999-99-99_99_99_99 is not a real time; the bundle's collection time is unknown/.test(line)), JSON.stringify(report.skipped));
  });

  it('in-process: real, impossible and future dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.deepEqual(bundleDate('server-1-2025-02-19_14_30_00', now), { dated: true, at: '2025-02-19T14:30:00Z' });
    for (const name of ['s-9999-99-99_99_99_99', 's-2025-02-30_10_00_00', 's-2025-13-01_10_00_00', 's-2025-02-19_24_00_00', 's-2025-02-19_10_60_00', 's-0000-01-01_00_00_00']) {
      assert.equal(bundleDate(name, now).dated, false, name);
    }
    assert.match(bundleDate('s-2027-01-01_00_00_00', now).dated ? '' : (bundleDate('s-2027-01-01_00_00_00', now) as { why: string }).why, /is in the future/);
    assert.deepEqual(bundleDate('no-date-here', now), { dated: false, why: undefined });
  });
});
