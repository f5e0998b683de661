import { describeTraffic, type ConnectionExplanation, type DirectionTrace, type TierTrace } from './connectionExplanation';

function policyLabel(namespace: string | undefined, name: string): string {
  return namespace === undefined ? name : `${namespace}/${name}`;
}

function tierLines(tier: TierTrace, verbose: boolean): string[] {
  const order = tier.order === undefined ? 'no order' : `order ${tier.order}`;
  if (tier.outcome === 'not-reached') return [`    tier ${tier.name} (${order}): not reached`];
  if (tier.outcome === 'not-applied' && !verbose) return [`    tier ${tier.name} (${order}): no policy applies`];
  const lines = [`    tier ${tier.name} (${order}): ${tier.outcome.replace(/-/g, ' ')}`];
  for (const policy of tier.policies) {
    if (policy.outcome === 'not-applied' && !verbose) continue;
    lines.push(`      ${policy.outcome === 'not-applied' ? '·' : policy.outcome === 'allow' ? '✓' : policy.outcome === 'deny' ? '✗' : '→'} ${policyLabel(policy.namespace, policy.name)} (${policy.source}${policy.order === undefined ? '' : `, order ${policy.order}`}): ${policy.reason}`);
    for (const rule of policy.rules) lines.push(`          ${rule.origin} ${rule.action}: ${rule.matched ? 'matched' : rule.mismatch ?? ''}`);
  }
  const hidden = tier.policies.filter((policy) => policy.outcome === 'not-applied').length;
  if (!verbose && hidden > 0) lines.push(`      (${hidden} more polic${hidden === 1 ? 'y does' : 'ies do'} not apply; --all-policies lists why)`);
  return lines;
}

function directionLines(trace: DirectionTrace, verbose: boolean): string[] {
  return [`  ${trace.direction} at ${trace.endpoint}: ${trace.decision.allowed ? 'allowed' : 'DENIED'} — ${trace.decision.summary}`, ...trace.tiers.flatMap((tier) => tierLines(tier, verbose))];
}

/** The explanation as text: the verdict and deciding rule first, then the walk through the tiers of each direction. */
export function explanationToText(explanation: ConnectionExplanation, verbose = false): string {
  const verdict = explanation.allowed ? 'ALLOWED' : 'DENIED';
  return [
    `${explanation.source} → ${explanation.destination} ${describeTraffic(explanation.traffic)}: ${verdict}`,
    `  decided: ${explanation.deciding.decision.summary}`,
    '',
    ...directionLines(explanation.egress, verbose),
    '',
    ...directionLines(explanation.ingress, verbose),
    '',
  ].join('\n');
}
