import type { KnownIssueMatch } from '../knowledge/knownIssueVerdict';
import type { VersionReport } from '../versionLookup';

/** The `versions --format json` object; its field names are a public contract for scripts and CI. */
export interface VersionReportJson {
  input: string;
  kind: VersionReport['kind'];
  inMatrix: boolean;
  build?: 'ga' | 'rc';
  rke2?: string;
  calico: string | null;
  chart?: string;
  operator?: string;
  containerd?: string;
  crdChart?: string;
  released?: string;
  rke2Releases?: string[];
  knownIssues: KnownIssueJson[];
  /** Issues that apply only if their `onlyIf` preconditions hold. */
  conditional: KnownIssueJson[];
  related: KnownIssueJson[];
  upgradeTo?: string;
  upgradeTargets?: string[];
  alternatives: string[];
  notes: string[];
  sources: string[];
}

export interface KnownIssueJson {
  id: string;
  severity: KnownIssueMatch['severity'];
  title: string;
  url: string;
  because: string;
  /** Precondition ids not yet established (see PRECONDITIONS); empty when the issue applies outright. */
  onlyIf: string[];
  fixedIn: string[];
}

function issueJson(match: KnownIssueMatch): KnownIssueJson {
  return {
    id: match.issue.id,
    severity: match.severity,
    title: match.issue.title,
    url: match.issue.url,
    because: match.because,
    onlyIf: [...match.openPreconditions],
    fixedIn: [...match.issue.fixedIn],
  };
}

export function versionReportToJson(report: VersionReport): VersionReportJson {
  const json: VersionReportJson = {
    input: report.input,
    kind: report.kind,
    inMatrix: report.inMatrix,
    calico: report.calico ?? null,
    knownIssues: report.knownIssues.map(issueJson),
    conditional: report.conditional.map(issueJson),
    related: report.related.map(issueJson),
    alternatives: [...report.alternatives],
    notes: [...report.notes],
    sources: [...report.sources],
  };
  if (report.build !== undefined) json.build = report.build;
  if (report.rke2 !== undefined) json.rke2 = report.rke2;
  if (report.chart !== undefined) json.chart = report.chart;
  if (report.operator !== undefined) json.operator = report.operator;
  if (report.containerd !== undefined) json.containerd = report.containerd;
  if (report.crdChart !== undefined) json.crdChart = report.crdChart;
  if (report.released !== undefined) json.released = report.released;
  if (report.kind !== 'rke2') json.rke2Releases = [...report.rke2Releases];
  if (report.upgradeTo !== undefined) json.upgradeTo = report.upgradeTo;
  if (report.kind !== 'rke2' && report.upgradeTargets.length > 0) json.upgradeTargets = [...report.upgradeTargets];
  return json;
}
