/**
 * What ends the process when its output cannot be written: a reader that went away (`| head -1`, EPIPE) is the
 * normal end of a pipeline, so the process stops quietly as a process killed by SIGPIPE would; any other write
 * failure (a full disk, ENOSPC) is said once, in one line, and is bad input to the command's environment (2).
 */

/** What a shell reports for a process ended by SIGPIPE (128 + 13). */
export const EXIT_CLOSED_PIPE = 141;
/** A write failure other than a closed pipe: the environment, not the input or a bug. */
const EXIT_OUTPUT_FAILED = 2;

export interface OutputFailure {
  readonly code: number;
  /** The line for stderr, or undefined when nothing should be said. */
  readonly message: string | undefined;
}

export function outputFailure(error: NodeJS.ErrnoException, stream: 'stdout' | 'stderr'): OutputFailure {
  if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return { code: EXIT_CLOSED_PIPE, message: undefined };
  const reason = error.code === 'ENOSPC' ? 'no space left on the device' : error.code ?? error.message;
  return { code: EXIT_OUTPUT_FAILED, message: stream === 'stdout' ? `rke2-calico-diag: cannot write the output: ${reason} (${error.code ?? 'error'})\n` : undefined };
}
