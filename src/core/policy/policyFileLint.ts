import { isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Finding, TextSpan } from '../findings/finding';
import { mapGet, scalarString } from '../yaml/yamlNodes';
import { mentionsPolicyKind } from './policyKinds';
import { PolicyInputCollector } from './policyInputs';
import { lintPolicies, type PolicyLintFinding } from './policyLint';

/** What the connected cluster holds in some namespaces: their pods and Namespace objects. */
export interface ClusterWorkloads {
  /** Pod and Namespace objects, as the API returns them (with kind and apiVersion). */
  readonly objects: readonly unknown[];
  /** Namespaces whose pods were read completely: only policies of these are judged against the workloads. */
  readonly namespaces: readonly string[];
}

/** Findings that judge a policy against workloads: only for policies whose workloads were all read. */
const WORKLOAD_JUDGED: ReadonlySet<string> = new Set(['policy-selects-nothing', 'policy-named-port-missing', 'policy-redundant', 'policy-rule-redundant', 'policy-order-conflict']);

/** Findings that judge the whole set of policies and workloads. */
const SET_JUDGED: ReadonlySet<string> = new Set(['policy-redundant', 'policy-rule-redundant', 'policy-order-conflict']);

/** A field the policy model names one way and a manifest another (Kubernetes NetworkPolicy). */
const KEY_ALIASES: Readonly<Record<string, readonly string[]>> = { selector: ['selector', 'podSelector', 'subject'], types: ['types', 'policyTypes'] };

interface PolicyDocument {
  readonly document: Document;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
}

function parsed(text: string): PolicyDocument[] {
  const documents = parseAllDocuments(text, { prettyErrors: false });
  return (Array.isArray(documents) ? documents : []).map((document) => {
    const metadata = mapGet(document.contents, 'metadata')?.value;
    return { document, name: scalarString(mapGet(metadata, 'name')?.value), namespace: scalarString(mapGet(metadata, 'namespace')?.value) };
  });
}

/** The first line of a node's text: a diagnostic on a rule marks its first line, not the whole rule. */
function firstLine(text: string, start: number, end: number): TextSpan {
  const newline = text.indexOf('\n', start);
  return { start, end: newline === -1 || newline > end ? end : newline };
}

/** The metadata name the policy's model name came from (`knp.default.x` → `x`, `kanp.x` → `x`). */
function manifestName(policy: string): string {
  return (/\S+$/.exec(policy)?.[0] ?? '').split('/').at(-1)?.replace(/^knp\.default\./, '').replace(/^kb?anp\./, '') ?? '';
}

/**
 * Where a finding points in its file: the field of its path (`spec.selector`, `ingress[1].source.selector`,
 * `ingress[0] from[0] ports[0]`, `types`) in the document of its policy, as deep as the path can be followed; else
 * the policy's name; else the start of the file.
 */
function spanOf(text: string, documents: readonly PolicyDocument[], finding: PolicyLintFinding): TextSpan {
  const name = manifestName(finding.policy);
  const namespace = /\s(\S+)\/\S+$/.exec(finding.policy)?.[1];
  const match = documents.find((entry) => entry.name === name && (namespace === undefined || entry.namespace === undefined || entry.namespace === namespace));
  if (!match) return { start: 0, end: 0 };
  const root = match.document.contents;
  const nameNode = mapGet(mapGet(root, 'metadata')?.value, 'name')?.value as Node | undefined;
  let span: TextSpan = nameNode?.range ? { start: nameNode.range[0], end: nameNode.range[1] } : { start: 0, end: 0 };
  let current: unknown = mapGet(root, 'spec')?.value ?? root;
  const tokens = finding.path.split(/[.\s]+/).filter((part) => part !== '' && part !== 'spec');
  let followed = 0;
  for (const token of tokens) {
    const parts = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(token);
    if (!parts) break;
    const key = parts[1] ?? '';
    const pair = (KEY_ALIASES[key] ?? [key]).map((alias) => mapGet(current, alias)).find((found) => found !== undefined);
    if (!pair?.keyNode.range) break;
    span = { start: pair.keyNode.range[0], end: pair.keyNode.range[1] };
    current = pair.value;
    if (parts[2] !== undefined) {
      const item = isSeq(current) ? (current.items[Number(parts[2])] as Node | undefined) : undefined;
      if (!item?.range) break;
      span = firstLine(text, item.range[0], item.range[1]);
      current = item;
    }
    followed++;
  }
  // The whole path followed to a scalar (a selector, a port): the value itself is what is wrong.
  if (followed === tokens.length && isScalar(current) && current.range) return { start: current.range[0], end: current.range[1] };
  return span;
}

/** The namespaces of the file's namespaced policies: the only ones whose workloads diagnostics need. */
export function policyNamespacesIn(path: string, text: string): string[] {
  const collector = new PolicyInputCollector();
  for (const entry of parsed(text)) if (entry.document.errors.length === 0) collector.add(entry.document.toJS({ maxAliasCount: 100 }), path);
  return [...new Set(collector.result().policies.flatMap((policy) => (policy.namespace === undefined ? [] : [policy.namespace])))].sort();
}

/**
 * The policy findings of one file, as editor diagnostics: invalid fields (selectors, ports, CIDRs, actions), rules
 * an earlier rule shadows, `types` that leave a direction default-deny, and — when the workloads are known, from
 * pods in the file itself or from the connected cluster's namespaces — a selector that matches no workload and a
 * named port no selected pod exposes. Policies of namespaces the cluster answer does not cover are not judged
 * against it.
 */
export function lintPolicyFile(path: string, text: string, cluster?: ClusterWorkloads): Finding[] {
  if (!mentionsPolicyKind(text)) return [];
  const documents = parsed(text);
  const collector = new PolicyInputCollector();
  for (const entry of documents) if (entry.document.errors.length === 0) collector.add(entry.document.toJS({ maxAliasCount: 100 }), path);
  const fileHoldsWorkloads = collector.result().endpoints.length > 0;
  if (cluster) collector.add([...cluster.objects], 'cluster');
  const inputs = collector.result();
  const judged = new Set(inputs.policies.filter((policy) => fileHoldsWorkloads || (policy.namespace !== undefined && (cluster?.namespaces.includes(policy.namespace) ?? false))).map((policy) => `${policy.source} ${policy.namespace === undefined ? '' : `${policy.namespace}/`}${policy.name}`));
  return lintPolicies(inputs, fileHoldsWorkloads || cluster !== undefined)
    .filter((finding) => finding.origin === path)
    .filter((finding) => !WORKLOAD_JUDGED.has(finding.code) || judged.has(finding.policy))
    // Redundancy and conflicts need every workload a policy can talk to; the cluster answer holds only some namespaces.
    .filter((finding) => fileHoldsWorkloads || !SET_JUDGED.has(finding.code))
    .map((finding) => ({ code: finding.code, severity: finding.severity, message: `${finding.policy}, ${finding.path}: ${finding.message}${cluster && !fileHoldsWorkloads && finding.code === 'policy-selects-nothing' ? ' (judged against the connected cluster)' : ''}`, span: spanOf(text, documents, finding) }));
}
