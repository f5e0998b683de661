import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { analyzeBundle, type BundleAnalysis } from './analyzeBundle';
import { bundleFiles, findBundleRoot } from './bundleFiles';
import { BundleError, extractTarGz } from './tarExtract';

export interface OpenedBundle {
  readonly analysis: BundleAnalysis;
  /** The bundle's root folder (extracted, for a tarball). */
  readonly root: string;
  /** Entries of the tarball that were not extracted, and why. */
  readonly skipped: readonly string[];
  /** Removes the extracted copy; a no-op for a folder. */
  readonly dispose: () => void;
}

export type OpenBundleResult = { readonly ok: true; readonly bundle: OpenedBundle } | { readonly ok: false; readonly error: string };

/** Opens a logs-collector bundle — a `.tar.gz` (extracted safely to a private temporary folder) or an unpacked folder. */
export async function openBundle(path: string): Promise<OpenBundleResult> {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return { ok: false, error: `no such file or folder: ${path}` };
  }
  if (stats.isDirectory()) {
    const root = findBundleRoot(path);
    if (!root) return { ok: false, error: `${path} does not look like a Rancher logs collector bundle (no systeminfo/, rke2/ or journald/)` };
    return { ok: true, bundle: { analysis: analyzeBundle(bundleFiles(root)), root, skipped: [], dispose: () => undefined } };
  }
  const destination = mkdtempSync(join(tmpdir(), 'rke2-calico-bundle-'));
  const dispose = (): void => rmSync(destination, { recursive: true, force: true });
  try {
    const extracted = await extractTarGz(path, destination);
    const root = findBundleRoot(destination);
    if (!root) {
      dispose();
      return { ok: false, error: `${basename(path)} does not hold a Rancher logs collector bundle (no systeminfo/, rke2/ or journald/ inside)` };
    }
    return { ok: true, bundle: { analysis: analyzeBundle(bundleFiles(root), basename(root)), root, skipped: extracted.skipped, dispose } };
  } catch (error) {
    dispose();
    return { ok: false, error: error instanceof BundleError ? error.message : `cannot open ${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
