import type { KnownIssue } from '../knowledge/knownIssue';
import { describePreconditions } from '../knowledge/preconditions';

import { escapeMarkdown } from './markdownText';

export { escapeMarkdown } from './markdownText';

/** The full explanation of a known issue: symptoms, root cause, releases to move to, mitigations and sources. */
export function knownIssueToMarkdown(issue: KnownIssue): string {
  const lines: string[] = [];
  lines.push(`### [${escapeMarkdown(issue.id)}](${issue.url}) — ${escapeMarkdown(issue.title)}`, '');
  lines.push(escapeMarkdown(issue.summary), '');
  lines.push('**Symptoms**', '');
  for (const symptom of issue.symptoms) lines.push(`- ${escapeMarkdown(symptom)}`);
  lines.push('', '**Root cause**', '', escapeMarkdown(issue.rootCause), '');
  if (issue.preconditions && issue.preconditions.length > 0) {
    lines.push('**Only if**', '', escapeMarkdown(describePreconditions(issue.preconditions)), '');
  }
  lines.push('**Fixed in**', '');
  if (issue.fixedIn.length === 0) lines.push('- no released fix is known');
  for (const fix of issue.fixedIn) lines.push(`- ${escapeMarkdown(fix)}`);
  lines.push('');
  if (issue.upgradeTargets.length > 0) {
    lines.push('**Move to**', '');
    for (const target of issue.upgradeTargets) {
      const note = target.note ? ` — ${escapeMarkdown(target.note)}` : '';
      lines.push(`- ${target.line}: \`${target.target}\`${note}`);
    }
    lines.push('');
  }
  lines.push('**Mitigations**', '');
  for (const mitigation of issue.mitigations) lines.push(`- ${escapeMarkdown(mitigation)}`);
  lines.push('', '**Sources**', '');
  for (const source of issue.sources) lines.push(`- [${escapeMarkdown(source.title)}](${source.url})`);
  return lines.join('\n');
}
