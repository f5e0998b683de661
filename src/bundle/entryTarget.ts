import { constants } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BundleError } from './bundleError';

/** Why one entry cannot be written where its name says, when that is the entry's fault, not the disk's. */
const NAME_PROBLEMS: Readonly<Record<string, string>> = {
  ENAMETOOLONG: 'name too long for this file system',
  ENOTDIR: 'a file of the bundle is where a folder must be',
  EEXIST: 'a file of the bundle is where a folder must be',
  EISDIR: 'a folder of the bundle has the same name',
  ELOOP: 'a link is in its way',
  EILSEQ: 'name not allowed by this file system',
  EINVAL: 'name not allowed by this file system',
};

export type Opened<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** A name problem becomes a skip reason; anything else (a full disk) stops the extraction. */
function nameProblem(error: unknown, path: string): { ok: false; reason: string } {
  const reason = NAME_PROBLEMS[errorCode(error) ?? ''];
  if (reason === undefined) throw new BundleError(`cannot extract ${path}: ${error instanceof Error ? error.message : String(error)}`);
  return { ok: false, reason };
}

/** Creates the folder of a folder entry. Paths are already checked to stay inside `destination`. */
export async function makeEntryFolder(destination: string, path: string): Promise<Opened<undefined>> {
  try {
    await mkdir(join(destination, path), { recursive: true });
    return { ok: true, value: undefined };
  } catch (error) {
    return nameProblem(error, path);
  }
}

/**
 * Opens the file of a file entry for writing, owner-only, never through a link (extraction creates none, and
 * O_NOFOLLOW makes sure). A later entry of the same name replaces an earlier one, as tar does.
 */
export async function openEntryFile(destination: string, path: string): Promise<Opened<FileHandle>> {
  const target = join(destination, path);
  try {
    await mkdir(dirname(target), { recursive: true });
    return { ok: true, value: await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o600) };
  } catch (error) {
    return nameProblem(error, path);
  }
}

/** Writes all of `data` (a write may take only part of it). */
export async function writeFully(handle: FileHandle, data: Buffer, path: string): Promise<void> {
  try {
    for (let offset = 0; offset < data.length;) {
      const { bytesWritten } = await handle.write(data, offset, data.length - offset);
      offset += bytesWritten;
    }
  } catch (error) {
    throw new BundleError(`cannot extract ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
