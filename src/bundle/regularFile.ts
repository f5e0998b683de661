import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** Why a file of an unpacked bundle was not read; undefined when it simply is not there. */
export type NotReadable = 'symbolic link not followed' | 'not a regular file' | undefined;

export type OpenedFile = { readonly ok: true; readonly fd: number; readonly size: number } | { readonly ok: false; readonly why: NotReadable };

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Opens a file for reading only if it is a regular file: O_NOFOLLOW refuses a link (ELOOP), O_NONBLOCK keeps a FIFO
 * from blocking the open, and fstat on the handle (not the name, which could change) decides what is read.
 */
export function openRegularFile(path: string): OpenedFile {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = errorCode(error);
    return { ok: false, why: code === 'ELOOP' ? 'symbolic link not followed' : code === 'ENXIO' ? 'not a regular file' : undefined };
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isFile()) return { ok: true, fd, size: stats.size };
  } catch {
    // Unreadable metadata: treated as absent below.
  }
  closeSync(fd);
  return { ok: false, why: 'not a regular file' };
}

/** Piece size for streamed reads: small enough that each piece is a young-generation string, collected cheaply. */
const PIECE_BYTES = 64 * 1024;

/**
 * Reads an open file as UTF-8 text in pieces, at most `maxBytes`, handing each piece to `onText` (which returns
 * false to stop early); closes the file. Returns how many bytes were read and whether the file held more.
 */
export function readTextPieces(fd: number, maxBytes: number, onText: (text: string) => boolean): { bytes: number; truncated: boolean } {
  const decoder = new StringDecoder('utf8');
  const buffer = Buffer.alloc(Math.min(PIECE_BYTES, Math.max(1, maxBytes + 1)));
  let bytes = 0;
  try {
    for (;;) {
      const want = Math.min(buffer.length, maxBytes + 1 - bytes);
      const read = want > 0 ? readSync(fd, buffer, 0, want, null) : 0;
      if (read === 0) break;
      // One byte past the cap only tells that there is more: it is not passed on.
      const usable = Math.min(read, maxBytes - bytes);
      bytes += read;
      if (usable > 0 && !onText(decoder.write(buffer.subarray(0, usable)))) return { bytes: Math.min(bytes, maxBytes), truncated: false };
      if (bytes > maxBytes) return { bytes: maxBytes, truncated: true };
    }
    const rest = decoder.end();
    if (rest !== '') onText(rest);
    return { bytes, truncated: false };
  } finally {
    closeSync(fd);
  }
}
