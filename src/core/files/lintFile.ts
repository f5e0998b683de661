import type { Finding } from '../findings/finding';
import { appendAll } from '../findings/appendAll';
import { isScalar, type Document } from 'yaml';
import { parseYaml } from '../yaml/parseYaml';
import { holdsPlaceholder } from '../yaml/templateMask';
import { documentRoot, manifestType, mapGet, nodeSpan, scalarString } from '../yaml/yamlNodes';
import { looksBinary } from '../text/binaryContent';
import { maskTemplates } from '../yaml/templateMask';
import { classifyFile, type FileKind } from './fileKinds';
import { estimatedLintMs, HEAD_CHARS, measureText, tooComplexToLint } from './lintBudget';
import { EMPTY_CONTEXT, type LintContext } from './lintContext';
import { lintHelmChart } from './manifests/lintHelmChart';
import { lintHelmChartConfig } from './manifests/lintHelmChartConfig';
import { lintImageTags, mentionsCalicoImage } from './manifests/imageTags';
import { lintRancherCluster } from './manifests/lintRancherCluster';
import { lintUpgradePlan } from './manifests/lintUpgradePlan';
import { lintCloudInit } from './manifests/lintCloudInit';
import { lintWrittenConfigBlocks } from './manifests/writtenConfigBlocks';
import { lintRke2ConfigDocument } from './rke2Config/lintRke2Config';

/** Files above this size (in bytes) are not parsed: the editor must stay responsive and RKE2 files are small. */
export const MAX_LINT_BYTES = 32 * 1024 * 1024;

export interface LintOptions {
  readonly context?: LintContext;
  readonly forceRke2Config?: boolean;
  /**
   * The editor's budget: a file whose lint is expected to take longer (estimatedLintMs) is not linted, and one info
   * says so, because lint runs on the extension host's only thread.
   */
  readonly maxLintMs?: number;
}

export interface FileLintResult {
  readonly kind: FileKind;
  readonly findings: readonly Finding[];
}

/**
 * Lints one file. Unrelated YAML gives no findings at all (not even syntax errors: other tools own those files).
 * Never throws: the parser is total, and every rule reads nodes defensively.
 */
export function lintFile(path: string, text: string, options: LintOptions = {}): FileLintResult {
  if (Buffer.byteLength(text, 'utf8') > MAX_LINT_BYTES) {
    return { kind: 'unrelated', findings: [{ code: 'file-skipped', severity: 'info', message: `Not linted: the file is larger than ${MAX_LINT_BYTES / 1024 / 1024} MiB.`, span: { start: 0, end: 0 } }] };
  }
  if (looksBinary(text, 'binary')) {
    const kind = classifyFile(path, '', options.forceRke2Config).kind;
    return kind === 'unrelated' ? { kind, findings: [] } : { kind, findings: [{ code: 'file-skipped', severity: 'warning', message: 'Not linted: the file holds binary data, not YAML text.', span: { start: 0, end: 0 } }] };
  }
  // The editor's budget is judged on the raw text, before masking: masking a huge template costs time too.
  if (options.maxLintMs !== undefined && estimatedLintMs(measureText(text)) > options.maxLintMs) return notCheckedInEditorFor(path, text.slice(0, HEAD_CHARS), text.length, options.forceRke2Config);
  // Template syntax is masked with offsets kept: placeholders are never judged, the literal rest is.
  const masked = maskTemplates(text).text;
  const { kind, why } = classifyFile(path, masked, options.forceRke2Config);
  if (kind === 'unrelated') return { kind, findings: [] };
  const shape = measureText(masked);
  const tooComplex = tooComplexToLint(masked, shape);
  if (tooComplex !== undefined) return { kind, findings: [{ code: 'file-skipped', severity: 'info', message: `Not linted: ${tooComplex}.`, span: { start: 0, end: 0 } }] };
  try {
    const findings = capFindings(lintText(masked, kind, options.context ?? EMPTY_CONTEXT));
    return { kind, findings: why === undefined ? findings : findings.map((finding) => ({ ...finding, message: `${finding.message} (${why})` })) };
  } catch (error) {
    // Last line of defence for pathological input (e.g. nesting deeper than the stack): say so, never throw.
    const reason = error instanceof Error ? error.message : String(error);
    return { kind, findings: [{ code: 'file-skipped', severity: 'warning', message: `Not linted: the file could not be analysed (${reason}).`, span: { start: 0, end: 0 } }] };
  }
}

/**
 * A file too large or complex to lint within the editor's budget, judged by its head (the first HEAD_CHARS): one
 * info if it is an RKE2 or Calico file, nothing if it is not.
 */
export function notCheckedInEditorFor(path: string, head: string, chars: number, forceRke2Config = false): FileLintResult {
  const { kind } = classifyFile(path, maskTemplates(head).text, forceRke2Config);
  return kind === 'unrelated' ? { kind, findings: [] } : { kind, findings: [notCheckedInEditor(chars)] };
}

/** The one finding of a file too large or complex to lint within the editor's budget. */
function notCheckedInEditor(chars: number): Finding {
  return {
    code: 'file-skipped',
    severity: 'info',
    message: `Not checked in the editor: this file (${chars} characters) is too large or complex to lint without making the editor wait. Run \`rke2-calico-diag lint <file>\` to check it.`,
    span: { start: 0, end: 0 },
  };
}

/** Findings beyond this many in one file are a file that is not what it seems, not information. */
const MAX_FINDINGS = 1000;

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** Past the cap, errors are kept before warnings and warnings before infos; what is kept stays in file order. */
function capFindings(findings: Finding[]): Finding[] {
  if (findings.length <= MAX_FINDINGS) return findings;
  const kept = findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] || a.index - b.index)
    .slice(0, MAX_FINDINGS)
    .sort((a, b) => a.index - b.index)
    .map((entry) => entry.finding);
  const last = kept[kept.length - 1];
  return [...kept, { code: 'file-skipped', severity: 'info', message: `${findings.length - MAX_FINDINGS} more findings are not shown (errors are shown first); fix these first.`, span: last ? last.span : { start: 0, end: 0 } }];
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
  // Of other YAML that writes an RKE2 config, only the config it writes is judged (the rest is another tool's).
  if (kind === 'config-writer') return lintWrittenConfigBlocks(text, { start: 0, end: text.length }, context).sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const parsed = parseYaml(text);
  const findings: Finding[] = capSyntaxFindings(parsed.findings);
  const scanImages = kind === 'manifests' && mentionsCalicoImage(text);
  for (const document of parsed.documents) {
    if (kind === 'rke2-config') appendAll(findings, lintRke2ConfigDocument(document, context));
    else if (kind === 'cloud-init') appendAll(findings, lintCloudInit(text, document, context, (embedded, inner) => lintManifest(embedded, inner, context, mentionsCalicoImage(embedded))));
    else appendAll(findings, lintManifest(text, document, context, scanImages));
  }
  if (kind === 'rke2-config') appendAll(findings, ignoredDocuments(parsed.documents));
  // user-data the template leaves unreadable as YAML: the config blocks it writes are still read line by line.
  if (kind === 'cloud-init') for (const range of parsed.unchecked) appendAll(findings, lintWrittenConfigBlocks(text, range, context));
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return findings;
}

function lintManifest(text: string, document: Document, context: LintContext, scanImages: boolean): Finding[] {
  const findings: Finding[] = [...helmApiVersion(document)];
  const type = manifestType(document);
  if (type?.apiVersion === 'helm.cattle.io/v1' && type.kind === 'HelmChartConfig') appendAll(findings, lintHelmChartConfig(text, document, context));
  else if (type?.apiVersion === 'helm.cattle.io/v1' && type.kind === 'HelmChart') appendAll(findings, lintHelmChart(text, document, context));
  else if (type?.apiVersion === 'provisioning.cattle.io/v1' && type.kind === 'Cluster') appendAll(findings, lintRancherCluster(document, context));
  else if (type?.apiVersion === 'upgrade.cattle.io/v1' && type.kind === 'Plan') appendAll(findings, lintUpgradePlan(document));
  if (scanImages) appendAll(findings, lintImageTags(document, text));
  return findings;
}

/** A HelmChart or HelmChartConfig without `apiVersion: helm.cattle.io/v1` is not an object RKE2's deploy controller can apply. */
function helmApiVersion(document: Document): Finding[] {
  const root = documentRoot(document);
  const kind = mapGet(root, 'kind');
  if (!kind || !isScalar(kind.value) || (kind.value.value !== 'HelmChartConfig' && kind.value.value !== 'HelmChart')) return [];
  const apiVersion = mapGet(root, 'apiVersion');
  const value = scalarString(apiVersion?.value);
  if (value === 'helm.cattle.io/v1' || (value !== undefined && holdsPlaceholder(value))) return [];
  return [{
    code: 'invalid-value',
    severity: 'error',
    message: `${kind.value.value} needs apiVersion: helm.cattle.io/v1${value === undefined ? '' : ` (found "${value}")`}; without it Kubernetes, and RKE2's manifest deployer, cannot apply it.`,
    span: nodeSpan(apiVersion?.value ?? kind.keyNode, { start: 0, end: 1 }),
  }];
}

/**
 * RKE2 reads its config files with a single-document YAML decoder (k3s pkg/configfilearg), so a second document
 * (after `---` or `...`) is never read.
 */
function ignoredDocuments(documents: readonly Document[]): Finding[] {
  return documents.slice(1).flatMap((document) => {
    const contents = document.contents;
    if (contents === null || (isScalar(contents) && contents.value === null)) return [];
    const [start, end] = contents.range ?? [0, 1];
    return [{ code: 'ignored-document', severity: 'warning', message: 'RKE2 reads only the first YAML document of a config file: this document (after --- or ...) is ignored. Put these keys in the first document or in a config.yaml.d file.', span: { start, end: Math.min(end, start + 80) } }];
  });
}
