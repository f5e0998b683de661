import { createReadStream, mkdirSync, rmSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { BundleCancelledError, BundleError } from './bundleError';
import { TarEntries, type ExtractLimits, type ExtractResult } from './tarEntries';

export { BundleError } from './bundleError';
export { MAX_HEADER_RECORD_BYTES, type ExtractLimits, type ExtractResult } from './tarEntries';

export const DEFAULT_LIMITS: ExtractLimits = { maxFiles: 100_000, maxTotalBytes: 4 * 1024 ** 3, maxFileBytes: 1024 ** 3 };

/** Decompressed bytes handed over at a time: bounds what is in memory between the gunzip stream and the disk. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Extracts a .tar.gz (the Rancher logs collector's format) into `destination` as a stream: each entry's data goes to
 * disk as it is decompressed, and the gunzip stream waits while a write is pending, so memory stays flat whatever
 * the archive holds. Reading stops at the end-of-archive marker. Only regular files and folders are written;
 * symbolic and hard links, devices and FIFOs are skipped and listed, so nothing can point outside the destination;
 * paths that are absolute or climb with `..` are refused, and so is an entry whose name the file system rejects
 * (too long, a file where a folder must be): each is listed in `skipped`. Size and count limits hold, and extended
 * header records are capped. Nothing in the archive is ever executed. A corrupt or refused archive raises
 * BundleError with a clear message; an aborted `signal` raises BundleCancelledError. On any failure, the
 * destination is removed if this call created it.
 */
export async function extractTarGz(archive: string, destination: string, limits: ExtractLimits = DEFAULT_LIMITS, signal?: AbortSignal): Promise<ExtractResult> {
  const created = mkdirSync(destination, { recursive: true });
  const entries = new TarEntries(destination, limits);
  const input = createReadStream(archive);
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  input.on('error', (error) => gunzip.destroy(error));
  const stop = (): void => {
    gunzip.destroy(new BundleCancelledError());
  };
  signal?.addEventListener('abort', stop, { once: true });
  try {
    if (signal?.aborted) throw new BundleCancelledError();
    input.pipe(gunzip);
    // Async iteration reads the next chunk only when the previous one is written: that is the backpressure.
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      if (signal?.aborted) throw new BundleCancelledError();
      if ((await entries.push(chunk)) === 'end') break;
    }
    if (signal?.aborted) throw new BundleCancelledError();
    return entries.finish(archive);
  } catch (error) {
    await entries.abandon();
    if (created !== undefined) rmSync(created, { recursive: true, force: true });
    if (signal?.aborted) throw new BundleCancelledError();
    if (error instanceof BundleError) throw error;
    throw new BundleError(`cannot read ${archive} as a .tar.gz: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    signal?.removeEventListener('abort', stop);
    input.destroy();
    gunzip.destroy();
  }
}
