import type { PreconditionId } from './preconditions';

/** How loudly a finding speaks; the same three levels as editor diagnostics and SARIF. */
export type Severity = 'error' | 'warning' | 'info';

/** The component versions known about one cluster, node, file or release. Canonical strings (`v3.29.2`). */
export interface ComponentFacts {
  readonly rke2?: string | undefined;
  readonly calico?: string | undefined;
  readonly containerd?: string | undefined;
  /** rke2-calico chart. */
  readonly chart?: string | undefined;
  /** tigera-operator. */
  readonly operator?: string | undefined;
}

/** Calico releases from `atLeast` on, minus `except`: for issues whose source names a first version, not a list. */
export interface CalicoRange {
  readonly atLeast: string;
  readonly except?: readonly string[];
}

/**
 * When a known issue affects a set of facts. Every listed component must be known and listed; a rule never matches
 * on a component that is unknown, so missing facts never produce a verdict.
 */
export interface AffectRule {
  readonly severity: Severity;
  readonly when: { readonly [K in keyof ComponentFacts]?: readonly string[] };
  /** A Calico range the Calico version must fall in, besides `when`. */
  readonly calicoRange?: CalicoRange;
  /** Why this combination is affected, in one sentence. */
  readonly because: string;
}

export interface UpgradeTarget {
  /** The minor line of the affected release, `v1.31`. */
  readonly line: string;
  /** The first release that leaves the affected versions behind (possibly in a later line). */
  readonly target: string;
  readonly note?: string;
}

export interface SourceRef {
  readonly title: string;
  readonly url: string;
}

/**
 * One entry of the known-issue catalog. `appliesTo` separates issues of RKE2's own Calico install (tigera-operator
 * via the rke2-calico chart) from look-alikes that only affect other install methods; those are shown as related
 * context, never as a verdict.
 */
export interface KnownIssue {
  readonly id: string;
  readonly title: string;
  readonly url: string;
  readonly appliesTo: 'rke2-calico' | 'calico-manifest-installs';
  readonly summary: string;
  readonly rootCause: string;
  readonly symptoms: readonly string[];
  /** Ids of log signatures (the log signature catalog) that are evidence of this issue. */
  readonly logSignatures: readonly string[];
  /**
   * Log signatures that, all seen in one log, are evidence of this issue even when no version is known (its pair of
   * symptoms). Without it, a log line names the issue only when the versions are affected.
   */
  readonly logEvidence?: readonly string[];
  readonly rules: readonly AffectRule[];
  /**
   * What else must hold for the issue to bite, besides the versions (a Windows node, a kernel, a setting). Every one
   * must hold; while one is not known the issue "may apply", and once one is known not to hold it does not apply.
   */
  readonly preconditions?: readonly PreconditionId[];
  /** The releases that carry the fix, as the sources name them; empty while the issue is open. */
  readonly fixedIn: readonly string[];
  readonly upgradeTargets: readonly UpgradeTarget[];
  readonly mitigations: readonly string[];
  readonly sources: readonly SourceRef[];
}
