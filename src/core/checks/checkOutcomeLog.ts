import type { Logger } from '../log/logger';
import type { CheckResult } from './checkResult';
import { overallVerdict } from './verdict';

/** Each check's outcome and the verdict, one line each: what the log says about a readiness run. */
export function logCheckOutcomes(log: Logger, results: readonly CheckResult[], durationMs: number): void {
  for (const check of results) log.info(`check ${check.id}: ${check.status} — ${check.summary}`);
  const verdict = overallVerdict(results);
  log.info(`verdict: ${verdict.label} — ${verdict.reason} (${results.length} checks, ${durationMs} ms)`);
}
