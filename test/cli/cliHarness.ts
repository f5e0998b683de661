import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { CliSignals } from '../../src/cli/cliIo';
import { runCli } from '../../src/cli/runCli';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process, capturing its output: fast enough to run hundreds of times. `signals` interrupts it. */
export async function runInProcess(argv: readonly string[], signals?: CliSignals): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), ...(signals ? { signals } : {}) }, 'test');
  return { code, stdout, stderr };
}

/** The built bundle, as users run it; tests of it prove the shipped artefact, not just the sources. */
export const BUILT_CLI = join(__dirname, '../../../dist/cli.js');

export function runBuiltCli(argv: readonly string[], input?: string): CliRun {
  const result = spawnSync(process.execPath, [BUILT_CLI, ...argv], { encoding: 'utf8', input, timeout: 30_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
