import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hostFilesAt, type HostFiles } from '../host/hostFiles';

/**
 * The root of a Rancher logs collector bundle (`<hostname>-<date>/`, REFERENCE §7) inside an unpacked folder: the
 * folder itself, or its single child folder, when it holds what the collector writes.
 */
export function findBundleRoot(folder: string): string | undefined {
  const looksLikeBundle = (path: string): boolean => ['systeminfo', 'rke2', 'collector-output.log', 'journald', 'networking'].some((name) => existsSync(join(path, name)));
  if (looksLikeBundle(folder)) return folder;
  const children = readdirSync(folder).map((name) => join(folder, name)).filter((path) => statSync(path).isDirectory());
  return children.find(looksLikeBundle);
}

/** Files of the bundle, read-only, never outside its root. */
export function bundleFiles(root: string): HostFiles {
  return hostFilesAt(root);
}

/** The first of several places a file may be in (collector versions differ), as text. */
export function readFirst(files: HostFiles, paths: readonly string[]): { path: string; text: string } | undefined {
  for (const path of paths) {
    const text = files.read(path);
    if (text !== undefined) return { path, text };
  }
  return undefined;
}

/** Every file below a folder of the bundle (podlogs/, journald/, agent-logs/), recursively. */
export function filesBelow(files: HostFiles, folder: string): string[] {
  return files.list(folder).flatMap((name) => {
    const path = `${folder}/${name}`;
    const below = files.list(path);
    return below.length > 0 ? filesBelow(files, path) : [path];
  });
}
