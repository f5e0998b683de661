import type { CheckResult, CheckStatus } from './checkResult';
import { reportsStillStarting } from './startingPods';

/**
 * The overall answer of a readiness run, shared by the CLI's exit code, its text output, the status bar and the
 * report, so they never disagree:
 * - `fail`: a check fails (exit 1);
 * - `could-not-verify`: no check fails, but more than half of the checks that ran are unknown, or a required check
 *   is unknown (labelled "still starting" when that is only because its pods are within their start), or nothing
 *   could be checked at all (exit 3);
 * - `warn`: something warns or is unknown, within those limits (exit 0);
 * - `pass`: everything that ran passes (exit 0).
 */
export type VerdictStatus = 'pass' | 'warn' | 'fail' | 'could-not-verify';

export interface Verdict {
  readonly status: VerdictStatus;
  /** Short: "ready", "2 warning(s)", "3 failing", "could not verify". */
  readonly label: string;
  /** One sentence: why. */
  readonly reason: string;
}

/**
 * Checks whose pass the verdict requires: whether Calico is the CNI and carries a known issue, ClusterInformation,
 * calico-node and the nodes. Not knowing one of them is not knowing whether Calico works.
 */
export const REQUIRED_CHECKS: ReadonlySet<string> = new Set(['identity.known-issues', 'install.cni', 'datastore.clusterinformation', 'workloads.calico-node', 'nodes.ready']);

function titles(results: readonly Pick<CheckResult, 'title'>[], limit = 3): string {
  const shown = results.slice(0, limit).map((entry) => entry.title);
  return `${shown.join('; ')}${results.length > limit ? `; and ${results.length - limit} more` : ''}`;
}

export function overallVerdict(results: readonly (Pick<CheckResult, 'id' | 'title' | 'status'> & Partial<Pick<CheckResult, 'summary'>>)[]): Verdict {
  const ran = results.filter((entry) => entry.status !== 'skipped');
  const withStatus = (status: CheckStatus): typeof ran => ran.filter((entry) => entry.status === status);
  const failing = withStatus('fail');
  const unknown = withStatus('unknown');
  const warning = withStatus('warn');
  if (failing.length > 0) return { status: 'fail', label: `${failing.length} failing`, reason: `${failing.length} check(s) fail: ${titles(failing)}` };
  if (ran.length === 0) return { status: 'could-not-verify', label: 'could not verify', reason: 'no check could run' };
  // What could not be verified does not hide what was seen to be wrong: the warnings stay in the label and reason.
  const alsoWarning = warning.length > 0 ? { label: `, ${warning.length} warning(s)`, reason: `; ${warning.length} warning(s): ${titles(warning)}` } : { label: '', reason: '' };
  if (unknown.length * 2 > ran.length) {
    return { status: 'could-not-verify', label: `could not verify${alsoWarning.label}`, reason: `${unknown.length} of ${ran.length} checks are unknown (more than half)${unknown.length === ran.length ? ': nothing was verified' : ''}${alsoWarning.reason}` };
  }
  const requiredUnknown = unknown.filter((entry) => REQUIRED_CHECKS.has(entry.id));
  if (requiredUnknown.length > 0 && requiredUnknown.every((entry) => reportsStillStarting(entry.summary))) {
    return { status: 'could-not-verify', label: `still starting${alsoWarning.label}`, reason: `Calico is still starting (${titles(requiredUnknown)}): check again in a few minutes${alsoWarning.reason}` };
  }
  if (requiredUnknown.length > 0) return { status: 'could-not-verify', label: `could not verify${alsoWarning.label}`, reason: `required check(s) unknown: ${titles(requiredUnknown)}${alsoWarning.reason}` };
  if (warning.length > 0 || unknown.length > 0) {
    const parts = [...(warning.length > 0 ? [`${warning.length} warning(s)`] : []), ...(unknown.length > 0 ? [`${unknown.length} unknown`] : [])];
    return { status: 'warn', label: parts.join(', '), reason: `no check fails; ${parts.join(' and ')}: ${titles([...warning, ...unknown])}` };
  }
  return { status: 'pass', label: 'ready', reason: `all ${ran.length} checks that ran pass` };
}
