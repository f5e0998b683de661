import type { Finding, TextSpan } from '../findings/finding';
import type { FileFindings } from '../findings/locatedFinding';
import { addPolicyDocuments } from './policyDocuments';
import { PolicyInputCollector } from './policyInputs';
import { lintPolicies, type PolicyLintFinding } from './policyLint';

const POLICY_KINDS = /^kind:\s*["']?(NetworkPolicy|GlobalNetworkPolicy|AdminNetworkPolicy|BaselineAdminNetworkPolicy|Profile)["']?\s*$/m;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where the finding's policy is named in its file (its `name:` line), or the file's start. */
function spanOf(text: string, finding: PolicyLintFinding): TextSpan {
  const name = /\S+$/.exec(finding.policy)?.[0]?.split('/').at(-1)?.replace(/^knp\.default\./, '').replace(/^kb?anp\./, '') ?? '';
  const match = new RegExp(`^\\s*name:\\s*["']?${escape(name)}["']?\\s*$`, 'm').exec(text);
  if (!match) return { start: 0, end: 0 };
  const start = match.index + (match[0].length - match[0].trimStart().length);
  return { start, end: match.index + match[0].trimEnd().length };
}

/**
 * Policy findings for the files of a workspace, added to `results` (one entry per file): the policies of all files
 * are read together, with the pods and namespaces the files hold, so a selector is judged against the workloads
 * the repository describes (none known: no "selects nothing" findings).
 */
export function withPolicyFindings(results: readonly FileFindings[], files: readonly { readonly path: string; readonly text: string }[]): FileFindings[] {
  const policyFiles = files.filter((file) => POLICY_KINDS.test(file.text));
  if (policyFiles.length === 0) return [...results];
  const collector = new PolicyInputCollector();
  for (const file of files) if (POLICY_KINDS.test(file.text) || /^kind:\s*["']?(Pod|PodList|List|Namespace|WorkloadEndpoint|HostEndpoint)["']?\s*$/m.test(file.text)) addPolicyDocuments(file.text, file.path, collector);
  const inputs = collector.result();
  const findings = lintPolicies(inputs, inputs.endpoints.length > 0);
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const file = files.find((candidate) => candidate.path === finding.origin);
    if (!file) continue;
    const list = byFile.get(file.path) ?? [];
    list.push({ code: finding.code, severity: finding.severity, message: `${finding.policy}, ${finding.path}: ${finding.message}`, span: spanOf(file.text, finding) });
    byFile.set(file.path, list);
  }
  const merged = results.map((result) => {
    const extra = byFile.get(result.file);
    byFile.delete(result.file);
    return extra ? { ...result, findings: [...result.findings, ...extra] } : result;
  });
  for (const [path, extra] of byFile) merged.push({ file: path, text: files.find((file) => file.path === path)?.text ?? '', findings: extra });
  return merged;
}
