import type { ConnectionExplanation, Decision, DirectionTrace, PolicyTrace, RuleTrace, TierTrace } from './connectionExplanation';
import type { Direction, Endpoint, Policy, PolicyRule, PolicySet, Profile, Tier, Traffic } from './policyModel';
import { describeEndpoint, matchContextOf, namespaceSelectorTakesGlobal, ruleMismatch, selectsEndpoint, type MatchContext, type RuleScope } from './ruleMatching';
import { formatSelector, selectorMatches } from './selectorSyntax';
import { DEFAULT_TIER } from './tierDefaults';

/** Policies grouped by tier and sorted once, so one question costs a pass over the policies of two endpoints. */
export interface PreparedPolicies {
  readonly tiers: readonly { readonly tier: Tier; readonly policies: readonly Policy[] }[];
  readonly profiles: ReadonlyMap<string, Profile>;
  readonly context: MatchContext;
  /** Per endpoint and direction, the policies of each tier that apply to it (asked without detail, filled lazily). */
  readonly applicable: WeakMap<Endpoint, Partial<Record<Direction, readonly (readonly Policy[])[]>>>;
  /** Answers whether a rule matches, when asked without detail (a caller that asks the same rules often remembers). */
  readonly ruleMatches: RuleMatcher;
}

/** Whether `rule` of a policy scoped to `scope` matches the connection; ruleMismatch's answer without words. */
export type RuleMatcher = (rule: PolicyRule, scope: RuleScope, source: Endpoint, destination: Endpoint, traffic: Traffic, context: MatchContext) => boolean;

const matchesQuietly: RuleMatcher = (rule, scope, source, destination, traffic, context) => ruleMismatch(rule, source, destination, traffic, scope, context, true) === undefined;

/** Calico sorts by order, a missing order last, then by name (felix calc/policy_sorter.go, tier and policy alike). */
function byOrderThenName(a: { order: number | undefined; name: string }, b: { order: number | undefined; name: string }): number {
  const left = a.order ?? Number.POSITIVE_INFINITY;
  const right = b.order ?? Number.POSITIVE_INFINITY;
  if (left !== right) return left < right ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function preparePolicies(set: PolicySet, ruleMatches: RuleMatcher = matchesQuietly): PreparedPolicies {
  const tiers = new Map<string, Tier>(set.tiers.map((tier) => [tier.name, tier]));
  if (!tiers.has(DEFAULT_TIER.name)) tiers.set(DEFAULT_TIER.name, DEFAULT_TIER);
  const byTier = new Map<string, Policy[]>();
  for (const policy of set.policies) {
    if (!tiers.has(policy.tier)) tiers.set(policy.tier, { name: policy.tier, order: undefined, defaultAction: 'Deny' });
    const list = byTier.get(policy.tier) ?? [];
    list.push(policy);
    byTier.set(policy.tier, list);
  }
  const sortKey = (policy: Policy): { order: number | undefined; name: string } => ({ order: policy.order, name: `${policy.namespace ?? ''}/${policy.name}` });
  return {
    tiers: [...tiers.values()].sort(byOrderThenName).map((tier) => ({ tier, policies: (byTier.get(tier.name) ?? []).sort((a, b) => byOrderThenName(sortKey(a), sortKey(b))) })),
    profiles: new Map(set.profiles.map((profile) => [profile.name, profile])),
    context: matchContextOf(set.namespaces, set.serviceAccounts, set.networkSets),
    applicable: new WeakMap(),
    ruleMatches,
  };
}

/** Why `policy` does not apply to `endpoint` in `direction`, or undefined when it does. */
function notAppliedReason(policy: Policy, endpoint: Endpoint, direction: Direction, context: MatchContext): string | undefined {
  if (endpoint.kind === 'address') return 'not an endpoint Calico enforces policy on';
  if (policy.namespace !== undefined) {
    if (endpoint.kind !== 'pod') return `namespaced to ${policy.namespace}; a host endpoint is not in a namespace`;
    if (endpoint.namespace !== policy.namespace) return `namespaced to ${policy.namespace}, the endpoint is in ${endpoint.namespace}`;
  }
  if (!selectsEndpoint(policy.selector, endpoint)) return `selector ${formatSelector(policy.selector)} does not select ${describeEndpoint(endpoint)}`;
  if (policy.namespaceSelector !== undefined) {
    const selected = endpoint.kind === 'pod' ? selectorMatches(policy.namespaceSelector, context.namespaceLabels(endpoint.namespace) ?? {}) : namespaceSelectorTakesGlobal(policy.namespaceSelector);
    if (!selected) return `namespaceSelector ${formatSelector(policy.namespaceSelector)} does not select its namespace`;
  }
  if (policy.serviceAccountSelector !== undefined) {
    const labels = endpoint.kind === 'pod' ? context.serviceAccountLabels(endpoint.namespace, endpoint.serviceAccount) ?? {} : undefined;
    if (labels === undefined || !selectorMatches(policy.serviceAccountSelector, labels)) return `serviceAccountSelector ${formatSelector(policy.serviceAccountSelector)} does not select its service account`;
  }
  if (!policy.types.includes(direction)) return `types [${policy.types.join(', ')}] do not include ${direction === 'ingress' ? 'Ingress' : 'Egress'}`;
  return undefined;
}

/** Whether `policy` selects `endpoint` (namespace, selectors, profile labels), whatever its `types`. */
export function policySelects(policy: Policy, endpoint: Endpoint, prepared: PreparedPolicies): boolean {
  return notAppliedReason({ ...policy, types: ['ingress'] }, withProfileLabels(endpoint, prepared), 'ingress', prepared.context) === undefined;
}

type PolicyResult = { readonly trace: PolicyTrace; readonly verdict?: 'allow' | 'deny' | 'pass'; readonly rule?: RuleTrace };

/** The cheap test of notAppliedReason, without words: most policies of a large set do not apply to an endpoint. */
function policyApplies(policy: Policy, endpoint: Endpoint, direction: Direction): boolean {
  if (endpoint.kind === 'address' || !policy.types.includes(direction)) return false;
  if (policy.namespace !== undefined && (endpoint.kind !== 'pod' || endpoint.namespace !== policy.namespace)) return false;
  return selectsEndpoint(policy.selector, endpoint);
}


/** The policies of each tier that apply to `endpoint` in `direction`, asked once per prepared set and endpoint. */
function applicablePolicies(prepared: PreparedPolicies, endpoint: Endpoint, direction: Direction): readonly (readonly Policy[])[] {
  const known = prepared.applicable.get(endpoint) ?? {};
  const cached = known[direction];
  if (cached !== undefined) return cached;
  const lists = prepared.tiers.map(({ policies }) => policies.filter((policy) => policyApplies(policy, endpoint, direction) && notAppliedReason(policy, endpoint, direction, prepared.context) === undefined));
  prepared.applicable.set(endpoint, { ...known, [direction]: lists });
  return lists;
}

function evaluatePolicy(policy: Policy, endpoint: Endpoint, direction: Direction, source: Endpoint, destination: Endpoint, traffic: Traffic, prepared: PreparedPolicies): PolicyResult {
  const context = prepared.context;
  const base = { name: policy.name, namespace: policy.namespace, source: policy.source, order: policy.order, origin: policy.origin };
  const reason = notAppliedReason(policy, endpoint, direction, context);
  if (reason !== undefined) return { trace: { ...base, outcome: 'not-applied', reason, rules: [] } };
  const rules: RuleTrace[] = [];
  const list = direction === 'ingress' ? policy.ingress : policy.egress;
  for (const [index, rule] of list.entries()) {
    const mismatch = ruleMismatch(rule, source, destination, traffic, policy, context);
    const trace: RuleTrace = mismatch === undefined ? { index, origin: rule.origin, action: rule.action, matched: true } : { index, origin: rule.origin, action: rule.action, matched: false, mismatch };
    rules.push(trace);
    // Log records and goes on to the next rule (Calico docs, "Rule actions").
    if (mismatch !== undefined || rule.action === 'Log') continue;
    const verdict = rule.action === 'Allow' ? 'allow' : rule.action === 'Deny' ? 'deny' : 'pass';
    return { trace: { ...base, outcome: verdict, reason: `${direction} rule ${rule.origin} (${rule.action}) matched`, rules }, verdict, rule: trace };
  }
  return { trace: { ...base, outcome: 'no-rule-matched', reason: list.length === 0 ? `selects the endpoint for ${direction} and has no ${direction} rules` : `selects the endpoint; none of its ${list.length} ${direction} rules matched`, rules } };
}

function profileNames(endpoint: Endpoint): readonly string[] {
  if (endpoint.kind === 'pod') return [`kns.${endpoint.namespace}`, `ksa.${endpoint.namespace}.${endpoint.serviceAccount}`];
  if (endpoint.kind === 'host') return endpoint.profiles;
  return [];
}

/**
 * After the tiers (none selected the endpoint, or the last one passed), Felix applies the endpoint's profiles in
 * order; a profile rule's Allow or Deny ends it, and with no match the packet is dropped (felix rules/endpoints.go,
 * "Drop if no profiles matched"). In Kubernetes mode every pod has `kns.<namespace>` and `ksa.<namespace>.<sa>`
 * profiles that allow everything, unless a Profile object of that name says otherwise. A host endpoint without
 * profiles denies (Calico docs, "Host endpoints: default behavior").
 */
function evaluateProfiles(endpoint: Endpoint, direction: Direction, source: Endpoint, destination: Endpoint, traffic: Traffic, prepared: PreparedPolicies): Decision {
  const names = profileNames(endpoint);
  if (endpoint.kind === 'host' && names.length === 0) return { allowed: false, kind: 'default-deny-host', summary: `no policy and no profile applies to host endpoint ${endpoint.name}: Calico denies by default` };
  for (const name of names) {
    const profile = prepared.profiles.get(name);
    if (profile === undefined) {
      if (endpoint.kind === 'pod' || name === 'projectcalico-default-allow') return { allowed: true, kind: 'profile', policy: name, summary: `no policy decided; profile ${name} allows all (Calico's default for Kubernetes namespaces and service accounts)` };
      continue;
    }
    const rules = direction === 'ingress' ? profile.ingress : profile.egress;
    for (const rule of rules) {
      if (rule.action === 'Log' || rule.action === 'Pass') continue;
      if (ruleMismatch(rule, source, destination, traffic, { namespace: undefined }, prepared.context) === undefined) {
        return { allowed: rule.action === 'Allow', kind: 'profile', policy: name, rule: rule.origin, summary: `no policy decided; profile ${name} rule ${rule.origin} ${rule.action === 'Allow' ? 'allows' : 'denies'}` };
      }
    }
  }
  return { allowed: false, kind: 'profile', summary: `no policy decided and no rule of the profiles ${names.join(', ')} matched: denied` };
}

/**
 * evaluateDirection's decision without the trace: only the policies that apply are asked, rules through
 * `prepared.ruleMatches`, and nothing is said about what did not match (matrices, scoring, comparisons).
 */
function decideQuietly(endpoint: Endpoint, direction: Direction, source: Endpoint, destination: Endpoint, traffic: Traffic, prepared: PreparedPolicies, label: string): Decision {
  const applicable = applicablePolicies(prepared, endpoint, direction);
  for (let tierIndex = 0; tierIndex < prepared.tiers.length; tierIndex++) {
    const policies = applicable[tierIndex];
    const tier = prepared.tiers[tierIndex]?.tier;
    if (tier === undefined || policies === undefined || policies.length === 0) continue;
    let passed = false;
    for (const policy of policies) {
      const rules = direction === 'ingress' ? policy.ingress : policy.egress;
      const rule = rules.find((candidate) => candidate.action !== 'Log' && prepared.ruleMatches(candidate, policy, source, destination, traffic, prepared.context));
      if (rule === undefined) continue;
      if (rule.action === 'Pass') {
        passed = true;
        break;
      }
      const allowed = rule.action === 'Allow';
      return { allowed, kind: 'rule', tier: tier.name, policy: policy.name, ...(policy.namespace === undefined ? {} : { policyNamespace: policy.namespace }), rule: rule.origin, summary: `${direction} ${allowed ? 'allowed' : 'denied'} by tier ${tier.name}, policy ${policy.namespace === undefined ? '' : `${policy.namespace}/`}${policy.name}, rule ${rule.origin}` };
    }
    if (passed || tier.defaultAction === 'Pass') continue;
    const selecting = policies.map((policy) => `${policy.namespace === undefined ? '' : `${policy.namespace}/`}${policy.name}`);
    return { allowed: false, kind: 'end-of-tier', tier: tier.name, summary: `${direction} denied at the end of tier ${tier.name}: ${selecting.join(', ')} select${selecting.length === 1 ? 's' : ''} ${label} and no rule allowed it` };
  }
  return evaluateProfiles(endpoint, direction, source, destination, traffic, prepared);
}

/** Follows the tiers for one endpoint and direction: the first Allow or Deny decides, Pass skips to the next tier. */
export function evaluateDirection(endpoint: Endpoint, direction: Direction, source: Endpoint, destination: Endpoint, traffic: Traffic, prepared: PreparedPolicies, detail = true): DirectionTrace {
  const label = describeEndpoint(endpoint);
  if (endpoint.kind === 'address') return { direction, endpoint: label, tiers: [], decision: { allowed: true, kind: 'no-endpoint', summary: `${label} is not a Calico endpoint: no ${direction} policy is enforced there` } };
  if (!detail) return { direction, endpoint: label, tiers: [], decision: decideQuietly(endpoint, direction, source, destination, traffic, prepared, label) };
  const tiers: TierTrace[] = [];
  let decision: Decision | undefined;
  for (const { tier, policies } of prepared.tiers) {
    if (decision !== undefined) {
      tiers.push({ name: tier.name, order: tier.order, outcome: 'not-reached', policies: [] });
      continue;
    }
    const traces: PolicyTrace[] = [];
    let applied = false;
    let outcome: TierTrace['outcome'] | undefined;
    for (const policy of policies) {
      if (outcome !== undefined) break;
      const result = evaluatePolicy(policy, endpoint, direction, source, destination, traffic, prepared);
      traces.push(result.trace);
      if (result.trace.outcome === 'not-applied') continue;
      applied = true;
      if (result.verdict === undefined) continue;
      outcome = result.verdict;
      if (result.verdict !== 'pass') {
        decision = { allowed: result.verdict === 'allow', kind: 'rule', tier: tier.name, policy: policy.name, ...(policy.namespace === undefined ? {} : { policyNamespace: policy.namespace }), rule: result.rule?.origin ?? '', summary: `${direction} ${result.verdict === 'allow' ? 'allowed' : 'denied'} by tier ${tier.name}, policy ${policy.namespace === undefined ? '' : `${policy.namespace}/`}${policy.name}, rule ${result.rule?.origin ?? ''}` };
      }
    }
    if (!applied) {
      tiers.push({ name: tier.name, order: tier.order, outcome: 'not-applied', policies: traces });
      continue;
    }
    // A tier that selected the endpoint and decided nothing ends in its default action (Deny unless the Tier says
    // Pass): Calico docs, "Tiers" — "the implicit default deny at the end of each tier".
    if (outcome === undefined) {
      if (tier.defaultAction === 'Pass') outcome = 'end-of-tier-pass';
      else {
        outcome = 'end-of-tier-deny';
        const selecting = traces.filter((trace) => trace.outcome !== 'not-applied').map((trace) => `${trace.namespace === undefined ? '' : `${trace.namespace}/`}${trace.name}`);
        decision = { allowed: false, kind: 'end-of-tier', tier: tier.name, summary: `${direction} denied at the end of tier ${tier.name}: ${selecting.join(', ')} select${selecting.length === 1 ? 's' : ''} ${label} and no rule allowed it` };
      }
    }
    tiers.push({ name: tier.name, order: tier.order, outcome, policies: traces });
  }
  return { direction, endpoint: label, tiers, decision: decision ?? evaluateProfiles(endpoint, direction, source, destination, traffic, prepared) };
}

/** Labels a profile applies (`labelsToApply`) join the endpoint's own, which win on a clash. */
export function withProfileLabels(endpoint: Endpoint, prepared: PreparedPolicies): Endpoint {
  if (endpoint.kind === 'address' || prepared.profiles.size === 0) return endpoint;
  let applied: Record<string, string> = {};
  for (const name of profileNames(endpoint)) {
    const profile = prepared.profiles.get(name);
    if (profile) applied = { ...applied, ...profile.labelsToApply };
  }
  return Object.keys(applied).length === 0 ? endpoint : { ...endpoint, labels: { ...applied, ...endpoint.labels } };
}

/**
 * What Calico would do with `traffic` from `source` to `destination`: egress at the source, then ingress at the
 * destination. `detail: false` gives the decisions without the tier traces (matrices, scoring, comparisons).
 */
export function evaluateConnection(rawSource: Endpoint, rawDestination: Endpoint, traffic: Traffic, prepared: PreparedPolicies, detail = true): ConnectionExplanation {
  const source = withProfileLabels(rawSource, prepared);
  const destination = withProfileLabels(rawDestination, prepared);
  const egress = evaluateDirection(source, 'egress', source, destination, traffic, prepared, detail);
  const ingress = evaluateDirection(destination, 'ingress', source, destination, traffic, prepared, detail);
  const allowed = egress.decision.allowed && ingress.decision.allowed;
  return { source: describeEndpoint(source), destination: describeEndpoint(destination), traffic, allowed, deciding: egress.decision.allowed ? ingress : egress, egress, ingress };
}
