/**
 * Hostile and broken .tar.gz bundles, run through the built CLI in a child process: each case asserts the exit
 * code, the message, that no report claims a pass (or a failure) the bundle does not hold, that nothing is written
 * outside the extraction folder (which is gone afterwards), and the child's peak RSS.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { END_MARKER, entry, GzipFile, longName, paxHeader, paxRecord, tarHeader } from './bundleCrafting';
import { AFFECTED_VERSION_FILE, assertContained, HEALTHY_RKE2, healthyEntries, reportOf, ROOT, scratchFolder } from './bundleFixtures';
import { caseFolders, listTree, recordMeasurement, runCli, type CliOutcome } from './bundleRun';

const GiB = 1024 ** 3;
const scratch = scratchFolder('archives');

/** Builds a case's archive with `build`, runs `bundle <archive> --format json`, checks containment, returns the run. */
async function runArchiveCase(name: string, build: (archive: GzipFile, folder: string) => void, timeoutMs = 20_000): Promise<CliOutcome> {
  const folders = caseFolders(scratch, name);
  const archive = new GzipFile(join(folders.input, `${ROOT}.tar.gz`));
  build(archive, folders.folder);
  archive.close();
  const before = listTree(folders.folder);
  const outcome = await runCli(['bundle', archive.path, '--format', 'json'], { tmp: folders.tmp, timeoutMs });
  recordMeasurement(name, outcome);
  assertContained(outcome, folders, before);
  return outcome;
}

function assertRefused(outcome: CliOutcome, message: RegExp): void {
  assert.equal(outcome.code, 2, `exit ${String(outcome.code)}: ${outcome.stderr}`);
  assert.match(outcome.stderr, message);
  assert.equal(outcome.stdout, '', 'no report for a refused bundle');
}

function assertHealthy(outcome: CliOutcome): ReturnType<typeof reportOf> {
  assert.equal(outcome.code, 0, `exit ${String(outcome.code)}: ${outcome.stderr}`);
  const report = reportOf(outcome);
  assert.equal(report.cluster.rke2, HEALTHY_RKE2, 'the recorded RKE2 version is the bundle’s own');
  assert.equal(report.summary.fail, 0);
  return report;
}

describe('hostile .tar.gz bundles (built CLI, child process)', () => {
  it('refuses a 3 GiB PAX extended header at once, without buffering it', async () => {
    const outcome = await runArchiveCase('pax-3gib', (archive) => {
      const size = 3 * GiB;
      archive.write(tarHeader({ name: 'PaxHeaders/huge', type: 'x', size })).write(Buffer.from(`${size} comment=`)).zeros(size - 512);
      archive.write(Buffer.alloc(512 - `${size} comment=`.length, 0x61)).write(healthyEntries()).write(END_MARKER);
    });
    assertRefused(outcome, /bundle refused: its tar archive has a 3221225472-byte PAX extended header, over the 65536-byte limit/);
    assert.ok(outcome.ms < 5000, `${outcome.ms} ms`);
  });

  it('refuses a 1 GiB GNU long name at once', async () => {
    const outcome = await runArchiveCase('longname-1gib', (archive) => {
      archive.write(tarHeader({ name: '././@LongLink', type: 'L', size: GiB })).zeros(GiB).write(entry({ name: 'x' }, 'x')).write(healthyEntries()).write(END_MARKER);
    });
    assertRefused(outcome, /1073741824-byte GNU long name, over the 65536-byte limit/);
  });

  it('refuses a GNU long name just over the 64 KiB cap', async () => {
    const outcome = await runArchiveCase('longname-64kib', (archive) => {
      archive.write(longName(`${ROOT}/${'n/'.repeat(33_000)}file`)).write(entry({ name: 'x' }, 'x')).write(healthyEntries()).write(END_MARKER);
    });
    assertRefused(outcome, /66034-byte GNU long name, over the 65536-byte limit/);
  });

  it('ignores PAX global headers, but within the same cap', async () => {
    const small = await runArchiveCase('pax-global-small', (archive) => {
      archive.write(entry({ name: 'pax_global_header', type: 'g' }, paxRecord('comment', 'made by a test') + paxRecord('path', 'ignored'))).write(healthyEntries()).write(END_MARKER);
    });
    assertHealthy(small);
    const global = await runArchiveCase('pax-global-1mib', (archive) => {
      archive.write(tarHeader({ name: 'pax_global_header', type: 'g', size: 1024 * 1024 })).zeros(1024 * 1024).write(healthyEntries()).write(END_MARKER);
    });
    assertRefused(global, /1048576-byte PAX global header, over the 65536-byte limit/);
  });

  it('streams a 1 GiB entry to disk and scans the first 256 MiB of it, in flat memory', async () => {
    const line = 'Feb 19 14:24:45 server-1 rke2[2126]: time="2025-02-19T14:24:45Z" level=info msg="Handling backend connection request"\n';
    const lines = Math.floor(GiB / line.length);
    const size = lines * line.length;
    const outcome = await runArchiveCase('entry-1gib', (archive) => {
      archive.write(healthyEntries()).write(tarHeader({ name: `./${ROOT}/journald/rke2-agent`, size })).repeat(line, size);
      archive.write(Buffer.alloc((512 - (size % 512)) % 512)).write(END_MARKER);
    }, 40_000);
    const report = assertHealthy(outcome);
    assert.ok(report.skipped.some((entry) => entry === 'journald/rke2-agent: only the first 256 MiB read'), report.skipped.join('; '));
  });

  it('stops reading at the end-of-archive marker: 8 GiB of trailing zeros are never decompressed', async () => {
    const outcome = await runArchiveCase('trailing-8gib', (archive) => {
      archive.write(healthyEntries()).write(END_MARKER).zeros(8 * GiB);
    });
    assertHealthy(outcome);
    assert.ok(outcome.ms < 3000, `${outcome.ms} ms: reading must stop at the end marker`);
  });

  it('refuses an entry that declares more than the per-entry limit, even one that would be skipped (a link)', async () => {
    const outcome = await runArchiveCase('bomb-link-5gib', (archive) => {
      archive.write(healthyEntries()).write(tarHeader({ name: `./${ROOT}/rke2/bomb`, type: '2', linkName: '/etc/passwd', size: 5 * GiB })).zeros(5 * GiB).write(END_MARKER);
    });
    assertRefused(outcome, /bundle entry \.\/server-1-2025-02-19_14_30_00\/rke2\/bomb is 5368709120 bytes, over the 1073741824-byte limit/);
    assert.ok(outcome.ms < 3000, `${outcome.ms} ms`);
  });

  it('skips and lists path traversal, absolute paths and links, and writes nothing outside', async () => {
    let caseFolder = '';
    const outcome = await runArchiveCase('traversal-links', (archive, folder) => {
      caseFolder = folder;
      archive.write(healthyEntries())
        .write(entry({ name: '../../escaped.txt' }, 'escaped'))
        .write(entry({ name: `./${ROOT}/../../../escaped-too.txt` }, 'escaped'))
        .write(entry({ name: join(folder, 'absolute.txt') }, 'absolute'))
        .write(paxHeader(paxRecord('path', '../pax-escaped.txt'))).write(entry({ name: 'harmless.txt' }, 'escaped'))
        .write(entry({ name: `./${ROOT}/rke2/passwd`, type: '2', linkName: '/etc/passwd' }))
        .write(entry({ name: `./${ROOT}/rke2/hard`, type: '1', linkName: '/etc/passwd' }))
        .write(entry({ name: `./${ROOT}/rke2/out`, type: '2', linkName: '../../..' }))
        .write(entry({ name: `./${ROOT}/rke2/out/through-link.txt` }, 'inside'))
        .write(END_MARKER);
    });
    const report = assertHealthy(outcome);
    const skipped = report.skipped.join('\n');
    for (const expected of ['../../escaped.txt: unsafe path', 'escaped-too.txt: unsafe path', `${join(caseFolder, 'absolute.txt')}: unsafe path`, '../pax-escaped.txt: unsafe path', `${ROOT}/rke2/passwd: symbolic link not extracted`, `${ROOT}/rke2/hard: hard link not extracted`, `${ROOT}/rke2/out: symbolic link not extracted`]) {
      assert.ok(skipped.includes(expected), `${expected} in:\n${skipped}`);
    }
  });

  it('skips a file/folder clash and goes on (it used to reject the whole bundle)', async () => {
    const outcome = await runArchiveCase('clash', (archive) => {
      archive.write(entry({ name: `./${ROOT}/clash` }, 'a file'))
        .write(entry({ name: `./${ROOT}/clash/b` }, 'below a file'))
        .write(entry({ name: `./${ROOT}/clash/c/`, type: '5' }))
        .write(entry({ name: `./${ROOT}/dir/`, type: '5' }))
        .write(entry({ name: `./${ROOT}/dir` }, 'a file where a folder is'))
        .write(healthyEntries()).write(END_MARKER);
    });
    const report = assertHealthy(outcome);
    const skipped = report.skipped.join('\n');
    assert.match(skipped, /server-1-2025-02-19_14_30_00\/clash\/b: a file of the bundle is where a folder must be/);
    assert.match(skipped, /server-1-2025-02-19_14_30_00\/clash\/c: a file of the bundle is where a folder must be/);
    assert.match(skipped, /server-1-2025-02-19_14_30_00\/dir: a folder of the bundle has the same name/);
  });

  it('skips a name the file system refuses as too long (ENAMETOOLONG) and goes on', async () => {
    const outcome = await runArchiveCase('enametoolong', (archive) => {
      archive.write(paxHeader(paxRecord('path', `${ROOT}/rke2/${'n'.repeat(300)}.log`))).write(entry({ name: 'long' }, 'long name'))
        .write(longName(`${ROOT}/rke2/${'m'.repeat(5000)}`)).write(entry({ name: 'long2' }, 'long name'))
        .write(healthyEntries()).write(END_MARKER);
    });
    const report = assertHealthy(outcome);
    assert.equal(report.skipped.filter((entry) => entry.includes(': name too long for this file system')).length, 2, report.skipped.join('; '));
  });

  it('reads PAX records by length: `path=` text inside a comment is not a record', async () => {
    const comment = `see ${paxRecord('path', `${ROOT}/rke2/version`)} above`;
    const outcome = await runArchiveCase('pax-comment', (archive) => {
      archive.write(healthyEntries())
        .write(paxHeader(paxRecord('comment', comment))).write(entry({ name: `${ROOT}/notes.txt` }, AFFECTED_VERSION_FILE))
        .write(END_MARKER);
    });
    assertHealthy(outcome);
  });

  it('takes the last of two PAX `path` records, as GNU tar does', async () => {
    const outcome = await runArchiveCase('pax-two-paths', (archive) => {
      archive.write(healthyEntries())
        .write(paxHeader(paxRecord('path', `${ROOT}/rke2/version`) + paxRecord('mtime', '1740000000.5') + paxRecord('linkpath', '/etc/passwd') + paxRecord('path', `${ROOT}/notes.txt`)))
        .write(entry({ name: 'ignored-name' }, AFFECTED_VERSION_FILE))
        .write(END_MARKER);
    });
    assertHealthy(outcome);
  });
});
