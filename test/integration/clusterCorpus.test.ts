import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CheckReportJson } from '../../src/core/checks/checkReport';
import { runInProcess } from '../cli/cliHarness';
import { caseFolders, judgeCase, type CaseFolder, type CaseOutcome } from '../corpus/clusterCase';
import { loadRawCluster } from '../sim/rawCluster';
import { startRawCluster } from '../sim/simServer';

/**
 * Replays every real cluster state of test/corpus/clusters/ with the real CLI (`check --format json`) against the
 * simulated API server serving exactly its objects, and prints per case whether the product agrees with what was
 * really wrong. Disagreement is reported, not failed on (a floor can be added once the sealed batch is in); a crash
 * or an unparseable report fails. The synthetic fixtures of _fixtures/ must agree: they test the harness.
 */
const ROOT = join(__dirname, '../../../test/corpus/clusters');

async function replay(entry: CaseFolder): Promise<{ code: number; report: CheckReportJson; outcome: CaseOutcome }> {
  const sim = await startRawCluster(loadRawCluster(entry.folder, entry.spec.shown));
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
    let agreeing = 0;
    let healthyRed = 0;
    let wronglyNamed = 0;
    for (const entry of corpus) {
      const { outcome } = await replay(entry);
      if (outcome.agrees) agreeing++;
      if (outcome.healthyRed.length > 0) healthyRed++;
      wronglyNamed += outcome.wronglyNamed.length;
      lines.push(`${outcome.agrees ? 'agree   ' : 'DISAGREE'} ${entry.spec.id} (verdict ${outcome.verdict})${outcome.differences.map((line) => `\n           ${line}`).join('')}`);
    }
    lines.push(`corpus: ${agreeing} of ${corpus.length} cases agree; healthy cases with a fail or warning: ${healthyRed}; known issues wrongly named: ${wronglyNamed}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  });

  it('agrees on its own synthetic fixtures (healthy operator v3.23, manifest install on kubeadm, K3s operator refused by PodSecurity)', async () => {
    const fixtures = cases.filter((entry) => entry.fixture);
    assert.ok(fixtures.length >= 3, 'the three fixtures of _fixtures/');
    const disagreements: string[] = [];
    for (const entry of fixtures) {
      const { outcome } = await replay(entry);
      if (!outcome.agrees) disagreements.push(`${entry.spec.id}:\n  ${outcome.differences.join('\n  ')}`);
    }
    assert.deepEqual(disagreements, []);
  });
});
