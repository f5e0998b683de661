import assert from 'node:assert/strict';
import type { LintContext } from '../../../src/core/files/lintContext';
import { lintFile } from '../../../src/core/files/lintFile';
import type { Finding, FindingFix } from '../../../src/core/findings/finding';
import { LineIndex } from '../../../src/core/text/lineIndex';

export const CONFIG_PATH = '/etc/rancher/rke2/config.yaml';

/** Lints `text` as if it were the file at `path`. */
export function lint(text: string, path = CONFIG_PATH, context: LintContext = {}): Finding[] {
  return [...lintFile(path, text, { context }).findings];
}

/** The findings with one code. */
export function withCode(findings: readonly Finding[], code: string): Finding[] {
  return findings.filter((finding) => finding.code === code);
}

/** The one finding with a code; fails the test when there is not exactly one. */
export function only(findings: readonly Finding[], code: string): Finding {
  const matching = withCode(findings, code);
  assert.equal(matching.length, 1, `expected one ${code}, got: ${JSON.stringify(findings.map((f) => [f.code, f.message]), null, 1)}`);
  const [finding] = matching;
  assert.ok(finding);
  return finding;
}

/** Where a finding points: the covered text and its 1-based line:column. */
export function at(text: string, finding: Finding): { text: string; where: string } {
  const position = new LineIndex(text).positionAt(finding.span.start);
  return { text: text.slice(finding.span.start, finding.span.end), where: `${position.line + 1}:${position.character + 1}` };
}

export function applyFix(text: string, fix: FindingFix | undefined): string {
  assert.ok(fix, 'expected a fix');
  let result = text;
  for (const edit of [...fix.edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}
