/**
 * Answers "does this version carry a known Calico issue, and what do I move to?" for an RKE2 release, a Calico
 * release, an rke2-calico chart or a tigera-operator release. One engine for the CLI, the editor and the checks.
 */
import type { KnownIssueMatch } from './knowledge/knownIssueVerdict';
import { evaluateKnownIssues, upgradeTargetFor } from './knowledge/knownIssueVerdict';
import type { ComponentFacts } from './knowledge/knownIssue';
import {
  buildsOfKubernetesVersion,
  findBuild,
  gaReleasesShipping,
  newestGaRelease,
  pairingForCalico,
  pairingForChart,
  pairingForOperator,
  type IndexedRelease,
} from './knowledge/releaseIndex';
import { OPERATOR_PAIRING_SOURCE } from './knowledge/operatorPairing';
import { RC_BUILDS_SOURCE } from './knowledge/rcBuilds';
import { RELEASE_MATRIX_SOURCE } from './knowledge/releaseMatrix';
import { CHART_SCHEME_SOURCE } from './versions/chartVersion';
import { formatCalicoVersion, parseCalicoVersion, splitTriple } from './versions/calicoVersion';
import { chartCalicoVersion, formatChartVersion, parseChartVersion } from './versions/chartVersion';
import { formatOperatorVersion, parseOperatorVersion } from './versions/operatorVersion';
import type { ParseResult } from './versions/parseResult';
import { compareRke2Versions, formatRke2Version, parseRke2Version, rke2MinorLine, type Rke2Version } from './versions/rke2Version';

export const VERSION_KINDS = ['rke2', 'calico', 'chart', 'operator'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export interface VersionReport {
  readonly input: string;
  readonly kind: VersionKind;
  /** False when the data has no record of this version: no verdict is given then. */
  readonly inMatrix: boolean;
  readonly build?: 'ga' | 'rc';
  readonly rke2?: string;
  readonly calico?: string;
  readonly chart?: string;
  readonly operator?: string;
  readonly containerd?: string;
  readonly crdChart?: string;
  readonly released?: string;
  /** For a Calico, chart or operator input: the GA RKE2 releases that ship it. */
  readonly rke2Releases: readonly string[];
  readonly knownIssues: readonly KnownIssueMatch[];
  /** Issues these versions carry that bite only under a condition the versions cannot tell (a Windows node, a kernel). */
  readonly conditional: readonly KnownIssueMatch[];
  /** Look-alike issues of other install methods; context, never a verdict. */
  readonly related: readonly KnownIssueMatch[];
  readonly upgradeTo?: string;
  /** For a Calico, chart or operator input: the RKE2 releases, one per line, that leave the affected version. */
  readonly upgradeTargets: readonly string[];
  /** Other readings of an ambiguous input, as sentences. */
  readonly alternatives: readonly string[];
  readonly notes: readonly string[];
  /** Where the facts in this report come from. */
  readonly sources: readonly string[];
}

export type LookupOutcome = { readonly ok: true; readonly report: VersionReport } | { readonly ok: false; readonly error: string };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Draft = Mutable<Omit<VersionReport, 'notes'>> & { notes: string[] };

function draft(input: string, kind: VersionKind): Draft {
  return {
    input,
    kind,
    inMatrix: false,
    rke2Releases: [],
    knownIssues: [],
    conditional: [],
    related: [],
    upgradeTargets: [],
    alternatives: [],
    notes: [],
    sources: [],
  };
}

function failure(error: string): LookupOutcome {
  return { ok: false, error };
}

function applyVerdict(report: Draft, facts: ComponentFacts): void {
  const verdict = evaluateKnownIssues(facts);
  report.knownIssues = verdict.applies;
  report.conditional = verdict.conditional;
  report.related = verdict.related;
  const targets = new Set<string>();
  for (const match of verdict.applies) {
    for (const target of match.issue.upgradeTargets) targets.add(target.target);
  }
  report.upgradeTargets = [...targets];
}

function describeBuild(report: Draft, entry: IndexedRelease): void {
  const record = entry.record;
  report.inMatrix = true;
  report.sources = [entry.version.rc === undefined ? RELEASE_MATRIX_SOURCE : RC_BUILDS_SOURCE];
  report.build = entry.version.rc === undefined ? 'ga' : 'rc';
  report.rke2 = record.rke2;
  report.calico = record.calico;
  report.chart = record.chart;
  report.operator = record.operator;
  report.containerd = record.containerd;
  if (record.crdChart !== undefined) report.crdChart = record.crdChart;
  if (record.released !== undefined) report.released = record.released;
  if (record.note) report.notes.push(record.note);
  applyVerdict(report, { rke2: record.rke2, calico: record.calico, containerd: record.containerd, chart: record.chart, operator: record.operator });
  // An RKE2 release gets one target: the newest any applicable issue asks for in its minor line.
  report.upgradeTargets = [];
  let best: { text: string; version: Rke2Version } | undefined;
  for (const match of report.knownIssues) {
    const target = upgradeTargetFor(match.issue, rke2MinorLine(entry.version));
    const parsedTarget = target ? parseRke2Version(target.target) : undefined;
    if (!target || !parsedTarget?.ok || compareRke2Versions(parsedTarget.value, entry.version) <= 0) continue;
    if (!best || compareRke2Versions(parsedTarget.value, best.version) > 0) best = { text: target.target, version: parsedTarget.value };
    if (target.note) report.notes.push(target.note);
  }
  if (best) report.upgradeTo = best.text;
}

function lookUpRke2(input: string, version: Rke2Version): LookupOutcome {
  const report = draft(input, 'rke2');
  if (version.revision === undefined) {
    const candidates = buildsOfKubernetesVersion(version);
    const only = candidates[0];
    if (candidates.length > 1) {
      const names = candidates.map((entry) => entry.record.rke2).join(', ');
      return failure(`"${input}" names ${candidates.length} RKE2 releases (${names}); give the one you mean, e.g. ${candidates[0]?.record.rke2 ?? ''}`);
    }
    if (only) {
      report.notes.push(`"${input}" has no +rke2rN revision; ${only.record.rke2} is the only RKE2 release of it.`);
      describeBuild(report, only);
      return { ok: true, report };
    }
    report.rke2 = formatRke2Version(version);
    report.notes.push(notInMatrixNote(version));
    return { ok: true, report };
  }
  const entry = findBuild(version);
  if (entry) {
    describeBuild(report, entry);
  } else {
    report.rke2 = formatRke2Version(version);
    report.notes.push(notInMatrixNote(version));
  }
  return { ok: true, report };
}

function notInMatrixNote(version: Rke2Version): string {
  const newest = newestGaRelease();
  const text = formatRke2Version(version);
  if (compareRke2Versions(version, newest.version) > 0) {
    return `${text} is not in the matrix: it is newer than ${newest.record.rke2} (${newest.record.released ?? 'date unknown'}), the newest release recorded. No verdict can be given.`;
  }
  if (version.rc !== undefined) {
    return `${text} is not in the matrix: only the release candidates named by known issues are recorded. No verdict can be given.`;
  }
  return `${text} is not in the matrix: no RKE2 release with that version is recorded. No verdict can be given.`;
}

function lookUpCalico(input: string, calico: string): LookupOutcome {
  const report = draft(input, 'calico');
  report.calico = calico;
  const pairing = pairingForCalico(calico);
  if (pairing) report.operator = pairing.operator;
  report.rke2Releases = gaReleasesShipping('calico', calico).map((record) => record.rke2);
  report.inMatrix = pairing !== undefined || report.rke2Releases.length > 0;
  report.sources = [OPERATOR_PAIRING_SOURCE, RELEASE_MATRIX_SOURCE];
  if (!report.inMatrix) report.notes.push(`Calico ${calico} is not shipped by any RKE2 release in the matrix.`);
  applyVerdict(report, { calico, operator: pairing?.operator });
  return { ok: true, report };
}

function lookUpChart(input: string, chart: string, calico: string): LookupOutcome {
  const report = draft(input, 'chart');
  report.chart = chart;
  // The chart's Calico version follows from the chart version scheme itself, so it is known even for unknown charts.
  report.calico = calico;
  const pairing = pairingForChart(chart);
  if (pairing) report.operator = pairing.operator;
  report.rke2Releases = gaReleasesShipping('chart', chart).map((record) => record.rke2);
  report.inMatrix = pairing !== undefined;
  report.sources = [CHART_SCHEME_SOURCE, OPERATOR_PAIRING_SOURCE, RELEASE_MATRIX_SOURCE];
  if (pairing?.unreleasedCharts?.includes(chart)) {
    report.notes.push(`rke2-calico ${chart} was published in rancher/rke2-charts but no GA RKE2 release ships it.`);
  } else if (!pairing) {
    report.notes.push(`rke2-calico ${chart} is not in the matrix; by the chart version scheme it packages Calico ${calico}.`);
  }
  applyVerdict(report, { calico, chart, operator: pairing?.operator });
  return { ok: true, report };
}

function lookUpOperator(input: string, operator: string): LookupOutcome {
  const report = draft(input, 'operator');
  report.operator = operator;
  const pairing = pairingForOperator(operator);
  if (!pairing) {
    report.notes.push(`tigera-operator ${operator} is not in the matrix: which Calico it deploys is unknown. No verdict can be given.`);
    return { ok: true, report };
  }
  report.inMatrix = true;
  report.sources = [OPERATOR_PAIRING_SOURCE, RELEASE_MATRIX_SOURCE];
  report.calico = pairing.calico;
  report.rke2Releases = gaReleasesShipping('operator', operator).map((record) => record.rke2);
  applyVerdict(report, { calico: pairing.calico, operator });
  return { ok: true, report };
}

function lookUpAs(input: string, kind: VersionKind): LookupOutcome {
  switch (kind) {
    case 'rke2': {
      const version = parseRke2Version(input);
      return version.ok ? lookUpRke2(input, version.value) : failure(version.reason);
    }
    case 'calico': {
      const version = parseCalicoVersion(input);
      return version.ok ? lookUpCalico(input, formatCalicoVersion(version.value)) : failure(version.reason);
    }
    case 'chart': {
      const version = parseChartVersion(input);
      return version.ok
        ? lookUpChart(input, formatChartVersion(version.value), chartCalicoVersion(version.value))
        : failure(version.reason);
    }
    case 'operator': {
      const version = parseOperatorVersion(input);
      return version.ok ? lookUpOperator(input, formatOperatorVersion(version.value)) : failure(version.reason);
    }
  }
}

function withAlternative(outcome: LookupOutcome, sentence: string): LookupOutcome {
  if (!outcome.ok) return outcome;
  return { ok: true, report: { ...outcome.report, alternatives: [...outcome.report.alternatives, sentence] } };
}

/** A `v1.X.Y` without suffix is both an RKE2 (Kubernetes) version and a tigera-operator version: ask the data. */
function lookUpOneDotVersion(input: string, rke2: ParseResult<Rke2Version>): LookupOutcome {
  const operator = parseOperatorVersion(input);
  const operatorPairing = operator.ok ? pairingForOperator(formatOperatorVersion(operator.value)) : undefined;
  const rke2Builds = rke2.ok ? buildsOfKubernetesVersion(rke2.value) : [];
  if (operatorPairing && rke2Builds.length === 0) {
    return withAlternative(
      lookUpAs(input, 'operator'),
      `"${input}" also looks like an RKE2 version, but no RKE2 release ${input}+rke2rN is recorded; use --kind rke2 to read it so.`,
    );
  }
  if (operatorPairing) {
    return withAlternative(
      lookUpAs(input, 'rke2'),
      `"${input}" is also a tigera-operator version (it deploys Calico ${operatorPairing.calico}); use --kind operator to read it so.`,
    );
  }
  if (rke2Builds.length > 0) return lookUpAs(input, 'rke2');
  return withAlternative(
    lookUpAs(input, 'rke2'),
    `"${input}" could also be a tigera-operator version; none with that number is recorded either.`,
  );
}

export function lookUpVersion(rawInput: string, kind?: VersionKind): LookupOutcome {
  const input = rawInput.trim();
  if (input === '') return failure('no version given');
  if (kind) return lookUpAs(input, kind);
  if (/\+rke2|-rc\d/i.test(input)) return lookUpAs(input, 'rke2');
  if (/k3s|^containerd:\/\//i.test(input)) {
    return failure(`"${input}" is a containerd version; containerd alone decides no known issue here — give the RKE2 version instead`);
  }
  const split = splitTriple(input);
  if (split?.triple.major === 3) return lookUpAs(input, split.patchDigits.length >= 3 ? 'chart' : 'calico');
  if (split?.triple.major === 1) return lookUpOneDotVersion(input, parseRke2Version(input));
  return failure(
    `"${input}" is not a version this tool reads: give an RKE2 release (v1.32.4+rke2r1), a Calico release (v3.29.2), ` +
      'an rke2-calico chart (v3.29.200) or a tigera-operator release (v1.36.5)',
  );
}
