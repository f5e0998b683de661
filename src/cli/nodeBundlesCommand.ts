import { readNodeBundles } from '../bundle/readNodeBundles';
import { mergeNodeBundles, type MergedBundles, type TimelineFinding } from '../core/bundles/nodeBundles';
import { buildCheckReport, checkReportToText, terminalField, type CheckReportJson } from '../core/checks/checkReport';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIo } from './cliIo';
import { terminalJson } from '../core/text/terminalText';

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

/** `bundle` over one bundle per node of a cluster: read one at a time (readNodeBundles), merged, printed. */
export async function analyseNodeBundles(paths: readonly string[], format: 'text' | 'json', io: CliIo, signal: AbortSignal, interrupted: Interrupted): Promise<number> {
  const { nodes: named, unreadable, identity, versions } = await readNodeBundles(paths, signal);
  const stop = interrupted();
  if (stop) {
    io.stderr(`rke2-calico-diag bundle: interrupted by ${stop.signal}; the temporary extracted copies were removed\n`);
    return stop.code;
  }
  for (const entry of unreadable) io.stderr(`rke2-calico-diag bundle: ${terminalField(entry.bundle)}: ${terminalField(entry.error)}\n`);
  if (named.length === 0) return EXIT_USAGE;
  const merged = mergeNodeBundles(named);
  const nodeLogs = named.flatMap((node) => node.logs.map((log) => ({ node: node.node, file: log.file, findings: log.findings })));
  const base = buildCheckReport(merged.checks, undefined, { context: `bundles of ${named.length} nodes: ${named.map((node) => node.node).join(', ')}`, server: paths.length > 3 ? `${paths.length} bundles` : paths.join(', ') }, undefined, { nodeLogs });
  const report: NodeBundlesReportJson = {
    ...base,
    cluster: { ...base.cluster, rke2: identity?.rke2.join(', ') || null, calico: identity?.calico ?? null, containerd: identity?.containerd.join(', ') || null },
    nodes: named.map((node) => ({ node: node.node, bundle: node.bundle, collectedAt: node.collectedAt, rke2Version: versions.get(node.source) ?? null, checks: buildCheckReport(node.checks, undefined, undefined).checks })),
    logTimeline: [...merged.timeline],
    firstFailure: merged.firstFailure ?? null,
    unreadable: [...unreadable],
    skipped: named.flatMap((node) => node.skipped),
  };
  io.stdout(format === 'json' ? `${terminalJson(report)}\n` : `${toText(report, merged)}\n`);
  if (merged.checks.some((check) => check.status === 'fail')) return EXIT_FINDINGS;
  return unreadable.length > 0 ? EXIT_USAGE : EXIT_OK;
}
