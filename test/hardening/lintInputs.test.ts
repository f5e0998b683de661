/**
 * Hostile input for `rke2-calico-diag lint`: a huge sparse file, one line of 30 MB, an unreadable folder. The file
 * must be judged by its size before it is read, the lint must stay small for any single file, and one folder that
 * cannot be read must not end the walk.
 */
import assert from 'node:assert/strict';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { collectYamlFiles } from '../../src/cli/walkFiles';
import { scratchFolder } from './bundleFixtures';
import { caseFolders, recordMeasurement, runCli } from './bundleRun';

const scratch = scratchFolder('lint');
const RSS_GOAL_MIB = 300;

describe('lint: hostile and huge input', () => {
  it('a 1.8 GB sparse config.yaml is skipped by its size, without being read', async () => {
    const { folder, tmp } = caseFolders(scratch, 'sparse');
    const path = join(folder, 'config.yaml');
    writeFileSync(path, '');
    truncateSync(path, 1_932_735_283);
    const outcome = await runCli(['lint', path, '--config', path, '--format', 'json'], { tmp });
    recordMeasurement('lint: 1.8 GB sparse file', outcome);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /Not linted: larger than 32 MiB/);
    assert.ok(outcome.peakRssMiB < 100, `peak RSS ${outcome.peakRssMiB} MiB`);
  });

  it('one line of 30 MB is linted within the memory bound', async () => {
    const { folder, tmp } = caseFolders(scratch, 'one-line');
    const path = join(folder, 'config.yaml');
    writeFileSync(path, `cni: ${'a'.repeat(30 << 20)}\n`);
    const outcome = await runCli(['lint', path, '--config', path, '--format', 'json'], { tmp });
    recordMeasurement('lint: one 30 MB line', outcome);
    assert.equal(outcome.code, 1, outcome.stderr);
    assert.match(outcome.stdout, /"code": "invalid-value"/);
    assert.ok(outcome.peakRssMiB < RSS_GOAL_MIB, `peak RSS ${outcome.peakRssMiB} MiB`);
  });

  it('a folder that cannot be read is reported as one finding and the walk goes on', async () => {
    const { folder, tmp } = caseFolders(scratch, 'unreadable');
    mkdirSync(join(folder, 'repo/locked'), { recursive: true });
    mkdirSync(join(folder, 'repo/etc/rancher/rke2'), { recursive: true });
    writeFileSync(join(folder, 'repo/etc/rancher/rke2/config.yaml'), 'kubelet-args:\n  - max-pods=200\n');
    // As root, permissions do not stop a read: the walk's listing is made to fail for the locked folder instead.
    const collected = collectYamlFiles([join(folder, 'repo')], {
      readdir: (path) => {
        if (path.endsWith('locked')) throw Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' });
        return undefined;
      },
    });
    assert.deepEqual(collected.unreadable.map((entry) => entry.reason), [`EACCES: permission denied, scandir '${join(folder, 'repo/locked')}'`]);
    assert.deepEqual(collected.files.map((file) => file.path), [join(folder, 'repo/etc/rancher/rke2/config.yaml')]);
    const outcome = await runCli(['lint', join(folder, 'repo'), '--format', 'json'], { tmp });
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /"code": "unknown-key"/);
  });
});
