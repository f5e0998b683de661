import { isScalar, type Document } from 'yaml';
import type { Finding } from '../../findings/finding';
import { documentRoot, mapGet, mapPath, scalarString } from '../../yaml/yamlNodes';
import { checkPinnedVersion } from '../affectedVersion';
import type { LintContext } from '../lintContext';
import { lintValuesContent } from './embeddedValues';

const CHART_URL_VERSION = /rke2-calico-(v?\d+\.\d+\.\d+)\.tgz/;

/**
 * `helm.cattle.io/v1 HelmChart` for rke2-calico, such as the one RKE2 writes to `server/manifests/rke2-calico.yaml`:
 * the chart version comes from `spec.version` or from the `helm.cattle.io/chart-url` annotation
 * (`…/rke2-calico-v3.29.200.tgz`; rancher/rke2 charts/build-chart.sh).
 */
export function lintHelmChart(fileText: string, document: Document, context: LintContext): Finding[] {
  const root = documentRoot(document);
  const name = scalarString(mapPath(root, ['metadata', 'name'])?.value);
  const chart = scalarString(mapPath(root, ['spec', 'chart'])?.value);
  const isCalico = name === 'rke2-calico' || chart === 'rke2-calico';
  if (!isCalico && name !== 'rke2-calico-crd') return [];
  const findings: Finding[] = [];
  if (isCalico) {
    const version = mapPath(root, ['spec', 'version'])?.value;
    if (isScalar(version) && typeof version.value === 'string') {
      const finding = checkPinnedVersion({ kind: 'chart', node: version }, 'spec.version');
      if (finding) findings.push(finding);
    }
    const url = mapGet(mapPath(root, ['metadata', 'annotations'])?.value, 'helm.cattle.io/chart-url')?.value;
    const match = isScalar(url) && typeof url.value === 'string' ? CHART_URL_VERSION.exec(url.value) : null;
    if (isScalar(url) && match?.[1] !== undefined) {
      const finding = checkPinnedVersion({ kind: 'chart', node: url, text: match[1], offsetInScalar: match.index + 'rke2-calico-'.length }, 'helm.cattle.io/chart-url');
      if (finding) findings.push(finding);
    }
  }
  const values = mapGet(mapGet(root, 'spec')?.value, 'valuesContent');
  if (values) findings.push(...lintValuesContent(fileText, values, context, isCalico));
  return findings;
}
