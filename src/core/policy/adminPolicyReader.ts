import { cidrList } from './entityParts';
import { ORCHESTRATOR_K8S } from './kubernetesPolicyReader';
import { labelSelectorToSelector } from './labelSelector';
import type { Direction, EntityMatch, Policy, PolicyRule, PortMatch } from './policyModel';
import { isRecord, listAt, recordAt, stringAt, type IssueSink } from './readIssues';
import { ALL_SELECTOR, andSelectors, type Selector } from './selectorSyntax';
import { ADMIN_TIER, BASELINE_ADMIN_TIER } from './tierDefaults';

function selectorOf(value: unknown, path: string, sink: IssueSink): Selector {
  const result = labelSelectorToSelector(value);
  if (result.ok) return result.selector;
  sink.add(path, result.error);
  return { kind: 'not', operand: ALL_SELECTOR };
}

/** `subject` and peers: `namespaces` (every pod of the selected namespaces) or `pods` (namespaceSelector + podSelector). */
function podsAndNamespaces(value: unknown, path: string, sink: IssueSink): { selector: Selector; namespaceSelector: Selector } | undefined {
  const namespaces = recordAt(value, 'namespaces');
  if (namespaces !== undefined || (isRecord(value) && value['namespaces'] === null)) return { selector: ORCHESTRATOR_K8S, namespaceSelector: selectorOf(namespaces, `${path}.namespaces`, sink) };
  const pods = recordAt(value, 'pods');
  if (pods !== undefined) return { selector: andSelectors(selectorOf(pods['podSelector'], `${path}.pods.podSelector`, sink), ORCHESTRATOR_K8S), namespaceSelector: selectorOf(pods['namespaceSelector'], `${path}.pods.namespaceSelector`, sink) };
  return undefined;
}

function peerOf(value: unknown, path: string, sink: IssueSink): EntityMatch | undefined {
  const scoped = podsAndNamespaces(value, path, sink);
  if (scoped) return { selector: scoped.selector, namespaceSelector: scoped.namespaceSelector };
  if (isRecord(value) && value['networks'] !== undefined) return { nets: cidrList(value['networks'], `${path}.networks`, sink) ?? [] };
  sink.add(path, 'peer kind not modelled (nodes, or unknown): the peer matches nothing here');
  return undefined;
}

function portsOf(rule: unknown): { protocol: string | undefined; ports: readonly PortMatch[] | undefined }[] {
  const list = listAt(rule, 'ports');
  if (list.length === 0) return [{ protocol: undefined, ports: undefined }];
  return list.map((entry) => {
    const number = recordAt(entry, 'portNumber');
    if (number) return { protocol: (stringAt(number, 'protocol') ?? 'TCP').toUpperCase(), ports: [{ kind: 'range', from: Number(number['port']), to: Number(number['port']) }] };
    const range = recordAt(entry, 'portRange');
    if (range) return { protocol: (stringAt(range, 'protocol') ?? 'TCP').toUpperCase(), ports: [{ kind: 'range', from: Number(range['start']), to: Number(range['end']) }] };
    return { protocol: undefined, ports: [{ kind: 'named', name: stringAt(entry, 'namedPort') ?? '' }] };
  });
}

function rulesOf(spec: Record<string, unknown>, direction: Direction, sink: IssueSink): PolicyRule[] {
  const peerKey = direction === 'ingress' ? 'from' : 'to';
  return listAt(spec, direction).flatMap((rule, ruleIndex) => {
    const path = `${direction}[${ruleIndex}]${stringAt(rule, 'name') === undefined ? '' : ` (${stringAt(rule, 'name') ?? ''})`}`;
    const action = stringAt(rule, 'action');
    if (action !== 'Allow' && action !== 'Deny' && action !== 'Pass') {
      sink.add(`${path}.action`, 'action must be Allow, Deny or Pass');
      return [];
    }
    return listAt(rule, peerKey).flatMap((peer, peerIndex) => {
      const match = peerOf(peer, `${path}.${peerKey}[${peerIndex}]`, sink);
      if (match === undefined) return [];
      return portsOf(rule).map(({ protocol, ports }, portIndex): PolicyRule => {
        const portPart: EntityMatch = ports === undefined ? {} : { ports };
        return {
          action: action,
          ...(protocol === undefined ? {} : { protocol }),
          source: direction === 'ingress' ? match : {},
          destination: direction === 'ingress' ? portPart : { ...match, ...portPart },
          origin: `${path} ${peerKey}[${peerIndex}]${ports === undefined ? '' : ` ports[${portIndex}]`}`,
        };
      });
    });
  });
}

/**
 * AdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) and BaselineAdminNetworkPolicy as Calico ≥ 3.29 runs
 * them: a global policy in tier `adminnetworkpolicy` ordered by `priority`, or in `baselineadminnetworkpolicy`.
 */
export function readAdminPolicy(object: unknown, baseline: boolean, sink: IssueSink, origin?: string): Policy {
  const spec = recordAt(object, 'spec') ?? {};
  const subject = podsAndNamespaces(spec['subject'], 'spec.subject', sink) ?? { selector: { kind: 'not', operand: ALL_SELECTOR }, namespaceSelector: ALL_SELECTOR };
  const ingress = rulesOf(spec, 'ingress', sink);
  const egress = rulesOf(spec, 'egress', sink);
  const priority = spec['priority'];
  return {
    source: baseline ? 'BaselineAdminNetworkPolicy' : 'AdminNetworkPolicy',
    name: `${baseline ? 'kbanp' : 'kanp'}.${stringAt(recordAt(object, 'metadata'), 'name') ?? '(unnamed)'}`,
    namespace: undefined,
    tier: baseline ? BASELINE_ADMIN_TIER.name : ADMIN_TIER.name,
    order: baseline ? 1000 : typeof priority === 'number' ? priority : undefined,
    selector: subject.selector,
    namespaceSelector: subject.namespaceSelector,
    types: [...(listAt(spec, 'ingress').length > 0 ? ['ingress' as const] : []), ...(listAt(spec, 'egress').length > 0 ? ['egress' as const] : [])],
    ingress,
    egress,
    ...(origin === undefined ? {} : { origin }),
  };
}
