import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { analyzeBundle, type BundleAnalysis } from './analyzeBundle';
import { BundleCancelledError, BundleError } from './bundleError';
import { bundleFiles, findBundleRoot } from './bundleFiles';
import { extractTarGz } from './tarExtract';

export interface OpenedBundle {
  readonly analysis: BundleAnalysis;
  /** The bundle's root folder (extracted, for a tarball). */
  readonly root: string;
  /** Entries of the tarball that were not extracted and files of the bundle that were not read, each with why. */
  readonly skipped: readonly string[];
  /** Removes the extracted copy; a no-op for a folder. */
  readonly dispose: () => void;
}

export type OpenBundleResult =
  | { readonly ok: true; readonly bundle: OpenedBundle }
  | { readonly ok: false; readonly error: string; readonly cancelled?: true };

export interface OpenBundleOptions {
  /** Stops extraction; the partly extracted copy is removed before the result comes back. */
  readonly signal?: AbortSignal;
}

/** Prefix of the private temporary folder a tarball is extracted to. */
export const EXTRACTION_PREFIX = 'rke2-calico-bundle-';

/**
 * Opens a logs-collector bundle — a `.tar.gz` (extracted safely to a private temporary folder) or an unpacked folder.
 * Whatever happens (an error, a refused archive, cancellation), a failed open leaves no extracted copy behind.
 */
export async function openBundle(path: string, options: OpenBundleOptions = {}): Promise<OpenBundleResult> {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return { ok: false, error: `no such file or folder: ${path}` };
  }
  if (stats.isDirectory()) {
    const root = findBundleRoot(path);
    if (!root) return { ok: false, error: `${path} does not look like a Rancher logs collector bundle (no systeminfo/, rke2/ or journald/)` };
    const analysis = analyzeBundle(bundleFiles(root));
    return { ok: true, bundle: { analysis, root, skipped: analysis.notes, dispose: () => undefined } };
  }
  let destination: string;
  try {
    destination = mkdtempSync(join(tmpdir(), EXTRACTION_PREFIX));
  } catch (error) {
    // A missing or read-only TMPDIR is the user's environment, not a bug: say which folder and why.
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { ok: false, error: `cannot extract ${basename(path)}: no private temporary folder can be made in ${tmpdir()} (${code}); set TMPDIR to a writable folder` };
  }
  const dispose = (): void => rmSync(destination, { recursive: true, force: true });
  try {
    const extracted = await extractTarGz(path, destination, undefined, options.signal);
    const root = findBundleRoot(destination);
    if (!root) {
      dispose();
      return { ok: false, error: `${basename(path)} does not hold a Rancher logs collector bundle (no systeminfo/, rke2/ or journald/ inside)` };
    }
    const analysis = analyzeBundle(bundleFiles(root), basename(root));
    return { ok: true, bundle: { analysis, root, skipped: [...extracted.skipped, ...analysis.notes], dispose } };
  } catch (error) {
    dispose();
    if (error instanceof BundleCancelledError) return { ok: false, error: error.message, cancelled: true };
    return { ok: false, error: error instanceof BundleError ? error.message : `cannot open ${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
