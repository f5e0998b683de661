import { cidrContains, type Cidr } from '../net/cidr';
import type { Endpoint, EntityMatch, IcmpMatch, Namespace, NetworkSet, PolicyRule, PortMatch, ServiceAccount, Traffic } from './policyModel';
import { formatSelector, selectorMatches, type Labels, type Selector } from './selectorSyntax';

/** What rule matching needs to know besides the two endpoints: the labels of namespaces, service accounts, sets. */
export interface MatchContext {
  readonly namespaceLabels: (name: string) => Labels | undefined;
  readonly serviceAccountLabels: (namespace: string, name: string) => Labels | undefined;
  readonly networkSets: readonly NetworkSet[];
}

/** The policy a rule belongs to: a namespaced policy scopes its rules' selectors to its own namespace. */
export interface RuleScope {
  readonly namespace: string | undefined;
}

/** What a quiet ruleMismatch answers for any mismatch. */
export const NO_MATCH = 'does not match';

const PORT_PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP', 'UDPLITE']);
const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = { ICMP: 1, TCP: 6, UDP: 17, ICMPV6: 58, SCTP: 132, UDPLITE: 136 };

const protocolNumbers = new Map<string, number | undefined>();

function protocolNumber(protocol: string): number | undefined {
  if (protocolNumbers.has(protocol)) return protocolNumbers.get(protocol);
  const upper = protocol.toUpperCase();
  const number = upper in PROTOCOL_NUMBERS ? PROTOCOL_NUMBERS[upper] : /^\d+$/.test(protocol) ? Number(protocol) : undefined;
  if (protocolNumbers.size < 1024) protocolNumbers.set(protocol, number);
  return number;
}

export function sameProtocol(a: string, b: string): boolean {
  const left = protocolNumber(a);
  return left !== undefined ? left === protocolNumber(b) : a.toUpperCase() === b.toUpperCase();
}

export function isIcmp(protocol: string): boolean {
  const number = protocolNumber(protocol);
  return number === 1 || number === 58;
}

function ipsOf(endpoint: Endpoint): readonly Cidr[] {
  return endpoint.kind === 'address' ? [endpoint.ip] : endpoint.ips;
}

function namespaceOf(endpoint: Endpoint): string | undefined {
  return endpoint.kind === 'pod' ? endpoint.namespace : undefined;
}

export function describeEndpoint(endpoint: Endpoint): string {
  if (endpoint.kind === 'pod') return `pod ${endpoint.namespace}/${endpoint.name}`;
  if (endpoint.kind === 'host') return `host endpoint ${endpoint.name}`;
  return `address ${endpoint.ip.text}`;
}

/**
 * Ports resolve on the endpoint the entity rule describes: a named port in `destination.ports` is the destination's
 * port of that name (Calico docs, "Named ports"); Felix renders it as an IP-set of (address, protocol, port).
 */
function portMatches(match: PortMatch, port: number, protocol: string, endpoint: Endpoint): boolean {
  if (match.kind === 'range') return port >= match.from && port <= match.to;
  if (endpoint.kind === 'address') return false;
  return endpoint.namedPorts.some((named) => named.name === match.name && named.port === port && sameProtocol(named.protocol, protocol));
}

function formatPorts(ports: readonly PortMatch[]): string {
  return ports.map((port) => (port.kind === 'named' ? port.name : port.from === port.to ? String(port.from) : `${port.from}:${port.to}`)).join(', ');
}

function icmpMatches(match: IcmpMatch, traffic: Traffic): boolean {
  if (match.type !== undefined && traffic.icmpType !== match.type) return false;
  return match.code === undefined || traffic.icmpCode === match.code;
}

/** The labels a selector of a rule sees on an endpoint; an address has the labels of the network sets holding it. */
function candidateLabelSets(endpoint: Endpoint, context: MatchContext): readonly { readonly labels: Labels; readonly namespace: string | undefined; readonly isGlobal: boolean }[] {
  if (endpoint.kind === 'pod') return [{ labels: endpoint.labels, namespace: endpoint.namespace, isGlobal: false }];
  if (endpoint.kind === 'host') return [{ labels: endpoint.labels, namespace: undefined, isGlobal: true }];
  return context.networkSets.filter((set) => set.nets.some((net) => cidrContains(net, endpoint.ip))).map((set) => ({ labels: set.labels, namespace: set.namespace, isGlobal: set.namespace === undefined }));
}

/**
 * Selector, notSelector, namespaceSelector and serviceAccounts of one entity rule. As libcalico-go's
 * updateprocessors/rules.go converts them: a namespaceSelector restricts the selector to endpoints of matching
 * namespaces; without one, a namespaced policy's selector and service accounts see only its own namespace, a global
 * policy's see every endpoint.
 */
function peerMismatch(entity: EntityMatch, endpoint: Endpoint, scope: RuleScope, context: MatchContext, quiet: boolean): string | undefined {
  const positive = entity.selector !== undefined || entity.namespaceSelector !== undefined || entity.serviceAccountNames !== undefined || entity.serviceAccountSelector !== undefined;
  const candidates = candidateLabelSets(endpoint, context);
  if (positive) {
    const matching = candidates.filter((candidate) => {
      if (entity.namespaceSelector !== undefined) {
        if (candidate.namespace === undefined) {
          if (!namespaceSelectorTakesGlobal(entity.namespaceSelector)) return false;
        } else if (!selectorMatches(entity.namespaceSelector, context.namespaceLabels(candidate.namespace) ?? { 'projectcalico.org/name': candidate.namespace }, false)) return false;
      } else if (scope.namespace !== undefined && candidate.namespace !== scope.namespace) return false;
      if (entity.selector !== undefined && !selectorMatches(entity.selector, candidate.labels, candidate.isGlobal)) return false;
      if (entity.serviceAccountNames !== undefined || entity.serviceAccountSelector !== undefined) {
        if (endpoint.kind !== 'pod') return false;
        if (entity.serviceAccountNames !== undefined && !entity.serviceAccountNames.includes(endpoint.serviceAccount)) return false;
        if (entity.serviceAccountSelector !== undefined && !selectorMatches(entity.serviceAccountSelector, context.serviceAccountLabels(endpoint.namespace, endpoint.serviceAccount) ?? {}, false)) return false;
      }
      return true;
    });
    if (matching.length === 0) return quiet ? NO_MATCH : positiveMismatch(entity, endpoint, scope);
  }
  if (entity.notSelector !== undefined) {
    const notSelector = entity.notSelector;
    if (candidates.some((candidate) => selectorMatches(notSelector, candidate.labels, candidate.isGlobal))) return quiet ? NO_MATCH : `${describeEndpoint(endpoint)} matches notSelector ${formatSelector(notSelector)}`;
  }
  return undefined;
}

function positiveMismatch(entity: EntityMatch, endpoint: Endpoint, scope: RuleScope): string {
  const parts: string[] = [];
  if (entity.selector !== undefined) parts.push(`selector ${formatSelector(entity.selector)}`);
  if (entity.namespaceSelector !== undefined) parts.push(`namespaceSelector ${formatSelector(entity.namespaceSelector)}`);
  else if (scope.namespace !== undefined) parts.push(`namespace ${scope.namespace}`);
  if (entity.serviceAccountNames !== undefined) parts.push(`service accounts ${entity.serviceAccountNames.join(', ')}`);
  if (entity.serviceAccountSelector !== undefined) parts.push(`service account selector ${formatSelector(entity.serviceAccountSelector)}`);
  const where = namespaceOf(endpoint);
  return `${describeEndpoint(endpoint)}${where === undefined ? ' (not namespaced)' : ''} is not selected by ${parts.join(' and ')}`;
}

function netsMismatch(entity: EntityMatch, endpoint: Endpoint, quiet: boolean): string | undefined {
  const ips = ipsOf(endpoint);
  if (entity.nets !== undefined) {
    const nets = entity.nets;
    if (ips.length === 0) return quiet ? NO_MATCH : `${describeEndpoint(endpoint)} has no known IP to compare with nets ${nets.map((net) => net.text).join(', ')}`;
    if (!ips.some((ip) => nets.some((net) => cidrContains(net, ip)))) return quiet ? NO_MATCH : `${describeEndpoint(endpoint)} is outside nets ${nets.map((net) => net.text).join(', ')}`;
  }
  if (entity.notNets !== undefined) {
    const notNets = entity.notNets;
    const inside = ips.find((ip) => notNets.some((net) => cidrContains(net, ip)));
    if (inside) return quiet ? NO_MATCH : `${describeEndpoint(endpoint)} (${inside.text}) is inside notNets ${notNets.map((net) => net.text).join(', ')}`;
  }
  return undefined;
}

function portsMismatch(entity: EntityMatch, endpoint: Endpoint, traffic: Traffic, port: number | undefined, side: string, quiet: boolean): string | undefined {
  if (entity.ports === undefined && entity.notPorts === undefined) return undefined;
  if (port === undefined) return quiet ? NO_MATCH : `the ${side} port is not known for ${traffic.protocol}`;
  if (entity.ports !== undefined && !entity.ports.some((match) => portMatches(match, port, traffic.protocol, endpoint))) {
    if (quiet) return NO_MATCH;
    const named = entity.ports.filter((match) => match.kind === 'named');
    const missing = named.length > 0 && endpoint.kind !== 'address' && named.every((match) => !endpoint.namedPorts.some((p) => p.name === (match as { name: string }).name));
    return `${side} port ${port}/${traffic.protocol} is not in ports [${formatPorts(entity.ports)}]${missing ? ` (${describeEndpoint(endpoint)} has no port named ${named.map((match) => (match as { name: string }).name).join(', ')})` : ''}`;
  }
  if (entity.notPorts?.some((match) => portMatches(match, port, traffic.protocol, endpoint))) return quiet ? NO_MATCH : `${side} port ${port}/${traffic.protocol} is in notPorts [${formatPorts(entity.notPorts)}]`;
  return undefined;
}

/**
 * Why `rule` does not match the connection, or undefined when it does. Checks as Felix renders a rule's matches.
 * `quiet` answers a mismatch with NO_MATCH instead of words (matrices and comparisons ask millions of times).
 */
export function ruleMismatch(rule: PolicyRule, source: Endpoint, destination: Endpoint, traffic: Traffic, scope: RuleScope, context: MatchContext, quiet = false): string | undefined {
  if (rule.protocol !== undefined && !sameProtocol(rule.protocol, traffic.protocol)) return quiet ? NO_MATCH : `protocol ${traffic.protocol} is not ${rule.protocol}`;
  if (rule.notProtocol !== undefined && sameProtocol(rule.notProtocol, traffic.protocol)) return quiet ? NO_MATCH : `protocol ${traffic.protocol} is excluded by notProtocol`;
  if (rule.ipVersion !== undefined) {
    const family = ipsOf(destination)[0]?.family ?? ipsOf(source)[0]?.family;
    if (family !== undefined && family !== rule.ipVersion) return quiet ? NO_MATCH : `the connection is IPv${family}, the rule IPv${rule.ipVersion}`;
  }
  if (rule.icmp !== undefined && (!isIcmp(traffic.protocol) || !icmpMatches(rule.icmp, traffic))) return quiet ? NO_MATCH : `ICMP type/code do not match icmp ${JSON.stringify(rule.icmp)}`;
  if (rule.notIcmp !== undefined && isIcmp(traffic.protocol) && icmpMatches(rule.notIcmp, traffic)) return quiet ? NO_MATCH : `ICMP type/code are excluded by notICMP ${JSON.stringify(rule.notIcmp)}`;
  // Ports only mean something for protocols with ports; Calico's validation requires such a protocol on the rule.
  const hasPorts = PORT_PROTOCOLS.has(traffic.protocol.toUpperCase());
  if ((rule.destination.ports !== undefined || rule.source.ports !== undefined) && !hasPorts) return quiet ? NO_MATCH : `protocol ${traffic.protocol} has no ports`;
  return (
    peerMismatch(rule.source, source, scope, context, quiet) ??
    netsMismatch(rule.source, source, quiet) ??
    portsMismatch(rule.source, source, traffic, undefined, 'source', quiet) ??
    peerMismatch(rule.destination, destination, scope, context, quiet) ??
    netsMismatch(rule.destination, destination, quiet) ??
    portsMismatch(rule.destination, destination, traffic, traffic.port, 'destination', quiet)
  );
}

/**
 * A namespaceSelector selects namespaced endpoints only (libcalico-go converts it to a selector on the
 * `pcns.`-prefixed namespace labels, which also requires a namespace); `global()` is the way to name
 * non-namespaced ones (host endpoints, global network sets): Calico docs, EntityRule `namespaceSelector`.
 */
export function namespaceSelectorTakesGlobal(selector: Selector): boolean {
  const mentionsGlobal = (node: Selector): boolean => node.kind === 'global' || (node.kind === 'not' && mentionsGlobal(node.operand)) || ((node.kind === 'and' || node.kind === 'or') && node.operands.some(mentionsGlobal));
  return mentionsGlobal(selector) && selectorMatches(selector, {}, true);
}

/** Convenience for explanations and lint: namespaces as a lookup. */
export function matchContextOf(namespaces: readonly Namespace[], serviceAccounts: readonly ServiceAccount[], networkSets: readonly NetworkSet[]): MatchContext {
  const namespaceMap = new Map(namespaces.map((namespace) => [namespace.name, { ...namespace.labels, 'projectcalico.org/name': namespace.name }]));
  const accountMap = new Map(serviceAccounts.map((account) => [`${account.namespace}/${account.name}`, { ...account.labels, 'projectcalico.org/name': account.name }]));
  return {
    namespaceLabels: (name) => namespaceMap.get(name) ?? { 'projectcalico.org/name': name },
    serviceAccountLabels: (namespace, name) => accountMap.get(`${namespace}/${name}`) ?? { 'projectcalico.org/name': name },
    networkSets,
  };
}

/** Whether `selector` (of a namespaced policy in `namespace`, or global) selects `endpoint` as the policy's subject. */
export function selectsEndpoint(selector: Selector, endpoint: Endpoint): boolean {
  if (endpoint.kind === 'address') return false;
  return selectorMatches(selector, endpoint.labels, endpoint.kind === 'host');
}
