import { isMap, isScalar, type Document, type YAMLMap } from 'yaml';
import { appendAll } from '../../findings/appendAll';
import type { Finding } from '../../findings/finding';
import { didYouMean } from '../../text/didYouMean';
import { describeNode, isTemplatedScalar, mapPairs, nodeSpan, type KeyedPair } from '../../yaml/yamlNodes';
import { sameQuoting } from '../../yaml/sameQuoting';
import { checkCalicoSelection } from '../affectedVersion';
import type { LintContext } from '../lintContext';
import { checkNetworkCidrs } from './cidrRules';
import { checkK3sDisableItems } from './disableRules';
import { checkCniSelection, selectsCalico } from './cniRules';
import { findRke2ConfigKey, rke2ConfigKeyNames, skippedRke2Key } from './rke2ConfigKeys';
import { sliceItems, type SliceItem } from './sliceValues';
import { typeMismatch } from './typeRules';
import { checkNodeLabels, checkNodeTaints, checkOctalMode, checkProfile } from './valueRules';
import { mergeNode } from '../workspace/configMerge';

const CALICO_CHARTS = ['rke2-calico', 'rke2-calico-crd'];
/** Past this many unknown keys in one mapping it is not a config with typos: the rest get no "did you mean". */
const MAX_SUGGESTIONS = 100;

/** Lints one document of an RKE2 `config.yaml` or `config.yaml.d/*.yaml`. */
export function lintRke2ConfigDocument(document: Document, context: LintContext): Finding[] {
  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null)) return [];
  if (!isMap(root)) {
    return [{ code: 'invalid-type', severity: 'error', message: `An RKE2 config file is a mapping of flag names to values, found ${describeNode(root)}.`, span: nodeSpan(root, { start: 0, end: 1 }) }];
  }
  return lintRke2ConfigMap(root, context, document);
}

export interface ConfigMapOptions {
  readonly judgeCalicoVersion?: boolean;
  /** The map is a Rancher Cluster's machineGlobalConfig or machineSelectorConfig[].config, not a file RKE2 reads. */
  readonly writtenByRancher?: boolean;
}

/**
 * Lints a mapping of RKE2 flags: a config file's, or one Rancher puts in a provisioning Cluster
 * (machineGlobalConfig, machineSelectorConfig[].config), which Rancher writes into the nodes' config.yaml.d.
 */
export function lintRke2ConfigMap(root: YAMLMap, context: LintContext, document?: Document, options: ConfigMapOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const pairs = mapPairs(root);
  const slices = new Map<string, SliceItem[]>();
  const suggestions = { left: MAX_SUGGESTIONS };
  for (const pair of pairs) {
    const appendKey = pair.key.endsWith('+');
    const name = appendKey ? pair.key.slice(0, -1) : pair.key;
    appendAll(findings, checkKey(pair, name, context, options.writtenByRancher === true, suggestions));
    if (name === 'disable' && !isTemplatedScalar(pair.value)) appendAll(findings, checkK3sDisableItems(sliceItems(pair.value)));
    const definition = findRke2ConfigKey(name);
    if (definition?.type === 'stringSlice' && !slices.has(name)) slices.set(name, sliceItems(pair.value));
  }
  // The same merge RKE2 runs over config.yaml and config.yaml.d, here within this one document.
  if (document) for (const found of mergeNode([{ path: '', label: '', text: '', documents: [document] }]).findings.values()) appendAll(findings, found);
  appendAll(findings, checkNodeLabels(slices.get('node-label') ?? []));
  appendAll(findings, checkNodeTaints(slices.get('node-taint') ?? []));
  const cni = slices.get('cni');
  if (cni) appendAll(findings, checkCniSelection(cni));
  appendAll(findings, checkNetworkCidrs(slices.get('cluster-cidr'), slices.get('service-cidr')));
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
    if (context.rke2Version && options.judgeCalicoVersion !== false) {
      const finding = checkCalicoSelection(calico.span, context.rke2Version);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}

function checkKey(pair: KeyedPair, name: string, context: LintContext, writtenByRancher: boolean, suggestions: { left: number }): Finding[] {
  const keySpan = nodeSpan(pair.keyNode, { start: 0, end: 0 });
  const skipped = skippedRke2Key(name);
  if (skipped) {
    const when = skipped.since ? ` (since ${skipped.since})` : '';
    const message = skipped.status === 'removed'
      ? `${name} was removed from RKE2${when}; RKE2 skips it with a warning.`
      : `${name} is a K3s flag that RKE2 drops${when}: RKE2 skips it with a warning${skipped.because ? `; ${skipped.because}` : ''}.`;
    return [{ code: 'unsupported-key', severity: 'warning', message, span: keySpan }];
  }
  const definition = findRke2ConfigKey(name);
  if (!definition) {
    const suggestion = suggestions.left-- > 0 ? didYouMean(name, rke2ConfigKeyNames()) : undefined;
    const suffix = pair.key.endsWith('+') ? '+' : '';
    return [{
      code: 'unknown-key',
      severity: 'warning',
      message: `Unknown RKE2 config key "${name}"; RKE2 skips it.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      span: keySpan,
      ...(suggestion ? { fix: { title: `Change to "${suggestion}${suffix}"`, edits: [{ ...keySpan, newText: `${suggestion}${suffix}` }] } } : {}),
    }];
  }
  // A value a template fills in is judged once it renders.
  if (isTemplatedScalar(pair.value)) return [];
  const isNull = pair.value === null || (isScalar(pair.value) && pair.value.value === null);
  // Rancher's planner drops a null before it writes the node's config (rancher/rancher v2.13.8
  // pkg/capr/planner/filter.go filterField: `if v == nil { return nil, false }`, called by addUserConfig in
  // config.go): the key never reaches RKE2, so there is nothing to say. An empty string is kept and written.
  if (isNull && writtenByRancher) return [];
  // k3s's config reader turns a null or empty value into `--name=` (k3s-io/k3s pkg/configfilearg/parser.go
  // readConfigFile: `prefix+k+"="+convert.ToString(v)`, and wrangler's convert.ToString(nil) is ""), as vendored by
  // rancher/rke2 v1.36.3+rke2r1 (go.mod k3s v1.36.3-0.20260720191027-4ca29faac89e): an empty string, never what was meant.
  if (isNull || (isScalar(pair.value) && pair.value.value === '')) {
    return [{ code: 'invalid-value', severity: 'warning', message: `${name} has no value: RKE2 passes it on as --${name}= (empty). Give it a value or remove it.`, span: nodeSpan(pair.value, keySpan) }];
  }
  if (name === 'write-kubeconfig-mode') {
    const finding = checkOctalMode(pair.value);
    if (finding) return [finding];
  }
  if (name === 'profile') {
    const finding = checkProfile(pair.value, nodeSpan(pair.value, keySpan), context.rke2Version);
    return finding ? [finding] : [];
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
        ...(suggestion ? { fix: { title: `Change to "${suggestion}"`, edits: [{ ...nodeSpan(pair.value, keySpan), newText: sameQuoting(pair.value, suggestion) }] } } : {}),
      }];
    }
  }
  return [];
}
