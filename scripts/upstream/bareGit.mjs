// Reading a fetched bare repository (no work tree) from the generator scripts of this folder.
import { execFileSync } from 'node:child_process';

export function git(dir, args) {
  return execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** git grep exits 1 when nothing matches: that is an empty answer, not a failure. */
export function gitGrep(dir, args) {
  try {
    return git(dir, args);
  } catch (error) {
    if (error.status === 1 && error.stdout === '') return '';
    throw error;
  }
}

/** The family of a source path: the first `[pattern, family]` of the table whose pattern fits. */
export function familyByPattern(table, path) {
  for (const [pattern, family] of table) if (pattern.test(path)) return family;
  return undefined;
}
