import { evaluateKnownIssues } from '../knowledge/knownIssueVerdict';
import { bool, condition, name, text } from '../kube/objectFields';
import { formatRke2Version, parseRke2Version } from '../versions/rke2Version';
import { result, unknownFrom, type CheckDefinition, type CheckResult } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';
import { isWindowsNode } from './networkSetup';

export const WINDOWS_CHECK: CheckDefinition = { id: 'nodes.windows', area: 'Nodes', title: 'Windows nodes' };

const WINDOWS_LOGS = 'On the node: Get-EventLog -LogName Application -Source rke2 (the rke2 service logs "Felix exited, restarting..." and "Calico startup failed" there).';

/**
 * Windows nodes run Calico through RKE2's Windows service, not the calico-node DaemonSet. They need IPAMConfig
 * strictAffinity: true (the rke2-calico chart sets it: "Config required by Windows nodes"), and the start-up race of
 * rancher/rke2#9276 stops them joining on the November 2025 release candidates.
 */
export function checkWindowsNodes(evidence: ClusterEvidence): CheckResult {
  if (evidence.nodes.kind !== 'ok') return unknownFrom(WINDOWS_CHECK, 'nodes', evidence.nodes);
  const windows = evidence.nodes.value.items.filter(isWindowsNode);
  if (windows.length === 0) return result(WINDOWS_CHECK, 'skipped', 'skipped: no Windows nodes', []);
  const lines = windows.slice(0, 20).map((node) => `${name(node)}: ${text(node, 'status', 'nodeInfo', 'osImage') ?? 'Windows'}, kernel ${text(node, 'status', 'nodeInfo', 'kernelVersion') ?? '?'}, ${text(node, 'status', 'nodeInfo', 'kubeletVersion') ?? '?'}, Ready=${condition(node, 'Ready')?.status ?? '?'}`);
  const releases = new Set(windows.map((node) => parseRke2Version(text(node, 'status', 'nodeInfo', 'kubeletVersion') ?? '')).flatMap((parsed) => (parsed.ok ? [formatRke2Version(parsed.value)] : [])));
  for (const rke2 of releases) {
    const race = evaluateKnownIssues({ rke2 }, { 'windows-node': true }).applies.find((match) => match.issue.id === 'rancher/rke2#9276');
    if (race) {
      return result(WINDOWS_CHECK, 'fail', `RKE2 ${rke2} on Windows nodes: ${race.issue.title}`, [...lines, `${race.issue.id}: ${race.because}`], {
        remediation: `${race.issue.mitigations[0] ?? ''} Fixed in ${race.issue.fixedIn.join('; ')}.`,
        knownIssue: { id: race.issue.id, url: race.issue.url },
      });
    }
  }
  // Unset means false: Calico's default.
  const strict = evidence.ipamConfig.kind === 'ok' ? (bool(evidence.ipamConfig.value, 'spec', 'strictAffinity') ?? false) : undefined;
  lines.push(`IPAMConfig default spec.strictAffinity: ${strict === undefined ? `unknown (${evidence.ipamConfig.kind})` : String(strict)}`);
  if (strict === false || evidence.ipamConfig.kind === 'not-found') {
    return result(WINDOWS_CHECK, 'fail', 'Windows nodes without IPAMConfig strictAffinity: true', lines, {
      remediation: 'Windows nodes cannot borrow addresses from other nodes\' blocks. The rke2-calico chart creates IPAMConfig default with strictAffinity: true ("Config required by Windows nodes"); restore it (ipamConfig.strictAffinity in the HelmChartConfig).',
    });
  }
  // A node without a Ready condition has not reported yet (see nodeChecks): unknown, not "not Ready".
  const notReady = windows.filter((node) => { const ready = condition(node, 'Ready'); return ready !== undefined && ready.status !== 'True'; });
  if (notReady.length > 0) {
    return result(WINDOWS_CHECK, 'warn', `${notReady.length} of ${windows.length} Windows node(s) not Ready`, lines, { remediation: WINDOWS_LOGS });
  }
  const unreported = windows.filter((node) => condition(node, 'Ready') === undefined).length;
  if (unreported > 0) return result(WINDOWS_CHECK, 'unknown', `unknown: ${unreported} of ${windows.length} Windows node(s) report no Ready condition`, lines, { remediation: WINDOWS_LOGS });
  if (strict === undefined) return result(WINDOWS_CHECK, 'unknown', `unknown: IPAMConfig default could not be read (${evidence.ipamConfig.kind}); ${windows.length} Windows node(s) Ready`, lines);
  return result(WINDOWS_CHECK, 'pass', `${windows.length} Windows node(s) Ready, strictAffinity set`, lines);
}
