import type { Severity } from '../knowledge/knownIssue';

/**
 * A known failure line. `trigger` is a literal every matching line contains (the scanner's fast pre-filter);
 * `pattern` is the full match, written in the common subset of JavaScript and POSIX ERE (no \d, \s, \w; bounded
 * `.{0,N}` instead of `.*`) so the benchmark can hand the very same patterns to `grep -E`, and so no pattern can
 * backtrack for long on a huge line.
 */
export interface LogSignature {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  /** What the line means, including what it does not mean. */
  readonly meaning: string;
  readonly remediation: string;
  /**
   * A literal that every matching line contains. Triggers are shared between signatures and never contain one
   * another, so the pre-filter's one alternation reports each of them.
   */
  readonly trigger: string;
  readonly pattern: string;
  /** Known-issue id (`rancher/rke2#7808`) when the line is evidence of one. */
  readonly knownIssue?: string;
  /** Where the line and its meaning come from. */
  readonly source: string;
}
