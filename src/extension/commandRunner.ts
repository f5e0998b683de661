import type * as vscode from 'vscode';
import { errorMessage, logCaught, type Logger } from '../core/log/logger';
import type { CommandApis } from './editorApis';
import type { NextStep } from './nextSteps';
import type { Notifier } from './notifier';

/**
 * A failure a command expects and can explain (a kubeconfig that cannot be opened, an object it may not read): the
 * wrapper shows its message with the next steps, and no stack.
 */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly steps: readonly NextStep[] = [],
    readonly severity: 'error' | 'warning' = 'error',
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

export type CommandHandler = (...args: never[]) => unknown;

/**
 * Every command runs inside this: it is logged, and whatever it throws is caught, logged (an unexpected error with
 * its stack) and shown once with "Open logs", instead of each command doing that by hand. The returned promise
 * never rejects, and does not wait for the notification to be dismissed.
 */
export function guardCommand(id: string, handler: CommandHandler, notifier: Notifier, log: Logger): (...args: never[]) => Promise<void> {
  return async (...args) => {
    log.debug(`command ${id}`);
    try {
      await handler(...args);
    } catch (error) {
      if (error instanceof CommandError) {
        void (error.severity === 'warning' ? notifier.warning(error.message, error.steps) : notifier.error(error.message, error.steps));
      } else {
        void notifier.error(`${id} failed: ${errorMessage(error)}`, [], error);
      }
    }
  };
}

/** Registers a table of commands, each through guardCommand. */
export function registerCommands(commands: CommandApis, table: Readonly<Record<string, CommandHandler>>, notifier: Notifier, log: Logger): vscode.Disposable[] {
  return Object.entries(table).map(([id, handler]) => commands.registerCommand(id, guardCommand(id, handler, notifier, log)));
}

/** Background work (a lint, a scan) that must not end in an unhandled rejection: a failure is logged, not shown. */
export function logFailure(log: Logger, what: string, work: Promise<unknown>): void {
  work.catch((error: unknown) => {
    logCaught(log, what, error);
  });
}
