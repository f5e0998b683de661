/**
 * Shared by the cluster hardening cases: a simulated API server in this process (with faults or a changed
 * scenario), kubeconfigs written for a case (exec plugins, insecure TLS), and the built CLI run against it in a
 * child process by bundleRun.ts (peak RSS, wall time, a watchdog).
 */
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckReportJson } from '../../src/core/checks/checkReport';
import type { CheckStatus } from '../../src/core/checks/checkResult';
import { customKubeconfig, type KubeconfigUser } from '../sim/kubeconfig';
import type { ClusterState, Fault, Scenario } from '../sim/scenarioTypes';
import { loadScenario, startSimulatedCluster, type RunningSim } from '../sim/simServer';
import { scratchFolder } from './bundleFixtures';
import { caseFolders, recordMeasurement, runCli, type CliOutcome } from './bundleRun';

/** The exit codes of `check` (src/cli/cliIo.ts). */
export const EXIT = { ok: 0, findings: 1, unreachable: 2, unverified: 3 } as const;

/** A scenario file with its state changed and more timeline, events or faults. */
export function scenarioWith(name: string, state: Partial<ClusterState>, extra: Partial<Omit<Scenario, 'state'>> = {}): Scenario {
  const base = loadScenario(name);
  return { ...base, ...extra, state: { ...base.state, ...state } };
}

/** Runs `body` with a simulated cluster (manual clock), always stopping it. */
export async function withSim<T>(scenario: Scenario | string, faults: readonly Fault[], body: (sim: RunningSim) => Promise<T>): Promise<T> {
  const sim = await startSimulatedCluster(typeof scenario === 'string' ? loadScenario(scenario) : scenario, { manualClock: true, extraFaults: faults });
  try {
    return await body(sim);
  } finally {
    await sim.stop();
  }
}

export interface CheckRun extends CliOutcome {
  /** The case's scratch folder (scripts, kubeconfigs, counters). */
  readonly folder: string;
}

const scratch = scratchFolder('cluster');

/** A case's folders: the case folder (scripts, kubeconfigs), `input/` (a bundle), `tmp/` (the child's TMPDIR). */
export function clusterCase(name: string): { folder: string; input: string; tmp: string } {
  return caseFolders(scratch, name);
}

/** Writes a kubeconfig for the sim (its CA unless told otherwise) into the case folder. */
export function writeKubeconfig(folder: string, sim: RunningSim, options: { user?: KubeconfigUser; caPem?: string | null; insecure?: boolean } = {}): string {
  const path = join(folder, 'kubeconfig.yaml');
  const caPem = options.caPem === null ? undefined : (options.caPem ?? sim.caPem);
  writeFileSync(path, customKubeconfig({ server: sim.url, ...(caPem !== undefined ? { caPem } : {}), ...(options.insecure ? { insecure: true } : {}), user: options.user ?? { token: sim.token } }), { mode: 0o600 });
  return path;
}

/** An executable shell script in the case folder. */
export function writeScript(folder: string, name: string, body: string): string {
  const path = join(folder, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/**
 * `check --kubeconfig K --host-root <none>` with `args`, in a child process; the measurement is recorded (JSON
 * lines in BUNDLE_HARDENING_RESULTS) under `name`.
 */
export async function runCheck(name: string, kubeconfig: string, args: readonly string[], options: { tmp: string; timeoutMs?: number; killAboveMiB?: number; folder: string }): Promise<CheckRun> {
  const outcome = await runCli(['check', '--kubeconfig', kubeconfig, '--host-root', '/nonexistent-host-root', ...args], {
    tmp: options.tmp,
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(options.killAboveMiB !== undefined ? { killAboveMiB: options.killAboveMiB } : {}),
  });
  recordMeasurement(name, outcome);
  return { ...outcome, folder: options.folder };
}

export function reportOf(run: CliOutcome): CheckReportJson {
  assert.ok(run.stdout.trim().startsWith('{'), `a JSON report on stdout (exit ${String(run.code)}): ${run.stderr.slice(0, 400)}`);
  return JSON.parse(run.stdout) as CheckReportJson;
}

export function statuses(report: CheckReportJson): Record<string, CheckStatus> {
  return Object.fromEntries(report.checks.map((check) => [check.id, check.status]));
}

/** The child was not killed by the watchdog, and exited with `code`. */
export function assertExit(run: CliOutcome, code: number): void {
  assert.equal(run.killedBy, undefined, `killed by the watchdog (${run.killedBy ?? ''}) after ${run.ms} ms at ${run.peakRssMiB} MiB`);
  assert.equal(run.code, code, `exit ${String(run.code)}, expected ${code}; stderr: ${run.stderr.slice(0, 600)}`);
}

/** None of `ids` passes (a read that failed must never turn into a pass). */
export function assertNoPass(report: CheckReportJson, ids: readonly string[] = report.checks.map((check) => check.id)): void {
  const passing = report.checks.filter((check) => ids.includes(check.id) && check.status === 'pass').map((check) => check.id);
  assert.deepEqual(passing, [], 'no check may pass on what could not be read');
}

/** `secret` appears nowhere in what the run printed. */
export function assertNotPrinted(run: CliOutcome, secret: string, label: string): void {
  assert.ok(!run.stdout.includes(secret), `${label} on stdout`);
  assert.ok(!run.stderr.includes(secret), `${label} on stderr`);
}

/** Every request the simulated cluster saw was a GET. */
export function assertOnlyGets(sim: RunningSim): void {
  assert.deepEqual(sim.requests.filter((request) => request.method !== 'GET'), [], 'only GET requests reach the cluster');
}
