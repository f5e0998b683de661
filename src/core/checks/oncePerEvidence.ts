import type { ClusterEvidence } from './clusterEvidence';

/**
 * A reading of the evidence that several checks ask for (the cluster's identity, its distribution): the evidence of a
 * run never changes, so it is computed once per evidence snapshot.
 */
export function oncePerEvidence<T>(read: (evidence: ClusterEvidence) => T): (evidence: ClusterEvidence) => T {
  const cache = new WeakMap<ClusterEvidence, { readonly value: T }>();
  return (evidence) => {
    const known = cache.get(evidence);
    if (known) return known.value;
    const value = read(evidence);
    cache.set(evidence, { value });
    return value;
  };
}
