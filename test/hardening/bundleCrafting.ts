/**
 * Crafts tar.gz inputs for the bundle hardening suite on the fly: tar headers, PAX and GNU long-name records, and
 * multi-gigabyte streams written as repeated gzip members (a gzip file may hold many), so an 8 GiB stream costs a
 * few megabytes on disk and a fraction of a second to write.
 */
import { closeSync, openSync, readdirSync, readFileSync, lstatSync, writeSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const BLOCK = 512;

export interface HeaderFields {
  readonly name: string;
  readonly size?: number;
  /** '0' file, '5' folder, '1' hard link, '2' symbolic link, 'x' PAX, 'g' PAX global, 'L' GNU long name. */
  readonly type?: string;
  readonly linkName?: string;
}

function field(block: Buffer, start: number, length: number, value: string): void {
  block.write(value.slice(0, length), start, length, 'utf8');
}

function octalField(block: Buffer, start: number, length: number, value: number): void {
  field(block, start, length, value.toString(8).padStart(length - 1, '0') + '\0');
}

/** A POSIX ustar header block with a correct checksum. */
export function tarHeader({ name, size = 0, type = '0', linkName = '' }: HeaderFields): Buffer {
  const block = Buffer.alloc(BLOCK);
  field(block, 0, 100, name);
  octalField(block, 100, 8, type === '5' ? 0o755 : 0o644);
  octalField(block, 108, 8, 0);
  octalField(block, 116, 8, 0);
  octalField(block, 124, 12, size);
  octalField(block, 136, 12, 1_740_000_000);
  block.write(type, 156, 1, 'latin1');
  field(block, 157, 100, linkName);
  block.write('ustar\0', 257, 6, 'latin1');
  block.write('00', 263, 2, 'latin1');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  field(block, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return block;
}

function padded(data: Buffer): Buffer {
  const rest = data.length % BLOCK;
  return rest === 0 ? data : Buffer.concat([data, Buffer.alloc(BLOCK - rest)]);
}

/** An entry: header and data padded to whole blocks. */
export function entry(fields: HeaderFields, data: Buffer | string = Buffer.alloc(0)): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([tarHeader({ ...fields, size: body.length }), padded(body)]);
}

/** One PAX record, `<length> <key>=<value>\n`, where the length counts the whole record, its own digits included. */
export function paxRecord(key: string, value: string): string {
  const tail = ` ${key}=${value}\n`;
  const tailBytes = Buffer.byteLength(tail, 'utf8');
  let length = tailBytes + 1;
  while (String(length).length + tailBytes !== length) length = String(length).length + tailBytes;
  return `${length}${tail}`;
}

/** A PAX extended header ('x') holding `records`, applying to the entry after it. */
export function paxHeader(records: string): Buffer {
  return entry({ name: 'PaxHeaders/entry', type: 'x' }, records);
}

/** A GNU long-name record ('L') naming the entry after it. */
export function longName(name: string): Buffer {
  return entry({ name: '././@LongLink', type: 'L' }, `${name}\0`);
}

/** The end-of-archive marker: two zero blocks. */
export const END_MARKER = Buffer.alloc(2 * BLOCK);

/**
 * The tar entries of a bundle folder already on disk (written by writeBundleFolder), named `<root>/...` as the
 * collector's `tar -C parent .` names them, with one folder entry per folder.
 */
export function folderEntries(parent: string): Buffer {
  const parts: Buffer[] = [entry({ name: './', type: '5' })];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      const path = relative(parent, full);
      if (lstatSync(full).isDirectory()) {
        parts.push(entry({ name: `./${path}/`, type: '5' }));
        walk(full);
      } else parts.push(entry({ name: `./${path}` }, readFileSync(full)));
    }
  };
  walk(parent);
  return Buffer.concat(parts);
}

/** A gzip file written member by member; repeated content is compressed once and its member written many times. */
export class GzipFile {
  private readonly fd: number;
  private static readonly cache = new Map<string, Buffer>();

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  /** Appends `data`, tar bytes as they are. */
  write(data: Buffer): this {
    writeSync(this.fd, gzipSync(data, { level: 1 }));
    return this;
  }

  /** Appends `bytes` bytes made of `unit` repeated (`bytes` must be a multiple of the unit's length). */
  repeat(unit: string, bytes: number): this {
    const unitBytes = Buffer.byteLength(unit);
    if (bytes % unitBytes !== 0) throw new Error('repeat: bytes must be a multiple of the unit');
    // 16 MiB pieces: each compresses once to a few KiB and is written as many members as needed.
    const perPiece = Math.max(1, Math.floor((16 * 1024 * 1024) / unitBytes));
    let left = bytes / unitBytes;
    while (left > 0) {
      const count = Math.min(left, perPiece);
      writeSync(this.fd, GzipFile.member(unit, count));
      left -= count;
    }
    return this;
  }

  /** Appends `bytes` zero bytes. */
  zeros(bytes: number): this {
    if (bytes % BLOCK !== 0) throw new Error('zeros: bytes must be whole blocks');
    return this.repeat('\0'.repeat(BLOCK), bytes);
  }

  close(): string {
    closeSync(this.fd);
    return this.path;
  }

  private static member(unit: string, count: number): Buffer {
    const key = `${count}:${unit}`;
    let member = GzipFile.cache.get(key);
    if (!member) {
      member = gzipSync(Buffer.from(unit.repeat(count), 'utf8'), { level: 9 });
      GzipFile.cache.set(key, member);
    }
    return member;
  }
}
