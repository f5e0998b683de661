/**
 * Runs the built CLI (`node dist/cli.js bundle …`) in a child process for the hardening suite, as users run it:
 * with its own TMPDIR (so what it leaves behind can be listed), its peak RSS reported at exit by rssReport.js,
 * a watchdog that kills it past a memory bound or a time limit (so a regression fails fast instead of eating the
 * machine), and the wall time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** The built CLI; HARDENING_CLI points the suite at another build (e.g. of the previous commit, to see it fail). */
export const CLI = process.env.HARDENING_CLI ?? join(__dirname, '../../../dist/cli.js');
const RSS_REPORTER = join(__dirname, 'rssReport.js');

/** The goal of the issue: any archive or folder is analysed or refused within this peak RSS. */
export const RSS_GOAL_MIB = 200;

export interface CliOutcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Peak RSS: from the child's own report, or the watchdog's last reading when it had to kill it. */
  readonly peakRssMiB: number;
  readonly ms: number;
  /** Why the watchdog killed the child, if it did. */
  readonly killedBy: 'memory' | 'time' | undefined;
}

export interface RunOptions {
  /** The child's TMPDIR. */
  readonly tmp: string;
  readonly timeoutMs?: number;
  /** The watchdog kills the child beyond this resident size; well above the goal, far below what would hurt. */
  readonly killAboveMiB?: number;
  /** Standard input for the child (streamed, never held whole). */
  readonly input?: () => NodeJS.ReadableStream;
  /** Receives standard output as it comes instead of keeping it (for outputs of hundreds of MB). */
  readonly onStdout?: (chunk: Buffer) => void;
  /** More environment for the child (RANCHER_TOKEN, NODE_EXTRA_CA_CERTS…). */
  readonly env?: NodeJS.ProcessEnv;
}

/** The RSS of a running process in MiB, from /proc (Linux). */
function currentRssMiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export interface RunningCli {
  readonly child: ChildProcess;
  readonly done: Promise<CliOutcome>;
}

let runs = 0;

export function startCli(args: readonly string[], options: RunOptions): RunningCli {
  // Outside the case folder, whose listing must not change.
  const report = join(tmpdir(), `rke2-hardening-maxrss-${process.pid}-${++runs}`);
  const started = performance.now();
  const child = spawn(process.execPath, ['--require', RSS_REPORTER, CLI, ...args], {
    env: { ...process.env, ...options.env, TMPDIR: options.tmp, RSS_REPORT_FILE: report },
    stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const input = options.input;
  if (input && child.stdin) {
    // The child may stop reading early (binary input, a refusal): a broken pipe then is expected.
    child.stdin.on('error', () => undefined);
    input().pipe(child.stdin);
  }
  child.stdout?.on('data', (chunk: Buffer) => (options.onStdout ? options.onStdout(chunk) : (stdout += chunk.toString('utf8'))));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  let watchedPeak = 0;
  let killedBy: CliOutcome['killedBy'];
  const killAbove = options.killAboveMiB ?? 1024;
  const watchdog = setInterval(() => {
    if (child.pid === undefined) return;
    watchedPeak = Math.max(watchedPeak, currentRssMiB(child.pid));
    if (watchedPeak > killAbove && killedBy === undefined) {
      killedBy = 'memory';
      child.kill('SIGKILL');
    }
  }, 20);
  const timer = setTimeout(() => {
    killedBy ??= 'time';
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 30_000);
  const done = new Promise<CliOutcome>((resolve) => {
    child.on('close', (code, signal) => {
      clearInterval(watchdog);
      clearTimeout(timer);
      const reported = existsSync(report) ? Number(readFileSync(report, 'utf8')) / 1024 : undefined;
      rmSync(report, { force: true });
      resolve({ code, signal, stdout, stderr, peakRssMiB: Math.round(Math.max(reported ?? 0, watchedPeak)), ms: Math.round(performance.now() - started), killedBy });
    });
  });
  return { child, done };
}

export function runCli(args: readonly string[], options: RunOptions): Promise<CliOutcome> {
  return startCli(args, options).done;
}

/** A case's folders: `input/` for what is analysed, `tmp/` as the child's TMPDIR; traversal would land in the case folder. */
export function caseFolders(scratch: string, name: string): { folder: string; input: string; tmp: string } {
  const folder = join(scratch, name);
  const input = join(folder, 'input');
  const tmp = join(folder, 'tmp');
  mkdirSync(input, { recursive: true });
  mkdirSync(tmp, { recursive: true });
  return { folder, input, tmp };
}

/** Every path below `folder`, links not followed, sorted: compared before and after a run. */
export function listTree(folder: string): string[] {
  const paths: string[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const full = join(current, name);
      paths.push(relative(folder, full));
      if (lstatSync(full).isDirectory()) walk(full);
    }
  };
  walk(folder);
  return paths.sort();
}

/** Appends a measurement to the file named by BUNDLE_HARDENING_RESULTS (JSON lines), for docs/reliability/bundles.md. */
export function recordMeasurement(name: string, outcome: CliOutcome): void {
  const file = process.env.BUNDLE_HARDENING_RESULTS;
  if (file === undefined || file === '') return;
  const message = (outcome.stderr.trim().split('\n')[0] ?? '').slice(0, 200);
  appendFileSync(file, JSON.stringify({ name, code: outcome.code, signal: outcome.signal, peakRssMiB: outcome.peakRssMiB, ms: outcome.ms, killedBy: outcome.killedBy, message }) + '\n');
}
