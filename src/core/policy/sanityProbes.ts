import { networkAddress, parseCidr, type Cidr } from '../net/cidr';
import type { Endpoint, EntityMatch, PolicyRule, PolicySet, Traffic } from './policyModel';
import { isIcmp } from './ruleMatching';

/**
 * The finite set of questions that stands for all traffic when two policy sets are compared: one probe per class of
 * traffic no rule of the set tells apart. Port ranges, named ports, protocols, ICMP types and codes and CIDRs the
 * rules mention cut their space into intervals; each interval gets one representative, and one more stands for
 * "none of them". Comparing the decisions on these probes is comparing the policy sets on all traffic between the
 * given endpoints and addresses.
 */
export interface ProbeSpace {
  readonly traffic: readonly Traffic[];
  /** Addresses outside the endpoints: the bounds of every CIDR mentioned, their neighbours, and one outside all (IPv6 too when a rule names IPv6). */
  readonly addresses: readonly Endpoint[];
}

const PORT_PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
/** Protocols without ports that stand for "any other protocol" when no rule names them (GRE, VRRP). */
const OTHER_PROTOCOLS = ['47', '112'];
const FALLBACK_ADDRESSES = ['8.8.8.8', '1.1.1.1', '192.168.0.1', '10.0.0.1', '172.16.0.1'];
const FALLBACK_ADDRESSES_6 = ['2001:4860:4860::8888', '2606:4700:4700::1111', 'fd00::1'];

function allRules(set: PolicySet): PolicyRule[] {
  return [...set.policies.flatMap((policy) => [...policy.ingress, ...policy.egress]), ...set.profiles.flatMap((profile) => [...profile.ingress, ...profile.egress])];
}

/** Every port where a rule's port set may begin or end: each range's start and the port after its end. */
function portCuts(rules: readonly PolicyRule[], endpoints: readonly Endpoint[]): number[] {
  const cuts = new Set<number>([1]);
  const namedPorts = new Map<string, number[]>();
  for (const endpoint of endpoints) {
    if (endpoint.kind === 'address') continue;
    for (const named of endpoint.namedPorts) namedPorts.set(named.name, [...(namedPorts.get(named.name) ?? []), named.port]);
  }
  const visit = (entity: EntityMatch): void => {
    for (const match of [...(entity.ports ?? []), ...(entity.notPorts ?? [])]) {
      const ranges = match.kind === 'range' ? [[match.from, match.to]] : (namedPorts.get(match.name) ?? []).map((port) => [port, port]);
      for (const [from, to] of ranges) {
        if (from !== undefined) cuts.add(from);
        if (to !== undefined && to < 65535) cuts.add(to + 1);
      }
    }
  };
  for (const rule of rules) {
    visit(rule.source);
    visit(rule.destination);
  }
  return [...cuts].filter((port) => port >= 1 && port <= 65535).sort((a, b) => a - b);
}

function icmpProbes(rules: readonly PolicyRule[]): Traffic[] {
  const types = new Set<number>();
  const codes = new Set<number>();
  for (const rule of rules) {
    for (const match of [rule.icmp, rule.notIcmp]) {
      if (match?.type !== undefined) types.add(match.type);
      if (match?.code !== undefined) codes.add(match.code);
    }
  }
  const unused = (taken: Set<number>): number => [0, 8, 3, 11, 254, 255, 100].find((value) => !taken.has(value)) ?? 253;
  const typeChoices = [...types, unused(types)];
  const codeChoices = [...codes, unused(codes)];
  return ['ICMP', ...(rules.some((rule) => rule.protocol !== undefined && isIcmp(rule.protocol) && rule.protocol.toUpperCase() !== 'ICMP') ? ['ICMPv6'] : [])].flatMap((protocol) =>
    typeChoices.flatMap((icmpType) => codeChoices.map((icmpCode): Traffic => ({ protocol, icmpType, icmpCode }))),
  );
}

function otherProtocols(rules: readonly PolicyRule[]): string[] {
  const named = new Set<string>(OTHER_PROTOCOLS);
  for (const rule of rules) {
    for (const protocol of [rule.protocol, rule.notProtocol]) {
      if (protocol === undefined || isIcmp(protocol) || ['TCP', 'UDP', 'SCTP', 'UDPLITE', '6', '17', '132', '136'].includes(protocol.toUpperCase())) continue;
      named.add(protocol);
    }
  }
  return [...named];
}

function addressText(value: bigint, family: 4 | 6): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
  return Array.from({ length: 8 }, (_, group) => ((value >> BigInt(16 * (7 - group))) & 0xffffn).toString(16)).join(':');
}

function addressEndpoint(value: bigint, family: 4 | 6): Endpoint | undefined {
  if (value < 0n || value >= 1n << (family === 4 ? 32n : 128n)) return undefined;
  const parsed = parseCidr(`${addressText(value, family)}/${family === 4 ? 32 : 128}`);
  return parsed.ok ? { kind: 'address', ip: parsed.cidr, labels: {} } : undefined;
}

function lastAddress(cidr: Cidr): bigint {
  return networkAddress(cidr) + (1n << BigInt((cidr.family === 4 ? 32 : 128) - cidr.prefixLength)) - 1n;
}

/** The first and last address of every CIDR the rules or network sets name, the addresses either side, and one outside all. */
function addressProbes(set: PolicySet): Endpoint[] {
  const cidrs: Cidr[] = [...set.networkSets.flatMap((networkSet) => networkSet.nets)];
  for (const rule of allRules(set)) for (const entity of [rule.source, rule.destination]) cidrs.push(...(entity.nets ?? []), ...(entity.notNets ?? []));
  const probes: Endpoint[] = [];
  for (const family of [4, 6] as const) {
    const ofFamily = cidrs.filter((cidr) => cidr.family === family);
    if (family === 6 && ofFamily.length === 0) continue;
    const values = new Set<bigint>();
    for (const cidr of ofFamily) for (const value of [networkAddress(cidr) - 1n, networkAddress(cidr), lastAddress(cidr), lastAddress(cidr) + 1n]) values.add(value);
    const inside = (value: bigint): boolean => ofFamily.some((cidr) => value >= networkAddress(cidr) && value <= lastAddress(cidr));
    const outside = (family === 4 ? FALLBACK_ADDRESSES : FALLBACK_ADDRESSES_6).map((text) => parseCidr(`${text}/${family === 4 ? 32 : 128}`)).find((parsed) => parsed.ok && !inside(parsed.cidr.address));
    if (outside?.ok) values.add(outside.cidr.address);
    for (const value of [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const endpoint = addressEndpoint(value, family);
      if (endpoint !== undefined) probes.push(endpoint);
    }
  }
  return probes;
}

export function probeSpace(set: PolicySet, endpoints: readonly Endpoint[]): ProbeSpace {
  const rules = allRules(set);
  const ports = portCuts(rules, endpoints);
  // UDPLite carries ports too; it gets port probes when a rule names it (else it is one more protocol without them).
  const namesUdpLite = rules.some((rule) => [rule.protocol, rule.notProtocol].some((protocol) => protocol !== undefined && ['UDPLITE', '136'].includes(protocol.toUpperCase())));
  const traffic: Traffic[] = [
    ...[...PORT_PROTOCOLS, ...(namesUdpLite ? ['UDPLite'] : [])].flatMap((protocol) => ports.map((port): Traffic => ({ protocol, port }))),
    ...icmpProbes(rules),
    ...otherProtocols(rules).map((protocol): Traffic => ({ protocol })),
  ];
  return { traffic, addresses: addressProbes(set) };
}
