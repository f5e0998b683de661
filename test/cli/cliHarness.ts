import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../../src/cli/runCli';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process, capturing its output: fast enough to run hundreds of times. */
export async function runInProcess(argv: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) }, 'test');
  return { code, stdout, stderr };
}

/** The built bundle, as users run it; tests of it prove the shipped artefact, not just the sources. */
export const BUILT_CLI = join(__dirname, '../../../dist/cli.js');

export function runBuiltCli(argv: readonly string[], input?: string): CliRun {
  const result = spawnSync(process.execPath, [BUILT_CLI, ...argv], { encoding: 'utf8', input, timeout: 30_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
