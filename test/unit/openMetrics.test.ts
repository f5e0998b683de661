import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checksToOpenMetrics, escapeLabelValue } from '../../src/core/report/openMetrics';

describe('OpenMetrics output', () => {
  it('escapes backslash, double quote and line feed in label values, and nothing else', () => {
    assert.equal(escapeLabelValue('a\\b"c\nd é'), 'a\\\\b\\"c\\nd é');
  });

  it('writes each family whole (TYPE, HELP, samples) and ends with # EOF', () => {
    const text = checksToOpenMetrics([
      { cluster: 'a', status: 'warn', report: { cluster: { rke2: null, calico: null, containerd: null, context: 'a', server: null }, checks: [{ id: 'x.y', area: 'Nodes', title: 't', status: 'warn', summary: '', evidence: [], knownIssue: { id: 'rancher/rke2#7808', url: 'u' } }], summary: { pass: 0, warn: 1, fail: 0, unknown: 0, skipped: 0 }, generatedAt: '2025-02-19T14:30:00.000Z' } },
      { cluster: 'b', status: 'skipped' },
    ]);
    const lines = text.trimEnd().split('\n');
    assert.equal(lines.at(-1), '# EOF');
    const families = lines.filter((line) => line.startsWith('# TYPE')).map((line) => line.split(' ')[2]);
    assert.deepEqual(families, ['rke2_calico_check_status', 'rke2_calico_known_issue', 'rke2_calico_root_cause', 'rke2_calico_cluster_verdict', 'rke2_calico_cluster_reachable', 'rke2_calico_check_run_timestamp_seconds']);
    assert.ok(lines.includes('rke2_calico_check_status{cluster="a",cluster_name="a",area="Nodes",id="x.y",status="warn"} 1'));
    assert.ok(lines.includes('rke2_calico_known_issue{cluster="a",cluster_name="a",issue="rancher/rke2#7808",status="warn"} 1'));
    assert.ok(lines.includes('rke2_calico_check_run_timestamp_seconds{cluster="a",cluster_name="a"} 1739975400'));
    assert.ok(!lines.some((line) => line.startsWith('rke2_calico_cluster_reachable{cluster="b"')), 'a skipped cluster has no reachability');
    // Every sample belongs to the family declared last (families are not interleaved).
    let family = '';
    for (const line of lines) {
      if (line.startsWith('# TYPE ')) family = line.split(' ')[2] ?? '';
      else if (!line.startsWith('#')) assert.ok(line.startsWith(`${family}{`), line);
    }
  });
});
