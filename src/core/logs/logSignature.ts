import type { Severity } from '../knowledge/knownIssue';

/**
 * One wording of a failure. `trigger` is a literal that every matching line contains (the scanner's fast
 * pre-filter); `pattern` is the full match, written in the common subset of JavaScript and POSIX ERE (no \d, \s,
 * \w; bounded `.{0,N}` instead of `.*`) so the benchmark can hand the very same patterns to `grep -E`, and so no
 * pattern can backtrack for long on a huge line. Patterns run on a window of a few KiB around the trigger.
 */
export interface SignatureMatch {
  readonly trigger: string;
  readonly pattern: string;
}

/**
 * A line every healthy start-up prints for a while (an agent waiting for its server, a kubelet without CNI config
 * yet). It is a finding only while it persists: when the log's own timestamps show lines of this kind still coming
 * `graceSeconds` after the first one, with no `recovery` line in between. Without timestamps it is never reported.
 */
export interface TransientRule {
  readonly graceSeconds: number;
  /** Lines that end the episode (the component became ready), so a later occurrence starts a new one. */
  readonly recovery?: readonly SignatureMatch[];
  /**
   * Transient only where the log shows a component starting (a start line with its version: "Starting rke2 v…",
   * "Typha starting up", "starting containerd"): an error in a log that shows no start is not known to be a start-up
   * one, and is reported at once.
   */
  readonly onlyAfterStart?: boolean;
}

/**
 * A known failure line: what it means (and does not mean), what to do, and where that knowledge comes from. Which
 * known issues a line can be evidence of is recorded once, on the issue (`KnownIssue.logSignatures`).
 */
export interface LogSignature {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  /** What the line means, including what it does not mean. */
  readonly meaning: string;
  readonly remediation: string;
  /** The wordings of this failure across Calico/RKE2 versions and components; the first that fits names the line. */
  readonly matches: readonly SignatureMatch[];
  readonly transient?: TransientRule;
  /** Where the wording and its meaning come from (source file of the component, issue threads). */
  readonly source: string;
}
