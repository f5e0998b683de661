import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCheckReport } from '../../src/core/checks/checkReport';
import type { CheckResult } from '../../src/core/checks/checkResult';
import { collectClusterEvidence } from '../../src/core/checks/clusterEvidence';
import { runClusterChecks } from '../../src/core/checks/runClusterChecks';
import type { ApiResult } from '../../src/core/kube/apiResult';
import { buildReadinessReport, readinessReportToMarkdown } from '../../src/core/report/readinessReport';
import { CONNECTION_ROW_ID, problemsFirst, reportRows } from '../../src/core/report/reportRows';
import { fakeGateway } from '../fakes/fakeGateway';

const HOST_PASS: CheckResult = { id: 'host.ip-forward', area: 'Host', title: 'IPv4 forwarding', status: 'pass', summary: 'net.ipv4.ip_forward = 1', evidence: [] };

/** Every check of a cluster whose every read failed the same way. */
async function checksOfCluster(answer: () => ApiResult<unknown>): Promise<CheckResult[]> {
  const opened = fakeGateway({ answer }).openCluster({ paths: ['/kubeconfig'] } as never, undefined);
  assert.ok(opened.ok);
  return runClusterChecks(await collectClusterEvidence(opened.reader, new AbortController().signal));
}

describe('the rows of the readiness report', () => {
  it('lists problems first: fail, warn, unknown, then pass and skipped, in definition order within each', () => {
    const statuses = ['pass', 'skipped', 'unknown', 'warn', 'fail', 'pass', 'fail'] as const;
    const checks = statuses.map((status, index) => ({ id: `c${index}`, status }));
    assert.deepEqual(problemsFirst(checks).map((check) => check.id), ['c4', 'c6', 'c3', 'c2', 'c0', 'c5', 'c1']);
  });

  it('folds an unreachable cluster into one row that says so, keeping the node checks', async () => {
    const results = [...(await checksOfCluster(() => ({ kind: 'unreachable', message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:6443' }))), HOST_PASS];
    const rows = reportRows(buildCheckReport(results, undefined, undefined).checks);
    assert.deepEqual(rows.map((row) => row.id), [CONNECTION_ROW_ID, 'host.ip-forward']);
    const connection = rows[0];
    assert.ok(connection);
    assert.equal(connection.status, 'unknown');
    assert.match(connection.summary, /^unreachable: ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:6443 — none of the 28 cluster checks could read the cluster$/);
    assert.match(connection.evidence[1] ?? '', /^checks not run: RKE2, containerd and Calico versions; /);
    const markdown = readinessReportToMarkdown(buildReadinessReport(buildCheckReport(results, undefined, undefined), [], []));
    assert.equal(markdown.split('\n').filter((line) => line.includes('ECONNREFUSED')).length, 3, 'the table row, its section summary and evidence line; not 28 rows');
  });

  it('names a rejected token as such', async () => {
    const rows = reportRows(buildCheckReport(await checksOfCluster(() => ({ kind: 'unauthorized', message: 'Unauthorized' })), undefined, undefined).checks);
    assert.equal(rows.length, 1);
    assert.match(rows[0]?.remediation ?? '', /credentials \(401\)/);
  });

  it('keeps every row when one cluster check got an answer', () => {
    const unknown = (id: string): CheckResult => ({ id, area: 'CRDs', title: id, status: 'unknown', summary: 'unknown: timeout — could not read CustomResourceDefinitions', evidence: ['CustomResourceDefinitions: timeout: 10 s'] });
    const answered: CheckResult = { id: 'nodes.ready', area: 'Nodes', title: 'Node conditions (Ready, network)', status: 'fail', summary: '1 of 3 node(s) not Ready', evidence: [] };
    const rows = reportRows(buildCheckReport([unknown('a'), unknown('b'), answered], undefined, undefined).checks);
    assert.deepEqual(rows.map((row) => row.id), ['nodes.ready', 'a', 'b']);
  });

  it('links workspace files in the Markdown export to their line, and leaves other paths as text', () => {
    const report = buildReadinessReport(buildCheckReport([HOST_PASS], undefined, undefined), [], []);
    const finding = { line: 9, column: 16, endLine: 9, endColumn: 23, severity: 'warning' as const, code: 'calico-affected-version', message: 'v1.36.5' };
    const markdown = readinessReportToMarkdown({ ...report, files: [{ file: 'server/manifests/rke2-calico-config.yaml', ...finding }, { file: '/etc/rancher/rke2/config.yaml', ...finding }, { file: 'rke2-calico-report:/calico-typha-x.log', ...finding }] });
    assert.match(markdown, /\| \[server\/manifests\/rke2-calico-config\.yaml:9:16\]\(server\/manifests\/rke2-calico-config\.yaml#L9\) \| warning \|/);
    assert.match(markdown, /\| \/etc\/rancher\/rke2\/config\.yaml:9:16 \| warning \|/);
    assert.match(markdown, /\| rke2-calico-report:\/calico-typha-x\.log:9:16 \| warning \|/);
  });
});
