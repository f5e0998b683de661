import { isMap, isScalar, type Document } from 'yaml';
import type { Finding } from '../../findings/finding';
import { didYouMean } from '../../text/didYouMean';
import { describeNode, mapPairs, nodeSpan, type KeyedPair } from '../../yaml/yamlNodes';
import { checkCalicoSelection } from '../affectedVersion';
import type { LintContext } from '../lintContext';
import { checkNetworkCidrs } from './cidrRules';
import { checkCniSelection, selectsCalico } from './cniRules';
import { findRke2ConfigKey, K3S_ONLY_KEYS, rke2ConfigKeyNames } from './rke2ConfigKeys';
import { sliceItems, type SliceItem } from './sliceValues';
import { typeMismatch } from './typeRules';

const CALICO_CHARTS = ['rke2-calico', 'rke2-calico-crd'];

/** Lints one document of an RKE2 `config.yaml` or `config.yaml.d/*.yaml`. */
export function lintRke2ConfigDocument(document: Document, context: LintContext): Finding[] {
  const root = document.contents;
  if (root === null) return [];
  if (!isMap(root)) {
    return [{ code: 'invalid-type', severity: 'error', message: `An RKE2 config file is a mapping of flag names to values, found ${describeNode(root)}.`, span: nodeSpan(root, { start: 0, end: 1 }) }];
  }
  const findings: Finding[] = [];
  const pairs = mapPairs(root);
  const slices = new Map<string, SliceItem[]>();
  for (const pair of pairs) {
    const appendKey = pair.key.endsWith('+');
    const name = appendKey ? pair.key.slice(0, -1) : pair.key;
    findings.push(...checkKey(pair, name));
    const definition = findRke2ConfigKey(name);
    if (definition?.type === 'stringSlice' && !slices.has(name)) slices.set(name, sliceItems(pair.value));
  }
  findings.push(...checkAppendConflicts(pairs));
  const cni = slices.get('cni');
  if (cni) findings.push(...checkCniSelection(cni));
  findings.push(...checkNetworkCidrs(slices.get('cluster-cidr'), slices.get('service-cidr')));
  const calico = cni ? selectsCalico(cni) : undefined;
  if (calico) {
    for (const item of slices.get('disable') ?? []) {
      if (CALICO_CHARTS.includes(item.value)) {
        findings.push({
          code: 'invalid-value',
          severity: 'error',
          message: `disable: ${item.value} removes the chart that cni: calico needs; nodes will stay NotReady without a CNI.`,
          span: item.span,
          related: [{ file: undefined, span: calico.span, message: 'cni selects calico here' }],
        });
      }
    }
    if (context.rke2Version) {
      const finding = checkCalicoSelection(calico.span, context.rke2Version);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}

function checkKey(pair: KeyedPair, name: string): Finding[] {
  const keySpan = nodeSpan(pair.keyNode, { start: 0, end: 0 });
  const unsupported = K3S_ONLY_KEYS[name];
  if (unsupported !== undefined) {
    return [{ code: 'unsupported-key', severity: 'error', message: `${name} is a K3s flag that RKE2 does not accept: ${unsupported}.`, span: keySpan }];
  }
  const definition = findRke2ConfigKey(name);
  if (!definition) {
    const suggestion = didYouMean(name, rke2ConfigKeyNames());
    const suffix = pair.key.endsWith('+') ? '+' : '';
    return [{
      code: 'unknown-key',
      severity: 'warning',
      message: `Unknown RKE2 config key "${name}"; RKE2 skips it.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      span: keySpan,
      ...(suggestion ? { fix: { title: `Change to "${suggestion}${suffix}"`, edits: [{ ...keySpan, newText: `${suggestion}${suffix}` }] } } : {}),
    }];
  }
  const mismatch = typeMismatch(definition.type, pair.value);
  if (mismatch) {
    return [{ code: 'invalid-type', severity: 'error', message: `${name}: ${mismatch}.`, span: nodeSpan(pair.value, keySpan) }];
  }
  if (definition.allowed && isScalar(pair.value)) {
    const value = String(pair.value.value);
    if (!definition.allowed.includes(value)) {
      const suggestion = didYouMean(value, definition.allowed);
      return [{
        code: 'invalid-value',
        severity: 'error',
        message: `${name}: "${value}" is not one of ${definition.allowed.join(', ')}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        span: nodeSpan(pair.value, keySpan),
      }];
    }
  }
  return [];
}

/** A key given both plain and with `+`: the plain one overwrites what was appended (rke2-docs configuration.md). */
function checkAppendConflicts(pairs: readonly KeyedPair[]): Finding[] {
  const findings: Finding[] = [];
  const plain = new Map(pairs.filter((pair) => !pair.key.endsWith('+')).map((pair) => [pair.key, pair]));
  for (const pair of pairs) {
    if (!pair.key.endsWith('+')) continue;
    const other = plain.get(pair.key.slice(0, -1));
    if (!other) continue;
    findings.push({
      code: 'conflicting-append',
      severity: 'warning',
      message: `"${pair.key}" and "${other.key}" are both set; the last value wins, so one of them is lost. Use one form; once a key is appended with +, later files must use + too.`,
      span: nodeSpan(pair.keyNode, { start: 0, end: 0 }),
      related: [{ file: undefined, span: nodeSpan(other.keyNode, { start: 0, end: 0 }), message: `"${other.key}" set here` }],
    });
  }
  return findings;
}
