import { isScalar, type Scalar } from 'yaml';
import type { Finding, TextSpan } from '../../findings/finding';
import { parseYaml } from '../../yaml/parseYaml';
import { ScalarSourceMap } from '../../yaml/scalarSourceMap';
import type { KeyedPair } from '../../yaml/yamlNodes';
import { lintCalicoValues } from '../calicoValues/lintCalicoValues';
import type { LintContext } from '../lintContext';

/**
 * Parses a HelmChart/HelmChartConfig `valuesContent` string as YAML and reports its problems at their exact place
 * inside the (block) scalar. `calicoRules` adds the rke2-calico chart checks on top of syntax.
 */
export function lintValuesContent(fileText: string, pair: KeyedPair, context: LintContext, calicoRules: boolean): Finding[] {
  const node = pair.value;
  if (!isScalar(node) || typeof node.value !== 'string') {
    const span = { start: pair.keyNode.range?.[0] ?? 0, end: pair.keyNode.range?.[1] ?? 0 };
    return [{ code: 'invalid-type', severity: 'error', message: 'valuesContent must be a string holding YAML (use a block scalar: valuesContent: |-).', span }];
  }
  return lintEmbeddedYaml(fileText, node as Scalar<string>, 'valuesContent', (text) => {
    const parsed = parseYaml(text);
    const inner = [...parsed.findings];
    if (calicoRules) for (const document of parsed.documents) inner.push(...lintCalicoValues(document, context));
    return inner;
  });
}

/**
 * Lints YAML held in a string of the file (a HelmChartConfig's valuesContent, a cloud-init write_files content) and
 * reports what it finds at the exact place inside the (block) scalar.
 */
export function lintEmbeddedYaml(fileText: string, node: Scalar<string>, label: string, lintInner: (text: string) => readonly Finding[]): Finding[] {
  const map = new ScalarSourceMap(fileText, node, node.value);
  const toFile = (span: TextSpan): TextSpan => {
    const start = map.toFileOffset(span.start);
    return { start, end: Math.max(start + 1, map.toFileOffset(span.end)) };
  };
  return lintInner(node.value).map((finding) => ({
    ...finding,
    message: finding.code === 'yaml-syntax' ? `${label}: ${finding.message}` : finding.message,
    span: toFile(finding.span),
    ...(finding.fix ? { fix: { ...finding.fix, edits: finding.fix.edits.map((edit) => ({ ...toFile(edit), newText: edit.newText })) } } : {}),
    ...(finding.related ? { related: finding.related.map((location) => (location.file === undefined ? { ...location, span: toFile(location.span) } : location)) } : {}),
  }));
}
