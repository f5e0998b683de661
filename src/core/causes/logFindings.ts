/**
 * The log lines `check` already read (the tails of calico-kube-controllers, one calico-typha and failed helm-install
 * pods; see podLogSelection.ts) as cause-graph findings, each tied to its pod, the pod's workload and its node. No
 * read of its own: only what the evidence holds is scanned, so the graph stays GET-only and bounded.
 */
import type { CheckResult } from '../checks/checkResult';
import type { PodLogEvidence, PodLogPurpose } from '../checks/podLogSelection';
import type { LogFinding } from '../logs/logScanner';
import { scanText } from '../logs/scanText';
import { subjectOf, type CauseFinding } from './causeFinding';

/** Distinct failures kept per log: the first line of each, enough to prove a link, few enough to read. */
const PER_LOG = 3;
const LINE_CHARS = 300;
/** How much of a line must already be quoted by a check for the line to count as that check's evidence. */
const QUOTED_PREFIX = 120;

/** The controller of the pod a log was read for, so a finding about the pod links to its workload's check. */
const WORKLOAD_OF: Readonly<Record<PodLogPurpose, { kind: string; name: string } | undefined>> = {
  'kube-controllers': { kind: 'Deployment', name: 'calico-kube-controllers' },
  typha: { kind: 'Deployment', name: 'calico-typha' },
  'helm-install': undefined,
};

function quotedByACheck(line: string, results: readonly CheckResult[]): boolean {
  const prefix = line.slice(0, QUOTED_PREFIX);
  return results.some((check) => (check.status === 'fail' || check.status === 'warn') && check.evidence.some((entry) => entry.includes(prefix)));
}

/**
 * Errors and warnings of the logs read, one finding per pod and signature. A line a check already quotes (the
 * denials of rbac.denials, the Helm error of install.upgrade) is that check's evidence and not found twice; a line
 * the scanner reports only as possibly transient is not evidence of a lasting failure.
 */
export function findingsOfLogs(logs: readonly PodLogEvidence[], results: readonly CheckResult[]): CauseFinding[] {
  const found: CauseFinding[] = [];
  for (const log of logs) {
    if (log.text.kind !== 'ok') continue;
    const seen = new Set<string>();
    for (const scanned of scanText(log.text.value).findings) {
      const signature = scanned.signature;
      if (seen.size >= PER_LOG || seen.has(signature.id) || signature.severity === 'info' || scanned.possiblyTransient === true) continue;
      const line = scanned.text.trim().slice(0, LINE_CHARS);
      if (quotedByACheck(line, results)) continue;
      seen.add(signature.id);
      const workload = WORKLOAD_OF[log.purpose];
      const subjects = new Set([subjectOf('Pod', log.pod, log.namespace), ...(workload ? [subjectOf(workload.kind, workload.name, log.namespace)] : [])]);
      found.push({
        key: `log:${log.namespace}/${log.pod}:${signature.id}`,
        source: 'log',
        code: `log:${signature.id}`,
        check: undefined,
        title: signature.title,
        summary: `${log.pod}${log.node ? ` on ${log.node}` : ''} logged: ${line}`,
        severity: signature.severity === 'error' ? 'fail' : 'warn',
        subjects,
        nodes: new Set(log.node ? [log.node] : []),
        text: line,
        remediation: signature.remediation,
        knownIssue: scanned.knownIssue?.id,
        log: { namespace: log.namespace, pod: log.pod, node: log.node, line },
      });
    }
  }
  return found;
}

/** The log findings of one node's files, as a support bundle holds them (kubelet, containerd, calico-node…). */
export interface NodeLogScan {
  readonly node: string;
  readonly file: string;
  readonly findings: readonly LogFinding[];
}

/**
 * A support bundle's log findings as cause-graph findings, tied to the node the bundle came from: a bundle is where
 * the logs, the node's facts and the cluster's dumps meet. The first line of each signature per file, at most
 * PER_LOG per file; lines reported only as possibly transient are left out, and so are signatures a bundle check
 * (`logs.<signature>`) already reports: that check stands for them (see bundleCheckFindings).
 */
export function findingsOfNodeLogs(scans: readonly NodeLogScan[], reported: ReadonlySet<string> = new Set()): CauseFinding[] {
  const found: CauseFinding[] = [];
  for (const scan of scans) {
    const seen = new Set<string>();
    for (const scanned of scan.findings) {
      const signature = scanned.signature;
      if (seen.size >= PER_LOG || seen.has(signature.id) || reported.has(signature.id) || signature.severity === 'info' || scanned.possiblyTransient === true) continue;
      seen.add(signature.id);
      const line = scanned.text.trim().slice(0, LINE_CHARS);
      const where = `${scan.file}:${scanned.line}`;
      found.push({
        key: `log:${scan.node}/${scan.file}:${signature.id}`,
        source: 'log',
        code: `log:${signature.id}`,
        check: undefined,
        title: signature.title,
        summary: `${scan.node} ${where} logged: ${line}`,
        severity: signature.severity === 'error' ? 'fail' : 'warn',
        subjects: new Set(),
        nodes: new Set([scan.node]),
        text: line,
        remediation: signature.remediation,
        knownIssue: scanned.knownIssue?.id,
        log: { namespace: '', pod: `${scan.node} ${where}`, node: scan.node, line },
      });
    }
  }
  return found;
}

/** The prefix of a bundle's log checks: one check per signature seen in its logs (src/bundle/analyzeBundle.ts). */
const LOG_CHECK = 'logs.';

/**
 * A bundle's own checks as the rules see them: `logs.<signature>` is the log finding `log:<signature>` on the nodes
 * whose logs show it, and the host checks (`host.*`) of a single node's bundle are about that node.
 */
export function bundleCheckFindings(findings: readonly CauseFinding[], scans: readonly NodeLogScan[], bundleNode: string | undefined): CauseFinding[] {
  return findings.map((finding) => {
    const check = finding.check ?? '';
    if (check.startsWith(LOG_CHECK)) {
      const signature = check.slice(LOG_CHECK.length);
      const nodes = new Set(scans.filter((scan) => scan.findings.some((entry) => entry.signature.id === signature)).map((scan) => scan.node));
      return { ...finding, code: `log:${signature}`, nodes: nodes.size > 0 ? nodes : new Set(bundleNode ? [bundleNode] : []) };
    }
    if (check.startsWith('host.') && bundleNode !== undefined) return { ...finding, nodes: new Set([bundleNode]) };
    return finding;
  });
}
