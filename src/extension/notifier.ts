import { errorMessage, logStack, type Logger } from '../core/log/logger';
import type { CommandApis, WindowApis } from './editorApis';
import { NEXT_STEPS, stepTitled, type NextStep } from './nextSteps';

/** The button every error and warning notification carries. */
export const OPEN_LOGS = 'Open logs';

/**
 * What the user is told. An error or a warning is logged and shown once, with its next steps and "Open logs" as
 * buttons; the notification is not awaited by whoever raised it (it stays until dismissed), and a click runs the
 * step's command.
 */
export class Notifier {
  constructor(
    private readonly window: WindowApis,
    private readonly commands: CommandApis,
    private readonly log: Logger,
    private readonly showLogs: () => void,
  ) {}

  /** `cause`: the error caught, whose stack goes to the log at debug level. */
  error(message: string, steps: readonly NextStep[] = [], cause?: unknown): Promise<void> {
    this.log.error(message);
    logStack(this.log, cause);
    return this.offer((text, ...actions) => this.window.showErrorMessage(text, ...actions), message, steps);
  }

  warning(message: string, steps: readonly NextStep[] = []): Promise<void> {
    this.log.warn(message);
    return this.offer((text, ...actions) => this.window.showWarningMessage(text, ...actions), message, steps);
  }

  info(message: string): void {
    this.log.info(message);
    void this.window.showInformationMessage(`RKE2 Calico: ${message}`);
  }

  private async offer(show: (text: string, ...actions: string[]) => Thenable<string | undefined>, message: string, steps: readonly NextStep[]): Promise<void> {
    const buttons = [...steps.filter((step) => step !== 'showLogs').map((step) => NEXT_STEPS[step].title), OPEN_LOGS];
    try {
      const chosen = await show(`RKE2 Calico: ${message}`, ...buttons);
      if (chosen === OPEN_LOGS) {
        this.showLogs();
        return;
      }
      const step = stepTitled(chosen);
      if (step) await this.commands.executeCommand(NEXT_STEPS[step].command, ...NEXT_STEPS[step].args);
    } catch (error) {
      // A notification that could not be shown, or a step that failed: the log keeps it, nothing is thrown.
      this.log.error(`notification "${message}": ${errorMessage(error)}`);
    }
  }
}
