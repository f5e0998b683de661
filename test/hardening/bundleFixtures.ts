/** Inputs shared by the bundle hardening cases: a healthy collector bundle, as a folder or as tar entries. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { BundleReportJson } from '../../src/cli/bundleCommand';
import { writeBundleFolder } from '../bundle/buildBundle';
import { loadScenario } from '../sim/simServer';
import { folderEntries } from './bundleCrafting';
import { listTree, RSS_GOAL_MIB, type CliOutcome } from './bundleRun';

/** The bundle root's name, as the collector names it. */
export const ROOT = 'server-1-2025-02-19_14_30_00';
/** The healthy scenario's RKE2 version: a bundle reporting another one was misread. */
export const HEALTHY_RKE2 = 'v1.32.4+rke2r1';
/** A version with the #7808 race: if a crafted entry makes the analysis read it, the result turns into a failure. */
export const AFFECTED_VERSION_FILE = 'rke2 version v1.32.2-rc2+rke2r1 (f75cdf813703af4bc224b91bfb3c48d10aeb9fd0)\n';
/** A failure line from outside the bundle: reading it would turn the healthy bundle into a failing one. */
export const OUTSIDE_FAILURE_LOG = '2025-02-19 14:24:47.322 [ERROR][1] typha/lookup.go 66: Failed to get Typha endpoint from Kubernetes error=Unauthorized\n';

/** A temporary folder removed when the test file's tests are done. */
export function scratchFolder(label: string): string {
  const folder = mkdtempSync(join(tmpdir(), `rke2-hardening-${label}-`));
  after(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** Writes the healthy bundle folder under `parent` and returns its root. */
export function healthyFolder(parent: string): string {
  mkdirSync(parent, { recursive: true });
  return writeBundleFolder(parent, loadScenario('healthy'), { second: 100 });
}

let cachedEntries: Buffer | undefined;
/** The healthy bundle as tar entries (no end marker), `./<ROOT>/...` like the collector's tarball. */
export function healthyEntries(): Buffer {
  if (!cachedEntries) {
    const parent = scratchFolder('entries');
    healthyFolder(parent);
    cachedEntries = folderEntries(parent);
  }
  return cachedEntries;
}

export function reportOf(outcome: CliOutcome): BundleReportJson {
  return JSON.parse(outcome.stdout) as BundleReportJson;
}

/** What every case asserts about the run: its peak RSS, that the watchdog did not kill it, that it left nothing. */
export function assertContained(outcome: CliOutcome, folders: { folder: string; tmp: string }, before: readonly string[]): void {
  assert.equal(outcome.killedBy, undefined, `killed by the watchdog (${outcome.killedBy ?? ''}) after ${outcome.ms} ms at ${outcome.peakRssMiB} MiB`);
  assert.ok(outcome.peakRssMiB < RSS_GOAL_MIB, `peak RSS ${outcome.peakRssMiB} MiB, goal < ${RSS_GOAL_MIB} MiB`);
  assert.deepEqual(listTree(folders.tmp), [], 'the temporary extraction folder was removed');
  assert.deepEqual(listTree(folders.folder), before, 'nothing was written outside the extraction folder');
}
