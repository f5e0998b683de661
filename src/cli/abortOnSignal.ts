import type { CliSignal, CliSignals } from './cliIo';

/** What a command learns from `abortOnSignal`: which signal stopped it (if one did), and how to stop listening. */
export interface SignalWatch {
  readonly controller: AbortController;
  /** The first SIGINT/SIGTERM received, or undefined. */
  readonly interrupted: () => CliSignal | undefined;
  readonly stop: () => void;
}

/**
 * The first SIGINT or SIGTERM aborts the command's work, which still reports what it has; a second one is not
 * waited on and gets its default action (the process ends).
 */
export function abortOnSignal(signals: CliSignals): SignalWatch {
  const controller = new AbortController();
  let received: CliSignal | undefined;
  const stop = signals.listen((signal) => {
    if (received !== undefined) {
      stop();
      signals.resend(signal);
      return;
    }
    received = signal;
    controller.abort();
  });
  return { controller, interrupted: () => received, stop };
}
