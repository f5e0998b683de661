import type { Logger } from '../core/log/logger';
import { outputFailure } from './outputFailure';
import type { Palette } from './palette';

/** Where the CLI writes and what interrupts it; injected so tests read output and interrupt without a process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  /** The same destination as `stdout`, for output already encoded as UTF-8 (large outputs skip re-encoding). */
  readonly stdoutBytes?: (bytes: Uint8Array) => void;
  readonly stderr: (text: string) => void;
  /** Resolves once stdout has taken what was written (a pipe to a slow reader): commands that stream wait on it. */
  readonly drained?: () => Promise<void>;
  /** SIGINT and SIGTERM; without them nothing interrupts a command. */
  readonly signals?: CliSignals;
  /** Whether stdout is a terminal: `--color=auto` colours only then. */
  readonly isTerminal?: boolean;
  /** The terminal's width, when stdout is one: long text lines wrap within it. */
  readonly columns?: number;
  /** NO_COLOR, FORCE_COLOR and TERM are read from here; process.env when absent. */
  readonly environment?: NodeJS.ProcessEnv;
}

export type CliSignal = 'SIGINT' | 'SIGTERM';

export interface CliSignals {
  /** `listener` runs on SIGINT or SIGTERM, instead of the default action, until the returned function is called. */
  readonly listen: (listener: (signal: CliSignal) => void) => () => void;
  /** Gives `signal` its default action (the process ends): for a second signal while a command cleans up. */
  readonly resend: (signal: CliSignal) => void;
}

/** What a command is given: the injected io, with the log (silent unless --verbose), the signals and the colours filled in. */
export interface CommandIo extends CliIo {
  readonly log: Logger;
  readonly signals: CliSignals;
  readonly palette: Palette;
}

/** Exit codes shared by every command: 0 nothing applies, 1 findings, 2 bad input or usage. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
/** `check` only: nothing fails, but too much is unknown to call it a pass (verdict "could not verify"). */
export const EXIT_UNVERIFIED = 3;
/** A bug in this tool, not in the input or the cluster (sysexits' EX_SOFTWARE): the stack is in the --verbose log. */
export const EXIT_INTERNAL = 70;
/** After a signal, as shells report them: 128 + the signal's number. */
export const SIGNAL_EXIT_CODES: Readonly<Record<CliSignal, number>> = { SIGINT: 130, SIGTERM: 143 };

/** Nothing to listen to: tests that never interrupt. */
export const NO_SIGNALS: CliSignals = { listen: () => () => undefined, resend: () => undefined };

/**
 * A write that fails (a closed pipe, a full disk) is reported on the stream as an 'error' event; unheard, Node
 * prints an "Unhandled 'error' event" stack. Heard here: the process ends at once with outputFailure's code.
 */
function endOnWriteFailure(): void {
  let ended = false;
  const listen = (stream: NodeJS.WriteStream, name: 'stdout' | 'stderr'): void => {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (ended) return;
      ended = true;
      const failure = outputFailure(error, name);
      if (failure.message !== undefined) {
        try {
          process.stderr.write(failure.message);
        } catch {
          // stderr is gone too: the exit code says it.
        }
      }
      process.exit(failure.code);
    });
  };
  listen(process.stdout, 'stdout');
  listen(process.stderr, 'stderr');
}

/** The process's own stdout, stderr and signals, for the entry point. */
export function processIo(): CliIo {
  endOnWriteFailure();
  return {
    stdout: (text) => process.stdout.write(text),
    stdoutBytes: (bytes) => process.stdout.write(bytes),
    stderr: (text) => process.stderr.write(text),
    isTerminal: process.stdout.isTTY,
    ...(process.stdout.isTTY && process.stdout.columns > 0 ? { columns: process.stdout.columns } : {}),
    environment: process.env,
    // Writes to a pipe are queued in memory: a streaming command waits here so the queue stays small.
    drained: () => (process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve()),
    signals: {
      listen: (listener) => {
        const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
          const handler = (): void => listener(signal);
          process.on(signal, handler);
          return () => process.off(signal, handler);
        });
        return () => {
          for (const release of handlers) release();
        };
      },
      resend: (signal) => process.kill(process.pid, signal),
    },
  };
}
