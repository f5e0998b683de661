import { basename } from 'node:path';
import type { CheckResult } from '../core/checks/checkResult';
import { result } from '../core/checks/checkResult';
import type { ClusterEvidence } from '../core/checks/clusterEvidence';
import { runClusterChecks } from '../core/checks/runClusterChecks';
import { lintWorkspace } from '../core/files/workspaceContext';
import type { FileFindings } from '../core/findings/locatedFinding';
import { IncrementalScanner } from '../core/logs/chunkedScan';
import { looksLikeBinary, summarizeFindings, type LogFinding } from '../core/logs/scanLog';
import { lookUpVersion } from '../core/versionLookup';
import type { HostFiles } from '../host/hostFiles';
import { bundleEvidence } from './bundleEvidence';
import { filesBelow, readFirst } from './bundleFiles';
import { bundleHostChecks } from './bundleHostChecks';

export interface BundleAnalysis {
  readonly name: string;
  readonly evidence: ClusterEvidence;
  readonly checks: readonly CheckResult[];
  readonly configFindings: readonly FileFindings[];
  readonly logFindings: readonly { file: string; findings: readonly LogFinding[] }[];
  /** `rke2 --version` as the bundle recorded it. */
  readonly rke2Version: string | undefined;
}

const LOG_FOLDERS = ['/rke2/podlogs', '/podlogs', '/journald', '/rke2/agent-logs', '/agent-logs', '/rke2/server-logs'];
const LOG_FILES = ['/rke2/containerd.log'];

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

function scanLogFile(files: HostFiles, path: string): LogFinding[] {
  const text = files.read(path);
  if (text === undefined || looksLikeBinary(text.slice(0, 8192))) return [];
  const scanner = new IncrementalScanner();
  scanner.push(text);
  scanner.end();
  return scanner.findings;
}

/** Log findings as checks of the "Logs" area, one per signature, so the tree and reports show them with the rest. */
function logChecks(logs: readonly { file: string; findings: readonly LogFinding[] }[]): CheckResult[] {
  const all = logs.flatMap((log) => log.findings.map((finding) => ({ ...finding, file: log.file })));
  // Info-level lines (an agent waiting for its server) are normal start-up: they stay in the findings, not the checks.
  return summarizeFindings(all).filter((entry) => entry.signature.severity !== 'info').map((entry) => {
    const places = all.filter((finding) => finding.signature.id === entry.signature.id).slice(0, 10).map((finding) => `${finding.file}:${finding.line}: ${finding.text.slice(0, 200)}`);
    return result({ id: `logs.${entry.signature.id}`, area: 'Logs', title: entry.signature.title }, entry.signature.severity === 'error' ? 'fail' : 'warn', `${entry.signature.id} ×${entry.count}${entry.first ? `, ${entry.first} → ${entry.last ?? entry.first}` : ''}`, places, {
      remediation: `${entry.signature.meaning} ${entry.signature.remediation}`,
      ...(entry.signature.knownIssue ? { knownIssue: { id: entry.signature.knownIssue, url: `https://github.com/${entry.signature.knownIssue.replace('#', '/issues/')}` } } : {}),
    });
  });
}

/**
 * The same answers as a live check, from a support bundle nobody has to reach the cluster for: cluster checks from
 * the kubectl dumps, the node's prerequisites, the recorded RKE2 version, config.yaml lint, and log signatures.
 */
export function analyzeBundle(files: HostFiles, name = basename(files.root)): BundleAnalysis {
  const dateMatch = /(\d{4}-\d{2}-\d{2})_(\d{2})_(\d{2})_(\d{2})/.exec(name);
  const collectedAt = dateMatch ? `${dateMatch[1] ?? ''}T${dateMatch[2] ?? ''}:${dateMatch[3] ?? ''}:${dateMatch[4] ?? ''}Z` : new Date().toISOString();
  const evidence = bundleEvidence(files, collectedAt);
  const versionText = readFirst(files, ['/rke2/version'])?.text;
  const rke2Version = versionText ? /v\d+\.\d+\.\d+(?:-rc\d+)?\+rke2r\d+/.exec(versionText)?.[0] : undefined;
  const configPaths = ['/rke2/config.yaml', ...files.list('/rke2/config.yaml.d').map((entry) => `/rke2/config.yaml.d/${entry}`)].filter((path) => files.read(path) !== undefined);
  const configFindings = lintWorkspace(
    configPaths.map((path) => ({ path: path.slice(1), text: files.read(path) ?? '', forceRke2Config: true })),
    rke2Version ? { rke2Version: { value: rke2Version, source: 'rke2/version in the bundle' } } : {},
  );
  const configCount = configFindings.reduce((sum, file) => sum + file.findings.length, 0);
  const configCheck = configPaths.length === 0
    ? result(CONFIG_CHECK, 'unknown', 'unknown: not in bundle — rke2/config.yaml', [])
    : result(CONFIG_CHECK, configFindings.some((file) => file.findings.some((finding) => finding.severity === 'error')) ? 'fail' : configCount > 0 ? 'warn' : 'pass', `${configCount} finding(s) in ${configPaths.length} file(s)`, configFindings.flatMap((file) => file.findings.map((finding) => `${file.file}: ${finding.code}: ${finding.message}`)).slice(0, 20));
  const logPaths = [...LOG_FOLDERS.flatMap((folder) => filesBelow(files, folder)), ...LOG_FILES.filter((path) => files.read(path) !== undefined)];
  const logFindings = logPaths.map((path) => ({ file: path.slice(1), findings: scanLogFile(files, path) })).filter((entry) => entry.findings.length > 0);
  const checks = [versionCheck(rke2Version), ...runClusterChecks(evidence), ...bundleHostChecks(files), configCheck, ...logChecks(logFindings)];
  return { name, evidence, checks, configFindings, logFindings, rke2Version };
}
