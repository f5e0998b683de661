import { NO_COLOUR } from '../../src/cli/palette';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCheckCommand } from '../../src/cli/checkCommand';
import type { CliSignals } from '../../src/cli/cliIo';
import { SILENT_LOGGER } from '../../src/core/log/logger';
import type { FleetClusterJson, FleetReportJson } from '../../src/core/fleet/fleetReport';
import type { RunningRancher } from '../sim/rancherSim';
import type { CliRun } from '../cli/cliHarness';

/** `check` in-process with its own environment (RANCHER_TOKEN…) and a SIGINT the test can fire. */
export async function runCheck(argv: readonly string[], environment: NodeJS.ProcessEnv = {}, interrupt?: { afterMs: number }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const signals: CliSignals = {
    listen: (listener) => {
      if (!interrupt) return () => undefined;
      const timer = setTimeout(() => listener('SIGINT'), interrupt.afterMs);
      return () => clearTimeout(timer);
    },
    resend: () => undefined,
  };
  const io = { stdout: (text: string) => (stdout += text), stderr: (text: string) => (stderr += text), log: SILENT_LOGGER, signals, palette: NO_COLOUR };
  const code = await runCheckCommand(argv, io, 'test', { environment: { HOME: '/nonexistent-home', ...environment } });
  return { code, stdout, stderr };
}

/** The Rancher CA written to a file, for --rancher-ca. */
export function rancherCaFile(rancher: RunningRancher): string {
  const path = join(rancher.folder, 'rancher-ca.pem');
  writeFileSync(path, rancher.caPem);
  return path;
}

export function fleetJson(run: CliRun): FleetReportJson {
  assert.ok(run.stdout.trim().startsWith('{'), `a JSON report on stdout (exit ${run.code}): ${run.stderr.slice(0, 600)}`);
  return JSON.parse(run.stdout) as FleetReportJson;
}

export function byName(report: FleetReportJson): Map<string, FleetClusterJson> {
  return new Map(report.clusters.map((cluster) => [cluster.name, cluster]));
}

/** Rancher and every cluster behind it received GET requests only. */
export function assertRancherReadOnly(rancher: RunningRancher): void {
  const writes = [...rancher.requests, ...[...rancher.downstream.values()].flatMap((sim) => sim.requests)].filter((request) => request.method !== 'GET');
  assert.deepEqual(writes, [], 'only GET requests reach Rancher and the clusters');
}
