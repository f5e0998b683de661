import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCheckReport } from '../../src/core/checks/checkReport';
import type { CheckResult } from '../../src/core/checks/checkResult';
import { lintFile } from '../../src/core/files/lintFile';
import { scanText } from '../../src/core/logs/scanText';
import { buildReadinessReport, readinessReportToMarkdown, readinessReportToSarif } from '../../src/core/report/readinessReport';
import { redactSecrets } from '../../src/core/report/redactSecrets';

const TOKEN = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50In0.c2lnbmF0dXJlc2lnbmF0dXJl';

const RESULTS: CheckResult[] = [
  { id: 'identity.known-issues', area: 'Identity', title: 'Known Calico issues', status: 'fail', summary: 'rancher/rke2#7808: Cluster-init race', evidence: ['RKE2 v1.32.2-rc2+rke2r1'], remediation: 'Upgrade to v1.32.4+rke2r1.', knownIssue: { id: 'rancher/rke2#7808', url: 'https://github.com/rancher/rke2/issues/7808' } },
  { id: 'crds.calico', area: 'CRDs', title: 'CRDs', status: 'pass', summary: 'All 24 present', evidence: [] },
  { id: 'rbac.calico', area: 'RBAC', title: 'RBAC | roles', status: 'unknown', summary: 'unknown: forbidden — could not read ClusterRole calico-node', evidence: [`Authorization: Bearer ${TOKEN}`] },
];

function report() {
  const file = 'server/manifests/rke2-calico-config.yaml';
  const text = 'apiVersion: helm.cattle.io/v1\nkind: HelmChartConfig\nmetadata:\n  name: rke2-calico\n  namespace: kube-system\nspec:\n  valuesContent: |-\n    tigeraOperator:\n      version: v1.36.5\n';
  const files = [{ file, text, findings: lintFile(file, text).findings }];
  const log = '2025-02-19 14:25:19.914 [ERROR][1] typha/lookup.go 66: Failed to get Typha endpoint from Kubernetes error=Unauthorized\n';
  const checks = buildCheckReport(RESULTS, undefined, { context: 'sim', server: 'https://127.0.0.1:6443' }, [{ atSeconds: 42, message: 'ClusterInformation default appeared' }]);
  return { built: buildReadinessReport(checks, files, [{ file: 'typha.log', summary: scanText(log).summary }]), files };
}

describe('readiness report', () => {
  it('carries the check JSON of the CLI plus file and log findings', () => {
    const { built } = report();
    assert.deepEqual(built.summary, { pass: 1, warn: 0, fail: 1, unknown: 1, skipped: 0 });
    assert.equal(built.files[0]?.code, 'calico-affected-version');
    assert.deepEqual(built.logs, [{ file: 'typha.log', summary: [{ code: 'typha-unauthorized', severity: 'error', count: 1, first: '2025-02-19 14:25:19.914', last: '2025-02-19 14:25:19.914', firstLine: 1, lastLine: 1 }] }]);
    assert.equal(built.timeline?.[0]?.atSeconds, 42);
  });

  it('never exports a secret', () => {
    const { built, files } = report();
    for (const text of [JSON.stringify(built), readinessReportToMarkdown(built), JSON.stringify(readinessReportToSarif(built, files, 'test'))]) {
      assert.ok(!text.includes(TOKEN), 'token redacted');
      assert.ok(text.includes('[redacted'), 'redaction is visible');
    }
  });

  it('renders Markdown with escaped table cells and the known issue', () => {
    const markdown = readinessReportToMarkdown(report().built);
    assert.match(markdown, /\| ❔ unknown \| RBAC \\\| roles \| unknown: forbidden — could not read ClusterRole calico-node \| RBAC \|/);
    assert.ok(markdown.indexOf('❌ fail') < markdown.indexOf('❔ unknown') && markdown.indexOf('❔ unknown') < markdown.indexOf('✅ pass'), 'problems first');
    assert.match(markdown, /Known issue: \[rancher\/rke2#7808\]\(https:\/\/github\.com\/rancher\/rke2\/issues\/7808\)/);
    assert.match(markdown, /\+42 s — ClusterInformation default appeared/);
  });

  it('makes SARIF 2.1.0 with located file results and check results', () => {
    const { built, files } = report();
    const sarif = readinessReportToSarif(built, files, 'test') as { version: string; runs: { results: { ruleId: string; level: string; locations?: unknown[] }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0]?.results ?? [];
    assert.ok(results.some((result) => result.ruleId === 'calico-affected-version' && (result.locations?.length ?? 0) === 1));
    assert.deepEqual(results.filter((result) => !result.locations).map((result) => [result.ruleId, result.level]), [['identity.known-issues', 'error'], ['rbac.calico', 'note']]);
  });
});

describe('secret redaction', () => {
  it('removes PEM blocks, bearer tokens, kubeconfig credential fields and JWTs', () => {
    const text = [
      '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
      'Authorization: Bearer abcdefgh12345678',
      'token: 0123456789abcdef',
      'client-key-data: LS0tLS1CRUdJTg==',
      `jwt ${TOKEN}`,
    ].join('\n');
    const redacted = redactSecrets(text);
    for (const secret of ['MIIB', 'abcdefgh12345678', '0123456789abcdef', 'LS0tLS1CRUdJTg==', TOKEN]) assert.ok(!redacted.includes(secret), secret);
    assert.equal(redactSecrets('calico-node ready 5/5 on server-1'), 'calico-node ready 5/5 on server-1');
  });
});
