/**
 * The things a user can do when something failed, each a command: offered as buttons on error notifications and as
 * rows and inline actions of the prerequisites tree. No `vscode` import: unit tests read it as it is.
 */
export type NextStep = 'selectKubeconfig' | 'selectContext' | 'openSettings' | 'showLogs' | 'runCheck';

export interface NextStepAction {
  /** The button and tree row text. */
  readonly title: string;
  readonly command: string;
  readonly args: readonly unknown[];
  /** Codicon of its tree row. */
  readonly icon: string;
}

export const SHOW_LOGS_COMMAND = 'rke2Calico.showLogs';
export const OPEN_SETTINGS_COMMAND = 'rke2Calico.openSettings';

export const NEXT_STEPS: Readonly<Record<NextStep, NextStepAction>> = {
  selectKubeconfig: { title: 'Select Kubeconfig', command: 'rke2Calico.pickKubeconfig', args: [], icon: 'file' },
  selectContext: { title: 'Select Context', command: 'rke2Calico.selectContext', args: [], icon: 'server-environment' },
  openSettings: { title: 'Open Settings', command: OPEN_SETTINGS_COMMAND, args: [], icon: 'settings-gear' },
  showLogs: { title: "Show This Extension's Log", command: SHOW_LOGS_COMMAND, args: [], icon: 'output' },
  runCheck: { title: 'Run Again', command: 'rke2Calico.runCheck', args: [], icon: 'refresh' },
};

/** The step a button title stands for (what a notification answers with). */
export function stepTitled(title: string | undefined): NextStep | undefined {
  return (Object.keys(NEXT_STEPS) as NextStep[]).find((step) => NEXT_STEPS[step].title === title);
}
