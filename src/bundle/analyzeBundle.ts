import { basename } from 'node:path';
import type { CheckResult } from '../core/checks/checkResult';
import { result } from '../core/checks/checkResult';
import type { ClusterEvidence } from '../core/checks/clusterEvidence';
import { runClusterChecks } from '../core/checks/runClusterChecks';
import { lintWorkspace } from '../core/files/workspaceContext';
import type { FileFindings } from '../core/findings/locatedFinding';
import type { LogFinding } from '../core/logs/logScanner';
import type { SignatureSummary } from '../core/logs/logSummary';
import { lookUpVersion } from '../core/versionLookup';
import { bundleDate } from './bundleDate';
import { bundleEvidence } from './bundleEvidence';
import { filesBelow, readFirst, type BundleFiles } from './bundleFiles';
import { bundleHostChecks } from './bundleHostChecks';
import { scanBundleLog, type BundleLogScan } from './scanBundleLog';

export type { BundleLogScan } from './scanBundleLog';

export interface BundleAnalysis {
  readonly name: string;
  readonly evidence: ClusterEvidence;
  readonly checks: readonly CheckResult[];
  readonly configFindings: readonly FileFindings[];
  /** Per log file: a sample of findings (at most 10 per signature) and the full counts. */
  readonly logFindings: readonly BundleLogScan[];
  /** `rke2 --version` as the bundle recorded it. */
  readonly rke2Version: string | undefined;
  /** The folder name carries a real collection time (else `evidence.collectedAt` is the time of reading). */
  readonly dated: boolean;
  /** Files not read or read in part, and why: links, FIFOs, devices, oversized files, cut walks. */
  readonly notes: readonly string[];
}

const LOG_FOLDERS = ['/rke2/podlogs', '/podlogs', '/journald', '/rke2/agent-logs', '/agent-logs', '/rke2/server-logs'];
const LOG_FILES = ['/rke2/containerd.log'];
/** config.yaml files are a few lines; a bigger one is not linted (its YAML tree would cost many times its size). */
const MAX_CONFIG_BYTES = 1024 * 1024;

const VERSION_CHECK = { id: 'identity.bundle-version', area: 'Identity', title: 'RKE2 version recorded in the bundle' } as const;
const CONFIG_CHECK = { id: 'config.rke2', area: 'Config', title: 'RKE2 config.yaml in the bundle' } as const;

function versionCheck(recorded: string | undefined): CheckResult {
  if (recorded === undefined) return result(VERSION_CHECK, 'unknown', 'unknown: not in bundle — rke2/version', []);
  const outcome = lookUpVersion(recorded, 'rke2');
  if (!outcome.ok) return result(VERSION_CHECK, 'unknown', `unknown: ${outcome.error}`, [`rke2/version: ${recorded}`]);
  const strongest = outcome.report.knownIssues[0];
  if (!strongest) return result(VERSION_CHECK, outcome.report.inMatrix ? 'pass' : 'unknown', `${recorded}: ${outcome.report.inMatrix ? 'no known Calico issue' : 'not in the matrix'}`, [`rke2/version: ${recorded}`, `Calico ${outcome.report.calico ?? 'unknown'}`]);
  return result(VERSION_CHECK, strongest.severity === 'error' ? 'fail' : 'warn', `${recorded} ships Calico ${outcome.report.calico ?? '?'}: ${strongest.issue.id}`, [`rke2/version: ${recorded}`, strongest.because], {
    ...(outcome.report.upgradeTo ? { remediation: `Upgrade to ${outcome.report.upgradeTo}.` } : {}),
    knownIssue: { id: strongest.issue.id, url: strongest.issue.url },
  });
}

/** The known issue the findings of one signature name, when the context supported it for any of them. */
function knownIssueOf(findings: readonly LogFinding[], signatureId: string): { knownIssue?: { id: string; url: string } } {
  const support = findings.find((finding) => finding.signature.id === signatureId && finding.knownIssue)?.knownIssue;
  return support ? { knownIssue: { id: support.id, url: `https://github.com/${support.id.replace('#', '/issues/')}` } } : {};
}

/** Log findings as checks of the "Logs" area, one per signature, so the tree and reports show them with the rest. */
function logChecks(logs: readonly BundleLogScan[]): CheckResult[] {
  const all = logs.flatMap((log) => log.findings.map((finding) => ({ ...finding, file: log.file })));
  const merged = new Map<string, { signature: SignatureSummary['signature']; count: number; first: string | undefined; last: string | undefined }>();
  for (const entry of logs.flatMap((log) => log.summary)) {
    const previous = merged.get(entry.signature.id);
    merged.set(entry.signature.id, previous ? { ...previous, count: previous.count + entry.count, last: entry.last ?? previous.last } : { signature: entry.signature, count: entry.count, first: entry.first, last: entry.last });
  }
  // Info-level lines are context (Typha's fallback limit), not failures: they stay in the findings, not the checks.
  return [...merged.values()].filter((entry) => entry.signature.severity !== 'info').map((entry) => {
    const places = all.filter((finding) => finding.signature.id === entry.signature.id).slice(0, 10).map((finding) => `${finding.file}:${finding.line}: ${finding.text.slice(0, 200)}`);
    return result({ id: `logs.${entry.signature.id}`, area: 'Logs', title: entry.signature.title }, entry.signature.severity === 'error' ? 'fail' : 'warn', `${entry.signature.id} ×${entry.count}${entry.first ? `, ${entry.first} → ${entry.last ?? entry.first}` : ''}`, places, {
      remediation: `${entry.signature.meaning} ${entry.signature.remediation}`,
      ...knownIssueOf(all, entry.signature.id),
    });
  });
}

/**
 * The same answers as a live check, from a support bundle nobody has to reach the cluster for: cluster checks from
 * the kubectl dumps, the node's prerequisites, the recorded RKE2 version, config.yaml lint, and log signatures.
 */
export function analyzeBundle(files: BundleFiles, name = basename(files.root)): BundleAnalysis {
  const date = bundleDate(name);
  // Undated, the checks judge ages from now, as for a live cluster; `dated` keeps such a bundle from winning "newest".
  const collectedAt = date.dated ? date.at : new Date().toISOString();
  const evidence = bundleEvidence(files, collectedAt);
  const versionText = readFirst(files, ['/rke2/version'])?.text;
  const rke2Version = versionText ? /v\d+\.\d+\.\d+(?:-rc\d+)?\+rke2r\d+/.exec(versionText)?.[0] : undefined;
  const configFiles = ['/rke2/config.yaml', ...files.list('/rke2/config.yaml.d').map((entry) => `/rke2/config.yaml.d/${entry}`)].flatMap((path) => {
    const text = files.readText(path, MAX_CONFIG_BYTES);
    return text === undefined ? [] : [{ path: path.slice(1), text, forceRke2Config: true }];
  });
  const configFindings = lintWorkspace(
    configFiles,
    rke2Version ? { rke2Version: { value: rke2Version, source: 'rke2/version in the bundle' } } : {},
  );
  const configCount = configFindings.reduce((sum, file) => sum + file.findings.length, 0);
  const configCheck = configFiles.length === 0
    ? result(CONFIG_CHECK, 'unknown', 'unknown: not in bundle — rke2/config.yaml', [])
    : result(CONFIG_CHECK, configFindings.some((file) => file.findings.some((finding) => finding.severity === 'error')) ? 'fail' : configCount > 0 ? 'warn' : 'pass', `${configCount} finding(s) in ${configFiles.length} file(s)`, configFindings.flatMap((file) => file.findings.map((finding) => `${file.file}: ${finding.code}: ${finding.message}`)).slice(0, 20));
  const logPaths = [...LOG_FOLDERS.flatMap((folder) => filesBelow(files, folder)), ...LOG_FILES.filter((path) => files.kind(path) !== undefined)];
  const logFindings = logPaths.map((path) => scanBundleLog(files, path)).filter((entry) => entry.findings.length > 0);
  const checks = [versionCheck(rke2Version), ...runClusterChecks(evidence), ...bundleHostChecks(files), configCheck, ...logChecks(logFindings)];
  return { name, evidence, checks, configFindings, logFindings, rke2Version, dated: date.dated, notes: [...(!date.dated && date.why !== undefined ? [date.why] : []), ...files.notes()] };
}
