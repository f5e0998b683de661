import { basename } from 'node:path';
import { nodeOfBundle, type NodeBundle } from '../core/bundles/nodeBundles';
import { clusterIdentity, type ClusterIdentity } from '../core/checks/identityChecks';
import { openBundle } from './openBundle';

export interface NodeBundleSet {
  /** One per bundle read, named by hostname (by bundle when two come from the same host). */
  readonly nodes: readonly NodeBundle[];
  readonly unreadable: readonly { readonly bundle: string; readonly error: string }[];
  /** The versions of the newest bundle that holds the node list. */
  readonly identity: ClusterIdentity | undefined;
  /** `rke2 --version` per bundle, by its source (NodeBundle.source). */
  readonly versions: ReadonlyMap<string, string | undefined>;
  /** Reading stopped early (the signal was aborted). */
  readonly stopped: boolean;
}

/**
 * Names each node by its hostname; by its bundle when two bundles come from the same host; by the file it was read
 * from when two bundles even share their folder name (two tarballs of `server-1-<same date>`).
 */
function distinctNodes(nodes: readonly NodeBundle[]): NodeBundle[] {
  const count = (key: (node: NodeBundle) => string): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const node of nodes) counts.set(key(node), (counts.get(key(node)) ?? 0) + 1);
    return counts;
  };
  const hosts = count((node) => node.node);
  const bundles = count((node) => node.bundle);
  return nodes.map((node) => {
    if ((hosts.get(node.node) ?? 0) <= 1) return node;
    return { ...node, node: (bundles.get(node.bundle) ?? 0) > 1 ? `${node.bundle} (${basename(node.source)})` : node.bundle };
  });
}

/**
 * Reads one bundle per node, one after the other: each is opened (a tarball extracted to a private temporary
 * folder), analysed, reduced to what the merged report needs, and its extracted copy removed before the next, so
 * memory is bounded by the largest bundle, not the sum. A bundle that cannot be read is listed, not fatal.
 */
export async function readNodeBundles(paths: readonly string[], signal?: AbortSignal): Promise<NodeBundleSet> {
  const nodes: NodeBundle[] = [];
  const unreadable: { bundle: string; error: string }[] = [];
  const versions = new Map<string, string | undefined>();
  let identity: { at: string; dated: boolean; value: ClusterIdentity } | undefined;
  for (const path of paths) {
    if (signal?.aborted) break;
    const opened = await openBundle(path, signal ? { signal } : {});
    if (!opened.ok) {
      if (opened.cancelled !== true) unreadable.push({ bundle: basename(path), error: opened.error });
      continue;
    }
    try {
      const { analysis, skipped } = opened.bundle;
      const collectedAt = analysis.evidence.collectedAt;
      const node = nodeOfBundle(analysis.name);
      nodes.push({ node, bundle: analysis.name, source: path, collectedAt, dated: analysis.dated, checks: analysis.checks, logs: analysis.logFindings, skipped: skipped.map((entry) => `${node}: ${entry}`) });
      // By the bundle's own source: two tarballs holding the same folder name are two bundles.
      versions.set(path, analysis.rke2Version);
      const newer = !identity || (analysis.dated && (!identity.dated || identity.at < collectedAt));
      if (analysis.evidence.nodes.kind === 'ok' && newer) identity = { at: collectedAt, dated: analysis.dated, value: clusterIdentity(analysis.evidence) };
    } finally {
      opened.bundle.dispose();
    }
  }
  return { nodes: distinctNodes(nodes), unreadable, identity: identity?.value, versions, stopped: signal?.aborted ?? false };
}
