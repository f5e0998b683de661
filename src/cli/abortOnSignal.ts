import type { CliSignal, CliSignals } from './cliIo';

/** What a command learns from `abortOnSignal`: which signal stopped it (if one did), and how to stop listening. */
export interface SignalWatch {
  readonly controller: AbortController;
  /** The first SIGINT/SIGTERM received, or undefined. */
  readonly interrupted: () => CliSignal | undefined;
  readonly stop: () => void;
}

/**
 * After the first signal, the command has this long to report what it has; then the signal gets its default action,
 * so a signal always ends the process even if some work does not stop when aborted.
 */
export const SIGNAL_GRACE_MS = 5000;

/**
 * The first SIGINT or SIGTERM aborts the command's work, which still reports what it has; a second one, or the end
 * of the grace period, is not waited on: the signal gets its default action (the process ends).
 */
export function abortOnSignal(signals: CliSignals, graceMs: number = SIGNAL_GRACE_MS): SignalWatch {
  const controller = new AbortController();
  let received: CliSignal | undefined;
  let grace: NodeJS.Timeout | undefined;
  const release = signals.listen((signal) => {
    if (received !== undefined) {
      stop();
      signals.resend(signal);
      return;
    }
    received = signal;
    controller.abort();
    grace = setTimeout(() => {
      stop();
      signals.resend(signal);
    }, graceMs);
    grace.unref();
  });
  const stop = (): void => {
    clearTimeout(grace);
    release();
  };
  return { controller, interrupted: () => received, stop };
}
