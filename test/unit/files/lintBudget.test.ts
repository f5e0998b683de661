import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EDITOR_LINT_BUDGET_MS, estimatedLintMs, MAX_ALIASES, measureText, tooComplexToLint } from '../../../src/core/files/lintBudget';
import { lintFile } from '../../../src/core/files/lintFile';

const manyKeys = (count: number): string => `cni: calico\n${Array.from({ length: count }, (_, index) => `kubelet-arg${index}: v\n`).join('')}`;

describe('lint budget', () => {
  it('counts lines, flow items, aliases and documents in one pass', () => {
    assert.deepEqual(measureText('a: [*x, *y]\n---\nb: {c: 1}\n...\n'), { chars: 30, structure: 7, aliases: 2, documents: 3 });
    assert.equal(tooComplexToLint('x', { chars: 1, structure: 1, aliases: MAX_ALIASES + 1, documents: 1 })?.includes('aliases'), true);
    assert.ok(estimatedLintMs(measureText(manyKeys(10_000))) > EDITOR_LINT_BUDGET_MS);
    assert.ok(estimatedLintMs(measureText(manyKeys(50))) < EDITOR_LINT_BUDGET_MS);
  });

  it('in the editor, an RKE2 file over the budget gets one info instead of a lint; unrelated YAML gets nothing', () => {
    const big = manyKeys(10_000);
    const editor = lintFile('/etc/rancher/rke2/config.yaml', big, { maxLintMs: EDITOR_LINT_BUDGET_MS });
    assert.deepEqual(editor.findings.map((finding) => [finding.code, finding.severity]), [['file-skipped', 'info']]);
    assert.match(editor.findings[0]?.message ?? '', /^Not checked in the editor: .*rke2-calico-diag lint/);
    // The command line has no budget: the same file is linted.
    assert.ok(lintFile('/etc/rancher/rke2/config.yaml', big).findings.some((finding) => finding.code === 'unknown-key'));
    const unrelated = `apiVersion: v1\nkind: ConfigMap\ndata:\n${Array.from({ length: 10_000 }, (_, index) => `  k${index}: v\n`).join('')}`;
    assert.deepEqual(lintFile('/w/app.yaml', unrelated, { maxLintMs: EDITOR_LINT_BUDGET_MS }).findings, []);
  });
});
