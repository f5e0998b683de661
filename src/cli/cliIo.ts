/** Where the CLI writes; injected so tests read output without spawning a process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Resolves once stdout has taken what was written (a pipe to a slow reader): commands that stream wait on it. */
  readonly drained?: () => Promise<void>;
}

/** Exit codes shared by every command: 0 nothing applies, 1 findings, 2 bad input or usage. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
/** `check` only: nothing fails, but too much is unknown to call it a pass (verdict "could not verify"). */
export const EXIT_UNVERIFIED = 3;
