import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';

/** Read-only access to a node's files below a root: `/` on the node, a fixture or an unpacked bundle in tests. */
export interface HostFiles {
  readonly root: string;
  read(path: string): string | undefined;
  list(folder: string): string[];
  exists(path: string): boolean;
}

/** Files above this size are not read: every file a host check needs is small. */
const MAX_BYTES = 16 * 1024 * 1024;

/** Host files under `root`; paths never escape it (`..` is refused), and nothing is ever written. */
export function hostFilesAt(root: string): HostFiles {
  const resolve = (path: string): string | undefined => {
    const relative = normalize(path).replace(/^[/\\]+/, '');
    if (relative.split(sep).includes('..')) return undefined;
    return join(root, relative);
  };
  return {
    root,
    read(path) {
      const full = resolve(path);
      if (full === undefined) return undefined;
      try {
        if (lstatSync(full).size > MAX_BYTES) return undefined;
        return readFileSync(full, 'utf8');
      } catch {
        return undefined;
      }
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
      const full = resolve(path);
      return full !== undefined && existsSync(full);
    },
  };
}
