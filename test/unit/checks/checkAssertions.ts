/** What the per-check tests assert of a result: its status, summary, evidence and remediation, in one call. */
import assert from 'node:assert/strict';
import type { CheckResult, CheckStatus } from '../../../src/core/checks/checkResult';
import type { ClusterEvidence } from '../../../src/core/checks/clusterEvidence';
import { runClusterChecks } from '../../../src/core/checks/runClusterChecks';

export interface Expected {
  readonly status: CheckStatus;
  readonly summary: RegExp;
  /** Each pattern matches a line of the evidence, in this order. */
  readonly evidence: readonly RegExp[];
  /** The remediation, or null when the result must have none. */
  readonly remediation: RegExp | null;
  readonly knownIssue?: string;
}

export function assertResult(result: CheckResult, expected: Expected): void {
  const context = JSON.stringify(result, null, 1);
  assert.equal(result.status, expected.status, context);
  assert.match(result.summary, expected.summary, context);
  let from = 0;
  for (const pattern of expected.evidence) {
    const at = result.evidence.findIndex((line, index) => index >= from && pattern.test(line));
    assert.ok(at !== -1, `evidence line ${String(pattern)} (in order) in ${context}`);
    from = at + 1;
  }
  if (expected.remediation === null) assert.equal(result.remediation, undefined, context);
  else assert.match(result.remediation ?? '', expected.remediation, context);
  assert.equal(result.knownIssue?.id, expected.knownIssue, context);
}

/** The result of check `id` when every cluster check runs over `evidence`: for the cases where a check is skipped. */
export function resultOf(evidence: ClusterEvidence, id: string): CheckResult {
  const found = runClusterChecks(evidence).find((check) => check.id === id);
  assert.ok(found, `${id} ran`);
  return found;
}
