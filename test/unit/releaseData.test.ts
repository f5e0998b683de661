import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { OPERATOR_PAIRINGS } from '../../src/core/knowledge/operatorPairing';
import { RC_BUILDS } from '../../src/core/knowledge/rcBuilds';
import { gaReleasesInLine } from '../../src/core/knowledge/releaseIndex';
import { RELEASE_MATRIX } from '../../src/core/knowledge/releaseMatrix';
import { KNOWN_ISSUES } from '../../src/core/knowledge/knownIssues';
import { formatCalicoVersion } from '../../src/core/versions/calicoVersion';
import { parseChartVersion } from '../../src/core/versions/chartVersion';
import { parseContainerdVersion } from '../../src/core/versions/containerdVersion';
import { parseRke2Version } from '../../src/core/versions/rke2Version';

/** The published matrix, kept beside the tests as an independent copy of what the data module transcribes. */
const TSV_ROWS = readFileSync(join(__dirname, '../../../test/fixtures/rke2-calico-matrix.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'));

describe('release matrix data', () => {
  it('holds all 120 releases of the published matrix, field for field', () => {
    assert.equal(RELEASE_MATRIX.length, 120);
    assert.equal(TSV_ROWS.length, 120);
    TSV_ROWS.forEach((columns, index) => {
      const record = RELEASE_MATRIX[index];
      assert.ok(record);
      assert.deepEqual(
        [record.rke2, record.chart, record.calico, record.operator, record.crdChart, record.containerd],
        columns.slice(0, 6),
        `row ${index + 1}`,
      );
    });
  });

  it('has only well-formed versions, consistent with the chart scheme and the operator pairing', () => {
    for (const record of [...RELEASE_MATRIX, ...RC_BUILDS]) {
      assert.ok(parseRke2Version(record.rke2).ok, record.rke2);
      assert.ok(parseContainerdVersion(record.containerd).ok, record.containerd);
      const chart = parseChartVersion(record.chart);
      assert.ok(chart.ok, record.chart);
      assert.equal(formatCalicoVersion(chart.value.calico), record.calico, `${record.rke2}: chart and Calico agree`);
      const pairing = OPERATOR_PAIRINGS.find((entry) => entry.calico === record.calico);
      assert.equal(pairing?.operator, record.operator, `${record.rke2}: operator pairing`);
      const chartKnown = pairing.charts.includes(record.chart) || (record.released === undefined && pairing.unreleasedCharts?.includes(record.chart) === true);
      assert.ok(chartKnown, `${record.rke2}: chart in pairing`);
      if (record.released !== undefined) assert.match(record.released, /^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('names exactly the eight GA releases that ship Calico v3.29.2', () => {
    const shipping = RELEASE_MATRIX.filter((record) => record.calico === 'v3.29.2').map((record) => record.rke2);
    assert.deepEqual(shipping, [
      'v1.29.14+rke2r1', 'v1.29.15+rke2r1', 'v1.30.10+rke2r1', 'v1.30.11+rke2r1',
      'v1.31.6+rke2r1', 'v1.31.7+rke2r1', 'v1.32.2+rke2r1', 'v1.32.3+rke2r1',
    ]);
    const flagged = TSV_ROWS.filter((columns) => columns[7] === 'YES').map((columns) => columns[0]);
    assert.deepEqual(shipping, flagged);
  });

  it('records the RC builds of #7808 with the containerd they were built with', () => {
    const k3s1 = RC_BUILDS.filter((record) => record.containerd === 'v2.0.2-k3s1').map((record) => record.rke2);
    assert.deepEqual(k3s1, ['v1.31.6-rc1+rke2r1', 'v1.31.6-rc2+rke2r1', 'v1.32.2-rc1+rke2r1', 'v1.32.2-rc2+rke2r1', 'v1.32.2-rc3+rke2r1']);
  });

  it('gives #7808 upgrade targets that are the first release of each line after its last v3.29.2 release', () => {
    const issue = KNOWN_ISSUES.find((entry) => entry.id === 'rancher/rke2#7808');
    assert.ok(issue);
    for (const target of issue.upgradeTargets) {
      const line = gaReleasesInLine(target.line);
      const lastAffected = line.map((entry) => entry.record.calico).lastIndexOf('v3.29.2');
      assert.ok(lastAffected >= 0, `${target.line} shipped v3.29.2`);
      const next = line[lastAffected + 1];
      if (next) {
        assert.equal(target.target, next.record.rke2, target.line);
      } else {
        // No later release in this line: the target must come from the next line and be unaffected.
        assert.equal(target.line, 'v1.29');
        assert.equal(target.target, issue.upgradeTargets.find((other) => other.line === 'v1.30')?.target);
      }
    }
  });

  it('cites a source for every known issue', () => {
    for (const issue of KNOWN_ISSUES) {
      assert.ok(issue.sources.length > 0, issue.id);
      assert.match(issue.url, /^https:\/\/github\.com\//);
      assert.ok(issue.rules.length > 0, issue.id);
    }
  });
});
