import type { CheckReportJson } from '../checks/checkReport';

/** One cluster of a fleet run, as the run knows it before checking: where it comes from, never a credential. */
export interface FleetTarget {
  /** What the table shows: a kubeconfig context or Rancher's display name. */
  readonly name: string;
  /** `context` (a kubeconfig context), `rancher` (listed by Rancher's API) or `in-cluster` (a pod's service account). */
  readonly source: 'context' | 'rancher' | 'in-cluster';
  /** Rancher's cluster id (`c-m-abc12345`, `local`) when the cluster is reached through Rancher's proxy. */
  readonly rancherId?: string;
  /** The Kubernetes distribution Rancher recorded (`rke2`, `k3s`, `EKS`…), when the source says. */
  readonly distribution?: string;
}

/**
 * What checking one cluster came to:
 * - `checked`: the checks ran and the report (with its verdict) is there;
 * - `unreachable`: the cluster could not be opened or read at all (network, TLS, credentials, a Rancher proxy that
 *   answers 404/503, no answer within the per-cluster timeout);
 * - `skipped`: not checked on purpose (not RKE2), with why;
 * - `cancelled`: the run was interrupted before this cluster finished.
 */
export type ClusterOutcome =
  | { readonly kind: 'checked'; readonly report: CheckReportJson }
  | { readonly kind: 'unreachable'; readonly reason: string }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'cancelled'; readonly reason: string };

export interface FleetEntry {
  readonly target: FleetTarget;
  readonly outcome: ClusterOutcome;
}
