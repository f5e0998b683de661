import { lstatSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isRke2ConfigPath, isYamlPath } from '../core/files/fileKinds';

/** Folders never worth walking into when looking for cluster configuration. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.terraform']);
/** Bounds that keep a walk of a huge or looping tree finite. */
const MAX_DEPTH = 32;
const MAX_ENTRIES = 200_000;

/**
 * A file to lint and the root it was found under (facts of one root never apply to another). `path` and `root` are
 * absolute, so `.`, `./`, `../x` and `/abs/x` scope facts alike; `label` is the path as the user spelled it.
 */
export interface FoundFile {
  readonly path: string;
  readonly root: string;
  readonly label: string;
}

export interface CollectedFiles {
  readonly files: readonly FoundFile[];
  readonly missing: readonly string[];
  /** Folders that could not be read (EACCES…) or walks cut short, with why: reported, the rest is still linted. */
  readonly unreadable: readonly { readonly path: string; readonly reason: string }[];
}

/**
 * The YAML files (and YAML templates: `config.yaml.j2`, `*.yaml.tpl`…) under the given paths. Files are taken as
 * given; folders are walked recursively without following symbolic links, within a depth and entry bound, and a
 * folder that cannot be read is listed rather than ending the walk. Sorted, so output is stable.
 */
/** Lets tests make a listing fail (as root, permissions never do); undefined means "list it for real". */
export interface WalkHooks {
  readonly readdir?: (path: string) => undefined;
}

export function collectYamlFiles(paths: readonly string[], hooks: WalkHooks = {}): CollectedFiles {
  const files = new Map<string, FoundFile>();
  const missing: string[] = [];
  const unreadable: { path: string; reason: string }[] = [];
  let entries = 0;
  const walk = (folder: string, spelled: string, root: string, depth: number): void => {
    if (depth > MAX_DEPTH) {
      unreadable.push({ path: spelled, reason: `deeper than ${MAX_DEPTH} folders; not walked` });
      return;
    }
    let listing;
    try {
      hooks.readdir?.(folder);
      listing = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      unreadable.push({ path: spelled, reason: error instanceof Error ? error.message : String(error) });
      return;
    }
    for (const entry of listing) {
      if (++entries > MAX_ENTRIES) {
        if (entries === MAX_ENTRIES + 1) unreadable.push({ path: spelled, reason: `more than ${MAX_ENTRIES} entries; the rest was not walked` });
        return;
      }
      const path = join(folder, entry.name);
      const label = join(spelled, entry.name);
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) walk(path, label, root, depth + 1);
      else if (entry.isFile() && (isYamlPath(path) || isRke2ConfigPath(path)) && !files.has(path)) files.set(path, { path, root, label });
    }
  };
  for (const path of paths) {
    let stats;
    try {
      stats = lstatSync(path).isSymbolicLink() ? statSync(path) : lstatSync(path);
    } catch {
      missing.push(path);
      continue;
    }
    const absolute = resolve(path);
    if (stats.isDirectory()) walk(absolute, path, absolute, 0);
    else if (!files.has(absolute)) files.set(absolute, { path: absolute, root: dirname(absolute), label: path });
  }
  return { files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), missing, unreadable };
}
