import * as vscode from 'vscode';
import type { TreeNode } from '../prerequisitesView';

/** "Copy Evidence": the check's status, summary, evidence and fix as plain text. */
export function copyEvidenceCommand(): (node?: TreeNode) => Promise<void> {
  return async (node) => {
    if (node?.type !== 'check') return;
    const check = node.check;
    const text = [`${check.title}: ${check.status} — ${check.summary}`, ...check.evidence.map((line) => `  ${line}`), ...(check.remediation ? [`Fix: ${check.remediation}`] : []), ...(check.knownIssue ? [`${check.knownIssue.id}: ${check.knownIssue.url}`] : [])].join('\n');
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage('RKE2 Calico: evidence copied', 3000);
  };
}
