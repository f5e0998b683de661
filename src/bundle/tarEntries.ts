import type { FileHandle } from 'node:fs/promises';
import { BundleError } from './bundleError';
import { makeEntryFolder, openEntryFile, writeFully } from './entryTarget';
import { parsePaxRecords, type PaxAttributes } from './paxRecords';
import { safeRelativePath } from './safeRelativePath';
import { shortName, SkippedEntries } from './skippedEntries';
import { BLOCK, isZeroBlock, nulTerminated, parseTarHeader } from './tarHeader';

/** Limits that keep a hostile or broken archive from filling the disk or memory. */
export interface ExtractLimits {
  /** Entries of any kind: files, folders, links. */
  readonly maxFiles: number;
  /** Bytes of every entry's data together, extracted or skipped. */
  readonly maxTotalBytes: number;
  readonly maxFileBytes: number;
}

export interface ExtractResult {
  readonly files: number;
  readonly bytes: number;
  /** Entries not extracted, with why: links, devices, unsafe paths, names the file system refuses. */
  readonly skipped: readonly string[];
}

/** PAX and GNU long-name records hold a name and a few attributes: a few KiB is plenty, 64 KiB is generous. */
export const MAX_HEADER_RECORD_BYTES = 64 * 1024;
/** Extended headers in a row before a real entry; tar writes one or two. */
const MAX_RECORDS_IN_A_ROW = 8;

const RECORD_LABELS: Readonly<Record<string, string>> = { x: 'PAX extended header', g: 'PAX global header', L: 'GNU long name', K: 'GNU long link name' };
const FILE_TYPES = new Set(['0', '\0', '7']);

type Sink =
  | { readonly kind: 'file'; readonly path: string; readonly handle: FileHandle }
  | { readonly kind: 'record'; readonly type: string; readonly data: Buffer; filled: number }
  | { readonly kind: 'skip' };

interface Body {
  readonly sink: Sink;
  dataLeft: number;
  padLeft: number;
}

function otherKind(type: string): string {
  return type === '2' ? 'symbolic link' : type === '1' ? 'hard link' : 'special file';
}

/** The collector packs with `tar -C dir .`: the first entry is the archive's own root, `./`. */
function isArchiveRoot(name: string): boolean {
  return name.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\.\/?$/, '') === '';
}

/**
 * The tar stream after gunzip, fed chunk by chunk: headers are assembled from the chunks, file data is written to
 * disk piece by piece as it arrives (never held whole), and extended-header records are buffered up to a small cap.
 */
export class TarEntries {
  private readonly header = Buffer.alloc(BLOCK);
  private headerFill = 0;
  private body: Body | undefined;
  private pax: PaxAttributes = {};
  private longName: string | undefined;
  private recordsInARow = 0;
  private entries = 0;
  private declaredBytes = 0;
  private files = 0;
  private bytes = 0;
  private readonly skipped = new SkippedEntries();

  constructor(private readonly destination: string, private readonly limits: ExtractLimits) {}

  /**
   * Consumes one chunk; 'end' at the end-of-archive marker, after which nothing more is read. Like GNU tar, the
   * first zero block ends the archive (the second one and whatever follows are never decompressed).
   */
  async push(chunk: Buffer): Promise<'more' | 'end'> {
    let offset = 0;
    while (offset < chunk.length) {
      const body = this.body;
      if (body) {
        const take = Math.min(body.dataLeft > 0 ? body.dataLeft : body.padLeft, chunk.length - offset);
        if (body.dataLeft > 0) {
          await this.deliver(body.sink, chunk.subarray(offset, offset + take));
          body.dataLeft -= take;
        } else body.padLeft -= take;
        offset += take;
        if (body.dataLeft === 0 && body.padLeft === 0) await this.finishBody();
        continue;
      }
      const take = Math.min(BLOCK - this.headerFill, chunk.length - offset);
      chunk.copy(this.header, this.headerFill, offset, offset + take);
      this.headerFill += take;
      offset += take;
      if (this.headerFill < BLOCK) continue;
      this.headerFill = 0;
      if (isZeroBlock(this.header)) return 'end';
      await this.startEntry();
    }
    return 'more';
  }

  /** The input ended: fine at an entry boundary (some writers omit the end marker), corrupt in the middle of one. */
  finish(archive: string): ExtractResult {
    if (this.body || this.headerFill > 0) throw new BundleError(`cannot read ${archive}: the archive ends in the middle of an entry`);
    return { files: this.files, bytes: this.bytes, skipped: this.skipped.list() };
  }

  /** Closes the file being written, after an error or a cancellation. */
  async abandon(): Promise<void> {
    const sink = this.body?.sink;
    this.body = undefined;
    if (sink?.kind === 'file') await sink.handle.close().catch(() => undefined);
  }

  private async deliver(sink: Sink, piece: Buffer): Promise<void> {
    if (sink.kind === 'file') await writeFully(sink.handle, piece, sink.path);
    else if (sink.kind === 'record') {
      piece.copy(sink.data, sink.filled);
      sink.filled += piece.length;
    }
  }

  private async finishBody(): Promise<void> {
    const sink = this.body?.sink;
    this.body = undefined;
    if (sink?.kind === 'file') await sink.handle.close();
    else if (sink?.kind === 'record') {
      if (sink.type === 'x') this.pax = { ...this.pax, ...parsePaxRecords(sink.data) };
      else if (sink.type === 'L') this.longName = nulTerminated(sink.data);
      // 'g' (global attributes) and 'K' (a link's target) change nothing that is extracted.
    }
  }

  private async begin(sink: Sink, size: number): Promise<void> {
    this.body = { sink, dataLeft: size, padLeft: (BLOCK - (size % BLOCK)) % BLOCK };
    if (size === 0) await this.finishBody();
  }

  private countData(size: number): void {
    this.declaredBytes += BLOCK + size;
    if (this.declaredBytes > this.limits.maxTotalBytes) throw new BundleError(`bundle unpacks to more than ${this.limits.maxTotalBytes} bytes`);
  }

  private async startEntry(): Promise<void> {
    const header = parseTarHeader(this.header);
    const recordLabel = RECORD_LABELS[header.type];
    if (recordLabel !== undefined) {
      if (header.size > MAX_HEADER_RECORD_BYTES) throw new BundleError(`bundle refused: its tar archive has a ${header.size}-byte ${recordLabel}, over the ${MAX_HEADER_RECORD_BYTES}-byte limit for header records`);
      if (++this.recordsInARow > MAX_RECORDS_IN_A_ROW) throw new BundleError(`corrupt tar archive: more than ${MAX_RECORDS_IN_A_ROW} extended headers in a row`);
      this.countData(header.size);
      await this.begin({ kind: 'record', type: header.type, data: Buffer.alloc(header.size), filled: 0 }, header.size);
      return;
    }
    const size = this.pax.size ?? header.size;
    const name = this.pax.path ?? this.longName ?? header.name;
    this.pax = {};
    this.longName = undefined;
    this.recordsInARow = 0;
    if (++this.entries > this.limits.maxFiles) throw new BundleError(`bundle has more than ${this.limits.maxFiles} files and folders`);
    if (size > this.limits.maxFileBytes) throw new BundleError(`bundle entry ${shortName(name)} is ${size} bytes, over the ${this.limits.maxFileBytes}-byte limit`);
    this.countData(size);
    const skip = (reason?: string, path = name): Promise<void> => {
      if (reason !== undefined) this.skipped.add(path, reason);
      return this.begin({ kind: 'skip' }, size);
    };
    const isFolder = header.type === '5' || (FILE_TYPES.has(header.type) && name.endsWith('/'));
    if (isFolder && isArchiveRoot(name)) return skip();
    const path = safeRelativePath(name);
    if (path === undefined) return skip('unsafe path (absolute or outside the bundle)');
    if (isFolder) {
      const made = await makeEntryFolder(this.destination, path);
      return skip(made.ok ? undefined : made.reason, path);
    }
    if (!FILE_TYPES.has(header.type)) return skip(`${otherKind(header.type)} not extracted`, path);
    const opened = await openEntryFile(this.destination, path);
    if (!opened.ok) return skip(opened.reason, path);
    this.files++;
    this.bytes += size;
    await this.begin({ kind: 'file', path, handle: opened.value }, size);
  }
}
