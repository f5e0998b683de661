import type { ComponentFacts, KnownIssue, Severity, UpgradeTarget } from './knownIssue';
import { KNOWN_ISSUES } from './knownIssues';

/** A known issue that matches a set of facts, at the severity of the strongest matching rule. */
export interface KnownIssueMatch {
  readonly issue: KnownIssue;
  readonly severity: Severity;
  readonly because: string;
}

export interface KnownIssueVerdict {
  /** Issues of RKE2's own Calico install that apply. */
  readonly applies: readonly KnownIssueMatch[];
  /** Look-alike issues of other install methods, shown for context only. */
  readonly related: readonly KnownIssueMatch[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[a] - SEVERITY_RANK[b];
}

function strongestMatch(issue: KnownIssue, facts: ComponentFacts): KnownIssueMatch | undefined {
  let best: KnownIssueMatch | undefined;
  for (const rule of issue.rules) {
    const conditions = Object.entries(rule.when) as [keyof ComponentFacts, readonly string[]][];
    const matches = conditions.length > 0 && conditions.every(([component, values]) => {
      const known = facts[component];
      return known !== undefined && values.includes(known);
    });
    if (matches && (!best || compareSeverity(rule.severity, best.severity) > 0)) {
      best = { issue, severity: rule.severity, because: rule.because };
    }
  }
  return best;
}

export function evaluateKnownIssues(facts: ComponentFacts, catalog: readonly KnownIssue[] = KNOWN_ISSUES): KnownIssueVerdict {
  const applies: KnownIssueMatch[] = [];
  const related: KnownIssueMatch[] = [];
  for (const issue of catalog) {
    const match = strongestMatch(issue, facts);
    if (!match) continue;
    (issue.appliesTo === 'rke2-calico' ? applies : related).push(match);
  }
  applies.sort((a, b) => compareSeverity(b.severity, a.severity));
  return { applies, related };
}

/** The upgrade target an issue gives for a minor line (`v1.31`), if it names one. */
export function upgradeTargetFor(issue: KnownIssue, line: string): UpgradeTarget | undefined {
  return issue.upgradeTargets.find((target) => target.line === line);
}

export function findKnownIssue(id: string, catalog: readonly KnownIssue[] = KNOWN_ISSUES): KnownIssue | undefined {
  return catalog.find((issue) => issue.id === id);
}
