import type { LintContext } from '../core/files/lintContext';
import type { FileLintResult } from '../core/files/lintFile';

/** One file to lint, sent to the lint worker: plain data, copied by structured clone. */
export interface LintWorkerRequest {
  readonly id: number;
  readonly path: string;
  readonly text: string;
  readonly context: LintContext;
  readonly forceRke2Config: boolean;
}

export type LintWorkerReply = { readonly id: number; readonly ok: true; readonly result: FileLintResult } | { readonly id: number; readonly ok: false; readonly error: string };
