import { describeFailure, type ApiFailure } from '../kube/apiResult';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unknown' | 'skipped';

export const CHECK_AREAS = ['Identity', 'Install', 'CRDs', 'Datastore', 'RBAC', 'Operator', 'Workloads', 'Nodes', 'Init race', 'IP pools', 'IPAM', 'Dataplane', 'Host', 'Config', 'Logs'] as const;
export type CheckArea = (typeof CHECK_AREAS)[number];

/** A Kubernetes object a check looked at, so the editor can open it or its logs. */
export interface ObjectRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** API path to GET it as YAML. */
  readonly path: string;
  /** For pods: the containers, so their logs can be opened. */
  readonly containers?: readonly string[];
  /** The node it concerns: a pod's spec.nodeName, or the Node itself; what links two findings about one node. */
  readonly node?: string;
  /** What is wrong with it, as the API said it: a Node's NotReady reason and message, a pod's waiting reason. */
  readonly condition?: string;
  /** For pods: ready containers of all, as kubectl's READY column ("1/2"). */
  readonly ready?: string;
  /** For pods: container restarts, as kubectl's RESTARTS column. */
  readonly restarts?: number;
  /** An object the check expected and did not find as expected (absent, or bound to the wrong subject). */
  readonly expected?: ExpectedObject;
}

/** What a check expected of an object, what it found, and the step that puts it back. */
export interface ExpectedObject {
  /** The object is absent (nothing to open); otherwise it exists but differs. */
  readonly missing: boolean;
  readonly expected: string;
  readonly found: string;
  /** A command or chart step, as the user would type or take it. */
  readonly restore: string;
}

export interface CheckResult {
  readonly id: string;
  readonly area: CheckArea;
  readonly title: string;
  readonly status: CheckStatus;
  /** One line. */
  readonly summary: string;
  /** The objects and fields looked at, one fact per line. */
  readonly evidence: readonly string[];
  readonly remediation?: string;
  readonly knownIssue?: { readonly id: string; readonly url: string };
  readonly objects?: readonly ObjectRef[];
}

export interface CheckDefinition {
  readonly id: string;
  readonly area: CheckArea;
  readonly title: string;
}

export function result(definition: CheckDefinition, status: CheckStatus, summary: string, evidence: readonly string[], extra: Partial<Pick<CheckResult, 'remediation' | 'knownIssue' | 'objects'>> = {}): CheckResult {
  return { ...definition, status, summary, evidence, ...extra };
}

/** A read that failed makes the check unknown, never pass: "unknown: forbidden — …". */
export function unknownFrom(definition: CheckDefinition, what: string, failure: ApiFailure): CheckResult {
  const reason = failure.kind === 'not-in-bundle' ? 'not in bundle' : failure.kind;
  const remediation =
    failure.kind === 'forbidden'
      ? `Grant this user get/list on ${what}, or run the check with a kubeconfig that may read it (e.g. /etc/rancher/rke2/rke2.yaml on a server).`
      : failure.kind === 'unauthorized'
        ? 'The credentials were rejected (401): the token or certificate expired or is wrong. Refresh the kubeconfig.'
        : undefined;
  return result(definition, 'unknown', `unknown: ${reason} — could not read ${what}`, [`${what}: ${describeFailure(failure)}`], remediation ? { remediation } : {});
}

export function skipped(definition: CheckDefinition, reason: string): CheckResult {
  return result(definition, 'skipped', `skipped: ${reason}`, []);
}

const STATUS_RANK: Record<CheckStatus, number> = { fail: 4, unknown: 3, warn: 2, pass: 1, skipped: 0 };

/** The overall verdict of several checks: the worst status among them. */
export function worstStatus(statuses: Iterable<CheckStatus>): CheckStatus {
  let worst: CheckStatus = 'skipped';
  for (const status of statuses) if (STATUS_RANK[status] > STATUS_RANK[worst]) worst = status;
  return worst;
}

export function summarize(results: readonly CheckResult[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, unknown: 0, skipped: 0 };
  for (const entry of results) counts[entry.status]++;
  return counts;
}
