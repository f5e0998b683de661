/**
 * Interrupting a bundle being extracted: SIGTERM and SIGINT to the built CLI, and an AbortSignal in-process, must
 * leave no extracted copy behind (the CLI exits 143/130 after removing it).
 */
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EXTRACTION_PREFIX, openBundle } from '../../src/bundle/openBundle';
import { END_MARKER, GzipFile, tarHeader } from './bundleCrafting';
import { assertContained, healthyEntries, ROOT, scratchFolder } from './bundleFixtures';
import { caseFolders, listTree, recordMeasurement, startCli } from './bundleRun';

const scratch = scratchFolder('signals');
const GiB = 1024 ** 3;

/** A healthy bundle followed by a 1 GiB log: extracting it takes long enough to be interrupted. */
function slowArchive(folder: string): string {
  return new GzipFile(join(folder, `${ROOT}.tar.gz`)).write(healthyEntries()).write(tarHeader({ name: `./${ROOT}/journald/rke2-agent`, size: GiB })).zeros(GiB).write(END_MARKER).close();
}

/** Bytes extracted so far into the CLI's temporary folder (0 until it exists). */
function extractedBytes(tmp: string): number {
  const copy = readdirSync(tmp).find((name) => name.startsWith(EXTRACTION_PREFIX));
  if (copy === undefined) return 0;
  try {
    return statSync(join(tmp, copy, ROOT, 'journald/rke2-agent')).size;
  } catch {
    return 0;
  }
}

async function interruptedRun(name: string, signal: 'SIGTERM' | 'SIGINT', expectedCode: number): Promise<void> {
  const folders = caseFolders(scratch, name);
  const archive = slowArchive(folders.input);
  const before = listTree(folders.folder);
  const running = startCli(['bundle', archive], { tmp: folders.tmp, timeoutMs: 20_000 });
  const deadline = performance.now() + 15_000;
  while (extractedBytes(folders.tmp) < 8 * 1024 * 1024 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  const extracting = extractedBytes(folders.tmp) > 0;
  running.child.kill(signal);
  const outcome = await running.done;
  recordMeasurement(name, outcome);
  assert.ok(extracting, 'the extracted file was being written when the signal was sent');
  assert.equal(outcome.code, expectedCode, `exit ${String(outcome.code)} / ${String(outcome.signal)}: ${outcome.stderr}`);
  assert.match(outcome.stderr, new RegExp(`interrupted by ${signal}; the temporary extracted copy was removed`));
  assert.equal(outcome.stdout, '', 'no report for an interrupted run');
  assertContained(outcome, folders, before);
}

describe('interrupted extraction leaves nothing behind', () => {
  it('SIGTERM: the CLI removes its temporary folder and exits 143', () => interruptedRun('sigterm', 'SIGTERM', 143));

  it('SIGINT (Ctrl-C): the CLI removes its temporary folder and exits 130', () => interruptedRun('sigint', 'SIGINT', 130));

  it('an aborted AbortSignal: openBundle answers "cancelled" and removes the partial copy', async () => {
    const folders = caseFolders(scratch, 'abort-signal');
    const archive = slowArchive(folders.input);
    // os.tmpdir() follows TMPDIR: this test file runs in its own process, so its temporary folders are its own.
    process.env.TMPDIR = folders.tmp;
    const controller = new AbortController();
    const opening = openBundle(archive, { signal: controller.signal });
    const deadline = performance.now() + 15_000;
    while (extractedBytes(folders.tmp) === 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const result = await opening;
    assert.deepEqual(result, { ok: false, error: 'reading the bundle was cancelled', cancelled: true });
    assert.deepEqual(listTree(folders.tmp), []);
  });
});
