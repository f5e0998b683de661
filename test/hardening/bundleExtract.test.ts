/**
 * The tar reader in-process: PAX records read the way GNU tar reads them, entries skipped and listed instead of
 * failing the bundle, limits that hold for every kind of entry, and no extracted copy left behind on any failure
 * or cancellation.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { BundleCancelledError } from '../../src/bundle/bundleError';
import { parsePaxRecords } from '../../src/bundle/paxRecords';
import { extractTarGz } from '../../src/bundle/tarExtract';
import { END_MARKER, entry, GzipFile, longName, paxHeader, paxRecord, tarHeader } from './bundleCrafting';
import { scratchFolder } from './bundleFixtures';

const scratch = scratchFolder('extract');
let archives = 0;

function archiveOf(...parts: Buffer[]): string {
  const path = join(scratch, `archive-${++archives}.tar.gz`);
  writeFileSync(path, gzipSync(Buffer.concat(parts)));
  return path;
}

function destination(): string {
  return join(scratch, `out-${++archives}`);
}

describe('PAX records are read as GNU tar reads them', () => {
  it('reads records by their length, so a comment holding `path=` text is not a record', () => {
    const records = paxRecord('comment', `x\n${paxRecord('path', 'evil')}`) + paxRecord('path', 'good');
    assert.deepEqual(parsePaxRecords(Buffer.from(records)), { path: 'good' });
    assert.deepEqual(parsePaxRecords(Buffer.from(paxRecord('comment', paxRecord('path', 'evil')))), {});
  });

  it('lets the last `path` record win, keeps newlines in values and ignores keys it does not need', () => {
    const records = paxRecord('path', 'first') + paxRecord('linkpath', '/etc/passwd') + paxRecord('uid', '0') + paxRecord('path', 'dir/line\nbreak') + paxRecord('size', '42');
    assert.deepEqual(parsePaxRecords(Buffer.from(records)), { path: 'dir/line\nbreak', size: 42 });
  });

  it('counts the length in bytes, not characters, and tolerates trailing NUL padding', () => {
    const records = paxRecord('path', 'ünïcödé/файл');
    assert.deepEqual(parsePaxRecords(Buffer.concat([Buffer.from(records), Buffer.alloc(20)])), { path: 'ünïcödé/файл' });
  });

  it('refuses malformed records with a clear message', () => {
    for (const bad of ['path=x\n', '12path=abc\n', '99 path=x\n', '10 path=xy ', '9 pathxy\n', '13 size=12a\n']) {
      assert.throws(() => parsePaxRecords(Buffer.from(bad)), /corrupt tar archive: malformed PAX extended header/, JSON.stringify(bad));
    }
  });
});

describe('tar entries are extracted one by one', () => {
  it('extracts an entry under its PAX path, not under `path=` text in a comment, and takes the last path', async () => {
    const target = destination();
    const result = await extractTarGz(archiveOf(
      paxHeader(paxRecord('comment', paxRecord('path', 'forged.txt'))), entry({ name: 'real.txt' }, 'one'),
      paxHeader(paxRecord('path', 'first.txt') + paxRecord('path', 'last.txt')), entry({ name: 'header-name.txt' }, 'two'),
      paxHeader(paxRecord('path', 'line\nbreak.txt')), entry({ name: 'x' }, 'three'),
      END_MARKER,
    ), target);
    assert.deepEqual(readdirSync(target).sort(), ['last.txt', 'line\nbreak.txt', 'real.txt']);
    assert.equal(readFileSync(join(target, 'last.txt'), 'utf8'), 'two');
    assert.equal(result.files, 3);
    assert.deepEqual(result.skipped, []);
  });

  it('honours a PAX `size`, GNU long names within the cap, and ignores long link names and global headers', async () => {
    const target = destination();
    const longPath = `${'deep/'.repeat(40)}file.txt`;
    const data = Buffer.from('sized by PAX');
    const result = await extractTarGz(archiveOf(
      entry({ name: 'pax_global_header', type: 'g' }, paxRecord('comment', 'global')),
      paxHeader(paxRecord('size', String(data.length))), tarHeader({ name: 'sized.txt', size: 0 }), data, Buffer.alloc(512 - data.length),
      longName(longPath), entry({ name: 'short' }, 'long'),
      entry({ name: '././@LongLink', type: 'K' }, `${'t'.repeat(300)}\0`), entry({ name: 'link', type: '2', linkName: 'short-target' }),
      END_MARKER,
    ), target);
    assert.equal(readFileSync(join(target, 'sized.txt'), 'utf8'), 'sized by PAX');
    assert.equal(readFileSync(join(target, longPath), 'utf8'), 'long');
    assert.deepEqual(result.skipped, ['link: symbolic link not extracted']);
  });

  it('skips a file/folder clash and a name too long for the file system, and extracts the rest', async () => {
    const target = destination();
    const result = await extractTarGz(archiveOf(
      entry({ name: 'a' }, 'file a'), entry({ name: 'a/b' }, 'below a file'),
      entry({ name: 'd/', type: '5' }), entry({ name: 'd' }, 'file over a folder'),
      paxHeader(paxRecord('path', `${'n'.repeat(256)}.log`)), entry({ name: 'x' }, 'long'),
      paxHeader(paxRecord('path', `${'p/'.repeat(2100)}f`)), entry({ name: 'y' }, 'long path'),
      entry({ name: 'after.txt' }, 'still extracted'),
      END_MARKER,
    ), target);
    assert.equal(readFileSync(join(target, 'a'), 'utf8'), 'file a');
    assert.equal(readFileSync(join(target, 'after.txt'), 'utf8'), 'still extracted');
    assert.deepEqual(result.skipped.map((line) => line.replace(/^(.{20}).*?(: [^:]+)$/, '$1$2')), [
      'a/b: a file of the bundle is where a folder must be',
      'd: a folder of the bundle has the same name',
      'nnnnnnnnnnnnnnnnnnnn: name too long for this file system',
      'p/p/p/p/p/p/p/p/p/p/: name too long for this file system',
    ]);
  });

  it('counts every entry against the limits, skipped ones too, and removes the folder it created on failure', async () => {
    const link = (index: number): Buffer => Buffer.concat([tarHeader({ name: `l${index}`, type: '2', linkName: 't', size: 4096 }), Buffer.alloc(4096)]);
    const target = destination();
    await assert.rejects(extractTarGz(archiveOf(link(1), link(2), link(3), END_MARKER), target, { maxFiles: 100, maxTotalBytes: 10_000, maxFileBytes: 1e9 }), /bundle unpacks to more than 10000 bytes/);
    assert.ok(!existsSync(target));
    const files = Array.from({ length: 12 }, (_, index) => entry({ name: `f${index}` }, 'x'));
    await assert.rejects(extractTarGz(archiveOf(...files, END_MARKER), target, { maxFiles: 10, maxTotalBytes: 1e9, maxFileBytes: 1e9 }), /more than 10 files and folders/);
    assert.ok(!existsSync(target));
    await assert.rejects(extractTarGz(archiveOf(entry({ name: 'f' }, 'x'), entry({ name: 'g' }), Buffer.alloc(100)), target), /ends in the middle of an entry/);
    assert.ok(!existsSync(target));
  });

  it('stops on an aborted signal mid-entry, closes the file and removes the folder it created', async () => {
    const path = join(scratch, 'slow.tar.gz');
    new GzipFile(path).write(tarHeader({ name: 'big.log', size: 1024 ** 3 })).zeros(1024 ** 3).write(END_MARKER).close();
    const target = destination();
    const controller = new AbortController();
    const started = performance.now();
    const extraction = extractTarGz(path, target, undefined, controller.signal);
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(extraction, BundleCancelledError);
    assert.ok(performance.now() - started < 2000);
    assert.ok(!existsSync(target));
    await assert.rejects(extractTarGz(path, destination(), undefined, AbortSignal.abort()), /reading the bundle was cancelled/);
  });
});
