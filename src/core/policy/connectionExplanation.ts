import type { Direction, PolicySource, RuleAction, Traffic } from './policyModel';

/** One rule as it was tried: matched, or why not. */
export interface RuleTrace {
  readonly index: number;
  readonly origin: string;
  readonly action: RuleAction;
  readonly matched: boolean;
  readonly mismatch?: string;
}

export type PolicyOutcome = 'not-applied' | 'no-rule-matched' | 'allow' | 'deny' | 'pass';

/** One policy of a tier: whether it applied to the endpoint in this direction, and what its rules did. */
export interface PolicyTrace {
  readonly name: string;
  readonly namespace: string | undefined;
  readonly source: PolicySource;
  readonly order: number | undefined;
  readonly origin: string | undefined;
  readonly outcome: PolicyOutcome;
  /** Why it did not apply (selector, namespace, service account, types), or what it did. */
  readonly reason: string;
  readonly rules: readonly RuleTrace[];
}

export type TierOutcome = 'not-applied' | 'allow' | 'deny' | 'pass' | 'end-of-tier-deny' | 'end-of-tier-pass' | 'not-reached';

export interface TierTrace {
  readonly name: string;
  readonly order: number | undefined;
  readonly outcome: TierOutcome;
  readonly policies: readonly PolicyTrace[];
}

/** Where a direction was decided: a rule of a policy, the end of a tier, a profile, or no policy at all. */
export interface Decision {
  readonly allowed: boolean;
  readonly kind: 'rule' | 'end-of-tier' | 'profile' | 'no-endpoint' | 'default-deny-host';
  readonly tier?: string;
  readonly policy?: string;
  readonly policyNamespace?: string;
  readonly rule?: string;
  readonly summary: string;
}

export interface DirectionTrace {
  readonly direction: Direction;
  /** The endpoint whose policies were evaluated (the source for egress, the destination for ingress). */
  readonly endpoint: string;
  readonly decision: Decision;
  readonly tiers: readonly TierTrace[];
}

export interface ConnectionExplanation {
  readonly source: string;
  readonly destination: string;
  readonly traffic: Traffic;
  readonly allowed: boolean;
  /** The direction that denied it, or ingress when both allowed (the last word). */
  readonly deciding: DirectionTrace;
  readonly egress: DirectionTrace;
  readonly ingress: DirectionTrace;
}

export function describeTraffic(traffic: Traffic): string {
  if (traffic.port !== undefined) return `${traffic.port}/${traffic.protocol}`;
  if (traffic.icmpType !== undefined) return `${traffic.protocol} type ${traffic.icmpType}${traffic.icmpCode === undefined ? '' : ` code ${traffic.icmpCode}`}`;
  return traffic.protocol;
}
