import { isMap, isScalar, isSeq, type Document } from 'yaml';
import type { Finding, TextSpan } from '../../findings/finding';
import { parseCidr, sameNetwork } from '../../net/cidr';
import { didYouMean } from '../../text/didYouMean';
import { isTemplatedScalar, mapGet, mapPairs, nodeSpan, type KeyedPair } from '../../yaml/yamlNodes';
import { checkPinnedVersion } from '../affectedVersion';
import { sameQuoting } from '../../yaml/sameQuoting';
import type { LintContext } from '../lintContext';
import { lintDataplaneValues } from './dataplaneRules';
import { CALICO_NETWORK_FIELDS, CHART_TOP_LEVEL_VALUES, ENUM_VALUES, INSTALLATION_FIELDS, IP_POOL_FIELDS } from './calicoChartValues';

/**
 * Lints the rke2-calico chart values parsed from `valuesContent`. Spans are offsets in the values text; the caller
 * maps them back into the file.
 */
export function lintCalicoValues(values: Document, context: LintContext): Finding[] {
  const root = values.contents;
  if (!isMap(root)) return [];
  const findings: Finding[] = [];
  for (const pair of mapPairs(root)) {
    if (!(pair.key in CHART_TOP_LEVEL_VALUES)) findings.push(unknownKey(pair, Object.keys(CHART_TOP_LEVEL_VALUES), 'rke2-calico chart value', 'Helm ignores it'));
  }
  const installation = mapGet(root, 'installation')?.value;
  checkKnownKeys(installation, INSTALLATION_FIELDS, 'installation', findings);
  const network = mapGet(installation, 'calicoNetwork')?.value;
  checkKnownKeys(network, CALICO_NETWORK_FIELDS, 'installation.calicoNetwork', findings);
  checkEnum(installation, 'installation', ['natOutgoing', 'backend', 'fipsMode', 'variant', 'kubernetesProvider'], findings);
  checkEnum(network, 'installation.calicoNetwork', ['bgp', 'hostPorts', 'containerIPForwarding', 'linuxDataplane', 'multiInterfaceMode', 'windowsDataplane', 'kubeProxyManagement'], findings);
  const pools = mapGet(network, 'ipPools')?.value;
  if (isSeq(pools)) {
    for (const pool of pools.items) {
      checkKnownKeys(pool, IP_POOL_FIELDS, 'ipPools[]', findings);
      checkEnum(pool, 'installation.calicoNetwork.ipPools[]', ['encapsulation', 'natOutgoing', 'disableBGPExport'], findings);
      const cidr = mapGet(pool, 'cidr');
      if (cidr) findings.push(...checkPoolCidr(cidr, context));
    }
  }
  const operatorVersion = mapGet(mapGet(root, 'tigeraOperator')?.value, 'version')?.value;
  if (isScalar(operatorVersion) && (typeof operatorVersion.value === 'string' || typeof operatorVersion.value === 'number')) {
    const finding = checkPinnedVersion({ kind: 'operator', node: operatorVersion, text: String(operatorVersion.value) }, 'tigeraOperator.version', context.rke2Version);
    if (finding) findings.push(finding);
  }
  findings.push(...lintDataplaneValues(root, context));
  return findings;
}

function unknownKey(pair: KeyedPair, known: readonly string[], what: string, consequence: string): Finding {
  const suggestion = didYouMean(pair.key, known);
  const span = nodeSpan(pair.keyNode, { start: 0, end: 0 });
  return {
    code: 'unknown-key',
    severity: 'warning',
    message: `Unknown ${what} "${pair.key}"; ${consequence}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
    span,
    ...(suggestion ? { fix: { title: `Change to "${suggestion}"`, edits: [{ ...span, newText: suggestion }] } } : {}),
  };
}

function checkKnownKeys(node: unknown, known: readonly string[], path: string, findings: Finding[]): void {
  if (!isMap(node)) return;
  for (const pair of mapPairs(node)) {
    if (!known.includes(pair.key)) findings.push(unknownKey(pair, known, `${path} field`, 'the operator rejects or ignores it'));
  }
}

function checkEnum(node: unknown, path: string, keys: readonly string[], findings: Finding[]): void {
  for (const key of keys) {
    const pair = mapGet(node, key);
    const allowed = ENUM_VALUES[`${path}.${key}`];
    if (!pair || !allowed || !isScalar(pair.value) || isTemplatedScalar(pair.value)) continue;
    const value = pair.value.value;
    const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
    if (allowed.includes(text) && (typeof value === 'string' || allowed.includes(String(value)))) continue;
    const suggestion = didYouMean(text, allowed);
    const span = nodeSpan(pair.value, nodeSpan(pair.keyNode, { start: 0, end: 0 }));
    findings.push({
      code: 'invalid-value',
      severity: 'error',
      message: `${path}.${key}: ${JSON.stringify(value)} is not one of ${allowed.filter((entry) => entry !== '').join(', ')}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      span,
      ...(suggestion ? { fix: { title: `Change to ${suggestion}`, edits: [{ ...span, newText: sameQuoting(pair.value, suggestion) }] } } : {}),
    });
  }
}

function checkPoolCidr(pair: KeyedPair, context: LintContext): Finding[] {
  const span: TextSpan = nodeSpan(pair.value, nodeSpan(pair.keyNode, { start: 0, end: 0 }));
  if (isTemplatedScalar(pair.value)) return [];
  if (!isScalar(pair.value) || typeof pair.value.value !== 'string') {
    return [{ code: 'invalid-cidr', severity: 'error', message: 'ipPools[].cidr: expected a CIDR string such as 10.42.0.0/16.', span }];
  }
  const parsed = parseCidr(pair.value.value);
  if (!parsed.ok) return [{ code: 'invalid-cidr', severity: 'error', message: `ipPools[].cidr: ${parsed.reason}.`, span }];
  const clusterCidr = context.clusterCidr;
  if (!clusterCidr) return [];
  const sameFamily = clusterCidr.value.map(parseCidr).flatMap((result) => (result.ok && result.cidr.family === parsed.cidr.family ? [result.cidr] : []));
  if (sameFamily.some((cidr) => sameNetwork(cidr, parsed.cidr))) return [];
  return [{
    code: 'ippool-cidr-mismatch',
    severity: 'warning',
    message: `IP pool ${pair.value.value} is not RKE2's cluster-cidr (${clusterCidr.value.join(', ')} from ${clusterCidr.source}); pods would get addresses outside the range the cluster routes.`,
    span,
    ...(clusterCidr.file !== undefined && clusterCidr.span
      ? { related: [{ file: clusterCidr.file, span: clusterCidr.span, message: `cluster-cidr: ${clusterCidr.value.join(', ')}`, ...(clusterCidr.range ? { range: clusterCidr.range } : {}) }] }
      : {}),
  }];
}
