import { redactSecrets } from '../report/redactSecrets';

/**
 * The product's log. Every layer writes to it through this interface; the editor gives it a LogOutputChannel ("RKE2
 * Calico", opened by Show Logs) and the CLI gives it stderr under --verbose, so both show the same lines. VS Code's
 * LogOutputChannel has exactly these methods, so it is a Logger as it is.
 */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type LogLevel = keyof Logger;

/** Logs nothing: for callers that were given no log. */
export const SILENT_LOGGER: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Every line through the redaction every outside text gets: messages quote servers, exec plugins and kubeconfigs,
 * and a log file is sent with support questions, so a token must never reach it.
 */
export function redactingLogger(target: Logger): Logger {
  return {
    trace: (message) => target.trace(redactSecrets(message)),
    debug: (message) => target.debug(redactSecrets(message)),
    info: (message) => target.info(redactSecrets(message)),
    warn: (message) => target.warn(redactSecrets(message)),
    error: (message) => target.error(redactSecrets(message)),
  };
}

/** The message of anything thrown (an Error, a string, anything else). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A caught error, logged once: "what: message" at error level and its stack at debug, where a support question
 * finds it without every user reading stack traces. Returns the line logged, for the user-facing message.
 */
export function logCaught(log: Logger, what: string, error: unknown): string {
  const line = `${what}: ${errorMessage(error)}`;
  log.error(line);
  logStack(log, error);
  return line;
}

/** The stack of a caught error, at debug level; nothing for a thrown non-Error. */
export function logStack(log: Logger, error: unknown): void {
  if (error instanceof Error && error.stack !== undefined) log.debug(error.stack);
}

/** Milliseconds since `started` (a performance.now() reading), rounded for a log line. */
export function elapsedMs(started: number): number {
  return Math.round(performance.now() - started);
}
