import { describeFailure, type ApiResult } from '../kube/apiResult';
import type { ClusterReader, ListResult } from '../kube/clusterReader';
import type { EndpointRef } from './connectionQuery';
import { PolicyInputCollector, type PolicyInputs } from './policyInputs';

export interface LiveReadResult {
  readonly inputs: PolicyInputs;
  /** Reads that failed, and what that leaves out: an answer with gaps is not to be trusted. */
  readonly gaps: readonly string[];
  readonly requests: number;
}

const CALICO = '/apis/crd.projectcalico.org/v1';
/** Policies of one namespace, at most; a list beyond it is cut and reported. */
const MAX_POLICIES = 5000;

function segment(text: string): string {
  return encodeURIComponent(text);
}

/**
 * Reads what explaining one connection needs, with GET only and only in the namespaces of the two endpoints: at most
 * 10 requests for two pods (pods 2, namespaces 2, Kubernetes and Calico policies 2 + 2, global policies, tiers).
 */
export async function readLivePolicyInputs(reader: ClusterReader, refs: readonly EndpointRef[], signal?: AbortSignal): Promise<LiveReadResult> {
  const collector = new PolicyInputCollector();
  const gaps: string[] = [];
  let requests = 0;
  const options = signal ? { signal } : {};
  const keep = (what: string, result: ApiResult<unknown>, optional = false): unknown => {
    if (result.kind === 'ok') return result.value;
    // A Calico resource whose CRD is absent (no tiers before v3.28, no network sets): nothing to add.
    if (!(optional && result.kind === 'not-found')) gaps.push(`${what}: ${describeFailure(result)}`);
    return undefined;
  };
  const get = async (what: string, path: string, kind: string, apiVersion: string, optional = false): Promise<void> => {
    requests++;
    const value = keep(what, await reader.get(path, options), optional);
    if (value !== undefined) collector.add({ kind, apiVersion, ...(value as object) }, 'cluster');
  };
  const list = async (what: string, path: string, kind: string, apiVersion: string, optional = false): Promise<void> => {
    requests++;
    const value = keep(what, await reader.list(path, { limit: 500, maxItems: MAX_POLICIES }, options), optional) as ListResult | undefined;
    if (value === undefined) return;
    if (value.truncated) gaps.push(`${what}: more than ${MAX_POLICIES}, the rest not read`);
    for (const item of value.items) collector.add({ kind, apiVersion, ...(item as object) }, 'cluster');
  };
  const namespaces = [...new Set(refs.flatMap((ref) => (ref.kind === 'pod' ? [ref.namespace] : [])))];
  const reads: Promise<void>[] = [];
  for (const ref of refs) {
    if (ref.kind === 'pod') reads.push(get(`pod ${ref.namespace}/${ref.name}`, `/api/v1/namespaces/${segment(ref.namespace)}/pods/${segment(ref.name)}`, 'Pod', 'v1'));
    if (ref.kind === 'host') reads.push(get(`host endpoint ${ref.name}`, `${CALICO}/hostendpoints/${segment(ref.name)}`, 'HostEndpoint', 'crd.projectcalico.org/v1'));
  }
  for (const namespace of namespaces) {
    reads.push(get(`namespace ${namespace}`, `/api/v1/namespaces/${segment(namespace)}`, 'Namespace', 'v1'));
    reads.push(list(`Kubernetes NetworkPolicies in ${namespace}`, `/apis/networking.k8s.io/v1/namespaces/${segment(namespace)}/networkpolicies`, 'NetworkPolicy', 'networking.k8s.io/v1'));
    reads.push(list(`Calico NetworkPolicies in ${namespace}`, `${CALICO}/namespaces/${segment(namespace)}/networkpolicies`, 'NetworkPolicy', 'crd.projectcalico.org/v1', true));
  }
  reads.push(list('Calico GlobalNetworkPolicies', `${CALICO}/globalnetworkpolicies`, 'GlobalNetworkPolicy', 'crd.projectcalico.org/v1', true));
  reads.push(list('Calico Tiers', `${CALICO}/tiers`, 'Tier', 'crd.projectcalico.org/v1', true));
  if (refs.some((ref) => ref.kind === 'address')) reads.push(list('Calico GlobalNetworkSets', `${CALICO}/globalnetworksets`, 'GlobalNetworkSet', 'crd.projectcalico.org/v1', true));
  await Promise.all(reads);
  // Service accounts only when a policy selects by them: most clusters never pay for these reads.
  const first = collector.result();
  const bySa = first.policies.some((policy) => policy.serviceAccountSelector !== undefined || [...policy.ingress, ...policy.egress].some((rule) => rule.source.serviceAccountSelector !== undefined || rule.destination.serviceAccountSelector !== undefined));
  if (bySa) {
    const accounts = new Set(first.endpoints.flatMap((endpoint) => (endpoint.kind === 'pod' ? [`${endpoint.namespace}/${endpoint.serviceAccount}`] : [])));
    await Promise.all([...accounts].map((key) => {
      const [namespace = '', name = ''] = key.split('/');
      return get(`service account ${key}`, `/api/v1/namespaces/${segment(namespace)}/serviceaccounts/${segment(name)}`, 'ServiceAccount', 'v1');
    }));
  }
  return { inputs: collector.result(), gaps, requests };
}
