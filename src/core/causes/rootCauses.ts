/**
 * Root causes first: findings are nodes, rules (causeRules.ts) are edges where the evidence links two findings, and a
 * root cause is a finding nothing else explains — or, for a finding about several nodes, one whose nodes the causes
 * linked to it by node do not all account for (calico-node down on a node that is down, and on one that is not).
 * A log finding linked to nothing is no root: the log scanner reports it; here a line only proves or explains.
 * Roots are ranked by how much they explain (directly and through what they explain), then by certainty (a failure
 * before a warning); roots that explain the same findings and cannot be told apart from here are offered together as
 * "one of", each with what to read next.
 */
import type { CauseFinding } from './causeFinding';
import { CAUSE_RULES, linkOf, type CauseRule } from './causeRules';

export interface CauseLink {
  readonly cause: string;
  readonly effect: string;
  readonly rule: CauseRule;
  /** What in the evidence links the two, naming the node, object or log line. */
  readonly link: string;
  /** For a node link: the effect's nodes this cause accounts for. */
  readonly nodes?: ReadonlySet<string>;
}

export interface RootCause {
  readonly finding: CauseFinding;
  /** Findings this one explains, directly or through others (keys), in the order found. */
  readonly explains: readonly string[];
  /** Other roots that explain the same findings: the evidence cannot decide between them. */
  readonly alternatives: readonly CauseFinding[];
}

export interface CauseAnalysis {
  readonly roots: readonly RootCause[];
  readonly links: readonly CauseLink[];
  /** Every finding, by key. */
  readonly findings: ReadonlyMap<string, CauseFinding>;
}

function linksAmong(findings: readonly CauseFinding[], rules: readonly CauseRule[]): CauseLink[] {
  const links: CauseLink[] = [];
  for (const cause of findings) {
    for (const effect of findings) {
      if (cause.key === effect.key) continue;
      for (const rule of rules) {
        const link = linkOf(rule, cause, effect);
        if (link === undefined) continue;
        links.push({ cause: cause.key, effect: effect.key, rule, link: link.text, ...(link.nodes ? { nodes: link.nodes } : {}) });
        break;
      }
    }
  }
  return links;
}

/** Everything reachable from `key` along the links (what it explains, directly or not). */
function explained(key: string, effectsOf: ReadonlyMap<string, readonly string[]>): string[] {
  const seen = new Set<string>();
  const queue = [...(effectsOf.get(key) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift() ?? '';
    if (next === key || seen.has(next)) continue;
    seen.add(next);
    queue.push(...(effectsOf.get(next) ?? []));
  }
  return [...seen];
}

const SEVERITY_RANK = { fail: 0, warn: 1 } as const;

export function analyseCauses(findings: readonly CauseFinding[], rules: readonly CauseRule[] = CAUSE_RULES): CauseAnalysis {
  const byKey = new Map(findings.map((finding) => [finding.key, finding]));
  const links = linksAmong(findings, rules);
  const effectsOf = new Map<string, string[]>();
  for (const link of links) {
    effectsOf.set(link.cause, [...(effectsOf.get(link.cause) ?? []), link.effect]);
  }
  const reach = new Map(findings.map((finding) => [finding.key, explained(finding.key, effectsOf)]));
  const linked = new Set(links.flatMap((link) => [link.cause, link.effect]));
  // A root is explained by nothing, or only by findings it explains itself (a cycle; the rules have none today), or
  // only in part: node links that leave some of its nodes unaccounted for.
  const isRoot = (finding: CauseFinding): boolean => {
    if (finding.source === 'log' && !linked.has(finding.key)) return false;
    const outside = links.filter((link) => link.effect === finding.key && !(reach.get(finding.key)?.includes(link.cause) ?? false));
    if (outside.length === 0) return true;
    if (outside.some((link) => link.nodes === undefined)) return false;
    const covered = new Set(outside.flatMap((link) => [...(link.nodes ?? [])]));
    return [...finding.nodes].some((node) => !covered.has(node));
  };
  const candidates = findings.filter(isRoot).sort((a, b) =>
    (reach.get(b.key)?.length ?? 0) - (reach.get(a.key)?.length ?? 0) || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const roots: RootCause[] = [];
  const grouped = new Set<string>();
  for (const candidate of candidates) {
    if (grouped.has(candidate.key)) continue;
    const explains = reach.get(candidate.key) ?? [];
    // Roots with the same severity that explain exactly the same findings are indistinguishable from this evidence.
    const alternatives = candidates.filter((other) =>
      other.key !== candidate.key && !grouped.has(other.key) && explains.length > 0 && other.severity === candidate.severity && sameSet(reach.get(other.key) ?? [], explains));
    for (const other of alternatives) grouped.add(other.key);
    grouped.add(candidate.key);
    roots.push({ finding: candidate, explains, alternatives });
  }
  return { roots, links, findings: byKey };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key) => b.includes(key));
}
