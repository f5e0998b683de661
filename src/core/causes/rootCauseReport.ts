/**
 * Root causes as the check report carries them (`check --format json`, the report page, bundles) and as the text
 * output opens with them: the cause, what it explains, the alternatives the evidence cannot rule out, the first step.
 */
import type { CheckResult } from '../checks/checkResult';
import { findingsOfChecks } from './causeFinding';
import { analyseCauses } from './rootCauses';

export interface RootCauseJson {
  /** The check id of the cause. */
  check: string;
  title: string;
  summary: string;
  remediation?: string;
  knownIssue?: string;
  /** Check ids this cause explains (its symptoms). */
  explains: string[];
  /** Check ids of causes the evidence cannot tell apart from this one. */
  alternatives: string[];
}

function codeOf(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}

/** The root causes of one run's checks, most explaining first; none on a cluster with nothing failing or warning. */
export function rootCausesOfChecks(results: readonly CheckResult[]): RootCauseJson[] {
  return analyseCauses(findingsOfChecks(results)).roots.map((root) => ({
    check: root.finding.code,
    title: root.finding.title,
    summary: root.finding.summary,
    ...(root.finding.remediation !== undefined ? { remediation: root.finding.remediation } : {}),
    ...(root.finding.knownIssue !== undefined ? { knownIssue: root.finding.knownIssue } : {}),
    explains: root.explains.map(codeOf),
    alternatives: root.alternatives.map((alternative) => alternative.code),
  }));
}
