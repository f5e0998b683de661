import type { Document } from 'yaml';
import type { Finding } from '../../findings/finding';
import { documentRoot, isTemplatedScalar, mapGet, mapPath, nodeSpan, scalarString } from '../../yaml/yamlNodes';
import type { LintContext } from '../lintContext';
import { lintValuesContent } from './embeddedValues';

const RKE2_CALICO_CHARTS = ['rke2-calico', 'rke2-calico-crd'];

/**
 * `helm.cattle.io/v1 HelmChartConfig`: RKE2 merges it into its HelmChart only when name and namespace match the
 * chart (rke2-docs add-ons/helm.md), so a misplaced config is silently ignored. valuesContent is checked as YAML,
 * and as rke2-calico values for the rke2-calico chart.
 */
export function lintHelmChartConfig(fileText: string, document: Document, context: LintContext): Finding[] {
  const root = documentRoot(document);
  const findings: Finding[] = [];
  const namePair = mapPath(root, ['metadata', 'name']);
  const name = scalarString(namePair?.value);
  const namespacePair = mapPath(root, ['metadata', 'namespace']);
  const namespace = scalarString(namespacePair?.value);
  const templatedNamespace = isTemplatedScalar(namespacePair?.value);
  const calicoLike = name !== undefined && !isTemplatedScalar(namePair?.value) && /calico/i.test(name);
  if (calicoLike && !RKE2_CALICO_CHARTS.includes(name)) {
    findings.push({
      code: 'invalid-value',
      severity: 'warning',
      message: `HelmChartConfig "${name}" matches no RKE2 chart; RKE2's Calico charts are rke2-calico and rke2-calico-crd, and the config applies only to the chart of the same name.`,
      span: nodeSpan(namePair?.value, { start: 0, end: 0 }),
    });
  }
  if (name !== undefined && RKE2_CALICO_CHARTS.includes(name) && namespace !== 'kube-system' && !templatedNamespace) {
    const span = namespacePair ? nodeSpan(namespacePair.value, nodeSpan(namespacePair.keyNode, { start: 0, end: 0 })) : nodeSpan(namePair?.value, { start: 0, end: 0 });
    findings.push({
      code: 'invalid-value',
      severity: 'error',
      message: namespace === undefined
        ? `HelmChartConfig ${name} has no namespace; RKE2's ${name} HelmChart is in kube-system, so set metadata.namespace: kube-system.`
        : `HelmChartConfig ${name} is in namespace "${namespace}", but RKE2's ${name} HelmChart is in kube-system; this config is ignored.`,
      span,
      ...(namespacePair && namespace !== undefined ? { fix: { title: 'Change to kube-system', edits: [{ ...nodeSpan(namespacePair.value, span), newText: 'kube-system' }] } } : {}),
    });
  }
  const values = mapGet(mapGet(root, 'spec')?.value, 'valuesContent');
  if (values) findings.push(...lintValuesContent(fileText, values, context, name === 'rke2-calico'));
  return findings;
}
