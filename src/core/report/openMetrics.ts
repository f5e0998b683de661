import type { CheckReportJson } from '../checks/checkReport';
import type { CheckStatus } from '../checks/checkResult';
import type { FleetStatus } from '../fleet/fleetVerdict';

/** One cluster as the metrics describe it: its labels, its state and (when it could be checked) its report. */
export interface MetricsCluster {
  /**
   * The `cluster` label, which must be unique in one output (a Pushgateway refuses a whole push with a duplicate
   * series): Rancher's cluster id, the kubeconfig context, or --cluster-name.
   */
  readonly cluster: string;
  /** The `cluster_name` label: what people call it (Rancher's display name, which two clusters may share). */
  readonly name?: string;
  readonly status: FleetStatus;
  readonly report?: CheckReportJson;
}

/**
 * Metric families, named as Prometheus' naming conventions ask: the product's prefix (`rke2_calico_`), snake case,
 * base units in the name (`_timestamp_seconds`), no `_total` on gauges. Each check's and each cluster's state is a
 * gauge of value 1 labelled with the state it is in (one series per check), so an alert selects on the label.
 */
const FAMILIES = {
  check: { name: 'rke2_calico_check_status', help: 'Readiness check of Calico on RKE2: 1 for the status the check has (pass, warn, fail, unknown, skipped).' },
  issue: { name: 'rke2_calico_known_issue', help: 'A known Calico/RKE2 issue a check names for the cluster: 1, with the worst status of the checks that name it.' },
  cause: { name: 'rke2_calico_root_cause', help: 'A root cause of the cluster: 1 per check that nothing else explains, with its rank (1 first) and how many findings it explains.' },
  verdict: { name: 'rke2_calico_cluster_verdict', help: 'Overall verdict of the cluster: 1 for pass, warn, fail, could-not-verify, unreachable or skipped.' },
  reachable: { name: 'rke2_calico_cluster_reachable', help: 'Whether the cluster API could be read (1) or not (0).' },
  timestamp: { name: 'rke2_calico_check_run_timestamp_seconds', help: 'When the checks of the cluster ran, in seconds since the Unix epoch.' },
} as const;

/** A label value in the text format: backslash, double quote and line feed escaped (OpenMetrics ABNF, escaped-string). */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function sample(name: string, labels: Readonly<Record<string, string>>, value: number): string {
  const body = Object.entries(labels).map(([key, text]) => `${key}="${escapeLabelValue(text)}"`).join(',');
  return `${name}{${body}} ${value}`;
}

/** The checks of a report, each id once (a series per check and cluster). */
function uniqueChecks(report: CheckReportJson | undefined): CheckReportJson['checks'] {
  const ids = new Set<string>();
  return (report?.checks ?? []).filter((check) => !ids.has(check.id) && Boolean(ids.add(check.id)));
}

const ISSUE_RANK: Partial<Record<CheckStatus, number>> = { fail: 3, warn: 2, unknown: 1, pass: 0 };

/** The known issues of one report, each once, with the worst status of the checks naming it. */
function knownIssues(report: CheckReportJson): Map<string, CheckStatus> {
  const issues = new Map<string, CheckStatus>();
  for (const check of report.checks) {
    if (!check.knownIssue) continue;
    const before = issues.get(check.knownIssue.id);
    if (before === undefined || (ISSUE_RANK[check.status] ?? 0) > (ISSUE_RANK[before] ?? 0)) issues.set(check.knownIssue.id, check.status);
  }
  return issues;
}

/**
 * The checks of one or many clusters in the OpenMetrics text format (`# TYPE`, `# HELP`, samples, `# EOF`), which the
 * Prometheus text parsers of the node_exporter textfile collector and the Pushgateway read too (`# EOF` is a
 * comment there). Families are written whole, one after the other, as both formats require.
 */
export function checksToOpenMetrics(all: readonly MetricsCluster[]): string {
  const lines: string[] = [];
  // A cluster label seen twice would make duplicate series: the first one is kept.
  const seen = new Set<string>();
  const clusters = all.filter((entry) => !seen.has(entry.cluster) && Boolean(seen.add(entry.cluster))).map((entry) => ({ ...entry, labels: { cluster: entry.cluster, cluster_name: entry.name ?? entry.cluster } }));
  const family = (which: keyof typeof FAMILIES, samples: readonly string[]): void => {
    const { name, help } = FAMILIES[which];
    lines.push(`# TYPE ${name} gauge`, `# HELP ${name} ${help}`, ...samples);
  };
  family('check', clusters.flatMap(({ labels, report }) => uniqueChecks(report).map((check) => sample(FAMILIES.check.name, { ...labels, area: check.area, id: check.id, status: check.status }, 1))));
  family('issue', clusters.flatMap(({ labels, report }) => [...(report ? knownIssues(report) : new Map<string, CheckStatus>())].map(([issue, status]) => sample(FAMILIES.issue.name, { ...labels, issue, status }, 1))));
  family('cause', clusters.flatMap(({ labels, report }) => (report?.rootCauses ?? []).map((cause, index) =>
    sample(FAMILIES.cause.name, { ...labels, id: cause.check, rank: String(index + 1), explains: String(cause.explains.length) }, 1))));
  family('verdict', clusters.map(({ labels, status }) => sample(FAMILIES.verdict.name, { ...labels, verdict: status }, 1)));
  family('reachable', clusters.filter(({ status }) => status !== 'skipped').map(({ labels, status }) => sample(FAMILIES.reachable.name, labels, status === 'unreachable' ? 0 : 1)));
  family('timestamp', clusters.flatMap(({ labels, report }) => {
    const at = report ? Date.parse(report.generatedAt) : Number.NaN;
    return Number.isNaN(at) ? [] : [sample(FAMILIES.timestamp.name, labels, at / 1000)];
  }));
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}
