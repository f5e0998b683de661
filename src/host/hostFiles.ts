import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync } from 'node:fs';
import { join, normalize, relative, sep, isAbsolute } from 'node:path';

/** Read-only access to a node's files below a root: `/` on the node, a fixture or an unpacked bundle in tests. */
export interface HostFiles {
  readonly root: string;
  read(path: string): string | undefined;
  list(folder: string): string[];
  exists(path: string): boolean;
}

/** Files above this size are not read: every file a host check needs is small. */
const MAX_BYTES = 16 * 1024 * 1024;
const PIECE_BYTES = 64 * 1024;

/** `path` is `root` or below it (both already resolved). */
function within(root: string, path: string): boolean {
  const rest = relative(root, path);
  return rest === '' || (!rest.startsWith('..') && !isAbsolute(rest));
}

/**
 * Reads a regular file through an open handle: O_NOFOLLOW (the path was resolved already, so a link swapped in
 * afterwards is refused), O_NONBLOCK (a FIFO cannot block the open), fstat on the handle (no device, no FIFO), and
 * pieces up to the cap, since /proc and /sys files report a size of 0.
 */
function readRegularFile(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    const pieces: Buffer[] = [];
    let total = 0;
    for (;;) {
      const piece = Buffer.alloc(PIECE_BYTES);
      const count = readSync(fd, piece, 0, PIECE_BYTES, null);
      if (count === 0) break;
      total += count;
      if (total > MAX_BYTES) return undefined;
      pieces.push(piece.subarray(0, count));
    }
    return Buffer.concat(pieces, total).toString('utf8');
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * Host files under `root`; paths never escape it: `..` is refused, and a path whose links resolve outside the root
 * (to /dev/zero, to another node's files) is treated as absent. Links inside the root are followed (on a node, `/`
 * holds links such as /etc/resolv.conf). Nothing is ever written.
 */
export function hostFilesAt(root: string): HostFiles {
  let realRoot: string | undefined;
  const rootPath = (): string | undefined => {
    try {
      realRoot ??= realpathSync(root);
    } catch {
      return undefined;
    }
    return realRoot;
  };
  const resolve = (path: string): string | undefined => {
    const rel = normalize(path).replace(/^[/\\]+/, '');
    if (rel.split(sep).includes('..')) return undefined;
    const base = rootPath();
    if (base === undefined) return undefined;
    try {
      const real = realpathSync(join(base, rel));
      return within(base, real) ? real : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    root,
    read(path) {
      const full = resolve(path);
      return full === undefined ? undefined : readRegularFile(full);
    },
    list(folder) {
      const full = resolve(folder);
      try {
        return full === undefined ? [] : readdirSync(full).sort();
      } catch {
        return [];
      }
    },
    exists(path) {
      return resolve(path) !== undefined;
    },
  };
}
