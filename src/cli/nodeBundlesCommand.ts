import { basename } from 'node:path';
import { openBundle } from '../bundle/openBundle';
import { mergeNodeBundles, nodeOfBundle, type MergedBundles, type NodeBundle, type TimelineFinding } from '../core/bundles/nodeBundles';
import { buildCheckReport, checkReportToText, terminalField, type CheckReportJson } from '../core/checks/checkReport';
import { clusterIdentity, type ClusterIdentity } from '../core/checks/identityChecks';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIo } from './cliIo';

export const NODE_BUNDLES_USAGE = `
Several bundles (one per node of the same cluster, or a folder holding them) are analysed together, one at a time,
so memory is bounded by the largest bundle, not their sum: cluster checks merged (the newest kubectl dumps win,
disagreements noted), host prerequisites per node (which nodes miss a module or run firewalld), and the log
findings of every node on one timeline, with the first failure named. A bundle that cannot be read is reported
and the others are still analysed (exit 2 if no check fails).`;

/** Findings of the merged timeline printed as text; JSON has all of them. */
const TIMELINE_SHOWN = 40;

export interface NodeBundlesReportJson extends CheckReportJson {
  nodes: { node: string; bundle: string; collectedAt: string; rke2Version: string | null; checks: CheckReportJson['checks'] }[];
  logTimeline: TimelineFinding[];
  firstFailure: TimelineFinding | null;
  unreadable: { bundle: string; error: string }[];
  skipped: string[];
}

type Interrupted = () => { readonly signal: string; readonly code: number } | undefined;

/** Names each node by its hostname, or by its bundle when two bundles come from the same host. */
function distinctNodes(nodes: NodeBundle[]): NodeBundle[] {
  const counts = new Map<string, number>();
  for (const node of nodes) counts.set(node.node, (counts.get(node.node) ?? 0) + 1);
  return nodes.map((node) => ((counts.get(node.node) ?? 0) > 1 ? { ...node, node: node.bundle } : node));
}

function timelineLine(finding: TimelineFinding, width: number): string {
  return `  ${terminalField(finding.timestamp ?? '(no time)').padEnd(26)}${terminalField(finding.node).padEnd(width + 2)}${terminalField(`${finding.file}:${finding.line}`)}  ${finding.severity} ${finding.signature}`;
}

function toText(report: NodeBundlesReportJson, merged: MergedBundles): string {
  const lines = [checkReportToText(report), ''];
  const failure = merged.firstFailure;
  lines.push(failure
    ? `First failure: ${terminalField(failure.timestamp ?? '(no time)')} on ${terminalField(failure.node)} (${terminalField(failure.file)}:${failure.line}): ${failure.signature} — ${terminalField(failure.title)}`
    : 'First failure: none (no error-severity log line in any bundle)');
  if (merged.timeline.length > 0) {
    const width = Math.max(...merged.nodes.map((node) => node.node.length));
    lines.push('', `Log timeline, all nodes, oldest first (${Math.min(TIMELINE_SHOWN, merged.timeline.length)} of ${merged.timeline.length}; --format json has all)`);
    for (const finding of merged.timeline.slice(0, TIMELINE_SHOWN)) lines.push(timelineLine(finding, width));
  }
  if (report.unreadable.length > 0) lines.push('', 'Not read', ...report.unreadable.map((entry) => `  ${terminalField(entry.bundle)}: ${terminalField(entry.error)}`));
  if (report.skipped.length > 0) lines.push('', `Not extracted or not read: ${report.skipped.map(terminalField).join('; ')}`);
  return lines.join('\n');
}

/**
 * Analyses one bundle per node of a cluster, one after the other: each is opened (extracted to a private temporary
 * folder), analysed, reduced to what the merged report needs, and its extracted copy removed before the next.
 */
export async function analyseNodeBundles(paths: readonly string[], format: 'text' | 'json', io: CliIo, signal: AbortSignal, interrupted: Interrupted): Promise<number> {
  const nodes: NodeBundle[] = [];
  const unreadable: { bundle: string; error: string }[] = [];
  const versions = new Map<string, string | undefined>();
  let identity: { at: string; value: ClusterIdentity } | undefined;
  for (const path of paths) {
    const opened = await openBundle(path, { signal });
    const stop = interrupted();
    if (stop) {
      if (opened.ok) opened.bundle.dispose();
      io.stderr(`rke2-calico-diag bundle: interrupted by ${stop.signal}; the temporary extracted copies were removed\n`);
      return stop.code;
    }
    if (!opened.ok) {
      unreadable.push({ bundle: basename(path), error: opened.error });
      continue;
    }
    try {
      const { analysis, skipped } = opened.bundle;
      const collectedAt = analysis.evidence.collectedAt;
      const node = nodeOfBundle(analysis.name);
      nodes.push({ node, bundle: analysis.name, collectedAt, checks: analysis.checks, logs: analysis.logFindings, skipped: skipped.map((entry) => `${node}: ${entry}`) });
      versions.set(analysis.name, analysis.rke2Version);
      // The versions shown for the cluster come from the newest bundle that holds the node list.
      if (analysis.evidence.nodes.kind === 'ok' && (!identity || identity.at < collectedAt)) identity = { at: collectedAt, value: clusterIdentity(analysis.evidence) };
    } finally {
      opened.bundle.dispose();
    }
  }
  for (const entry of unreadable) io.stderr(`rke2-calico-diag bundle: ${terminalField(entry.bundle)}: ${terminalField(entry.error)}\n`);
  if (nodes.length === 0) return EXIT_USAGE;
  const named = distinctNodes(nodes);
  const merged = mergeNodeBundles(named);
  const base = buildCheckReport(merged.checks, undefined, { context: `bundles of ${named.length} nodes: ${named.map((node) => node.node).join(', ')}`, server: paths.length > 3 ? `${paths.length} bundles` : paths.join(', ') });
  const report: NodeBundlesReportJson = {
    ...base,
    cluster: { ...base.cluster, rke2: identity?.value.rke2.join(', ') || null, calico: identity?.value.calico ?? null, containerd: identity?.value.containerd.join(', ') || null },
    nodes: named.map((node) => ({ node: node.node, bundle: node.bundle, collectedAt: node.collectedAt, rke2Version: versions.get(node.bundle) ?? null, checks: buildCheckReport(node.checks, undefined, undefined).checks })),
    logTimeline: [...merged.timeline],
    firstFailure: merged.firstFailure ?? null,
    unreadable,
    skipped: named.flatMap((node) => node.skipped),
  };
  io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : `${toText(report, merged)}\n`);
  if (merged.checks.some((check) => check.status === 'fail')) return EXIT_FINDINGS;
  return unreadable.length > 0 ? EXIT_USAGE : EXIT_OK;
}
