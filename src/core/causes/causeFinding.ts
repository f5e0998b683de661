/**
 * A finding of any source, as the cause graph sees it: what it is, how bad, and the things it is about (objects,
 * nodes), so a rule can say that two findings are linked by the evidence and not only present side by side.
 */
import type { CheckResult } from '../checks/checkResult';

export type CauseSource = 'check' | 'log';

export interface CauseFinding {
  /** Unique within one analysis: `check:<id>`, `log:<code>`. */
  readonly key: string;
  readonly source: CauseSource;
  /** The check id or log signature id the rules are written for. */
  readonly code: string;
  readonly title: string;
  readonly summary: string;
  readonly severity: 'fail' | 'warn';
  /** `Kind/namespace/name` of the objects it is about, and `Node/<name>` of the nodes. */
  readonly subjects: ReadonlySet<string>;
  readonly remediation: string | undefined;
  /** A known issue the finding names (a check that names rancher/rke2#7808). */
  readonly knownIssue: string | undefined;
}

function subjectOf(kind: string, name: string, namespace: string | undefined): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** The failing and warning checks of a run; passing, unknown and skipped checks explain nothing and need nothing explained. */
export function findingsOfChecks(results: readonly CheckResult[]): CauseFinding[] {
  return results.flatMap((check): CauseFinding[] => {
    if (check.status !== 'fail' && check.status !== 'warn') return [];
    const subjects = new Set((check.objects ?? []).map((object) => subjectOf(object.kind, object.name, object.namespace)));
    return [{
      key: `check:${check.id}`,
      source: 'check',
      code: check.id,
      title: check.title,
      summary: check.summary,
      severity: check.status,
      subjects,
      remediation: check.remediation,
      knownIssue: check.knownIssue?.id,
    }];
  });
}
