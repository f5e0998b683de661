import { markdownCell } from '../report/markdownText';
import { describeTraffic, type ConnectionExplanation, type DirectionTrace, type PolicyTrace, type TierTrace } from './connectionExplanation';

/** Where the answer came from and what may make it wrong, shown above the walk. */
export interface ExplanationContext {
  /** "cluster <context> (GET only)" or "workspace files (offline)". */
  readonly basis: string;
  /** Reads refused or failed, files that did not parse: each one a reason not to trust the answer blindly. */
  readonly warnings: readonly string[];
}

const POLICY_MARK: Readonly<Record<PolicyTrace['outcome'], string>> = { 'not-applied': '·', 'no-rule-matched': '…', allow: '✓', deny: '✗', pass: '→' };

function policyLines(policy: PolicyTrace): string[] {
  const name = policy.namespace === undefined ? policy.name : `${policy.namespace}/${policy.name}`;
  const lines = [`- ${POLICY_MARK[policy.outcome]} **${markdownCell(name)}** (${markdownCell(policy.source)}${policy.order === undefined ? '' : `, order ${policy.order}`}): ${markdownCell(policy.reason)}`];
  for (const rule of policy.rules) lines.push(`  - \`${markdownCell(rule.origin)}\` ${rule.action}: ${rule.matched ? '**matched**' : markdownCell(rule.mismatch ?? 'did not match')}`);
  if (policy.origin !== undefined && policy.origin !== 'cluster') lines.push(`  - from ${markdownCell(policy.origin)}`);
  return lines;
}

function tierLines(tier: TierTrace): string[] {
  const order = tier.order === undefined ? 'no order' : `order ${tier.order}`;
  const heading = `#### Tier ${markdownCell(tier.name)} (${order}): ${tier.outcome.replace(/-/g, ' ')}`;
  if (tier.outcome === 'not-reached') return [heading, '', 'Not reached: an earlier tier decided.', ''];
  const applied = tier.policies.filter((policy) => policy.outcome !== 'not-applied');
  const skipped = tier.policies.filter((policy) => policy.outcome === 'not-applied');
  return [
    heading,
    '',
    ...(applied.length === 0 ? ['No policy of this tier applies to the endpoint.'] : applied.flatMap(policyLines)),
    ...(skipped.length === 0 ? [] : ['', `Did not apply (${skipped.length}):`, '', ...skipped.flatMap(policyLines)]),
    '',
  ];
}

function directionLines(trace: DirectionTrace): string[] {
  return [
    `### ${trace.direction === 'egress' ? 'Egress' : 'Ingress'} at ${markdownCell(trace.endpoint)}: ${trace.decision.allowed ? 'allowed' : 'DENIED'}`,
    '',
    ...(trace.decision.summary === '' ? [] : [markdownCell(trace.decision.summary), '']),
    ...trace.tiers.flatMap(tierLines),
  ];
}

/**
 * The explanation as Markdown for the editor's read-only view: the verdict and the deciding tier, policy and rule
 * first, then each direction's walk through the tiers, with every policy on the way and why it did or did not apply.
 */
export function explanationToMarkdown(explanation: ConnectionExplanation, context: ExplanationContext): string {
  const decision = explanation.deciding.decision;
  const deciding = [
    decision.tier === undefined ? undefined : `tier **${markdownCell(decision.tier)}**`,
    decision.policy === undefined ? undefined : `policy **${markdownCell(decision.policyNamespace === undefined ? decision.policy : `${decision.policyNamespace}/${decision.policy}`)}**`,
    decision.rule === undefined ? undefined : `rule \`${markdownCell(decision.rule)}\``,
  ].filter((part) => part !== undefined);
  return [
    `# ${markdownCell(explanation.source)} → ${markdownCell(explanation.destination)} ${markdownCell(describeTraffic(explanation.traffic))}: ${explanation.allowed ? 'ALLOWED' : 'DENIED'}`,
    '',
    `**Decided** (${explanation.deciding.direction}): ${markdownCell(decision.summary)}${deciding.length > 0 ? ` — ${deciding.join(', ')}` : ''}`,
    '',
    `Read from ${markdownCell(context.basis)}. Calico evaluates egress at the source, then ingress at the destination; in each, the tiers in order, the policies of a tier that select the endpoint in order, the first rule that matches.`,
    '',
    ...(context.warnings.length === 0 ? [] : ['> **The answer may be wrong:**', ...context.warnings.map((warning) => `> - ${markdownCell(warning)}`), '']),
    ...directionLines(explanation.egress),
    ...directionLines(explanation.ingress),
  ].join('\n');
}
