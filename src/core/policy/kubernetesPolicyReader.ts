import { cidrList } from './entityParts';
import { labelSelectorToSelector } from './labelSelector';
import type { Direction, EntityMatch, Policy, PolicyRule, PortMatch } from './policyModel';
import { isRecord, listAt, recordAt, stringAt, type IssueSink } from './readIssues';
import { andSelectors, type Selector } from './selectorSyntax';
import { KUBERNETES_POLICY_ORDER } from './tierDefaults';

/** Calico marks the endpoints of Kubernetes pods so that a converted peer never selects a host endpoint. */
export const ORCHESTRATOR_K8S: Selector = { kind: 'eq', key: 'projectcalico.org/orchestrator', value: 'k8s' };

function labelSelector(value: unknown, path: string, sink: IssueSink): Selector {
  const result = labelSelectorToSelector(value);
  if (result.ok) return result.selector;
  sink.add(path, result.error);
  return { kind: 'not', operand: { kind: 'all' } };
}

/** One `from`/`to` peer, as libcalico-go k8s/conversion's k8sPeerToCalicoFields makes it. */
function peerMatch(peer: unknown, path: string, sink: IssueSink): EntityMatch {
  if (!isRecord(peer)) return {};
  const ipBlock = recordAt(peer, 'ipBlock');
  if (ipBlock) {
    const nets = cidrList([ipBlock['cidr']], `${path}.ipBlock.cidr`, sink) ?? [];
    const except = cidrList(ipBlock['except'], `${path}.ipBlock.except`, sink);
    return { nets, ...(except === undefined || except.length === 0 ? {} : { notNets: except }) };
  }
  const podSelector = peer['podSelector'] === undefined ? undefined : labelSelector(peer['podSelector'], `${path}.podSelector`, sink);
  const namespaceSelector = peer['namespaceSelector'] === undefined ? undefined : labelSelector(peer['namespaceSelector'], `${path}.namespaceSelector`, sink);
  return { selector: andSelectors(podSelector ?? { kind: 'all' }, ORCHESTRATOR_K8S), ...(namespaceSelector === undefined ? {} : { namespaceSelector }) };
}

type PortChoice = { readonly protocol: string; readonly ports?: readonly PortMatch[] };

/** `ports` entries: protocol (TCP by default), a number or a name, and endPort for a range (Kubernetes ≥ 1.25). */
function portChoices(value: unknown, path: string, sink: IssueSink): PortChoice[] {
  const list = listAt(value, 'ports');
  return list.map((entry, index) => {
    const protocol = (stringAt(entry, 'protocol') ?? 'TCP').toUpperCase();
    const port = isRecord(entry) ? entry['port'] : undefined;
    const endPort = isRecord(entry) ? entry['endPort'] : undefined;
    if (port === undefined || port === null) return { protocol };
    if (typeof port === 'number') {
      const to = typeof endPort === 'number' ? endPort : port;
      if (to < port) sink.add(`${path}.ports[${index}].endPort`, 'endPort is below port');
      return { protocol, ports: [{ kind: 'range', from: port, to }] };
    }
    if (typeof port !== 'string') {
      sink.add(`${path}.ports[${index}].port`, 'port must be a number or a port name');
      return { protocol, ports: [] };
    }
    if (/^\d+$/.test(port)) return { protocol, ports: [{ kind: 'range', from: Number(port), to: Number(port) }] };
    return { protocol, ports: [{ kind: 'named', name: port }] };
  });
}

function convertRules(spec: Record<string, unknown>, direction: Direction, sink: IssueSink): PolicyRule[] {
  const peerKey = direction === 'ingress' ? 'from' : 'to';
  return listAt(spec, direction).flatMap((rule, ruleIndex) => {
    const path = `${direction}[${ruleIndex}]`;
    const peers = listAt(rule, peerKey);
    const peerMatches: { match: EntityMatch; origin: string }[] = peers.length === 0 ? [{ match: {}, origin: '' }] : peers.map((peer, peerIndex) => ({ match: peerMatch(peer, `${path}.${peerKey}[${peerIndex}]`, sink), origin: ` ${peerKey}[${peerIndex}]` }));
    const ports = portChoices(rule, path, sink);
    const choices: { choice: PortChoice | undefined; origin: string }[] = ports.length === 0 ? [{ choice: undefined, origin: '' }] : ports.map((choice, index) => ({ choice, origin: ` ports[${index}]` }));
    return peerMatches.flatMap((peer) =>
      choices.map(({ choice, origin }): PolicyRule => {
        const portPart: EntityMatch = choice?.ports === undefined ? {} : { ports: choice.ports };
        const peerSide = peer.match;
        return {
          action: 'Allow',
          ...(choice === undefined ? {} : { protocol: choice.protocol }),
          source: direction === 'ingress' ? peerSide : {},
          destination: direction === 'ingress' ? portPart : { ...peerSide, ...portPart },
          origin: `${path}${peer.origin}${origin}`,
        };
      }),
    );
  });
}

/**
 * A Kubernetes NetworkPolicy as Calico runs it: policy `knp.default.<name>` in tier default, order 1000, selecting
 * the pods of its namespace; each (peer, port) pair of a rule is one Allow rule; what no rule allows ends in the
 * tier's implicit deny. policyTypes default to Ingress, plus Egress when there are egress rules (Kubernetes API).
 */
export function readKubernetesPolicy(object: unknown, sink: IssueSink, origin?: string): Policy {
  const metadata = recordAt(object, 'metadata');
  const spec = recordAt(object, 'spec') ?? {};
  const written = listAt(spec, 'policyTypes');
  const types: Direction[] = written.length > 0 ? written.flatMap((type): Direction[] => (type === 'Ingress' ? ['ingress'] : type === 'Egress' ? ['egress'] : [])) : ['ingress', ...(spec['egress'] === undefined ? [] : ['egress' as const])];
  return {
    source: 'KubernetesNetworkPolicy',
    name: `knp.default.${stringAt(metadata, 'name') ?? '(unnamed)'}`,
    namespace: stringAt(metadata, 'namespace') ?? 'default',
    tier: 'default',
    order: KUBERNETES_POLICY_ORDER,
    selector: andSelectors(labelSelector(spec['podSelector'], 'spec.podSelector', sink), ORCHESTRATOR_K8S),
    types,
    ingress: convertRules(spec, 'ingress', sink),
    egress: convertRules(spec, 'egress', sink),
    ...(origin === undefined ? {} : { origin }),
  };
}
