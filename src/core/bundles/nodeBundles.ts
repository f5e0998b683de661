import { result, worstStatus, type CheckResult, type CheckStatus } from '../checks/checkResult';
import type { LogFinding } from '../logs/logScanner';
import type { SignatureSummary } from '../logs/logSummary';
import { timestampToClock } from '../logs/logTimestamp';

/** What is kept of one node's bundle once it is analysed and its extracted copy removed: small, whatever its size. */
export interface NodeBundle {
  /** The node's hostname, from the bundle's `<hostname>-<date>` folder. */
  readonly node: string;
  /** The bundle's folder name (`<hostname>-<date>`): what the collector named it, which two bundles may share. */
  readonly bundle: string;
  /** What this bundle was read from (the archive or folder given): unique among the bundles of one run. */
  readonly source: string;
  /** ISO time of collection (from the folder name). */
  readonly collectedAt: string;
  /** Whether `collectedAt` is a real time from the folder name; an undated bundle never counts as the newest. */
  readonly dated: boolean;
  readonly checks: readonly CheckResult[];
  /** Per log file: a sample of findings (at most 10 per signature) and the full counts. */
  readonly logs: readonly { readonly file: string; readonly findings: readonly LogFinding[]; readonly summary: readonly SignatureSummary[] }[];
  readonly skipped: readonly string[];
}

/** A finding on the merged timeline: which node, which file, when. */
export interface TimelineFinding {
  readonly node: string;
  readonly file: string;
  readonly line: number;
  readonly timestamp: string | undefined;
  /** Milliseconds since the epoch, when the log's timestamp could be read (yearless ones get the bundle's year). */
  readonly atMs: number | undefined;
  readonly signature: string;
  readonly severity: string;
  readonly title: string;
  readonly text: string;
}

export interface MergedBundles {
  readonly nodes: readonly NodeBundle[];
  /** Cluster checks merged, node checks per node (which nodes miss a module, run firewalld…), logs over all nodes. */
  readonly checks: readonly CheckResult[];
  /** Every kept finding of every node, oldest first; those without a readable time last. */
  readonly timeline: readonly TimelineFinding[];
  /** The first error-severity finding on the timeline: where the trouble started. */
  readonly firstFailure: TimelineFinding | undefined;
}

/** Checks that describe the node a bundle came from, not the cluster its kubectl dumps describe. */
function isNodeCheck(check: CheckResult): boolean {
  return check.area === 'Host' || check.area === 'Config' || check.id === 'identity.bundle-version';
}

/** A check the bundle held nothing for: "unknown: not in bundle". */
export function notInBundle(check: CheckResult): boolean {
  return check.status === 'unknown' && /not in bundle/.test(check.summary);
}

function ordered<T extends string>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/**
 * A cluster check seen in several bundles: the dumps of the node collected last (the newest view of the cluster),
 * with what the other nodes' dumps said when it differs. Dumps only exist on servers; where no bundle holds the
 * evidence, the check stays "unknown: not in bundle".
 */
function mergeClusterCheck(entries: readonly { node: NodeBundle; check: CheckResult }[]): CheckResult {
  const known = entries.filter((entry) => !notInBundle(entry.check));
  if (known.length === 0) return entries[0]?.check ?? result({ id: 'unknown', area: 'Identity', title: 'unknown' }, 'unknown', 'unknown: not in bundle', []);
  const newest = [...known].sort((a, b) => Number(b.node.dated) - Number(a.node.dated) || (a.node.collectedAt < b.node.collectedAt ? 1 : a.node.collectedAt > b.node.collectedAt ? -1 : 0))[0] ?? known[0];
  if (!newest) return entries[0]?.check as CheckResult;
  const others = known.filter((entry) => entry !== newest && (entry.check.status !== newest.check.status || entry.check.summary !== newest.check.summary));
  return {
    ...newest.check,
    evidence: [
      `from the dumps in ${newest.node.node}'s bundle (collected ${newest.node.dated ? newest.node.collectedAt : 'at an unknown time'})`,
      ...newest.check.evidence,
      ...others.map((entry) => `${entry.node.node}'s dumps (collected ${entry.node.collectedAt}) said ${entry.check.status}: ${entry.check.summary}`),
    ],
  };
}

/** A node check over every node: the worst status, and which nodes are in which state. */
function mergeNodeCheck(entries: readonly { node: NodeBundle; check: CheckResult }[]): CheckResult {
  const worst = worstStatus(entries.map((entry) => entry.check.status));
  const first = entries.find((entry) => entry.check.status === worst) ?? entries[0];
  if (!first) throw new Error('mergeNodeCheck needs at least one check');
  const byStatus = new Map<CheckStatus, string[]>();
  for (const entry of entries) byStatus.set(entry.check.status, [...(byStatus.get(entry.check.status) ?? []), entry.node.node]);
  const affected = byStatus.get(worst) ?? [];
  const summary = entries.length === 1
    ? first.check.summary
    : affected.length === entries.length
      ? `${first.check.summary} (all ${entries.length} nodes)`
      : `${affected.join(', ')}: ${first.check.summary} (${affected.length} of ${entries.length} nodes)`;
  return {
    ...first.check,
    status: worst,
    summary,
    evidence: entries.flatMap((entry) => [`${entry.node.node}: ${entry.check.status} — ${entry.check.summary}`, ...entry.check.evidence.slice(0, 3).map((line) => `${entry.node.node}: ${line}`)]),
  };
}

function atMs(timestamp: string | undefined, collectedAt: string): number | undefined {
  const clock = timestampToClock(timestamp);
  if (!clock || clock.domain === 'relative') return undefined;
  if (clock.domain === 'absolute') return clock.ms;
  // klog and journald lines carry no year: the bundle's collection year is the best there is.
  const date = new Date(clock.ms);
  date.setUTCFullYear(new Date(collectedAt).getUTCFullYear());
  return date.getTime();
}

function timelineOf(nodes: readonly NodeBundle[]): TimelineFinding[] {
  const entries = nodes.flatMap((node) => node.logs.flatMap((log) => log.findings.map((finding): TimelineFinding => ({
    node: node.node,
    file: log.file,
    line: finding.line,
    timestamp: finding.timestamp,
    atMs: atMs(finding.timestamp, node.collectedAt),
    signature: finding.signature.id,
    severity: finding.signature.severity,
    title: finding.signature.title,
    text: finding.text.slice(0, 300),
  }))));
  return entries.sort((a, b) => (a.atMs ?? Number.POSITIVE_INFINITY) - (b.atMs ?? Number.POSITIVE_INFINITY) || a.node.localeCompare(b.node) || a.line - b.line);
}

/** Log checks over every node: per signature, the count on each node and the first time it was seen anywhere. */
function mergeLogChecks(nodes: readonly NodeBundle[], timeline: readonly TimelineFinding[]): CheckResult[] {
  const logChecks = new Map<string, { node: NodeBundle; check: CheckResult }[]>();
  for (const node of nodes) for (const check of node.checks.filter((entry) => entry.area === 'Logs')) logChecks.set(check.id, [...(logChecks.get(check.id) ?? []), { node, check }]);
  return [...logChecks.values()].flatMap((entries): CheckResult[] => {
    const worst = worstStatus(entries.map((entry) => entry.check.status));
    const base = (entries.find((entry) => entry.check.status === worst) ?? entries[0])?.check;
    if (!base) return [];
    const signature = base.id.replace(/^logs\./, '');
    const seen = timeline.filter((finding) => finding.signature === signature);
    const earliest = seen.find((finding) => finding.atMs !== undefined);
    const counts = entries.map((entry) => `${entry.node.node} ${/×(\d+)/.exec(entry.check.summary)?.[1] ?? '?'}`);
    return [{
      ...base,
      status: worst,
      summary: `${signature} on ${entries.length} node(s) (${counts.join(', ')})${earliest ? `, first ${earliest.timestamp ?? ''} on ${earliest.node}` : ''}`,
      evidence: seen.slice(0, 10).map((finding) => `${finding.node} ${finding.file}:${finding.line}: ${finding.text.slice(0, 200)}`),
    }];
  });
}

/**
 * One cluster seen through one bundle per node: cluster checks merged (newest dumps win, disagreements noted),
 * node checks per node, log findings of every node on one timeline with the first failure named.
 */
export function mergeNodeBundles(nodes: readonly NodeBundle[]): MergedBundles {
  const byId = new Map<string, { node: NodeBundle; check: CheckResult }[]>();
  for (const node of nodes) for (const check of node.checks) if (check.area !== 'Logs') byId.set(check.id, [...(byId.get(check.id) ?? []), { node, check }]);
  const timeline = timelineOf(nodes);
  const merged = ordered(nodes.flatMap((node) => node.checks.filter((check) => check.area !== 'Logs').map((check) => check.id))).map((id) => {
    const entries = byId.get(id) ?? [];
    const first = entries[0]?.check;
    return first && isNodeCheck(first) ? mergeNodeCheck(entries) : mergeClusterCheck(entries);
  });
  return { nodes, checks: [...merged, ...mergeLogChecks(nodes, timeline)], timeline, firstFailure: timeline.find((finding) => finding.severity === 'error') };
}

/** `server-1` from `server-1-2025-02-19_14_30_00` (the collector's `<hostname>-<date>` folder). */
export function nodeOfBundle(name: string): string {
  return name.replace(/-\d{4}-\d{2}-\d{2}_\d{2}_\d{2}_\d{2}$/, '') || name;
}
