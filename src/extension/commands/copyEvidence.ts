import type { TreeNode } from '../prerequisitesView';
import type { Services } from '../services';

/** "Copy Evidence": the check's status, summary, evidence and fix as plain text. */
export function copyEvidenceCommand({ apis }: Services): (node?: TreeNode) => Promise<void> {
  return async (node) => {
    if (node?.type !== 'check') return;
    const check = node.check;
    const text = [`${check.title}: ${check.status} — ${check.summary}`, ...check.evidence.map((line) => `  ${line}`), ...(check.remediation ? [`Fix: ${check.remediation}`] : []), ...(check.knownIssue ? [`${check.knownIssue.id}: ${check.knownIssue.url}`] : [])].join('\n');
    await apis.env.writeClipboard(text);
    apis.window.setStatusBarMessage('RKE2 Calico: evidence copied', 3000);
  };
}
