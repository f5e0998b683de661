import { changesConnectivity, connectivityOf, scopeOf, type Connectivity } from './connectivityChange';
import { policySelects, preparePolicies, type PreparedPolicies } from './evaluateConnection';
import type { Direction, Endpoint, EntityMatch, Policy, PolicyRule, PolicySet, Traffic } from './policyModel';
import { ruleMismatch } from './ruleMatching';

/**
 * Sanity of a policy set, with the definitions of IBM/network-config-analyzer's `sanity`, `emptiness`, `vacuity` and
 * `redundancy` queries (docs/SchemeFileFormat.md and nca/NetworkConfig/NetworkConfigQuery.py at commit
 * c4bd39f99d76532baced2fd920edbc67ffc2f654), decided with this model's own evaluation:
 *
 * - a policy is empty when it selects no endpoint; a rule is empty when one of its sides (the peers it names, or
 *   the endpoints of the policy it applies to, narrowed by its own selector) holds no endpoint and no address;
 * - the set is vacuous when it decides every connection as the same endpoints would be decided with no policy at
 *   all (profiles stay);
 * - a policy is redundant when removing it changes no connection (asked only when there is more than one policy);
 *   a rule is redundant when removing it from its policy changes no connection (asked only for policies that are
 *   not redundant themselves);
 * - two Calico policies conflict when they have the same order, select a common endpoint, and in a direction both
 *   apply to one has an Allow rule and the other a Deny rule (both non-empty): the dataplane then decides by name,
 *   which their authors rarely mean.
 *
 * A rule is a rule as written: a Kubernetes rule with several peers and ports is one rule, as in the YAML.
 */
export interface RuleRef {
  readonly policy: Policy;
  readonly direction: Direction;
  /** Index in the written `ingress` or `egress` list, from 0. */
  readonly index: number;
}

export interface EmptyRule extends RuleRef {
  /** Which side selects nothing: the peers the rule names, or the endpoints it protects. */
  readonly side: 'peers' | 'subjects';
}

export interface PolicyConflict {
  readonly first: Policy;
  readonly second: Policy;
  readonly direction: Direction;
}

export interface PolicySanity {
  readonly emptyPolicies: readonly Policy[];
  readonly emptyRules: readonly EmptyRule[];
  readonly vacuous: boolean;
  readonly redundantPolicies: readonly Policy[];
  /** Redundant rules of the policies that are not redundant themselves (empty rules included). */
  readonly redundantRules: readonly RuleRef[];
  readonly conflicts: readonly PolicyConflict[];
}

interface WrittenRule {
  readonly direction: Direction;
  readonly index: number;
  readonly rules: readonly PolicyRule[];
}

/** Model rules grouped back into the rules as written (`ingress[2] from[0] ports[1]` belongs to `ingress[2]`). */
export function writtenRules(policy: Policy): WrittenRule[] {
  const grouped: WrittenRule[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const byIndex = new Map<number, PolicyRule[]>();
    for (const [position, rule] of (direction === 'ingress' ? policy.ingress : policy.egress).entries()) {
      const index = Number(/^(?:ingress|egress)\[(\d+)\]/.exec(rule.origin)?.[1] ?? position);
      byIndex.set(index, [...(byIndex.get(index) ?? []), rule]);
    }
    for (const [index, rules] of [...byIndex].sort(([a], [b]) => a - b)) grouped.push({ direction, index, rules });
  }
  return grouped;
}

function withoutRule(policy: Policy, written: WrittenRule): Policy {
  const keep = (rule: PolicyRule): boolean => !written.rules.includes(rule);
  return { ...policy, ingress: policy.ingress.filter(keep), egress: policy.egress.filter(keep) };
}

function peerPart(entity: EntityMatch): EntityMatch {
  return Object.fromEntries(Object.entries(entity).filter(([key]) => key !== 'ports' && key !== 'notPorts'));
}

/** Whether the entity's selectors and nets hold one of `candidates`, for a rule of `policy`. */
function entityHoldsAny(entity: EntityMatch, candidates: readonly Endpoint[], policy: Policy, prepared: PreparedPolicies): boolean {
  const probe: PolicyRule = { action: 'Allow', source: peerPart(entity), destination: {}, origin: '' };
  return candidates.some((candidate) => ruleMismatch(probe, candidate, candidate, { protocol: 'TCP', port: 1 }, policy, prepared.context) === undefined);
}

interface RuleSides {
  readonly peers: boolean;
  readonly subjects: boolean;
}

function ruleSides(policy: Policy, written: WrittenRule, selected: readonly Endpoint[], everything: readonly Endpoint[], prepared: PreparedPolicies): RuleSides {
  const peerSide = (rule: PolicyRule): EntityMatch => (written.direction === 'ingress' ? rule.source : rule.destination);
  const subjectSide = (rule: PolicyRule): EntityMatch => (written.direction === 'ingress' ? rule.destination : rule.source);
  return {
    peers: written.rules.some((rule) => entityHoldsAny(peerSide(rule), everything, policy, prepared)),
    subjects: written.rules.some((rule) => entityHoldsAny(subjectSide(rule), selected, policy, prepared)),
  };
}

function isCalico(policy: Policy): boolean {
  return policy.source === 'NetworkPolicy' || policy.source === 'GlobalNetworkPolicy';
}

function conflictsOf(policies: readonly Policy[], selectedBy: ReadonlyMap<Policy, readonly Endpoint[]>, effective: ReadonlyMap<Policy, readonly { direction: Direction; action: string }[]>): PolicyConflict[] {
  const conflicts: PolicyConflict[] = [];
  const calico = policies.filter(isCalico);
  for (const [position, first] of calico.entries()) {
    for (const second of calico.slice(position + 1)) {
      if (first.order !== second.order || first.tier !== second.tier) continue;
      const common = (selectedBy.get(first) ?? []).some((endpoint) => (selectedBy.get(second) ?? []).includes(endpoint));
      if (!common) continue;
      for (const direction of ['ingress', 'egress'] as const) {
        if (!first.types.includes(direction) || !second.types.includes(direction)) continue;
        const actions = (policy: Policy): Set<string> => new Set((effective.get(policy) ?? []).filter((rule) => rule.direction === direction).map((rule) => rule.action));
        const [a, b] = [actions(first), actions(second)];
        if ((a.has('Allow') && b.has('Deny')) || (a.has('Deny') && b.has('Allow'))) {
          conflicts.push({ first, second, direction });
          break;
        }
      }
    }
  }
  return conflicts;
}

export interface SanityOptions {
  /** Skip the redundancy questions (the costly part): emptiness, vacuity and conflicts only. */
  readonly redundancy?: boolean;
}

export function analysePolicySanity(set: PolicySet, endpoints: readonly Endpoint[], options: SanityOptions = {}): PolicySanity {
  const connectivity: Connectivity = connectivityOf(set, endpoints);
  const prepared = preparePolicies(set);
  const everything = [...connectivity.endpoints, ...connectivity.pairs.flatMap(([, destination]) => (destination.kind === 'address' ? [destination] : []))];
  const selectedBy = new Map(set.policies.map((policy) => [policy, endpoints.filter((endpoint) => policySelects(policy, endpoint, prepared))] as const));
  const emptyPolicies = set.policies.filter((policy) => (selectedBy.get(policy) ?? []).length === 0);
  const emptyRules: EmptyRule[] = [];
  const effective = new Map<Policy, { direction: Direction; action: string }[]>();
  for (const policy of set.policies) {
    const rules: { direction: Direction; action: string }[] = [];
    for (const written of writtenRules(policy)) {
      const sides = ruleSides(policy, written, selectedBy.get(policy) ?? [], everything, prepared);
      if (!sides.peers) emptyRules.push({ policy, direction: written.direction, index: written.index, side: 'peers' });
      if (!sides.subjects) emptyRules.push({ policy, direction: written.direction, index: written.index, side: 'subjects' });
      if (sides.peers && sides.subjects) for (const rule of written.rules) rules.push({ direction: written.direction, action: rule.action });
    }
    effective.set(policy, rules);
  }
  const vacuous = !changesConnectivity(connectivity, { ...set, policies: [] });
  const redundantPolicies: Policy[] = [];
  const redundantRules: RuleRef[] = [];
  if (options.redundancy !== false) {
    if (set.policies.length > 1) {
      for (const policy of set.policies) {
        if (!changesConnectivity(connectivity, { ...set, policies: set.policies.filter((other) => other !== policy) }, scopeOf(policy, connectivity))) redundantPolicies.push(policy);
      }
    }
    for (const policy of set.policies) {
      if (redundantPolicies.includes(policy)) continue;
      const scope = scopeOf(policy, connectivity);
      for (const written of writtenRules(policy)) {
        const changed = withoutRule(policy, written);
        const policies = set.policies.map((other) => (other === policy ? changed : other));
        // Only what the rule matches can change when it goes.
        const matters = (source: Endpoint, destination: Endpoint, traffic: Traffic): boolean => written.rules.some((rule) => ruleMismatch(rule, source, destination, traffic, policy, prepared.context, true) === undefined);
        if (!changesConnectivity(connectivity, { ...set, policies }, written.direction === 'ingress' ? { ...scope, egress: new Set() } : { ...scope, ingress: new Set() }, matters)) {
          redundantRules.push({ policy, direction: written.direction, index: written.index });
        }
      }
    }
  }
  return { emptyPolicies, emptyRules, vacuous, redundantPolicies, redundantRules, conflicts: conflictsOf(set.policies, selectedBy, effective) };
}
