import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isRke2ConfigPath, isYamlPath } from '../core/files/fileKinds';

/** Folders never worth walking into when looking for cluster configuration. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out']);

/**
 * The YAML files under the given paths (files are taken as given; folders are walked recursively, without
 * following symbolic links). Sorted, so output is stable across runs and machines.
 */
export function collectYamlFiles(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) walk(path);
      else if (entry.isFile() && (isYamlPath(path) || isRke2ConfigPath(path))) files.push(path);
    }
  };
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      missing.push(path);
      continue;
    }
    if (stats.isDirectory()) walk(path);
    else files.push(path);
  }
  return { files: [...new Set(files)].sort(), missing };
}
