import assert from 'node:assert/strict';
import { join, relative, sep } from 'node:path';
import { describe, it } from 'node:test';
import type { CheckReportJson } from '../../src/core/checks/checkReport';
import { runInProcess } from '../cli/cliHarness';
import { caseFolders, judgeCase, type CaseFolder, type CaseOutcome } from '../corpus/clusterCase';
import { loadRawCluster } from '../sim/rawCluster';
import { startRawCluster } from '../sim/simServer';

/**
 * Replays every real cluster state of test/corpus/clusters/ with the real CLI (`check --format json`) against the
 * simulated API server serving exactly its objects, and prints per case whether the product agrees with what was
 * really wrong. A crash or an unparseable report fails, and so does a sealed batch scoring worse than its first score
 * (its FIRST_SCORE.md); the product may do better, and no check is written for a sealed case. The synthetic fixtures
 * of _fixtures/ must agree: they test the harness.
 */
const ROOT = join(__dirname, '../../../test/corpus/clusters');

/** Each sealed batch's first score as a floor (the "goal met" and first-cause figures were first taken with batch 2). */
const SEALED_FLOORS: Readonly<Record<string, { agreeing: number; meetingGoal: number; healthyRed: number; wronglyNamed: number; causesRight: number }>> = {
  'batch-1': { agreeing: 4, meetingGoal: 0, healthyRed: 9, wronglyNamed: 1, causesRight: 0 },
  'batch-2': { agreeing: 9, meetingGoal: 19, healthyRed: 1, wronglyNamed: 0, causesRight: 14 },
  'batch-3': { agreeing: 7, meetingGoal: 7, healthyRed: 4, wronglyNamed: 0, causesRight: 8 },
  'batch-4': { agreeing: 6, meetingGoal: 11, healthyRed: 0, wronglyNamed: 0, causesRight: 9 },
  'batch-5': { agreeing: 8, meetingGoal: 13, healthyRed: 0, wronglyNamed: 0, causesRight: 11 },
  'batch-6': { agreeing: 7, meetingGoal: 12, healthyRed: 3, wronglyNamed: 0, causesRight: 13 },
  'batch-7': { agreeing: 6, meetingGoal: 11, healthyRed: 1, wronglyNamed: 0, causesRight: 11 },
  'batch-8': { agreeing: 2, meetingGoal: 13, healthyRed: 0, wronglyNamed: 0, causesRight: 13 },
  'batch-9': { agreeing: 3, meetingGoal: 13, healthyRed: 0, wronglyNamed: 0, causesRight: 13 },
  'batch-10': { agreeing: 2, meetingGoal: 14, healthyRed: 0, wronglyNamed: 0, causesRight: 13 },
  'batch-11': { agreeing: 0, meetingGoal: 12, healthyRed: 0, wronglyNamed: 0, causesRight: 15 },
  'batch-12': { agreeing: 2, meetingGoal: 16, healthyRed: 1, wronglyNamed: 0, causesRight: 15 },
  'batch-13': { agreeing: 5, meetingGoal: 10, healthyRed: 0, wronglyNamed: 0, causesRight: 8 },
  'batch-14': { agreeing: 1, meetingGoal: 5, healthyRed: 1, wronglyNamed: 0, causesRight: 5 },
  'batch-15': { agreeing: 1, meetingGoal: 7, healthyRed: 0, wronglyNamed: 0, causesRight: 7 },
  'batch-16': { agreeing: 0, meetingGoal: 7, healthyRed: 1, wronglyNamed: 0, causesRight: 7 },
  'batch-17': { agreeing: 1, meetingGoal: 7, healthyRed: 0, wronglyNamed: 0, causesRight: 7 },
};

async function replay(entry: CaseFolder): Promise<{ code: number; report: CheckReportJson; outcome: CaseOutcome }> {
  const sim = await startRawCluster(loadRawCluster(entry.folder, entry.spec.shown, entry.spec.partial));
  try {
    const run = await runInProcess(['check', '--kubeconfig', sim.kubeconfigPath, '--format', 'json', '--host-root', '/nonexistent-root', '--timeout', '5']);
    assert.ok([0, 1, 3].includes(run.code), `${entry.spec.id}: exit ${run.code}: ${run.stderr.slice(0, 500)}`);
    const report = JSON.parse(run.stdout) as CheckReportJson;
    assert.ok(Array.isArray(report.checks) && report.checks.length > 0, `${entry.spec.id}: no checks in the report`);
    assert.deepEqual(sim.requests.filter((request) => request.method !== 'GET'), [], 'GET only');
    return { code: run.code, report, outcome: judgeCase(entry.spec, report) };
  } finally {
    await sim.stop();
  }
}

describe('real cluster states replayed (test/corpus/clusters)', () => {
  const cases = caseFolders(ROOT);

  it('replays every case without crashing and prints agreement', async () => {
    const corpus = cases.filter((entry) => !entry.fixture);
    const lines: string[] = [];
    const batches = new Map<string, { cases: number; agreeing: number; meetingGoal: number; healthyRed: number; wronglyNamed: number; causesLabelled: number; causesRight: number }>();
    for (const entry of corpus) {
      const { outcome } = await replay(entry);
      const batch = relative(ROOT, entry.folder).split(sep)[0] ?? '';
      const tally = batches.get(batch) ?? { cases: 0, agreeing: 0, meetingGoal: 0, healthyRed: 0, wronglyNamed: 0, causesLabelled: 0, causesRight: 0 };
      tally.cases++;
      if (outcome.agrees) tally.agreeing++;
      if (outcome.meetsGoal) tally.meetingGoal++;
      if (outcome.healthyRed.length > 0) tally.healthyRed++;
      tally.wronglyNamed += outcome.wronglyNamed.length;
      if (outcome.firstCauseRight !== undefined) tally.causesLabelled++;
      if (outcome.firstCauseRight === true) tally.causesRight++;
      batches.set(batch, tally);
      const mark = outcome.agrees ? 'agree   ' : outcome.meetsGoal ? 'goal met' : 'DISAGREE';
      const cause = entry.spec.expected.firstCause === undefined ? '' : `; first cause ${outcome.firstCause}${outcome.firstCauseRight === false ? `, expected ${entry.spec.expected.firstCause}` : ''}`;
      lines.push(`${mark} ${entry.spec.id} (verdict ${outcome.verdict}${cause})${outcome.differences.map((line) => `\n           ${line}`).join('')}`);
    }
    for (const [batch, tally] of batches) {
      const causes = tally.causesLabelled > 0 ? `; first root cause right: ${tally.causesRight} of ${tally.causesLabelled}` : '';
      lines.push(`${batch}: ${tally.agreeing} of ${tally.cases} cases agree, ${tally.meetingGoal} meet the goal (no red on healthy, the expected failures red, no wrong known issue); healthy cases with a fail or warning: ${tally.healthyRed}; known issues wrongly named: ${tally.wronglyNamed}${causes}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    for (const [batch, floor] of Object.entries(SEALED_FLOORS)) {
      const tally = batches.get(batch);
      assert.ok(tally, `sealed ${batch} is missing`);
      assert.ok(tally.agreeing >= floor.agreeing && tally.meetingGoal >= floor.meetingGoal && tally.causesRight >= floor.causesRight, `${batch} scores below its first score`);
      assert.ok(tally.healthyRed <= floor.healthyRed && tally.wronglyNamed <= floor.wronglyNamed, `${batch}: more healthy cases red or known issues wrongly named than at its first score`);
    }
  });

  it('agrees on its own synthetic fixtures (healthy operator v3.23, manifest install on kubeadm, EKS with Calico for policy only, K3s operator refused by PodSecurity)', async () => {
    const fixtures = cases.filter((entry) => entry.fixture);
    assert.ok(fixtures.length >= 4, 'the four fixtures of _fixtures/');
    const disagreements: string[] = [];
    for (const entry of fixtures) {
      const { outcome } = await replay(entry);
      if (!outcome.agrees) disagreements.push(`${entry.spec.id}:\n  ${outcome.differences.join('\n  ')}`);
    }
    assert.deepEqual(disagreements, []);
  });
});
