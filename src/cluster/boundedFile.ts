import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/**
 * Every file the cluster side reads (kubeconfigs, the CA, client certificates and keys, token files, a Rancher CA or
 * token) comes through here: opened without blocking (O_NONBLOCK, so a FIFO cannot hang the open), judged by fstat on
 * the handle (a regular file only: never /dev/zero, a device or a FIFO, which would be read without end or block
 * forever), and read up to a size cap decided before reading. Links are followed: kubeconfigs are often linked.
 */

export type BoundedRead = { readonly ok: true; readonly data: Buffer } | { readonly ok: false; readonly error: string };

/** The kind of a file that is not a regular one, in words. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function reason(error: unknown): string {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENXIO') return 'not a regular file (a socket or a device without a reader)';
  return code ?? (error instanceof Error ? error.message : String(error));
}

/** Reads `path` whole if it is a regular file of at most `maxBytes`; otherwise says why not, in words. */
export function readBoundedFile(path: string, maxBytes: number): BoundedRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, error: reason(error) };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, error: `${kindOf(stats) === 'not a regular file' ? '' : 'not a regular file: '}${kindOf(stats)}` };
    if (stats.size > maxBytes) return { ok: false, error: `${stats.size} bytes, over the ${maxBytes}-byte limit` };
    // The size may grow between fstat and the read (a file being written): one byte past the cap tells.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(stats.size + 1, 4096)));
    let read = 0;
    for (;;) {
      if (read === buffer.length) return { ok: false, error: read > maxBytes ? `over the ${maxBytes}-byte limit` : 'it grew while being read' };
      const count = readSync(fd, buffer, read, buffer.length - read, null);
      if (count === 0) break;
      read += count;
    }
    return { ok: true, data: buffer.subarray(0, read) };
  } catch (error) {
    return { ok: false, error: reason(error) };
  } finally {
    closeSync(fd);
  }
}
