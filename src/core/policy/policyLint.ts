import { cidrContains } from '../net/cidr';
import type { Endpoint, EntityMatch, Policy, PolicyRule, PortMatch } from './policyModel';
import type { PolicyInputs } from './policyInputs';
import { sanityLintFindings } from './policySanityLint';
import { selectsEndpoint } from './ruleMatching';
import { formatSelector, selectorMatches, type Selector } from './selectorSyntax';

export type PolicyLintCode = 'policy-invalid' | 'policy-selects-nothing' | 'policy-rule-shadowed' | 'policy-named-port-missing' | 'policy-direction-default-deny' | 'policy-redundant' | 'policy-rule-redundant' | 'policy-order-conflict';

export interface PolicyLintFinding {
  readonly code: PolicyLintCode;
  readonly severity: 'error' | 'warning' | 'info';
  /** `Kind namespace/name` and the file it came from, when known. */
  readonly policy: string;
  readonly origin: string | undefined;
  /** The field or rule (`spec.selector`, `ingress[2]`). */
  readonly path: string;
  readonly message: string;
}

function label(policy: Policy): string {
  return `${policy.source} ${policy.namespace === undefined ? '' : `${policy.namespace}/`}${policy.name}`;
}

function sameSelector(a: Selector | undefined, b: Selector | undefined): boolean {
  return (a === undefined && b === undefined) || (a !== undefined && b !== undefined && formatSelector(a) === formatSelector(b));
}

function portsCover(outer: readonly PortMatch[] | undefined, inner: readonly PortMatch[] | undefined): boolean {
  if (outer === undefined) return true;
  if (inner === undefined) return false;
  return inner.every((port) => outer.some((candidate) => (candidate.kind === 'named' ? port.kind === 'named' && port.name === candidate.name : port.kind === 'range' && port.from >= candidate.from && port.to <= candidate.to)));
}

function netsCover(outer: EntityMatch['nets'], inner: EntityMatch['nets']): boolean {
  if (outer === undefined) return true;
  if (inner === undefined) return false;
  return inner.every((net) => outer.some((candidate) => cidrContains(candidate, net)));
}

/**
 * Whether `earlier` matches at least every packet `later` matches, judged field by field: each constraint of the
 * earlier rule is absent, or the later rule carries the same or a narrower one. Sound, not complete: a rule this
 * calls shadowed never matches anything the earlier one leaves.
 */
function entityCovers(earlier: EntityMatch, later: EntityMatch): boolean {
  return (
    netsCover(earlier.nets, later.nets) &&
    (earlier.notNets === undefined || (later.notNets !== undefined && earlier.notNets.every((net) => later.notNets?.some((candidate) => cidrContains(net, candidate))))) &&
    (earlier.selector === undefined || sameSelector(earlier.selector, later.selector)) &&
    (earlier.notSelector === undefined || sameSelector(earlier.notSelector, later.notSelector)) &&
    sameSelector(earlier.namespaceSelector, later.namespaceSelector) &&
    (earlier.serviceAccountNames === undefined || (later.serviceAccountNames !== undefined && later.serviceAccountNames.every((name) => earlier.serviceAccountNames?.includes(name)))) &&
    (earlier.serviceAccountSelector === undefined || sameSelector(earlier.serviceAccountSelector, later.serviceAccountSelector)) &&
    portsCover(earlier.ports, later.ports) &&
    (earlier.notPorts === undefined || (later.notPorts !== undefined && portsCover(later.notPorts, earlier.notPorts)))
  );
}

function ruleCovers(earlier: PolicyRule, later: PolicyRule): boolean {
  if (earlier.protocol !== undefined && earlier.protocol !== later.protocol) return false;
  if (earlier.notProtocol !== undefined && earlier.notProtocol !== later.notProtocol) return false;
  if (earlier.ipVersion !== undefined && earlier.ipVersion !== later.ipVersion) return false;
  if (earlier.icmp !== undefined && JSON.stringify(earlier.icmp) !== JSON.stringify(later.icmp)) return false;
  if (earlier.notIcmp !== undefined && JSON.stringify(earlier.notIcmp) !== JSON.stringify(later.notIcmp)) return false;
  return entityCovers(earlier.source, later.source) && entityCovers(earlier.destination, later.destination);
}

function shadowedRules(policy: Policy): PolicyLintFinding[] {
  const findings: PolicyLintFinding[] = [];
  for (const rules of [policy.ingress, policy.egress]) {
    rules.forEach((later, index) => {
      const earlier = rules.slice(0, index).find((candidate) => candidate.action !== 'Log' && ruleCovers(candidate, later));
      if (earlier === undefined) return;
      findings.push({ code: 'policy-rule-shadowed', severity: 'warning', policy: label(policy), origin: policy.origin, path: later.origin, message: `${later.origin} (${later.action}) never decides anything: ${earlier.origin} (${earlier.action}) before it matches everything it matches${earlier.action === later.action ? ' (it is redundant)' : ` (so its ${later.action} is never applied)`}.` });
    });
  }
  return findings;
}

function pods(endpoints: readonly Endpoint[]): Endpoint[] {
  return endpoints.filter((endpoint) => endpoint.kind !== 'address');
}

function selectedBy(policy: Policy, endpoints: readonly Endpoint[], namespaceLabels: (name: string) => Record<string, string>): Endpoint[] {
  return pods(endpoints).filter((endpoint) => {
    if (policy.namespace !== undefined && (endpoint.kind !== 'pod' || endpoint.namespace !== policy.namespace)) return false;
    if (!selectsEndpoint(policy.selector, endpoint)) return false;
    if (policy.namespaceSelector !== undefined && endpoint.kind === 'pod' && !selectorMatches(policy.namespaceSelector, namespaceLabels(endpoint.namespace))) return false;
    return true;
  });
}

/**
 * Findings on policy files: invalid fields as read, rules an earlier rule shadows, a `types` that makes a direction
 * default-deny with no rule for it (while the other direction has rules), and — when the workloads are known (a pod
 * list or the connected cluster) — a policy that selects nothing, a named port no selected pod has, and redundant
 * policies and rules and same-order conflicts (policySanityLint.ts).
 */
export function lintPolicies(inputs: PolicyInputs, workloadsKnown: boolean): PolicyLintFinding[] {
  const findings: PolicyLintFinding[] = inputs.issues.map((issue) => ({ code: 'policy-invalid', severity: 'error', policy: issue.object, origin: issue.origin, path: issue.path, message: issue.message }));
  const namespaceLabels = new Map(inputs.namespaces.map((namespace) => [namespace.name, { ...namespace.labels, 'projectcalico.org/name': namespace.name }]));
  const labelsOf = (name: string): Record<string, string> => namespaceLabels.get(name) ?? { 'projectcalico.org/name': name, 'kubernetes.io/metadata.name': name };
  for (const policy of inputs.policies) {
    findings.push(...shadowedRules(policy));
    for (const [direction, other] of [['ingress', 'egress'], ['egress', 'ingress']] as const) {
      if (policy.types.includes(direction) && policy[direction].length === 0 && policy[other].length > 0) {
        findings.push({ code: 'policy-direction-default-deny', severity: 'warning', policy: label(policy), origin: policy.origin, path: 'types', message: `types include ${direction === 'ingress' ? 'Ingress' : 'Egress'} but the policy has no ${direction} rules: all ${direction} of the pods it selects is denied at the end of tier ${policy.tier}, unless another policy of the tier allows it. Drop ${direction === 'ingress' ? 'Ingress' : 'Egress'} from types if only ${other} was meant.` });
      }
    }
    // An invalid selector is already reported; it selects nothing by construction.
    if (!workloadsKnown || (policy.selector.kind === 'not' && policy.selector.operand.kind === 'all')) continue;
    const selected = selectedBy(policy, inputs.endpoints, labelsOf);
    if (selected.length === 0) {
      findings.push({ code: 'policy-selects-nothing', severity: 'warning', policy: label(policy), origin: policy.origin, path: 'spec.selector', message: `selector ${formatSelector(policy.selector).replace(" && projectcalico.org/orchestrator == 'k8s'", '')} selects none of the ${pods(inputs.endpoints).length} known workloads${policy.namespace === undefined ? '' : ` (namespace ${policy.namespace})`}: a typo in a label, or a policy for workloads not deployed.` });
      continue;
    }
    for (const rule of policy.ingress) {
      for (const port of rule.destination.ports ?? []) {
        if (port.kind !== 'named') continue;
        if (!selected.some((endpoint) => endpoint.kind !== 'address' && endpoint.namedPorts.some((named) => named.name === port.name))) {
          findings.push({ code: 'policy-named-port-missing', severity: 'warning', policy: label(policy), origin: policy.origin, path: rule.origin, message: `named port "${port.name}" is not a container port of any of the ${selected.length} pods the policy selects: the rule matches no traffic.` });
        }
      }
    }
  }
  if (workloadsKnown) findings.push(...sanityLintFindings(inputs, findings));
  return findings;
}
