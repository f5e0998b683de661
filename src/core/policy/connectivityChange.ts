import type { Decision } from './connectionExplanation';
import { evaluateDirection, policySelects, preparePolicies, withProfileLabels, type PreparedPolicies, type RuleMatcher } from './evaluateConnection';
import { ruleMismatch } from './ruleMatching';
import type { Direction, Endpoint, Policy, PolicySet, Traffic } from './policyModel';
import { probeSpace } from './sanityProbes';

/**
 * The decisions of one policy set on every probe between the endpoints (and between each endpoint and each probe
 * address), kept to ask cheaply whether a changed policy set decides anything differently. Endpoints that no policy
 * can tell apart (same kind, namespace, labels, service account, named ports, addresses, profiles) are asked once;
 * a class of two or more keeps two members, so traffic between its own members is asked too.
 *
 * Each direction's decision is kept with the place of what decided it in evaluation order (policies of all tiers
 * one after the other): a change to a policy placed after it cannot change that decision.
 */
export interface Connectivity {
  readonly set: PolicySet;
  /** Endpoints as policies see them (with the labels their profiles apply), by pair. */
  readonly pairs: readonly (readonly [Endpoint, Endpoint])[];
  readonly traffic: readonly Traffic[];
  /** Per pair and probe: whether the source's egress allows it, and whether the destination's ingress does. */
  readonly egress: Uint8Array;
  readonly ingress: Uint8Array;
  /** Per pair and probe: the place in evaluation order of what decided each direction (see `placeOf`). */
  readonly egressDecider: Float64Array;
  readonly ingressDecider: Float64Array;
  readonly endpoints: readonly Endpoint[];
  /** Every policy's place in evaluation order. */
  readonly places: ReadonlyMap<Policy, number>;
  /** Rule matching, remembered per rule, pair and probe: changed sets keep the same rule objects. */
  readonly ruleMatches: RuleMatcher;
}

/**
 * A rule matcher that remembers, per rule, its answer for each (source, destination, probe) of the space; other
 * questions are asked directly.
 */
function rememberingMatcher(endpoints: readonly Endpoint[], traffic: readonly Traffic[]): RuleMatcher {
  const endpointIndex = new Map(endpoints.map((endpoint, index) => [endpoint, index] as const));
  const trafficIndex = new Map(traffic.map((probe, index) => [probe, index] as const));
  const size = endpoints.length * endpoints.length * traffic.length;
  const answers = new WeakMap<object, Uint8Array>();
  return (rule, scope, source, destination, probe, context) => {
    const from = endpointIndex.get(source);
    const to = endpointIndex.get(destination);
    const at = trafficIndex.get(probe);
    if (from === undefined || to === undefined || at === undefined) return ruleMismatch(rule, source, destination, probe, scope, context, true) === undefined;
    let known = answers.get(rule);
    if (known === undefined) {
      known = new Uint8Array(size);
      answers.set(rule, known);
    }
    const slot = (from * endpoints.length + to) * traffic.length + at;
    const answer = known[slot];
    if (answer !== undefined && answer !== 0) return answer === 1;
    const matches = ruleMismatch(rule, source, destination, probe, scope, context, true) === undefined;
    known[slot] = matches ? 1 : 2;
    return matches;
  };
}

function endpointKey(endpoint: Endpoint): string {
  if (endpoint.kind === 'address') return `address ${endpoint.ip.text}`;
  const labels = Object.entries(endpoint.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const common = { labels, ips: endpoint.ips.map((ip) => ip.text).sort(), ports: endpoint.namedPorts.map((port) => `${port.name}=${port.port}/${port.protocol}`).sort() };
  if (endpoint.kind === 'pod') return JSON.stringify({ kind: 'pod', namespace: endpoint.namespace, serviceAccount: endpoint.serviceAccount, ...common });
  return JSON.stringify({ kind: 'host', interfaceName: endpoint.interfaceName, node: endpoint.node, profiles: endpoint.profiles, ...common });
}

function representatives(endpoints: readonly Endpoint[]): Endpoint[] {
  const classes = new Map<string, Endpoint[]>();
  for (const endpoint of endpoints) {
    const key = endpointKey(endpoint);
    const members = classes.get(key) ?? [];
    if (members.length < 2) members.push(endpoint);
    classes.set(key, members);
  }
  return [...classes.values()].flat();
}

/** Places in evaluation order: each policy's, each tier's end (its implicit default), and whether names are unique. */
interface Order {
  readonly places: ReadonlyMap<Policy, number>;
  readonly byName: ReadonlyMap<string, number | undefined>;
  readonly tierEnds: ReadonlyMap<string, number>;
}

function orderOf(prepared: PreparedPolicies): Order {
  const places = new Map<Policy, number>();
  const byName = new Map<string, number | undefined>();
  const tierEnds = new Map<string, number>();
  let place = 0;
  for (const { tier, policies } of prepared.tiers) {
    for (const policy of policies) {
      places.set(policy, place);
      const key = `${tier.name}/${policy.namespace ?? ''}/${policy.name}`;
      // Two policies of one name cannot be told apart by a decision: neither place is trusted.
      byName.set(key, byName.has(key) ? undefined : place);
      place++;
    }
    tierEnds.set(tier.name, place - 0.5);
  }
  return { places, byName, tierEnds };
}

/** Where in evaluation order a decision was made; profiles and unknowns come after every policy. */
function placeOf(decision: Decision, order: Order): number {
  if (decision.kind === 'no-endpoint') return -1;
  if (decision.kind === 'rule') return order.byName.get(`${decision.tier ?? ''}/${decision.policyNamespace ?? ''}/${decision.policy ?? ''}`) ?? Number.POSITIVE_INFINITY;
  if (decision.kind === 'end-of-tier') return order.tierEnds.get(decision.tier ?? '') ?? Number.POSITIVE_INFINITY;
  return Number.POSITIVE_INFINITY;
}

function decideDirection(direction: Direction, pairs: readonly (readonly [Endpoint, Endpoint])[], traffic: readonly Traffic[], prepared: PreparedPolicies, order: Order): { allowed: Uint8Array; decider: Float64Array } {
  const allowed = new Uint8Array(pairs.length * traffic.length);
  const decider = new Float64Array(pairs.length * traffic.length);
  pairs.forEach(([source, destination], pairIndex) => {
    const endpoint = direction === 'egress' ? source : destination;
    traffic.forEach((probe, probeIndex) => {
      const decision = evaluateDirection(endpoint, direction, source, destination, probe, prepared, false).decision;
      allowed[pairIndex * traffic.length + probeIndex] = decision.allowed ? 1 : 0;
      decider[pairIndex * traffic.length + probeIndex] = placeOf(decision, order);
    });
  });
  return { allowed, decider };
}

/** How many direction decisions connectivityOf would make: a caller with a budget asks first. */
export function plannedDecisions(set: PolicySet, endpoints: readonly Endpoint[]): number {
  const chosen = representatives(endpoints);
  const space = probeSpace(set, chosen);
  return (chosen.length * (chosen.length - 1) + 2 * chosen.length * space.addresses.length) * space.traffic.length * 2;
}

/** Decides every probe of the set's own probe space (see sanityProbes.ts) between `endpoints`. */
export function connectivityOf(set: PolicySet, endpoints: readonly Endpoint[]): Connectivity {
  const labelling = preparePolicies(set);
  const chosen = representatives(endpoints).map((endpoint) => withProfileLabels(endpoint, labelling));
  const space = probeSpace(set, chosen);
  const ruleMatches = rememberingMatcher([...chosen, ...space.addresses], space.traffic);
  const prepared = preparePolicies(set, ruleMatches);
  const order = orderOf(prepared);
  const pairs: (readonly [Endpoint, Endpoint])[] = [];
  for (const source of chosen) for (const destination of chosen) if (source !== destination) pairs.push([source, destination]);
  for (const endpoint of chosen) for (const address of space.addresses) pairs.push([endpoint, address], [address, endpoint]);
  const egress = decideDirection('egress', pairs, space.traffic, prepared, order);
  const ingress = decideDirection('ingress', pairs, space.traffic, prepared, order);
  return { set, pairs, traffic: space.traffic, egress: egress.allowed, ingress: ingress.allowed, egressDecider: egress.decider, ingressDecider: ingress.decider, endpoints: chosen, places: order.places, ruleMatches };
}

/** Where a change can show: the endpoints whose egress, and those whose ingress, the changed policy decides. */
export interface ChangeScope {
  readonly egress: ReadonlySet<Endpoint>;
  readonly ingress: ReadonlySet<Endpoint>;
  /** The changed policy's place in evaluation order: decisions made before it stand. */
  readonly place: number;
}

/** The endpoints `policy` (one of the connectivity's set) selects in each of its directions, or in the one given. */
export function scopeOf(policy: Policy, connectivity: Connectivity, only?: Direction): ChangeScope {
  const prepared = preparePolicies(connectivity.set);
  const selected = connectivity.endpoints.filter((endpoint) => policySelects(policy, endpoint, prepared));
  const within = (direction: Direction): ReadonlySet<Endpoint> => new Set(policy.types.includes(direction) && (only === undefined || only === direction) ? selected : []);
  return { egress: within('egress'), ingress: within('ingress'), place: connectivity.places.get(policy) ?? Number.NEGATIVE_INFINITY };
}

/**
 * Whether `changed` decides any probe of `connectivity` differently. With a scope, a direction is asked again only
 * at the endpoints it names and where the old decision was not made before the changed policy; a probe the other
 * direction denies anyway is not asked at all; the first difference ends the search. Without a scope, everything is
 * asked again. `matters` narrows further to the probes a change can touch (those a removed rule matches).
 */
export function changesConnectivity(connectivity: Connectivity, changed: PolicySet, scope?: ChangeScope, matters?: (source: Endpoint, destination: Endpoint, traffic: Traffic) => boolean): boolean {
  const prepared = preparePolicies(changed, connectivity.ruleMatches);
  const { pairs, traffic, egress, ingress, egressDecider, ingressDecider } = connectivity;
  const place = scope?.place ?? Number.NEGATIVE_INFINITY;
  for (let pairIndex = 0; pairIndex < pairs.length; pairIndex++) {
    const pair = pairs[pairIndex];
    if (pair === undefined) continue;
    const [source, destination] = pair;
    const egressInScope = scope === undefined || scope.egress.has(source);
    const ingressInScope = scope === undefined || scope.ingress.has(destination);
    if (!egressInScope && !ingressInScope) continue;
    for (let probeIndex = 0; probeIndex < traffic.length; probeIndex++) {
      const probe = traffic[probeIndex];
      if (probe === undefined) continue;
      const at = pairIndex * traffic.length + probeIndex;
      const askEgress = egressInScope && (egressDecider[at] ?? Number.POSITIVE_INFINITY) >= place;
      const askIngress = ingressInScope && (ingressDecider[at] ?? Number.POSITIVE_INFINITY) >= place;
      if (!askEgress && !askIngress) continue;
      const before = (egress[at] ?? 0) & (ingress[at] ?? 0);
      if (!askIngress && ingress[at] === 0) continue;
      if (!askEgress && egress[at] === 0) continue;
      if (matters !== undefined && !matters(source, destination, probe)) continue;
      const egressNow = askEgress ? evaluateDirection(source, 'egress', source, destination, probe, prepared, false).decision.allowed : egress[at] === 1;
      if (!egressNow && before === 0) continue;
      const ingressNow = askIngress ? evaluateDirection(destination, 'ingress', source, destination, probe, prepared, false).decision.allowed : ingress[at] === 1;
      if ((egressNow && ingressNow ? 1 : 0) !== before) return true;
    }
  }
  return false;
}
