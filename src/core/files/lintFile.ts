import type { Finding } from '../findings/finding';
import { parseYaml } from '../yaml/parseYaml';
import { manifestType } from '../yaml/yamlNodes';
import { classifyFile, type FileKind } from './fileKinds';
import { EMPTY_CONTEXT, type LintContext } from './lintContext';
import { lintHelmChart } from './manifests/lintHelmChart';
import { lintHelmChartConfig } from './manifests/lintHelmChartConfig';
import { lintImageTags, mentionsCalicoImage } from './manifests/imageTags';
import { lintRancherCluster } from './manifests/lintRancherCluster';
import { lintUpgradePlan } from './manifests/lintUpgradePlan';
import { lintRke2ConfigDocument } from './rke2Config/lintRke2Config';

/** Files above this size are not parsed: the editor must stay responsive and RKE2 files are small. */
export const MAX_LINT_BYTES = 32 * 1024 * 1024;

export interface LintOptions {
  readonly context?: LintContext;
  readonly forceRke2Config?: boolean;
}

export interface FileLintResult {
  readonly kind: FileKind;
  readonly findings: readonly Finding[];
}

/** True when the text holds a NUL character early on: a binary file, not YAML. */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

/**
 * Lints one file. Unrelated YAML gives no findings at all (not even syntax errors: other tools own those files).
 * Never throws: the parser is total, and every rule reads nodes defensively.
 */
export function lintFile(path: string, text: string, options: LintOptions = {}): FileLintResult {
  const kind = classifyFile(path, text, options.forceRke2Config);
  if (kind === 'unrelated') return { kind, findings: [] };
  if (text.length > MAX_LINT_BYTES) {
    return { kind, findings: [{ code: 'file-skipped', severity: 'info', message: `Not linted: the file is larger than ${MAX_LINT_BYTES / 1024 / 1024} MiB.`, span: { start: 0, end: 0 } }] };
  }
  if (looksBinary(text)) {
    return { kind, findings: [{ code: 'file-skipped', severity: 'warning', message: 'Not linted: the file holds binary data, not YAML text.', span: { start: 0, end: 0 } }] };
  }
  try {
    return { kind, findings: lintText(text, kind, options.context ?? EMPTY_CONTEXT) };
  } catch (error) {
    // Last line of defence for pathological input (e.g. nesting deeper than the stack): say so, never throw.
    const reason = error instanceof Error ? error.message : String(error);
    return { kind, findings: [{ code: 'file-skipped', severity: 'warning', message: `Not linted: the file could not be analysed (${reason}).`, span: { start: 0, end: 0 } }] };
  }
}

/** Syntax findings beyond this many add noise, not information: one summary finding stands for the rest. */
const MAX_SYNTAX_FINDINGS = 50;

function capSyntaxFindings(findings: readonly Finding[]): Finding[] {
  if (findings.length <= MAX_SYNTAX_FINDINGS) return [...findings];
  const kept = findings.slice(0, MAX_SYNTAX_FINDINGS);
  const last = kept[kept.length - 1];
  return [...kept, { code: 'yaml-syntax', severity: 'error', message: `${findings.length - MAX_SYNTAX_FINDINGS} more YAML syntax errors follow; fix the first ones first.`, span: last ? last.span : { start: 0, end: 1 } }];
}

function lintText(text: string, kind: Exclude<FileKind, 'unrelated'>, context: LintContext): Finding[] {
  const parsed = parseYaml(text);
  const findings: Finding[] = capSyntaxFindings(parsed.findings);
  const scanImages = kind === 'manifests' && mentionsCalicoImage(text);
  for (const document of parsed.documents) {
    if (kind === 'rke2-config') {
      findings.push(...lintRke2ConfigDocument(document, context));
      continue;
    }
    const type = manifestType(document);
    if (type?.apiVersion === 'helm.cattle.io/v1' && type.kind === 'HelmChartConfig') findings.push(...lintHelmChartConfig(text, document, context));
    else if (type?.apiVersion === 'helm.cattle.io/v1' && type.kind === 'HelmChart') findings.push(...lintHelmChart(text, document, context));
    else if (type?.apiVersion === 'provisioning.cattle.io/v1' && type.kind === 'Cluster') findings.push(...lintRancherCluster(document));
    else if (type?.apiVersion === 'upgrade.cattle.io/v1' && type.kind === 'Plan') findings.push(...lintUpgradePlan(document));
    if (scanImages) findings.push(...lintImageTags(document));
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return findings;
}
