/**
 * Hostile input for `rke2-calico-diag lint`: a huge sparse file, one line of 30 MB, an unreadable folder, and the
 * complexity bombs (many appends, a long template line, many keys, many drop-ins, many aliases). The file must be
 * judged by its size before it is read, the lint must stay small for any single file, one folder that cannot be read
 * must not end the walk, and every bomb must stay linear or be refused with a finding. Time bounds are about ten
 * times the measured figures (docs/reliability/inputs.md): far below what the quadratic versions took.
 */
import assert from 'node:assert/strict';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { collectYamlFiles } from '../../src/cli/walkFiles';
import { scratchFolder } from './bundleFixtures';
import { caseFolders, recordMeasurement, runCli, type CliOutcome } from './bundleRun';

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

  /** Runs lint on `path` (as RKE2 config) and checks the time and memory bounds of a bomb. */
  async function lintBomb(name: string, path: string, bounds: { readonly seconds: number; readonly rssMiB: number }, args: readonly string[] = ['--config', path]): Promise<CliOutcome> {
    const tmp = join(path, '..', 'tmp');
    mkdirSync(tmp, { recursive: true });
    const outcome = await runCli(['lint', path, ...args, '--format', 'json'], { tmp, timeoutMs: bounds.seconds * 1000, killAboveMiB: bounds.rssMiB * 2 });
    recordMeasurement(`lint: ${name}`, outcome);
    assert.equal(outcome.killedBy, undefined, `${name}: killed by the watchdog (${outcome.killedBy ?? ''}) after ${outcome.ms} ms`);
    assert.ok(outcome.ms < bounds.seconds * 1000, `${name}: ${outcome.ms} ms`);
    assert.ok(outcome.peakRssMiB < bounds.rssMiB, `${name}: peak RSS ${outcome.peakRssMiB} MiB`);
    return outcome;
  }

  it('40,000 node-label+ documents in one config: merged in place (81 s when each append copied the list)', async () => {
    const { folder } = caseFolders(scratch, 'appends');
    const path = join(folder, 'config.yaml');
    writeFileSync(path, Array.from({ length: 40_000 }, (_, index) => `node-label+:\n  - k${index}=v\n`).join('---\n'));
    const outcome = await lintBomb('40,000 node-label+ documents', path, { seconds: 40, rssMiB: 400 });
    assert.match(outcome.stdout, /"code": "ignored-document"/);
    assert.match(outcome.stdout, /more findings are not shown/);
  });

  it('a 600 KB template line of 85,000 expressions: masked in one pass (16 s when each token rescanned its line)', async () => {
    const { folder } = caseFolders(scratch, 'template-line');
    const path = join(folder, 'config.yaml.j2');
    writeFileSync(path, `tls-san: ${'{{ a }}'.repeat(85_000)}\ncni: calico\n`);
    await lintBomb('600 KB template line', path, { seconds: 5, rssMiB: 300 });
  });

  it('a 600 KB template line of unclosed openers: each closer searched once, not once per opener', async () => {
    const { folder } = caseFolders(scratch, 'template-openers');
    const path = join(folder, 'config.yaml.tpl');
    writeFileSync(path, `tls-san: "${'{{ {% {# ${ %{ '.repeat(40_000)}"\ncni: calico\n`);
    await lintBomb('600 KB of unclosed template openers', path, { seconds: 5, rssMiB: 300 });
  });

  it('a mapping of 40,000 keys: duplicate keys found with one set (67 s with the parser\'s pairwise check)', async () => {
    const { folder } = caseFolders(scratch, 'keys');
    const path = join(folder, 'config.yaml');
    writeFileSync(path, `cni: calico\n${Array.from({ length: 40_000 }, (_, index) => `kubelet-arg${index}: v\n`).join('')}cni: canal\n`);
    const outcome = await lintBomb('40,000-key mapping', path, { seconds: 30, rssMiB: 400 });
    assert.match(outcome.stdout, /Map keys must be unique/);
  });

  it('a config.yaml.d of 20,000 drop-ins: facts indexed by folder (did not finish in 90 s)', async () => {
    const { folder } = caseFolders(scratch, 'drop-ins');
    const dropIns = join(folder, 'etc/rancher/rke2/config.yaml.d');
    mkdirSync(dropIns, { recursive: true });
    writeFileSync(join(folder, 'etc/rancher/rke2/config.yaml'), 'cni: calico\nnode-label: [base=1]\n');
    for (let index = 0; index < 20_000; index++) writeFileSync(join(dropIns, `${String(index).padStart(5, '0')}.yaml`), `node-label+: [k${index}=v]\n`);
    writeFileSync(join(dropIns, '99999-last.yaml'), 'node-label: [replaced=1]\n');
    const outcome = await lintBomb('config.yaml.d with 20,000 drop-ins', join(folder, 'etc'), { seconds: 60, rssMiB: 600 }, []);
    // The last drop-in replaces what the 20,000 appended: reported once, against the last append.
    assert.equal(outcome.stdout.match(/"code": "conflicting-append"/g)?.length, 1);
  });

  it('a 3 MB file of 1,000,000 aliases is refused with a finding (1.75 GiB when parsed)', async () => {
    const { folder } = caseFolders(scratch, 'aliases');
    const path = join(folder, 'config.yaml');
    writeFileSync(path, `cni: &a calico\nnode-label: [${'*a,'.repeat(1_000_000)}*a]\n`);
    const outcome = await lintBomb('1,000,000 aliases', path, { seconds: 10, rssMiB: 150 });
    assert.match(outcome.stdout, /Not linted: it holds 1000001 YAML aliases/);
  });

  it('a 3 MB flow list of 1,000,000 items is refused with a finding (1 GiB and a stack overflow when parsed)', async () => {
    const { folder } = caseFolders(scratch, 'flow-items');
    const path = join(folder, 'config.yaml');
    writeFileSync(path, `cni: calico\nnode-label: [${'a,'.repeat(1_000_000)}a]\n`);
    const outcome = await lintBomb('1,000,000 flow items', path, { seconds: 10, rssMiB: 150 });
    assert.match(outcome.stdout, /Not linted: it holds \d+ lines and flow items/);
  });
});
