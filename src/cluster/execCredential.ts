import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import type { Readable } from 'node:stream';
import { redactKnownSecrets } from '../core/report/redactSecrets';

/** The `exec` stanza of a kubeconfig user (client.authentication.k8s.io, as kubectl reads it). */
export interface ExecConfig {
  readonly command: string;
  readonly args?: readonly string[];
  readonly env?: readonly { readonly name: string; readonly value: string }[];
  readonly apiVersion?: string;
  readonly interactiveMode?: string;
}

/** What an exec plugin answered: a bearer token and/or a client certificate, valid until `expiresAt` if it says so. */
export interface ExecCredential {
  readonly token?: string;
  readonly clientCertificateData?: string;
  readonly clientKeyData?: string;
  /** Epoch milliseconds; undefined: valid until the server rejects it. */
  readonly expiresAt?: number;
}

export type CredentialOutcome = { readonly ok: true; readonly credential: ExecCredential } | { readonly ok: false; readonly message: string };

export interface ExecCredentialOptions {
  /** The plugin is killed (with its process group) when it has not answered within this time. */
  readonly timeoutMs: number;
  /** Folder of the kubeconfig, against which a relative command with a path separator is resolved (as kubectl does). */
  readonly baseDirectory?: string;
  readonly now?: () => number;
  /** How messages name the helper; default `the exec credential plugin "<command>"`. */
  readonly label?: string;
  /** Reads the helper's stdout; default: an ExecCredential (client.authentication.k8s.io). */
  readonly parse?: (stdout: string, who: string) => CredentialOutcome;
  /** A credential already known (an auth-provider's cached access-token): used until it expires. */
  readonly initial?: ExecCredential;
}

/** What the gateway asks for a credential: an exec plugin, an auth-provider's helper, a token file. */
export interface CredentialSource {
  get(): Promise<CredentialOutcome>;
  /** The API server answered 401 to a request made with `credential`. */
  rejected(credential: ExecCredential): void;
}

/** A failure is remembered this long, so the reads of one check do not each wait for a broken plugin again. */
export const FAILURE_MEMORY_MS = 10_000;
const MAX_STDOUT_BYTES = 1024 * 1024;
const MAX_STDERR_BYTES = 16 * 1024;
/** After the plugin exits, how long to wait for its output streams to close (a daemon it started may hold them). */
const EXIT_GRACE_MS = 250;

/**
 * Process groups of plugins still running: killed when this process exits (a signal, a deadline), so a plugin that
 * hangs does not outlive the CLI that started it.
 */
const running = new Set<number>();
let exitHookInstalled = false;

function trackGroup(pid: number): void {
  running.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const group of running) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });
}

/** Reads an `exec` stanza from the loosely typed kubeconfig user; undefined when there is none or it has no command. */
export function execConfigOf(value: unknown): ExecConfig | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const exec = value as Record<string, unknown>;
  if (typeof exec.command !== 'string' || exec.command === '') return undefined;
  const args = Array.isArray(exec.args) ? exec.args.filter((arg): arg is string => typeof arg === 'string') : [];
  const env = Array.isArray(exec.env)
    ? exec.env.flatMap((entry: unknown) => {
        const pair = entry as { name?: unknown; value?: unknown } | null;
        return pair && typeof pair.name === 'string' && typeof pair.value === 'string' ? [{ name: pair.name, value: pair.value }] : [];
      })
    : [];
  return {
    command: exec.command,
    args,
    env,
    ...(typeof exec.apiVersion === 'string' ? { apiVersion: exec.apiVersion } : {}),
    ...(typeof exec.interactiveMode === 'string' ? { interactiveMode: exec.interactiveMode } : {}),
  };
}

/** Values of the stanza that may be secrets (long `env` values): never quoted in a message. */
export function execSecrets(exec: ExecConfig): string[] {
  return (exec.env ?? []).map((entry) => entry.value).filter((value) => value.length >= 8);
}

/**
 * Runs a kubeconfig's exec credential plugin once and caches its answer for as long as it is valid: until its
 * `expirationTimestamp`, or, without one, until the API server rejects it (401). Concurrent reads share one run.
 * The plugin is bounded by the request timeout: past it, its whole process group is killed. Its stdin is closed
 * (`interactive: false` in KUBERNETES_EXEC_INFO), so a plugin that would prompt fails instead of hanging.
 */
export class ExecCredentialSource implements CredentialSource {
  private cached: ExecCredential | undefined;
  private failure: { readonly message: string; readonly at: number } | undefined;
  private pending: Promise<CredentialOutcome> | undefined;
  private lastRejection = Number.NEGATIVE_INFINITY;
  /** How many times the plugin was started (for tests and diagnostics). */
  runs = 0;
  private readonly now: () => number;

  constructor(
    private readonly exec: ExecConfig,
    private readonly options: ExecCredentialOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.cached = options.initial;
  }

  /** The credential the plugin gave, while still valid; otherwise runs the plugin (once for all who ask meanwhile). */
  get(): Promise<CredentialOutcome> {
    const now = this.now();
    const cached = this.cached;
    if (cached && (cached.expiresAt === undefined || now < cached.expiresAt)) return Promise.resolve({ ok: true, credential: cached });
    this.cached = undefined;
    if (this.failure && now - this.failure.at < FAILURE_MEMORY_MS) return Promise.resolve({ ok: false, message: this.failure.message });
    this.pending ??= this.run().then((outcome) => {
      this.pending = undefined;
      if (outcome.ok) {
        this.cached = outcome.credential;
        this.failure = undefined;
      } else {
        this.failure = { message: outcome.message, at: this.now() };
      }
      return outcome;
    });
    return this.pending;
  }

  /**
   * The API server answered 401 to a request made with `credential`: forget it so the next read asks the plugin
   * again (client-go does the same), at most once per FAILURE_MEMORY_MS so a server that rejects everything does not
   * make every read start the plugin.
   */
  rejected(credential: ExecCredential): void {
    const now = this.now();
    if (this.cached !== credential || now - this.lastRejection < FAILURE_MEMORY_MS) return;
    this.lastRejection = now;
    this.cached = undefined;
  }

  private describe(): string {
    return this.options.label ?? `the exec credential plugin "${this.exec.command}"`;
  }

  private command(): string {
    const command = this.exec.command;
    const base = this.options.baseDirectory;
    return base !== undefined && !isAbsolute(command) && /[\\/]/.test(command) ? join(base, command) : command;
  }

  private run(): Promise<CredentialOutcome> {
    if (this.exec.interactiveMode === 'Always') {
      return Promise.resolve({ ok: false, message: `${this.describe()} needs an interactive terminal (interactiveMode: Always); run kubectl once to log in, or use a kubeconfig with a token` });
    }
    this.runs++;
    const environment: NodeJS.ProcessEnv = { ...process.env };
    for (const { name, value } of this.exec.env ?? []) environment[name] = value;
    environment.KUBERNETES_EXEC_INFO = JSON.stringify({ apiVersion: this.exec.apiVersion ?? 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', spec: { interactive: false } });
    const ownGroup = process.platform !== 'win32';
    return new Promise<CredentialOutcome>((resolve) => {
      let settled = false;
      const stdout: Buffer[] = [];
      let stdoutBytes = 0;
      let stderr = '';
      let exitCode: number | null = null;
      let exitSignal: NodeJS.Signals | null = null;
      let graceTimer: NodeJS.Timeout | undefined;
      let child: ChildProcessByStdio<null, Readable, Readable>;
      try {
        child = spawn(this.command(), [...(this.exec.args ?? [])], { env: environment, stdio: ['ignore', 'pipe', 'pipe'], detached: ownGroup, windowsHide: true });
      } catch (error) {
        resolve({ ok: false, message: `could not start ${this.describe()}: ${error instanceof Error ? error.message : String(error)}` });
        return;
      }
      const kill = (): void => {
        try {
          // The plugin's own process group: a shell script's children (sleep, curl…) go with it.
          if (ownGroup && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
          else child.kill('SIGKILL');
        } catch {
          // Already gone.
        }
      };
      if (ownGroup && child.pid !== undefined) trackGroup(child.pid);
      // The plugin never keeps this process alive by itself (its timeout timer does, while a read waits for it):
      // once the command is done or interrupted, the process ends and the exit hook kills the plugin's group.
      child.unref();
      for (const stream of [child.stdout, child.stderr] as unknown as { unref?: () => void }[]) stream.unref?.();
      const settle = (outcome: CredentialOutcome): void => {
        if (settled) return;
        settled = true;
        if (child.pid !== undefined) running.delete(child.pid);
        clearTimeout(timer);
        clearTimeout(graceTimer);
        child.stdout.destroy();
        child.stderr.destroy();
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        kill();
        settle({ ok: false, message: `${this.describe()} did not answer within ${this.options.timeoutMs} ms (the request timeout); it was stopped` });
      }, this.options.timeoutMs);
      child.stdout.on('data', (chunk: Buffer) => {
        stdoutBytes += chunk.length;
        if (stdoutBytes > MAX_STDOUT_BYTES) {
          kill();
          settle({ ok: false, message: `${this.describe()} printed more than ${MAX_STDOUT_BYTES} bytes` });
          return;
        }
        stdout.push(chunk);
      });
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (text: string) => {
        if (stderr.length < MAX_STDERR_BYTES) stderr += text.slice(0, MAX_STDERR_BYTES - stderr.length);
      });
      child.on('error', (error: NodeJS.ErrnoException) => {
        settle({ ok: false, message: `could not start ${this.describe()}: ${error.code ?? error.message}` });
      });
      const finish = (): void => {
        if (exitCode !== 0) {
          const said = excerpt(stderr, execSecrets(this.exec));
          settle({ ok: false, message: `${this.describe()} failed (${exitSignal ? `killed by ${exitSignal}` : `exit code ${String(exitCode)}`})${said ? `: ${said}` : ''}` });
          return;
        }
        settle((this.options.parse ?? parseCredential)(Buffer.concat(stdout).toString('utf8'), this.describe()));
      };
      child.on('exit', (code, signal) => {
        exitCode = code;
        exitSignal = signal;
        graceTimer = setTimeout(finish, EXIT_GRACE_MS);
      });
      child.on('close', (code: number | null, signal: NodeJS.Signals | null) => {
        exitCode = code;
        exitSignal = signal;
        finish();
      });
    });
  }
}

/** The first few hundred characters of the plugin's stderr, on one line, with anything secret-looking redacted. */
function excerpt(stderr: string, secrets: readonly string[]): string {
  const line = stderr.replace(/\s+/g, ' ').trim();
  const short = line.length > 300 ? `${line.slice(0, 300)}…` : line;
  return redactKnownSecrets(short, secrets);
}

/** An ExecCredential (client.authentication.k8s.io v1 or v1beta1) from the plugin's stdout; its text is never quoted. */
export function parseCredential(text: string, who: string): CredentialOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: `${who} did not print an ExecCredential (its output is not JSON)` };
  }
  const status = parsed !== null && typeof parsed === 'object' ? (parsed as { status?: unknown }).status : undefined;
  if (status === null || typeof status !== 'object') return { ok: false, message: `${who} printed an ExecCredential without status` };
  const fields = status as Record<string, unknown>;
  const token = typeof fields.token === 'string' && fields.token !== '' ? fields.token : undefined;
  const clientCertificateData = typeof fields.clientCertificateData === 'string' && fields.clientCertificateData !== '' ? fields.clientCertificateData : undefined;
  const clientKeyData = typeof fields.clientKeyData === 'string' && fields.clientKeyData !== '' ? fields.clientKeyData : undefined;
  if (token === undefined && (clientCertificateData === undefined || clientKeyData === undefined)) {
    return { ok: false, message: `${who} printed an ExecCredential with neither status.token nor status.clientCertificateData and clientKeyData` };
  }
  let expiresAt: number | undefined;
  if (fields.expirationTimestamp !== undefined && fields.expirationTimestamp !== null) {
    expiresAt = typeof fields.expirationTimestamp === 'string' ? Date.parse(fields.expirationTimestamp) : Number.NaN;
    if (Number.isNaN(expiresAt)) return { ok: false, message: `${who} printed an ExecCredential whose status.expirationTimestamp is not an RFC 3339 time` };
  }
  return {
    ok: true,
    credential: {
      ...(token !== undefined ? { token } : {}),
      ...(clientCertificateData !== undefined ? { clientCertificateData } : {}),
      ...(clientKeyData !== undefined ? { clientKeyData } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    },
  };
}
