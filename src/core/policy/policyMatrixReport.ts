import { describeTraffic } from './connectionExplanation';
import { preparePolicies } from './evaluateConnection';
import { namespaceMatrix, type MatrixCell } from './namespaceMatrix';
import { addPolicyDocuments } from './policyDocuments';
import type { ClusterWorkloads } from './policyFileLint';
import { PolicyInputCollector } from './policyInputs';
import { mentionsPolicyInput } from './policyKinds';
import type { Traffic } from './policyModel';

/** Matrices in a report, at most: one per port the policies' ingress rules name, most named first. */
const MAX_PORTS = 3;
/** The port asked when no rule names one. */
const DEFAULT_TRAFFIC: Traffic = { protocol: 'TCP', port: 80 };

/** One namespace connectivity matrix of the report, as JSON: rows are sources, columns destinations. */
export interface PolicyMatrixJson {
  readonly traffic: string;
  readonly namespaces: readonly string[];
  readonly cells: readonly (readonly MatrixCell[])[];
}

export interface PolicyMatricesJson {
  /** What the matrices were computed from. */
  readonly basis: string;
  readonly matrices: readonly PolicyMatrixJson[];
}

/**
 * The namespace connectivity matrices of the open policy files, with the pods and namespaces those files hold
 * (a `kubectl get pods -A -o yaml` opened beside them) or, when they hold none, the connected cluster's pods of the
 * policies' namespaces: one matrix per port the policies' ingress rules name (at most three, most named first), else
 * 80/TCP. None when there is no policy or no pod.
 */
export function policyMatrices(files: readonly { readonly path: string; readonly text: string }[], cluster?: ClusterWorkloads): PolicyMatricesJson | undefined {
  const collector = new PolicyInputCollector();
  const read = files.filter((file) => mentionsPolicyInput(file.text));
  for (const file of read) addPolicyDocuments(file.text, file.path, collector);
  const fromFiles = collector.result().endpoints.some((endpoint) => endpoint.kind === 'pod');
  if (!fromFiles && cluster) collector.add([...cluster.objects], 'cluster');
  const inputs = collector.result();
  const pods = inputs.endpoints.filter((endpoint) => endpoint.kind === 'pod');
  if (inputs.policies.length === 0 || pods.length === 0) return undefined;
  const counts = new Map<string, { traffic: Traffic; count: number }>();
  for (const policy of inputs.policies) {
    for (const rule of policy.ingress) {
      for (const port of rule.destination.ports ?? []) {
        if (port.kind !== 'range') continue;
        const traffic: Traffic = { protocol: (rule.protocol ?? 'TCP').toUpperCase(), port: port.from };
        const key = describeTraffic(traffic);
        counts.set(key, { traffic, count: (counts.get(key)?.count ?? 0) + 1 });
      }
    }
  }
  const traffics = [...counts.values()].sort((a, b) => b.count - a.count || (a.traffic.port ?? 0) - (b.traffic.port ?? 0)).slice(0, MAX_PORTS).map((entry) => entry.traffic);
  const prepared = preparePolicies(inputs);
  const matrices = (traffics.length > 0 ? traffics : [DEFAULT_TRAFFIC]).map((traffic) => {
    const matrix = namespaceMatrix(inputs.endpoints, prepared, traffic);
    return { traffic: describeTraffic(traffic), namespaces: matrix.namespaces, cells: matrix.cells };
  });
  const podsFrom = fromFiles || !cluster ? '' : ` of the connected cluster (namespaces ${cluster.namespaces.join(', ')})`;
  return { basis: `${read.length} open file(s): ${inputs.policies.length} policies, ${pods.length} pods${podsFrom}`, matrices };
}
