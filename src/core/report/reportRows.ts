/**
 * The checks as the readiness report lists them (the webview and the Markdown export): problems first, and a
 * cluster that could not be reached as one row saying so instead of one "unknown" row per check.
 */
import type { CheckReportJson } from '../checks/checkReport';
import type { CheckStatus } from '../checks/checkResult';

export type ReportCheck = CheckReportJson['checks'][number];

/** What folding needs of a check: a report row or a check result alike. */
export type CheckRowSource = Pick<ReportCheck, 'id' | 'area' | 'title' | 'status' | 'summary'> & { readonly evidence: readonly string[] };

/** fail, warn, unknown, then pass and skipped: what needs a look comes first. */
const PROBLEM_ORDER: Record<CheckStatus, number> = { fail: 0, warn: 1, unknown: 2, pass: 3, skipped: 4 };

/** Checks ordered by status, problems first; within one status the definition order (stable sort). */
export function problemsFirst<T extends { readonly status: CheckStatus }>(checks: readonly T[]): T[] {
  return [...checks].sort((left, right) => PROBLEM_ORDER[left.status] - PROBLEM_ORDER[right.status]);
}

/** Failure kinds of a read that mean the API server was not talked to (see unknownFrom in checkResult.ts). */
const CONNECTION_FAILURE = /^unknown: (unreachable|timeout|unauthorized|cancelled) — /;

/** Areas whose checks read this machine or a bundle's files, not the API server. */
const LOCAL_AREAS = new Set(['Host', 'Logs', 'Config']);

const CONNECTION_ADVICE: Record<string, string> = {
  unreachable: "Check the kubeconfig's server address, the network to it (VPN, firewall, proxy) and that the API server runs; then run the check again.",
  timeout: 'Check the network to the API server and its load, or raise the request timeout; then run the check again.',
  unauthorized: "The API server rejected the kubeconfig's credentials (401): refresh the kubeconfig, then run the check again.",
  cancelled: 'The run was cancelled before the cluster answered: run the check again.',
};

/** The id of the one row that stands for an API server that could not be reached. */
export const CONNECTION_ROW_ID = 'cluster.connection';

/**
 * When no cluster check could read anything because the API server was not reached (refused, timed out, 401),
 * the one row that says so, and the ids of the checks it stands for; undefined when any cluster check got an
 * answer. Node and bundle checks are not folded: they did not need the API server.
 */
export function unreachableCluster(checks: readonly CheckRowSource[]): { readonly row: ReportCheck; readonly folded: ReadonlySet<string> } | undefined {
  const cluster = checks.filter((check) => !LOCAL_AREAS.has(check.area) && check.status !== 'skipped' && check.id !== 'identity.tls');
  if (cluster.length < 2 || !cluster.every((check) => CONNECTION_FAILURE.test(check.summary))) return undefined;
  const kind = CONNECTION_FAILURE.exec(cluster[0]?.summary ?? '')?.[1] ?? 'unreachable';
  // The evidence line of a failed read is "<what>: <kind>: <message>"; the message is the same for every check.
  const reason = cluster.flatMap((check) => check.evidence).map((line) => new RegExp(`(?:^|: )(${kind}: .+)$`).exec(line)?.[1]).find((found) => found !== undefined) ?? kind;
  const row: ReportCheck = {
    id: CONNECTION_ROW_ID,
    area: 'Cluster',
    title: 'API server connection',
    status: 'unknown',
    summary: `${reason} — none of the ${cluster.length} cluster checks could read the cluster`,
    evidence: [reason, `checks not run: ${cluster.map((check) => check.title).join('; ')}`],
    remediation: CONNECTION_ADVICE[kind] ?? CONNECTION_ADVICE.unreachable ?? '',
  };
  return { row, folded: new Set(cluster.map((check) => check.id)) };
}

/** The rows of the report's check table: an unreachable cluster folded into one row, then problems first. */
export function reportRows(checks: readonly ReportCheck[]): ReportCheck[] {
  const unreachable = unreachableCluster(checks);
  const rows = unreachable ? [unreachable.row, ...checks.filter((check) => !unreachable.folded.has(check.id))] : checks;
  return problemsFirst(rows);
}
