import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogFindingJson } from '../../src/core/report/logFindingsReport';
import { FAMILY_OF_SIGNATURE, readLogCorpus } from '../corpus/logCorpus';
import { runInProcess } from './cliHarness';

/** Floors the catalog must keep on the real-world corpus (the corpus is a floor, not a target). */
const MIN_RECALL = 0.9;
const MIN_PRECISION = 0.95;

interface Score {
  truePositives: number;
  falsePositives: string[];
  missed: string[];
  familyMismatches: string[];
  healthyWithFindings: string[];
}

describe('the log corpus (test/corpus/logs): real excerpts from public issues', () => {
  it(`scores at least ${MIN_RECALL * 100} % line recall and ${MIN_PRECISION * 100} % precision, with no finding on a healthy excerpt`, async () => {
    const corpus = readLogCorpus();
    const score: Score = { truePositives: 0, falsePositives: [], missed: [], familyMismatches: [], healthyWithFindings: [] };
    for (const excerpt of corpus) {
      const run = await runInProcess(['logs', excerpt.path, '--format', 'json']);
      assert.ok(run.code === 0 || run.code === 1, `${excerpt.id}: exit ${run.code} ${run.stderr}`);
      const findings = (JSON.parse(run.stdout) as { findings: LogFindingJson[] }).findings;
      if (excerpt.kind === 'healthy' && findings.length > 0) score.healthyWithFindings.push(`${excerpt.id}:${findings.map((finding) => `${finding.line} ${finding.code}`).join(', ')}`);
      const found = new Map(findings.map((finding) => [finding.line, finding.code]));
      for (const [line, code] of found) {
        const family = excerpt.labels.get(line);
        if (family === undefined) {
          score.falsePositives.push(`${excerpt.id}:${line} ${code}`);
          continue;
        }
        score.truePositives++;
        if ((FAMILY_OF_SIGNATURE[code] ?? code) !== family) score.familyMismatches.push(`${excerpt.id}:${line} ${code} (labelled ${family})`);
      }
      for (const [line, family] of excerpt.labels) if (!found.has(line)) score.missed.push(`${excerpt.id}:${line} ${family}`);
    }
    const labelled = score.truePositives + score.missed.length;
    const reported = score.truePositives + score.falsePositives.length;
    const recall = score.truePositives / labelled;
    const precision = reported === 0 ? 1 : score.truePositives / reported;
    const healthy = corpus.filter((excerpt) => excerpt.kind === 'healthy').length;
    console.log([
      `log corpus: ${corpus.length} excerpts (${corpus.length - healthy} problem, ${healthy} healthy), ${labelled} labelled lines`,
      `  line recall ${(recall * 100).toFixed(1)} % (${score.truePositives}/${labelled}), precision ${(precision * 100).toFixed(1)} % (${score.truePositives}/${reported}), false positives ${score.falsePositives.length}, healthy excerpts with findings ${score.healthyWithFindings.length}`,
      `  family agreement on found lines ${(((score.truePositives - score.familyMismatches.length) / Math.max(1, score.truePositives)) * 100).toFixed(1)} %`,
      ...score.missed.map((entry) => `  missed ${entry}`),
      ...score.falsePositives.map((entry) => `  false positive ${entry}`),
      ...score.familyMismatches.map((entry) => `  other family ${entry}`),
    ].join('\n'));
    assert.deepEqual(score.healthyWithFindings, []);
    assert.ok(recall >= MIN_RECALL, `line recall ${recall.toFixed(3)} < ${MIN_RECALL}`);
    assert.ok(precision >= MIN_PRECISION, `precision ${precision.toFixed(3)} < ${MIN_PRECISION}`);
  });
});
