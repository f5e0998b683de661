import { opendirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findBundleRoot } from './bundleFiles';

const ARCHIVE = /\.(tar\.gz|tgz)$/i;
/** Entries of a folder looked at for bundles: a folder of a few hundred nodes' bundles is far below it. */
const MAX_CANDIDATES = 10_000;

/** The bundles directly inside a folder: archives, and folders that are a bundle's root. */
function bundlesIn(folder: string): string[] {
  const found: string[] = [];
  let dir;
  try {
    dir = opendirSync(folder);
  } catch {
    return found;
  }
  try {
    let seen = 0;
    for (let entry = dir.readSync(); entry !== null && seen < MAX_CANDIDATES; entry = dir.readSync(), seen++) {
      const path = join(folder, entry.name);
      if (entry.isFile() && ARCHIVE.test(entry.name)) found.push(path);
      else if (entry.isDirectory() && findBundleRoot(path) === path) found.push(path);
    }
  } finally {
    dir.closeSync();
  }
  return found.sort();
}

/**
 * The bundles the arguments name: each archive or bundle folder as given, and for a folder that is not itself a
 * bundle, the bundles inside it (one per node, as an operator gathers them) — or the folder itself when it holds
 * fewer than two, so that a single bundle keeps the single-bundle behaviour and messages.
 */
export function bundleSet(inputs: readonly string[]): string[] {
  return inputs.flatMap((input) => {
    let folder: boolean;
    try {
      folder = statSync(input).isDirectory();
    } catch {
      return [input];
    }
    if (!folder || findBundleRoot(input) === input) return [input];
    const inside = bundlesIn(input);
    return inside.length >= 2 ? inside : [input];
  });
}
