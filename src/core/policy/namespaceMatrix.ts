import { evaluateConnection, type PreparedPolicies } from './evaluateConnection';
import type { Endpoint, Traffic } from './policyModel';

export type MatrixCell = 'allowed' | 'denied' | 'partial' | 'no-pods';

export interface NamespaceMatrix {
  readonly namespaces: readonly string[];
  readonly traffic: Traffic;
  /** cells[from][to], in the order of `namespaces`. */
  readonly cells: readonly (readonly MatrixCell[])[];
  /** Pods asked about per namespace, at most (one per distinct set of labels and service account). */
  readonly podsPerNamespace: number;
}

/** Pods that no selector can tell apart (same labels and service account) answer the same: one stands for all. */
function representatives(endpoints: readonly Endpoint[], limit: number): Map<string, Endpoint[]> {
  const byNamespace = new Map<string, Map<string, Endpoint>>();
  for (const endpoint of endpoints) {
    if (endpoint.kind !== 'pod') continue;
    const key = `${endpoint.serviceAccount}|${JSON.stringify(Object.entries(endpoint.labels).sort())}|${endpoint.namedPorts.map((port) => `${port.name}:${port.port}`).join(',')}`;
    const classes = byNamespace.get(endpoint.namespace) ?? new Map<string, Endpoint>();
    if (!classes.has(key) && classes.size < limit) classes.set(key, endpoint);
    byNamespace.set(endpoint.namespace, classes);
  }
  return new Map([...byNamespace].map(([namespace, classes]) => [namespace, [...classes.values()]]));
}

/**
 * Which namespaces can reach which, for one kind of traffic: every pair of representative pods is asked, and a cell
 * is allowed when all pairs are, denied when none are, partial otherwise. Pod IPs are not needed unless policies
 * use nets; a pod without a known IP never matches a nets rule.
 */
export function namespaceMatrix(endpoints: readonly Endpoint[], prepared: PreparedPolicies, traffic: Traffic, podsPerNamespace = 20): NamespaceMatrix {
  const groups = representatives(endpoints, podsPerNamespace);
  const namespaces = [...groups.keys()].sort();
  const cells = namespaces.map((from) =>
    namespaces.map((to): MatrixCell => {
      const sources = groups.get(from) ?? [];
      const destinations = groups.get(to) ?? [];
      let allowed = 0;
      let total = 0;
      for (const source of sources) {
        for (const destination of destinations) {
          if (source === destination) continue;
          total++;
          if (evaluateConnection(source, destination, traffic, prepared, false).allowed) allowed++;
        }
      }
      if (total === 0) return 'no-pods';
      return allowed === total ? 'allowed' : allowed === 0 ? 'denied' : 'partial';
    }),
  );
  return { namespaces, traffic, cells, podsPerNamespace };
}

/** The matrix as a text table: rows are sources, columns destinations; ✓ allowed, ✗ denied, ~ partial. */
export function namespaceMatrixToText(matrix: NamespaceMatrix): string {
  const mark: Record<MatrixCell, string> = { allowed: '✓', denied: '✗', partial: '~', 'no-pods': '·' };
  const width = Math.max(4, ...matrix.namespaces.map((name) => name.length));
  const header = `${'from \\ to'.padEnd(width)}  ${matrix.namespaces.map((_name, index) => String(index + 1).padStart(3)).join('')}`;
  const rows = matrix.namespaces.map((name, row) => `${name.padEnd(width)}  ${(matrix.cells[row] ?? []).map((cell) => mark[cell].padStart(3)).join('')}`);
  const legend = matrix.namespaces.map((name, index) => `${index + 1} = ${name}`).join(', ');
  return [header, ...rows, `columns: ${legend}; ✓ allowed, ✗ denied, ~ some pods, · no pods`].join('\n');
}
