import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { createGunzip } from 'node:zlib';

/** Limits that keep a hostile or broken archive from filling the disk or memory. */
export interface ExtractLimits {
  readonly maxFiles: number;
  readonly maxTotalBytes: number;
  readonly maxFileBytes: number;
}

export const DEFAULT_LIMITS: ExtractLimits = { maxFiles: 100_000, maxTotalBytes: 4 * 1024 ** 3, maxFileBytes: 1024 ** 3 };

export interface ExtractResult {
  readonly files: number;
  readonly bytes: number;
  /** Entries not extracted, with why: links, devices, unsafe paths. */
  readonly skipped: readonly string[];
}

export class BundleError extends Error {}

const BLOCK = 512;

function text(header: Buffer, start: number, length: number): string {
  const slice = header.subarray(start, start + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end === -1 ? slice.length : end).toString('utf8');
}

function octal(header: Buffer, start: number, length: number): number {
  const field = header.subarray(start, start + length);
  // GNU base-256 encoding for large sizes: high bit of the first byte set.
  if ((field[0] ?? 0) & 0x80) {
    let value = 0;
    for (let index = 1; index < field.length; index++) value = value * 256 + (field[index] ?? 0);
    return value;
  }
  const digits = text(header, start, length).trim();
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits)) throw new BundleError('corrupt tar archive: a header field is not a number');
  return parseInt(digits, 8);
}

function checksumOk(header: Buffer): boolean {
  let sum = 0;
  for (let index = 0; index < BLOCK; index++) sum += index >= 148 && index < 156 ? 32 : (header[index] ?? 0);
  return sum === octal(header, 148, 8);
}

/** A relative path that stays inside the destination, or undefined: no absolute paths, no `..`, no NUL. */
export function safeRelativePath(name: string): string | undefined {
  if (name.includes('\0')) return undefined;
  const cleaned = name.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  if (cleaned === '' || cleaned.startsWith('/') || /^[A-Za-z]:/.test(cleaned)) return undefined;
  const normalised = normalize(cleaned);
  if (normalised.split(sep).some((part) => part === '..')) return undefined;
  return normalised;
}

/**
 * Extracts a .tar.gz (the Rancher logs collector's format) into `destination`, reading it as a stream: only regular
 * files and folders are written; symbolic and hard links, devices and FIFOs are skipped and listed, so nothing can
 * point outside the destination; paths that are absolute or climb with `..` are refused; size and count limits hold.
 * Nothing in the archive is ever executed. A corrupt archive raises BundleError with a clear message.
 */
export async function extractTarGz(archive: string, destination: string, limits: ExtractLimits = DEFAULT_LIMITS): Promise<ExtractResult> {
  mkdirSync(destination, { recursive: true });
  const skipped: string[] = [];
  let files = 0;
  let bytes = 0;
  let pending: Buffer = Buffer.alloc(0);
  let longName: string | undefined;
  let paxPath: string | undefined;
  /** The entry whose body is being read. */
  let body: { path: string | undefined; size: number; chunks: Buffer[]; received: number; kind: 'file' | 'longname' | 'pax' | 'skip' } | undefined;
  let ended = false;

  const finishBody = (): void => {
    if (!body) return;
    const data = Buffer.concat(body.chunks);
    if (body.kind === 'longname') longName = text(data, 0, data.length);
    else if (body.kind === 'pax') {
      const match = /\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
      paxPath = match?.[1];
    } else if (body.kind === 'file' && body.path !== undefined) {
      const target = join(destination, body.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, data, { mode: 0o600 });
    }
    body = undefined;
  };

  const header = (block: Buffer): void => {
    if (block.every((byte) => byte === 0)) {
      ended = true;
      return;
    }
    if (!checksumOk(block)) throw new BundleError('corrupt tar archive: header checksum mismatch');
    const type = String.fromCharCode(block[156] ?? 48);
    const size = octal(block, 124, 12);
    const prefix = text(block, 345, 155);
    const rawName = paxPath ?? longName ?? (prefix ? `${prefix}/${text(block, 0, 100)}` : text(block, 0, 100));
    if (type !== 'L' && type !== 'x' && type !== 'g') {
      longName = undefined;
      paxPath = undefined;
    }
    if (type === 'L') {
      body = { path: undefined, size, chunks: [], received: 0, kind: 'longname' };
      return;
    }
    if (type === 'x' || type === 'g') {
      body = { path: undefined, size, chunks: [], received: 0, kind: type === 'x' ? 'pax' : 'skip' };
      return;
    }
    // The collector packs with `tar -C dir .`: the first entry is the archive's own root, `./`.
    if (type === '5' && rawName.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\.$/, '') === '') return;
    const path = safeRelativePath(rawName);
    if (path === undefined) {
      skipped.push(`${rawName}: unsafe path (absolute or outside the bundle)`);
      body = { path: undefined, size, chunks: [], received: 0, kind: 'skip' };
      return;
    }
    if (type === '5') {
      mkdirSync(join(destination, path), { recursive: true });
      body = size > 0 ? { path: undefined, size, chunks: [], received: 0, kind: 'skip' } : undefined;
      return;
    }
    if (type !== '0' && type !== '\0' && type !== '7') {
      skipped.push(`${path}: ${type === '2' ? 'symbolic link' : type === '1' ? 'hard link' : 'special file'} not extracted`);
      body = size > 0 ? { path: undefined, size, chunks: [], received: 0, kind: 'skip' } : undefined;
      return;
    }
    if (size > limits.maxFileBytes) throw new BundleError(`bundle entry ${path} is ${size} bytes, over the ${limits.maxFileBytes}-byte limit`);
    files++;
    bytes += size;
    if (files > limits.maxFiles) throw new BundleError(`bundle has more than ${limits.maxFiles} files`);
    if (bytes > limits.maxTotalBytes) throw new BundleError(`bundle unpacks to more than ${limits.maxTotalBytes} bytes`);
    body = { path, size, chunks: [], received: 0, kind: 'file' };
    if (size === 0) finishBody();
  };

  const consume = (): void => {
    while (!ended) {
      if (body) {
        const padded = Math.ceil(body.size / BLOCK) * BLOCK;
        const want = Math.min(pending.length, padded - body.received);
        if (want === 0 && padded > body.received) return;
        const piece = pending.subarray(0, want);
        const usable = Math.max(0, Math.min(piece.length, body.size - body.received));
        if (body.kind !== 'skip' && usable > 0) body.chunks.push(Buffer.from(piece.subarray(0, usable)));
        body.received += want;
        pending = pending.subarray(want);
        if (body.received >= padded) finishBody();
        continue;
      }
      if (pending.length < BLOCK) return;
      const block = pending.subarray(0, BLOCK);
      pending = pending.subarray(BLOCK);
      header(block);
    }
  };

  await new Promise<void>((resolve, reject) => {
    const input = createReadStream(archive);
    const gunzip = createGunzip();
    const fail = (error: unknown): void => {
      input.destroy();
      gunzip.destroy();
      reject(error instanceof BundleError ? error : new BundleError(`cannot read ${archive} as a .tar.gz: ${error instanceof Error ? error.message : String(error)}`));
    };
    input.on('error', fail);
    gunzip.on('error', fail);
    gunzip.on('data', (chunk: Buffer) => {
      if (ended) return;
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      try {
        consume();
      } catch (error) {
        fail(error);
      }
    });
    gunzip.on('end', () => {
      if (!ended && (body || pending.length > 0)) fail(new BundleError(`cannot read ${archive}: the archive ends in the middle of an entry`));
      else resolve();
    });
    input.pipe(gunzip);
  });
  return { files, bytes, skipped };
}
