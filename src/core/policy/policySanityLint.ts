import { plannedDecisions } from './connectivityChange';
import type { Policy } from './policyModel';
import type { PolicyInputs } from './policyInputs';
import type { PolicyLintFinding } from './policyLint';
import { analysePolicySanity } from './policySanity';

/**
 * Above this many decisions (endpoints that policies tell apart, squared, times the probes) the lint leaves the
 * sanity questions out: a file is linted as it is typed.
 */
const MAX_DECISIONS = 400_000;

function label(policy: Policy): string {
  return `${policy.source} ${policy.namespace === undefined ? '' : `${policy.namespace}/`}${policy.name}`;
}

/**
 * Redundant policies and rules and same-order conflicts (policySanity.ts) as lint findings, judged against the known
 * workloads. Left to the other findings: policies that select nothing (`policy-selects-nothing`) and rules an earlier
 * rule shadows (`policy-rule-shadowed`, passed in `known`).
 */
export function sanityLintFindings(inputs: PolicyInputs, known: readonly PolicyLintFinding[]): PolicyLintFinding[] {
  const workloads = inputs.endpoints.filter((endpoint) => endpoint.kind !== 'address');
  if (workloads.length === 0 || inputs.policies.length === 0 || plannedDecisions(inputs, inputs.endpoints) > MAX_DECISIONS) return [];
  const sanity = analysePolicySanity(inputs, inputs.endpoints);
  const selectsNothing = new Set(sanity.emptyPolicies);
  const shadowed = new Set(known.filter((finding) => finding.code === 'policy-rule-shadowed').map((finding) => `${finding.policy} ${finding.path.split(' ')[0] ?? ''}`));
  const among = `the ${workloads.length} known workload${workloads.length === 1 ? '' : 's'}`;
  const findings: PolicyLintFinding[] = [];
  for (const policy of sanity.redundantPolicies) {
    if (selectsNothing.has(policy)) continue;
    findings.push({ code: 'policy-redundant', severity: 'info', policy: label(policy), origin: policy.origin, path: 'metadata.name', message: `policy ${policy.name} is redundant: without it, every connection between ${among} (and the addresses the policies name) is decided the same; the policies around it already decide what it would.` });
  }
  for (const rule of sanity.redundantRules) {
    const path = `${rule.direction}[${rule.index}]`;
    if (selectsNothing.has(rule.policy) || shadowed.has(`${label(rule.policy)} ${path}`)) continue;
    const matchesNothing = sanity.emptyRules.some((empty) => empty.policy === rule.policy && empty.direction === rule.direction && empty.index === rule.index);
    const why = matchesNothing ? `it matches none of ${among} or the addresses the policies name (a selector typo, or peers not among the known workloads)` : `without it, every connection between ${among} is decided the same (what it matches is decided the same way by an earlier rule, another policy, or the default)`;
    findings.push({ code: 'policy-rule-redundant', severity: 'info', policy: label(rule.policy), origin: rule.policy.origin, path, message: `the rule is redundant: ${why}.` });
  }
  for (const conflict of sanity.conflicts) {
    const [first, second] = [conflict.first, conflict.second].sort((a, b) => (`${a.namespace ?? ''}/${a.name}` < `${b.namespace ?? ''}/${b.name}` ? -1 : 1));
    if (first === undefined || second === undefined) continue;
    const order = first.order === undefined ? 'no order' : `order ${first.order}`;
    for (const policy of [first, second]) {
      findings.push({ code: 'policy-order-conflict', severity: 'warning', policy: label(policy), origin: policy.origin, path: 'spec.order', message: `${first.name} and ${second.name} both have ${order} in tier ${first.tier}, select common workloads, and one allows ${conflict.direction} traffic the other denies: Calico then applies them by name (${first.name} first). Give them distinct orders if the outcome should not rest on names.` });
    }
  }
  return findings;
}
