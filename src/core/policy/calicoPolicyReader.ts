import { cidrList, portList, protocolField, selectorField } from './entityParts';
import type { Direction, EntityMatch, IcmpMatch, Policy, PolicyRule, Profile, RuleAction, Tier } from './policyModel';
import { isRecord, labelsAt, listAt, recordAt, stringAt, type IssueSink } from './readIssues';

const ACTIONS: readonly RuleAction[] = ['Allow', 'Deny', 'Pass', 'Log'];

function entityMatch(value: unknown, path: string, sink: IssueSink): EntityMatch {
  if (!isRecord(value)) return {};
  const accounts = recordAt(value, 'serviceAccounts');
  const names = accounts ? listAt(accounts, 'names').map(String) : [];
  const parts = {
    nets: cidrList(value['nets'] ?? (value['net'] === undefined ? undefined : [value['net']]), `${path}.nets`, sink),
    notNets: cidrList(value['notNets'] ?? (value['notNet'] === undefined ? undefined : [value['notNet']]), `${path}.notNets`, sink),
    selector: selectorField(value['selector'], `${path}.selector`, sink),
    notSelector: selectorField(value['notSelector'], `${path}.notSelector`, sink),
    namespaceSelector: selectorField(value['namespaceSelector'], `${path}.namespaceSelector`, sink),
    serviceAccountNames: accounts && names.length > 0 ? names : undefined,
    serviceAccountSelector: accounts ? selectorField(accounts['selector'], `${path}.serviceAccounts.selector`, sink) : undefined,
    ports: portList(value['ports'], `${path}.ports`, sink),
    notPorts: portList(value['notPorts'], `${path}.notPorts`, sink),
  };
  return Object.fromEntries(Object.entries(parts).filter(([, part]) => part !== undefined));
}

function icmpField(value: unknown): IcmpMatch | undefined {
  if (!isRecord(value)) return undefined;
  const type = typeof value['type'] === 'number' ? value['type'] : undefined;
  const code = typeof value['code'] === 'number' ? value['code'] : undefined;
  return { ...(type === undefined ? {} : { type }), ...(code === undefined ? {} : { code }) };
}

/** One Calico rule (projectcalico.org/v3 Rule). */
export function readCalicoRule(value: unknown, path: string, sink: IssueSink): PolicyRule | undefined {
  if (!isRecord(value)) {
    sink.add(path, 'a rule must be a mapping');
    return undefined;
  }
  const action = value['action'];
  if (typeof action !== 'string' || !ACTIONS.includes(action as RuleAction)) {
    sink.add(`${path}.action`, `action must be one of ${ACTIONS.join(', ')}`);
    return undefined;
  }
  const protocol = protocolField(value['protocol']);
  const notProtocol = protocolField(value['notProtocol']);
  const icmp = icmpField(value['icmp']);
  const notIcmp = icmpField(value['notICMP']);
  const ipVersion = value['ipVersion'] === 4 || value['ipVersion'] === 6 ? value['ipVersion'] : undefined;
  const rule: PolicyRule = {
    action: action as RuleAction,
    ...(protocol === undefined ? {} : { protocol }),
    ...(notProtocol === undefined ? {} : { notProtocol }),
    ...(icmp === undefined ? {} : { icmp }),
    ...(notIcmp === undefined ? {} : { notIcmp }),
    ...(ipVersion === undefined ? {} : { ipVersion }),
    source: entityMatch(value['source'], `${path}.source`, sink),
    destination: entityMatch(value['destination'], `${path}.destination`, sink),
    origin: path,
  };
  const hasPorts = [rule.source, rule.destination].some((entity) => entity.ports !== undefined || entity.notPorts !== undefined);
  if (hasPorts && (protocol === undefined || !['TCP', 'UDP', 'SCTP', 'UDPLITE', '6', '17', '132', '136'].includes(protocol))) {
    sink.add(path, 'ports need protocol TCP, UDP, SCTP or UDPLite (Calico rejects this rule)');
  }
  return rule;
}

export function readCalicoRules(spec: unknown, direction: Direction, sink: IssueSink): PolicyRule[] {
  return listAt(spec, direction).flatMap((rule, index) => readCalicoRule(rule, `${direction}[${index}]`, sink) ?? []);
}

/**
 * `types` as written, or Calico's default: Ingress when there are no egress rules, Egress when there are only
 * egress rules, both when there are both (Calico docs, NetworkPolicy "types").
 */
export function policyTypes(spec: unknown, ingressCount: number, egressCount: number, sink: IssueSink): Direction[] {
  const written = listAt(spec, 'types');
  if (written.length > 0) {
    const types: Direction[] = [];
    for (const type of written) {
      if (type === 'Ingress') types.push('ingress');
      else if (type === 'Egress') types.push('egress');
      else sink.add('types', `unknown type ${JSON.stringify(type)} (Ingress, Egress)`);
    }
    return types;
  }
  if (egressCount === 0) return ['ingress'];
  return ingressCount === 0 ? ['egress'] : ['ingress', 'egress'];
}

/** A Calico NetworkPolicy (namespaced) or GlobalNetworkPolicy, with the tier and order it sorts by. */
export function readCalicoPolicy(object: unknown, global: boolean, sink: IssueSink, origin?: string): Policy {
  const metadata = recordAt(object, 'metadata');
  const spec = recordAt(object, 'spec') ?? {};
  const ingress = readCalicoRules(spec, 'ingress', sink);
  const egress = readCalicoRules(spec, 'egress', sink);
  const order = typeof spec['order'] === 'number' ? spec['order'] : typeof spec['order'] === 'string' && spec['order'] !== '' && !Number.isNaN(Number(spec['order'])) ? Number(spec['order']) : undefined;
  const namespaceSelector = global ? selectorField(spec['namespaceSelector'], 'spec.namespaceSelector', sink) : undefined;
  const serviceAccountSelector = selectorField(spec['serviceAccountSelector'], 'spec.serviceAccountSelector', sink);
  return {
    source: global ? 'GlobalNetworkPolicy' : 'NetworkPolicy',
    name: stringAt(metadata, 'name') ?? '(unnamed)',
    namespace: global ? undefined : stringAt(metadata, 'namespace') ?? 'default',
    tier: stringAt(spec, 'tier') ?? 'default',
    order,
    selector: selectorField(spec['selector'], 'spec.selector', sink) ?? { kind: 'all' },
    ...(namespaceSelector === undefined ? {} : { namespaceSelector }),
    ...(serviceAccountSelector === undefined ? {} : { serviceAccountSelector }),
    types: policyTypes(spec, ingress.length, egress.length, sink),
    ingress,
    egress,
    ...(origin === undefined ? {} : { origin }),
  };
}

export function readTier(object: unknown): Tier {
  const spec = recordAt(object, 'spec');
  const order = spec?.['order'];
  return { name: stringAt(recordAt(object, 'metadata'), 'name') ?? '(unnamed)', order: typeof order === 'number' ? order : undefined, defaultAction: stringAt(spec, 'defaultAction') === 'Pass' ? 'Pass' : 'Deny' };
}

export function readProfile(object: unknown, sink: IssueSink): Profile {
  const spec = recordAt(object, 'spec') ?? {};
  return { name: stringAt(recordAt(object, 'metadata'), 'name') ?? '(unnamed)', ingress: readCalicoRules(spec, 'ingress', sink), egress: readCalicoRules(spec, 'egress', sink), labelsToApply: labelsAt(spec, 'labelsToApply') };
}
