import { isScalar, type Node } from 'yaml';
import type { Finding, TextSpan } from '../../findings/finding';
import { acceptedProfiles, PROFILE_SOURCE } from '../../knowledge/profileSupport';
import { parseRke2Version } from '../../versions/rke2Version';
import type { ContextFact } from '../lintContext';
import type { SliceItem } from './sliceValues';

/** Kubernetes label keys and values (k8s.io/apimachinery validation: qualified names, 63-character values). */
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_PREFIX = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function validLabelKey(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash === -1) return LABEL_NAME.test(key);
  return LABEL_PREFIX.test(key.slice(0, slash)) && LABEL_NAME.test(key.slice(slash + 1));
}

/** `node-label` entries are `key=value` (the kubelet's --node-labels); a bad one stops the kubelet from starting. */
export function checkNodeLabels(items: readonly SliceItem[]): Finding[] {
  const findings: Finding[] = [];
  for (const item of items) {
    const equals = item.value.indexOf('=');
    const key = equals === -1 ? item.value : item.value.slice(0, equals);
    const value = equals === -1 ? undefined : item.value.slice(equals + 1);
    let problem: string | undefined;
    if (value === undefined) problem = 'is not key=value';
    else if (!validLabelKey(key)) problem = `has an invalid label key "${key}"`;
    else if (!LABEL_VALUE.test(value)) problem = `has an invalid label value "${value}" (at most 63 letters, digits, -, _ or ., starting and ending with a letter or digit)`;
    if (problem) findings.push({ code: 'invalid-value', severity: 'error', message: `node-label "${item.value}" ${problem}; the kubelet refuses to start with it.`, span: item.span });
  }
  return findings;
}

/** `node-taint` entries are `key[=value]:Effect` (the kubelet's --register-with-taints). */
export function checkNodeTaints(items: readonly SliceItem[]): Finding[] {
  const findings: Finding[] = [];
  for (const item of items) {
    const colon = item.value.lastIndexOf(':');
    const effect = colon === -1 ? undefined : item.value.slice(colon + 1);
    const keyValue = colon === -1 ? item.value : item.value.slice(0, colon);
    const equals = keyValue.indexOf('=');
    const key = equals === -1 ? keyValue : keyValue.slice(0, equals);
    const value = equals === -1 ? '' : keyValue.slice(equals + 1);
    let problem: string | undefined;
    if (effect === undefined || !TAINT_EFFECTS.includes(effect)) problem = `needs an effect: key=value:${TAINT_EFFECTS.join(', :')}`;
    else if (!validLabelKey(key)) problem = `has an invalid taint key "${key}"`;
    else if (!LABEL_VALUE.test(value)) problem = `has an invalid taint value "${value}"`;
    if (problem) findings.push({ code: 'invalid-value', severity: 'error', message: `node-taint "${item.value}" ${problem}; the kubelet refuses to start with it.`, span: item.span });
  }
  return findings;
}

/**
 * `profile`: the values RKE2 accepts changed twice (cis-1.5/1.6 → cis-1.23 → cis and etcd). With the cluster's RKE2
 * version known, a value it rejects is an error (rke2 exits at start); without it, a value newer releases reject is
 * a warning that names them.
 */
export function checkProfile(node: Node | null, span: TextSpan, version: ContextFact<string> | undefined): Finding | undefined {
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  const value = node.value;
  const parsed = version ? parseRke2Version(version.value) : undefined;
  if (parsed?.ok) {
    const era = acceptedProfiles(parsed.value.kubernetes.minor, parsed.value.kubernetes.patch);
    if (era.accepted.includes(value)) return undefined;
    return {
      code: 'invalid-value',
      severity: 'error',
      message: `profile: "${value}" is rejected by RKE2 ${version?.value ?? ''} (from ${version?.source ?? ''}), which accepts ${era.accepted.join(' or ')}: rke2 exits with "invalid value provided for --profile flag". Source: ${era.source}.`,
      span,
    };
  }
  const newest = acceptedProfiles(99, 0);
  if (newest.accepted.includes(value)) return undefined;
  const known = ['cis', 'cis-1.23', 'cis-1.5', 'cis-1.6', 'etcd'];
  return {
    code: 'invalid-value',
    severity: known.includes(value) ? 'warning' : 'error',
    message: known.includes(value)
      ? `profile: "${value}" is rejected by current RKE2 releases (${newest.source}: only ${newest.accepted.join(' or ')}); it works only on older ones. Set rke2Calico.rke2Version or --rke2-version to check your release exactly. Source: ${PROFILE_SOURCE}.`
      : `profile: "${value}" is not a profile any RKE2 release accepts (${known.join(', ')}). Source: ${PROFILE_SOURCE}.`,
    span,
  };
}

/**
 * `write-kubeconfig-mode: 0640` unquoted: RKE2's YAML reader (YAML 1.1) takes it as the octal number 416, passes
 * "416" on, and that is read as the mode 0416 (rancher/rke2#4739; rancher/rke2#2706 quotes it in RKE2's own tests).
 */
export function checkOctalMode(node: Node | null): Finding | undefined {
  if (!isScalar(node) || node.type !== 'PLAIN' || typeof node.value !== 'number' || !node.range) return undefined;
  const source = node.source ?? '';
  if (!/^0[0-7]+$/.test(source)) return undefined;
  const decimal = parseInt(source, 8);
  const span = { start: node.range[0], end: node.range[1] };
  return {
    code: 'invalid-value',
    severity: 'error',
    message: `write-kubeconfig-mode: unquoted ${source} is read by RKE2 as the octal number ${decimal}, so the kubeconfig gets mode 0${String(decimal)} instead of ${source} (rancher/rke2#4739). Quote it: "${source}".`,
    span,
    fix: { title: `Quote it: "${source}"`, edits: [{ ...span, newText: `"${source}"` }] },
  };
}
