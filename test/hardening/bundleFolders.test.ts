/**
 * Unpacked bundle folders that point elsewhere or never end: links out of the folder, `-> .` loops, FIFOs, a link
 * to /dev/zero, a device node. The built CLI must analyse the folder's own regular files only, within the RSS goal
 * and without hanging; the in-process reader is checked for its bounds.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeBundle } from '../../src/bundle/analyzeBundle';
import { bundleFiles, filesBelow, findBundleRoot, FOLDER_LIMITS } from '../../src/bundle/bundleFiles';
import { MAX_LINE_CHARS } from '../../src/core/logs/logScanner';
import { AFFECTED_VERSION_FILE, assertContained, HEALTHY_RKE2, healthyFolder, OUTSIDE_FAILURE_LOG, reportOf, scratchFolder } from './bundleFixtures';
import { caseFolders, listTree, recordMeasurement, runCli, type CliOutcome } from './bundleRun';

const scratch = scratchFolder('folders');

/** Writes the healthy bundle folder, lets `tamper` change it, runs `bundle <folder> --format json`, checks containment. */
async function runFolderCase(name: string, tamper: (root: string, folder: string) => void): Promise<CliOutcome> {
  const folders = caseFolders(scratch, name);
  const root = healthyFolder(folders.input);
  tamper(root, folders.folder);
  const before = listTree(folders.folder);
  const outcome = await runCli(['bundle', folders.input, '--format', 'json'], { tmp: folders.tmp, timeoutMs: 15_000 });
  recordMeasurement(name, outcome);
  assertContained(outcome, folders, before);
  return outcome;
}

/** Analysed, no false failure from what lies outside, and `expected` notes among the skipped entries. */
function assertAnalysed(outcome: CliOutcome, expected: readonly string[], rke2: string | undefined = HEALTHY_RKE2): void {
  assert.equal(outcome.code, 0, `exit ${String(outcome.code)}: ${outcome.stderr}`);
  const report = reportOf(outcome);
  assert.equal(report.cluster.rke2, rke2);
  assert.equal(report.summary.fail, 0);
  assert.ok(!outcome.stdout.includes('Unauthorized'), 'nothing from outside the folder is printed');
  for (const note of expected) assert.ok(report.skipped.includes(note), `${note} in: ${report.skipped.join('; ')}`);
}

/** Replaces what the healthy bundle has at `path` (if anything) with a FIFO. */
function mkfifo(path: string): void {
  rmSync(path, { force: true });
  execFileSync('mkfifo', [path]);
}

/** Replaces what the healthy bundle has at `path` (if anything) with a symbolic link. */
function link(target: string, path: string): void {
  rmSync(path, { force: true });
  symlinkSync(target, path);
}

describe('unpacked bundle folders (built CLI, child process)', () => {
  it('never follows a link out of the folder, to a file or to a folder', async () => {
    const outcome = await runFolderCase('links-out', (root, folder) => {
      const outside = join(folder, 'outside');
      mkdirSync(join(outside, 'logs'), { recursive: true });
      writeFileSync(join(outside, 'version'), AFFECTED_VERSION_FILE);
      writeFileSync(join(outside, 'logs', 'calico-system-typha'), OUTSIDE_FAILURE_LOG);
      link(join(outside, 'version'), join(root, 'rke2/version'));
      link(join(outside, 'logs'), join(root, 'rke2/podlogs/elsewhere'));
      link(join(outside, 'logs', 'calico-system-typha'), join(root, 'journald/rke2-agent'));
      rmSync(join(root, 'systeminfo'), { recursive: true });
      link(join(outside, 'logs'), join(root, 'systeminfo'));
    });
    assertAnalysed(outcome, ['rke2/version: symbolic link not followed', 'rke2/podlogs/elsewhere: symbolic link not followed', 'journald/rke2-agent: symbolic link not followed', 'systeminfo/sysctla: the folder systeminfo is a symbolic link, not followed'], undefined);
  });

  it('walks two `-> .` links as links: no explosion', async () => {
    const outcome = await runFolderCase('dot-loops', (root) => {
      link('.', join(root, 'rke2/podlogs/a'));
      link('.', join(root, 'rke2/podlogs/b'));
      link('..', join(root, 'journald/up'));
    });
    assertAnalysed(outcome, ['rke2/podlogs/a: symbolic link not followed', 'rke2/podlogs/b: symbolic link not followed', 'journald/up: symbolic link not followed']);
    assert.ok(outcome.ms < 3000, `${outcome.ms} ms`);
  });

  it('does not open FIFOs as files: no hang', async () => {
    const outcome = await runFolderCase('fifo', (root) => {
      mkfifo(join(root, 'journald/rke2-agent'));
      mkfifo(join(root, 'rke2/config.yaml.d/90-fifo.yaml'));
      mkfifo(join(root, 'rke2/containerd.log'));
    });
    assertAnalysed(outcome, ['journald/rke2-agent: not a regular file', 'rke2/config.yaml.d/90-fifo.yaml: not a regular file', 'rke2/containerd.log: not a regular file']);
  });

  it('does not read /dev/zero through a link, nor a device node in the folder', async () => {
    const made = { deviceNode: false };
    const outcome = await runFolderCase('dev-zero', (root) => {
      link('/dev/zero', join(root, 'journald/rke2-agent'));
      link('/dev/zero', join(root, 'rke2/kubectl/events'));
      // Only root may create a device node; elsewhere the link cases still run.
      try {
        execFileSync('mknod', [join(root, 'rke2/podlogs/zero-device'), 'c', '1', '5'], { stdio: 'ignore' });
        made.deviceNode = true;
      } catch {
        // Not root: no device node.
      }
    });
    assertAnalysed(outcome, ['journald/rke2-agent: symbolic link not followed', 'rke2/kubectl/events: symbolic link not followed', ...(made.deviceNode ? ['rke2/podlogs/zero-device: not a regular file'] : [])]);
  });
});

describe('the folder reader is bounded', () => {
  it('caps a walk by depth, and cuts over-long lines and huge files with a note', () => {
    const parent = scratchFolder('reader');
    const root = healthyFolder(parent);
    let deep = join(root, 'rke2/podlogs');
    for (let depth = 0; depth < FOLDER_LIMITS.maxDepth + 3; depth++) deep = join(deep, 'd');
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'too-deep.log'), OUTSIDE_FAILURE_LOG);
    writeFileSync(join(root, 'journald/long-lines'), `${'x'.repeat(MAX_LINE_CHARS + 100_000)}\n${OUTSIDE_FAILURE_LOG}`);
    writeFileSync(join(root, 'rke2/kubectl/nodes.json'), Buffer.alloc(FOLDER_LIMITS.maxWholeFileBytes + 1, 0x20));
    const files = bundleFiles(root);
    assert.ok(!filesBelow(files, '/rke2/podlogs').some((path) => path.endsWith('too-deep.log')));
    const analysis = analyzeBundle(files);
    assert.ok(analysis.notes.some((note) => /^rke2\/podlogs(\/d)+: deeper than 16 folders, not read$/.test(note)), analysis.notes.join('; '));
    assert.ok(analysis.notes.includes(`journald/long-lines: 1 line(s) longer than ${MAX_LINE_CHARS} characters scanned in windows`), analysis.notes.join('; '));
    assert.ok(analysis.notes.includes('rke2/kubectl/nodes.json: larger than 16 MiB, not read'), analysis.notes.join('; '));
    assert.deepEqual(analysis.logFindings.find((log) => log.file === 'journald/long-lines')?.findings.map((finding) => finding.line), [2], 'line numbers stay right after a cut line');
  });

  it('finds the bundle root in a real child folder only, never through a link', () => {
    const parent = scratchFolder('root');
    const elsewhere = scratchFolder('root-elsewhere');
    healthyFolder(elsewhere);
    symlinkSync(join(elsewhere, 'server-1-2025-02-19_14_30_00'), join(parent, 'linked-bundle'));
    assert.equal(findBundleRoot(parent), undefined);
  });
});
