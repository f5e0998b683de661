import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckReportJson } from '../../../src/core/checks/checkReport';
import type { VerdictStatus } from '../../../src/core/checks/verdict';
import type { ClusterOutcome, FleetEntry } from '../../../src/core/fleet/fleetOutcome';
import { fleetReportToMarkdown } from '../../../src/core/fleet/fleetMarkdown';
import { buildFleetReport, fleetReportToText } from '../../../src/core/fleet/fleetReport';
import { fleetExitCode } from '../../../src/core/fleet/fleetVerdict';
import { rancherCluster, rancherIdOfServer } from '../../../src/core/fleet/rancherClusters';

function report(status: VerdictStatus, issue?: { id: string; status: 'fail' | 'warn' }): CheckReportJson {
  return {
    cluster: { rke2: 'v1.32.4+rke2r1', calico: 'v3.29.3', containerd: null, context: 'c', server: 'https://x' },
    checks: [{ id: 'identity.known-issues', area: 'Identity', title: 'Known', status: issue?.status ?? 'pass', summary: '', evidence: [], ...(issue ? { knownIssue: { id: issue.id, url: `https://github.com/${issue.id}` } } : {}) }],
    summary: { pass: 3, warn: 1, fail: status === 'fail' ? 1 : 0, unknown: 0, skipped: 0 },
    verdict: { status, label: status, reason: '' },
    ...(issue ? { rootCauses: [{ check: 'identity.known-issues', title: 'Known', summary: `the versions carry ${issue.id}`, explains: ['nodes.ready'], alternatives: [], links: [] }] } : {}),
    generatedAt: '',
  };
}

function entry(name: string, outcome: ClusterOutcome): FleetEntry {
  return { target: { name, source: 'rancher', rancherId: name }, outcome };
}

describe('fleet verdict and report', () => {
  it('exits with the worst cluster: 1 > 2 > 3 > 0; skipped clusters do not count', () => {
    const ready = entry('a', { kind: 'checked', report: report('pass') });
    const unverified = entry('b', { kind: 'checked', report: report('could-not-verify') });
    const unreachable = entry('c', { kind: 'unreachable', reason: 'x' });
    const failing = entry('d', { kind: 'checked', report: report('fail') });
    const skipped = entry('e', { kind: 'skipped', reason: 'k3s' });
    assert.equal(fleetExitCode([ready, skipped]), 0);
    assert.equal(fleetExitCode([ready, unverified]), 3);
    assert.equal(fleetExitCode([unverified, unreachable]), 2);
    assert.equal(fleetExitCode([unreachable, failing, unverified]), 1);
    assert.equal(fleetExitCode([entry('f', { kind: 'cancelled', reason: 'x' }), ready]), 2);
    assert.equal(fleetExitCode([skipped]), 0);
  });

  it('the table lists the worst first with the worst known issue, and every outside string is made safe', () => {
    const built = buildFleetReport('rancher https://r', [
      entry('ok', { kind: 'checked', report: report('warn', { id: 'rancher/rke2#7808', status: 'warn' }) }),
      entry('evil\u001b]52;c;AAAA\u0007', { kind: 'checked', report: report('fail', { id: 'rancher/rke2#7808', status: 'fail' }) }),
      entry('lab', { kind: 'skipped', reason: 'runs k3s, not RKE2' }),
    ]);
    assert.deepEqual(built.clusters.map((cluster) => cluster.status), ['fail', 'warn', 'skipped']);
    const text = fleetReportToText(built);
    assert.ok(!text.includes('\u001b'), 'no escape sequence reaches the terminal');
    assert.match(text, /rancher\/rke2#7808 \(fail\)/);
    assert.match(text, /lab: skipped — runs k3s, not RKE2/);
    assert.match(text, /Fleet verdict: FAIL \(exit 1\)/);
    assert.match(text.split('\n')[2] ?? '', /WORST KNOWN ISSUE\s+ROOT CAUSE$/);
    assert.match(text, /rancher\/rke2#7808 \(fail\)\s+Known \(\+1 explained\)\n/, 'one root cause per cluster');
    assert.equal(built.clusters[0]?.rootCause?.check, 'identity.known-issues');
  });
});

describe('Rancher cluster objects', () => {
  it('reads the Steve and the Norman shapes, and tells RKE2 from the rest', () => {
    const steve = rancherCluster({ id: 'c-m-1', metadata: { name: 'c-m-1' }, spec: { displayName: 'prod' }, status: { driver: 'rke2', provider: 'rke2', version: { gitVersion: 'v1.32.4+rke2r1' } } });
    assert.deepEqual(steve, { id: 'c-m-1', name: 'prod', distribution: 'rke2', version: 'v1.32.4+rke2r1', rke2: true });
    const imported = rancherCluster({ id: 'c-2', name: 'imported-rke2', driver: 'imported', provider: '', version: { gitVersion: 'v1.31.7+rke2r1' } });
    assert.equal(imported?.rke2, true, 'an imported RKE2 cluster is told by its version');
    assert.equal(rancherCluster({ id: 'c-3', name: 'k3s', driver: 'k3s', provider: 'k3s' })?.rke2, false);
    assert.equal(rancherCluster({ id: 'c-4', name: 'eks', driver: 'EKS', provider: 'eks' })?.distribution, 'eks');
    assert.equal(rancherCluster({ name: 'no id' }), undefined);
    assert.equal(rancherIdOfServer('https://rancher.example.com/k8s/clusters/c-m-abc12345'), 'c-m-abc12345');
    assert.equal(rancherIdOfServer('https://10.0.0.1:6443'), undefined);
  });
});

describe('fleet Markdown export', () => {
  it('tables every cluster with its verdict and escapes what clusters call themselves', () => {
    const built = buildFleetReport('rancher https://r', [
      entry('prod | eu *1*', { kind: 'checked', report: report('fail', { id: 'rancher/rke2#7808', status: 'fail' }) }),
      entry('edge', { kind: 'unreachable', reason: 'HTTP 503: cluster agent disconnected' }),
    ]);
    const markdown = fleetReportToMarkdown(built);
    assert.match(markdown, /^\| prod \\\| eu \\\*1\\\* \| v1\.32\.4\+rke2r1 \| v3\.29\.3 \| ❌ fail \| 3 \| 1 \| 1 \| 0 \| \[rancher\/rke2\\#7808\]\(https:\/\/github\.com\/rancher\/rke2#7808\) \(fail\) \| Known \\\(\+1 explained\\\) \|$/m);
    assert.match(markdown, /^\*\*Root cause:\*\* Known \\\(\+1 explained\\\) — the versions carry rancher\/rke2\\#7808$/m);
    assert.match(markdown, /^\| edge \| {2}\| {2}\| ⛔ unreachable: HTTP 503: cluster agent disconnected \|/m);
    assert.match(markdown, /^## prod \\\| eu \\\*1\\\*$/m);
  });
});
