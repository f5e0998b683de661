import { compareCalicoVersions, parseCalicoVersion } from '../versions/calicoVersion';
import type { AffectRule, CalicoRange, ComponentFacts, KnownIssue, Severity, UpgradeTarget } from './knownIssue';
import { KNOWN_ISSUES } from './knownIssues';
import type { PreconditionFacts, PreconditionId } from './preconditions';

/** A known issue that matches a set of facts, at the severity of the strongest matching rule. */
export interface KnownIssueMatch {
  readonly issue: KnownIssue;
  readonly severity: Severity;
  readonly because: string;
  /** Preconditions nothing established yet; empty when the issue applies outright. */
  readonly openPreconditions: readonly PreconditionId[];
}

export interface KnownIssueVerdict {
  /** Issues of RKE2's own Calico install that apply: versions match and every precondition holds. */
  readonly applies: readonly KnownIssueMatch[];
  /** Issues whose versions match but whose preconditions are not known: "may apply if …". */
  readonly conditional: readonly KnownIssueMatch[];
  /** Look-alike issues of other install methods, shown for context only. */
  readonly related: readonly KnownIssueMatch[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[a] - SEVERITY_RANK[b];
}

/** Whether a Calico version lies in a range (false for an unknown version). */
export function inCalicoRange(range: CalicoRange, calico: string | undefined): boolean {
  if (calico === undefined || range.except?.includes(calico)) return false;
  const version = parseCalicoVersion(calico);
  const floor = parseCalicoVersion(range.atLeast);
  return version.ok && floor.ok && compareCalicoVersions(version.value, floor.value) >= 0;
}

function ruleMatches(rule: AffectRule, facts: ComponentFacts): boolean {
  const conditions = Object.entries(rule.when) as [keyof ComponentFacts, readonly string[]][];
  if (conditions.length === 0 && !rule.calicoRange) return false;
  if (rule.calicoRange && !inCalicoRange(rule.calicoRange, facts.calico)) return false;
  return conditions.every(([component, values]) => {
    const known = facts[component];
    return known !== undefined && values.includes(known);
  });
}

function strongestRule(issue: KnownIssue, facts: ComponentFacts): AffectRule | undefined {
  let best: AffectRule | undefined;
  for (const rule of issue.rules) {
    if (ruleMatches(rule, facts) && (!best || compareSeverity(rule.severity, best.severity) > 0)) best = rule;
  }
  return best;
}

/**
 * The known issues a set of versions carries. An issue with preconditions applies only when every one is known to
 * hold; when one is known not to hold it is dropped, and otherwise it is listed as conditional.
 */
export function evaluateKnownIssues(
  facts: ComponentFacts,
  preconditions: PreconditionFacts = {},
  catalog: readonly KnownIssue[] = KNOWN_ISSUES,
): KnownIssueVerdict {
  const applies: KnownIssueMatch[] = [];
  const conditional: KnownIssueMatch[] = [];
  const related: KnownIssueMatch[] = [];
  for (const issue of catalog) {
    const rule = strongestRule(issue, facts);
    if (!rule) continue;
    const required = issue.preconditions ?? [];
    if (required.some((id) => preconditions[id] === false)) continue;
    const open = required.filter((id) => preconditions[id] !== true);
    const match: KnownIssueMatch = { issue, severity: rule.severity, because: rule.because, openPreconditions: open };
    if (issue.appliesTo !== 'rke2-calico') related.push(match);
    else (open.length === 0 ? applies : conditional).push(match);
  }
  const bySeverity = (a: KnownIssueMatch, b: KnownIssueMatch): number => compareSeverity(b.severity, a.severity);
  applies.sort(bySeverity);
  conditional.sort(bySeverity);
  return { applies, conditional, related };
}

/** The upgrade target an issue gives for a minor line (`v1.31`), if it names one. */
export function upgradeTargetFor(issue: KnownIssue, line: string): UpgradeTarget | undefined {
  return issue.upgradeTargets.find((target) => target.line === line);
}

export function findKnownIssue(id: string, catalog: readonly KnownIssue[] = KNOWN_ISSUES): KnownIssue | undefined {
  return catalog.find((issue) => issue.id === id);
}
