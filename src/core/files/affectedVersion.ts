import type { Scalar } from 'yaml';
import type { Finding, FindingFix, RelatedLocation } from '../findings/finding';
import { gaReleases } from '../knowledge/releaseIndex';
import type { ReleaseRecord } from '../knowledge/releaseRecord';
import { lookUpVersion, type VersionKind, type VersionReport } from '../versionLookup';
import { holdsPlaceholder } from '../yaml/templateMask';
import { scalarContentSpan } from '../yaml/yamlNodes';
import type { ContextFact } from './lintContext';

const KIND_LABELS: Record<VersionKind, string> = {
  rke2: 'RKE2',
  calico: 'Calico',
  chart: 'rke2-calico chart',
  operator: 'tigera-operator',
};

/** A version written in a file: which kind it is and the scalar that holds it. */
export interface VersionPin {
  readonly kind: VersionKind;
  readonly node: Scalar;
  /** The version text, when the scalar holds more (an image reference or a chart URL). */
  readonly text?: string;
  /** Offset of `text` inside the scalar's content, for an exact range and fix. */
  readonly offsetInScalar?: number;
}

/** The release an affected version should move to, expressed in the pinned kind (same component). */
function replacementFor(report: VersionReport, kind: VersionKind, rke2Version?: ContextFact<string>): { version: string; release: ReleaseRecord | undefined } | undefined {
  if (kind === 'rke2') return report.upgradeTo === undefined ? undefined : { version: report.upgradeTo, release: undefined };
  // With the cluster's RKE2 release known, the target on its own minor line (v1.31.7 → v1.31.8) is the one to name.
  const line = /^v?(\d+\.\d+)\./.exec(rke2Version?.value ?? '')?.[1];
  const target = report.upgradeTargets.find((candidate) => line !== undefined && candidate.replace(/^v/, '').startsWith(`${line}.`)) ?? report.upgradeTargets[0];
  const release = gaReleases().find((entry) => entry.record.rke2 === target)?.record;
  if (!release) return undefined;
  return { version: release[kind], release };
}

function keepStyle(original: string, replacement: string): string {
  return /^[vV]/.test(original) ? replacement : replacement.replace(/^v/, '');
}

function pinSpan(pin: VersionPin): { start: number; end: number; text: string } {
  const content = scalarContentSpan(pin.node);
  const text = pin.text ?? String(pin.node.value);
  const start = content.start + (pin.offsetInScalar ?? 0);
  return { start, end: start + text.length, text };
}

/**
 * The `calico-affected-version` finding for a pinned version, `invalid-value` when the text is not a version of
 * that kind, `version-unknown` (info) when it is well-formed but not in the matrix, or nothing when no issue applies.
 */
/** Manifest bundles repeat the same few image tags hundreds of times: each version is looked up once. */
const LOOKUPS = new Map<string, ReturnType<typeof lookUpVersion>>();

function cachedLookUp(text: string, kind: VersionKind): ReturnType<typeof lookUpVersion> {
  const key = `${kind}\u0000${text}`;
  let outcome = LOOKUPS.get(key);
  if (!outcome) {
    if (LOOKUPS.size > 10_000) LOOKUPS.clear();
    outcome = lookUpVersion(text, kind);
    LOOKUPS.set(key, outcome);
  }
  return outcome;
}

/**
 * Why changing only a tigera-operator pin mixes releases: each operator release deploys its own Calico, while the
 * CRDs and the rest of the chart come from the RKE2 release (rke2-calico-crd, rke2-calico). Undefined when the
 * RKE2 release is known to be the one the new operator belongs to.
 */
function operatorMixCaution(release: ReleaseRecord, rke2Version: ContextFact<string> | undefined): string | undefined {
  if (rke2Version === undefined) {
    return `tigera-operator ${release.operator} deploys Calico ${release.calico}, as in RKE2 ${release.rke2}; on another RKE2 release it runs against that release's Calico CRDs, mixing two Calico releases: upgrading RKE2 to ${release.rke2} moves them together`;
  }
  const outcome = lookUpVersion(rke2Version.value, 'rke2');
  const running = outcome.ok ? outcome.report : undefined;
  if (running?.rke2 === release.rke2 || (running?.calico !== undefined && running.calico === release.calico)) return undefined;
  return `RKE2 ${rke2Version.value} (from ${rke2Version.source}) installs the CRDs of Calico ${running?.calico ?? 'another release'}, and tigera-operator ${release.operator} deploys Calico ${release.calico}: changing only this pin mixes two Calico releases; upgrading RKE2 to ${release.rke2} moves them together`;
}

export function checkPinnedVersion(pin: VersionPin, where: string, rke2Version?: ContextFact<string>): Finding | undefined {
  const span = pinSpan(pin);
  // A version a template fills in is known only once it renders.
  if (holdsPlaceholder(span.text)) return undefined;
  const outcome = cachedLookUp(span.text, pin.kind);
  if (!outcome.ok) {
    return { code: 'invalid-value', severity: 'error', message: `${where}: ${outcome.error}.`, span };
  }
  const report = outcome.report;
  const strongest = report.knownIssues[0];
  if (!strongest) {
    if (report.inMatrix) return undefined;
    return {
      code: 'version-unknown',
      severity: 'info',
      message: `${where}: ${KIND_LABELS[pin.kind]} ${span.text} is not in the release matrix, so it cannot be checked for known Calico issues.`,
      span,
    };
  }
  const replacement = replacementFor(report, pin.kind, rke2Version);
  const calicoPart = pin.kind === 'calico' ? '' : ` ships Calico ${report.calico ?? 'unknown'}`;
  const moveTo = replacement
    ? ` Move to ${KIND_LABELS[pin.kind]} ${replacement.version}${replacement.release && pin.kind !== 'rke2' ? ` (Calico ${replacement.release.calico}, as in RKE2 ${replacement.release.rke2})` : ''}.`
    : '';
  const caution = pin.kind === 'operator' && replacement?.release ? operatorMixCaution(replacement.release, rke2Version) : undefined;
  const newText = replacement ? keepStyle(span.text, replacement.version) : '';
  const fix: FindingFix | undefined = replacement
    ? {
        title: caution === undefined ? `Change to ${newText}` : `Change to ${newText} (mixes Calico releases unless RKE2 is ${replacement.release?.rke2 ?? 'upgraded with it'})`,
        edits: [{ start: span.start, end: span.end, newText }],
        ...(caution === undefined ? {} : { caution }),
      }
    : undefined;
  return {
    code: 'calico-affected-version',
    severity: strongest.severity,
    message: `${where}: ${KIND_LABELS[pin.kind]} ${span.text}${calicoPart} — ${strongest.issue.id}: ${strongest.because}.${moveTo}${caution === undefined ? '' : ` Note: ${caution}.`}`,
    span,
    knownIssue: strongest.issue.id,
    url: strongest.issue.url,
    ...(fix ? { fix } : {}),
  };
}

/**
 * The finding for `cni: calico` when the RKE2 version is known from elsewhere (a setting, another file, the
 * connected cluster): the config selects Calico, and that release ships an affected Calico.
 */
export function checkCalicoSelection(calicoValue: { start: number; end: number }, version: ContextFact<string>): Finding | undefined {
  const outcome = lookUpVersion(version.value, 'rke2');
  if (!outcome.ok) return undefined;
  const report = outcome.report;
  const strongest = report.knownIssues[0];
  if (!strongest) return undefined;
  const related: RelatedLocation[] =
    version.file !== undefined && version.span !== undefined ? [{ file: version.file, span: version.span, message: `RKE2 version ${version.value}`, ...(version.range ? { range: version.range } : {}) }] : [];
  const upgrade = report.upgradeTo ? ` Upgrade to ${report.upgradeTo}.` : '';
  return {
    code: 'calico-affected-version',
    severity: strongest.severity,
    message:
      `cni selects Calico, and RKE2 ${report.rke2 ?? version.value} (from ${version.source}) ships Calico ${report.calico ?? 'unknown'} — ` +
      `${strongest.issue.id}: ${strongest.because}.${upgrade}`,
    span: calicoValue,
    knownIssue: strongest.issue.id,
    url: strongest.issue.url,
    ...(related.length > 0 ? { related } : {}),
  };
}
