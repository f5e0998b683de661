import { closeSync, lstatSync, opendirSync, type Dirent } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import type { HostFiles } from '../host/hostFiles';
import { openRegularFile, readTextPieces } from './regularFile';
import { SkippedEntries } from './skippedEntries';

/** Bounds on reading an unpacked bundle folder, whoever made it. */
export const FOLDER_LIMITS = {
  /** Files parsed whole (kubectl dumps, sysctls, config.yaml); larger ones are not read. */
  maxWholeFileBytes: 16 * 1024 * 1024,
  /** Bytes of one log file scanned; the rest is not read (and a note says so). */
  maxLogBytes: 256 * 1024 * 1024,
  /** Folders below a log folder walked into. */
  maxDepth: 16,
  /** Folder entries listed over the whole reading of one bundle. */
  maxEntries: 100_000,
} as const;

export type EntryKind = 'file' | 'folder' | 'link' | 'other';

/** The files of an unpacked bundle: regular files and real folders inside its root only, never through a link. */
export interface BundleFiles extends HostFiles {
  /** What a path is, without following a link; undefined when it is absent or outside the root. */
  kind(path: string): EntryKind | undefined;
  /** A folder's entries with their kinds, sorted; links are reported as links, not followed. */
  entries(folder: string): { name: string; kind: EntryKind }[];
  /** A regular file's text when it is at most `maxBytes` long (read() caps at FOLDER_LIMITS.maxWholeFileBytes). */
  readText(path: string, maxBytes: number): string | undefined;
  /**
   * Streams a regular file's text to `onText` in pieces (return false to stop), at most `maxBytes`; false when it
   * is not a readable regular file.
   */
  readPieces(path: string, maxBytes: number, onText: (text: string) => boolean): boolean;
  /** Records that a path was not (fully) read, and why. */
  note(path: string, reason: string): void;
  /** Paths not (fully) read and why: links, FIFOs, devices, oversized files, cut walks. */
  notes(): string[];
}

function mebibytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}

function kindOf(entry: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryKind {
  return entry.isSymbolicLink() ? 'link' : entry.isFile() ? 'file' : entry.isDirectory() ? 'folder' : 'other';
}

function lstatKind(path: string): EntryKind | undefined {
  try {
    return kindOf(lstatSync(path));
  } catch {
    return undefined;
  }
}

/** At most `limit` entries of a real folder, read one at a time so a folder of millions costs no more. */
function listFolder(path: string, limit: number): { entries: Dirent[]; cut: boolean } {
  const entries: Dirent[] = [];
  let dir;
  try {
    dir = opendirSync(path);
  } catch {
    return { entries, cut: false };
  }
  try {
    for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) {
      if (entries.length >= limit) return { entries, cut: true };
      entries.push(entry);
    }
    return { entries, cut: false };
  } finally {
    dir.closeSync();
  }
}

const BUNDLE_MARKERS = ['systeminfo', 'rke2', 'collector-output.log', 'journald', 'networking'];
/** Children of the opened folder looked at for the bundle's root. */
const MAX_ROOT_CANDIDATES = 10_000;

/**
 * The root of a Rancher logs collector bundle (`<hostname>-<date>/`, REFERENCE §7) inside an unpacked folder: the
 * folder itself, or a real child folder (not a link), when it holds what the collector writes.
 */
export function findBundleRoot(folder: string): string | undefined {
  const looksLikeBundle = (path: string): boolean => BUNDLE_MARKERS.some((name) => lstatKind(join(path, name)) !== undefined);
  if (looksLikeBundle(folder)) return folder;
  const children = listFolder(folder, MAX_ROOT_CANDIDATES).entries.filter((entry) => entry.isDirectory()).map((entry) => join(folder, entry.name)).sort();
  return children.find(looksLikeBundle);
}

/**
 * Files of the bundle, read-only, never outside its root: a path whose folders include a link is refused, a file is
 * opened with O_NOFOLLOW | O_NONBLOCK and read only when the open handle is a regular file, reads are capped and
 * listing is bounded. What is refused or cut is noted, once per path.
 */
export function bundleFiles(root: string): BundleFiles {
  const skipped = new SkippedEntries();
  let entriesLeft: number = FOLDER_LIMITS.maxEntries;
  const note = (path: string, reason: string): void => skipped.add(path.replace(/^\/+/, ''), reason);

  /** The full path, when every folder on the way is a real folder inside the root. */
  const resolve = (path: string): string | undefined => {
    const parts = normalize(path).replace(/^[/\\]+/, '').split(sep).filter((part) => part !== '' && part !== '.');
    if (parts.includes('..')) return undefined;
    let full = root;
    for (const [index, part] of parts.entries()) {
      full = join(full, part);
      if (index === parts.length - 1) break;
      const kind = lstatKind(full);
      if (kind === 'link') {
        note(path, `the folder ${parts.slice(0, index + 1).join('/')} is a symbolic link, not followed`);
        return undefined;
      }
      if (kind !== 'folder') return undefined;
    }
    return full;
  };

  const open = (path: string): { fd: number; size: number } | undefined => {
    const full = resolve(path);
    if (full === undefined) return undefined;
    const opened = openRegularFile(full);
    if (opened.ok) return opened;
    if (opened.why !== undefined) note(path, opened.why);
    return undefined;
  };

  const files: BundleFiles = {
    root,
    read(path) {
      return files.readText(path, FOLDER_LIMITS.maxWholeFileBytes);
    },
    readText(path, maxBytes) {
      const opened = open(path);
      if (!opened) return undefined;
      if (opened.size > maxBytes) {
        closeSync(opened.fd);
        note(path, `larger than ${mebibytes(maxBytes)}, not read`);
        return undefined;
      }
      const pieces: string[] = [];
      const { truncated } = readTextPieces(opened.fd, maxBytes, (text) => {
        pieces.push(text);
        return true;
      });
      if (!truncated) return pieces.join('');
      // It grew while it was read.
      note(path, `larger than ${mebibytes(maxBytes)}, not read`);
      return undefined;
    },
    readPieces(path, maxBytes, onText) {
      const opened = open(path);
      if (!opened) return false;
      const { truncated } = readTextPieces(opened.fd, maxBytes, onText);
      if (truncated) note(path, `only the first ${mebibytes(maxBytes)} read`);
      return true;
    },
    kind(path) {
      const full = resolve(path);
      return full === undefined ? undefined : lstatKind(full);
    },
    entries(folder) {
      const full = resolve(folder);
      if (full === undefined || lstatKind(full) !== 'folder') return [];
      if (entriesLeft <= 0) {
        note(folder, `not listed: the bundle has more than ${FOLDER_LIMITS.maxEntries} entries`);
        return [];
      }
      const listed = listFolder(full, entriesLeft);
      entriesLeft -= listed.entries.length;
      if (listed.cut) note(folder, `listing cut: the bundle has more than ${FOLDER_LIMITS.maxEntries} entries`);
      return listed.entries.map((entry) => ({ name: entry.name, kind: kindOf(entry) })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    list(folder) {
      return files.entries(folder).map((entry) => entry.name);
    },
    exists(path) {
      return files.kind(path) !== undefined;
    },
    note,
    notes: () => skipped.list(),
  };
  return files;
}

/** The first of several places a file may be in (collector versions differ), as text. */
export function readFirst(files: HostFiles, paths: readonly string[]): { path: string; text: string } | undefined {
  for (const path of paths) {
    const text = files.read(path);
    if (text !== undefined) return { path, text };
  }
  return undefined;
}

/**
 * Every regular file below a folder of the bundle (podlogs/, journald/, agent-logs/), recursively, in real folders
 * only and to a bounded depth; links and special files met on the way are noted, not followed.
 */
export function filesBelow(files: BundleFiles, folder: string, depth = 0): string[] {
  if (depth > FOLDER_LIMITS.maxDepth) {
    files.note(folder, `deeper than ${FOLDER_LIMITS.maxDepth} folders, not read`);
    return [];
  }
  return files.entries(folder).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.kind === 'folder') return filesBelow(files, path, depth + 1);
    if (entry.kind === 'file') return [path];
    files.note(path, entry.kind === 'link' ? 'symbolic link not followed' : 'not a regular file');
    return [];
  });
}
