import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCheckReport, checkReportToText } from '../../../src/core/checks/checkReport';
import type { CheckResult, CheckStatus } from '../../../src/core/checks/checkResult';
import { runClusterChecks } from '../../../src/core/checks/runClusterChecks';
import { overallVerdict, REQUIRED_CHECKS } from '../../../src/core/checks/verdict';
import { FORBIDDEN, healthyEvidence, listed, NOT_FOUND } from '../../builders/clusterEvidence';
import { node } from '../../builders/kubeObjects';

function checks(...statuses: [string, CheckStatus][]): Pick<CheckResult, 'id' | 'title' | 'status'>[] {
  return statuses.map(([id, status]) => ({ id, title: id, status }));
}

describe('the overall verdict', () => {
  it('fails on any failure, whatever else is unknown, naming at most three and counting the rest', () => {
    assert.equal(overallVerdict(checks(['a', 'fail'], ['b', 'unknown'], ['c', 'unknown'])).status, 'fail');
    assert.deepEqual(overallVerdict(checks(['a', 'fail'], ['b', 'fail'], ['c', 'fail'], ['d', 'fail'], ['e', 'pass'])), { status: 'fail', label: '4 failing', reason: '4 check(s) fail: a; b; c; and 1 more' });
  });

  it('could not verify: more than half unknown, a required check unknown, or nothing ran', () => {
    assert.deepEqual(overallVerdict(checks(['a', 'unknown'], ['b', 'unknown'], ['c', 'pass'])), { status: 'could-not-verify', label: 'could not verify', reason: '2 of 3 checks are unknown (more than half)' });
    assert.deepEqual(overallVerdict(checks(['a', 'unknown'], ['b', 'unknown'])), { status: 'could-not-verify', label: 'could not verify', reason: '2 of 2 checks are unknown (more than half): nothing was verified' });
    assert.deepEqual(overallVerdict(checks(['nodes.ready', 'unknown'], ['b', 'pass'], ['c', 'pass'])), { status: 'could-not-verify', label: 'could not verify', reason: 'required check(s) unknown: nodes.ready' });
    assert.deepEqual(overallVerdict(checks(['a', 'skipped'])), { status: 'could-not-verify', label: 'could not verify', reason: 'no check could run' });
    assert.equal(overallVerdict([]).status, 'could-not-verify');
  });

  it('says "still starting" when a required check is unknown only because its pods are within their start', () => {
    const starting = { id: 'workloads.calico-node', title: 'calico-node', status: 'unknown' as const, summary: 'unknown: calico-node still starting — 1 pod(s) not Ready yet, the oldest created 27 s ago' };
    assert.deepEqual(overallVerdict([starting, { id: 'b', title: 'b', status: 'pass' }, { id: 'c', title: 'c', status: 'pass' }]), { status: 'could-not-verify', label: 'still starting', reason: 'Calico is still starting (calico-node): check again in a few minutes' });
    const forbidden = { ...starting, summary: 'unknown: forbidden — could not read DaemonSet calico-system/calico-node' };
    assert.equal(overallVerdict([forbidden, { id: 'b', title: 'b', status: 'pass' }, { id: 'c', title: 'c', status: 'pass' }]).label, 'could not verify');
  });

  it('could not verify keeps the warnings that were seen in its label and reason', () => {
    assert.deepEqual(overallVerdict(checks(['nodes.ready', 'unknown'], ['b', 'warn'], ['c', 'pass'])), { status: 'could-not-verify', label: 'could not verify, 1 warning(s)', reason: 'required check(s) unknown: nodes.ready; 1 warning(s): b' });
    assert.deepEqual(overallVerdict(checks(['a', 'unknown'], ['b', 'unknown'], ['c', 'warn'])), { status: 'could-not-verify', label: 'could not verify, 1 warning(s)', reason: '2 of 3 checks are unknown (more than half); 1 warning(s): c' });
  });

  it('requires the checks without which nobody knows whether Calico works', () => {
    assert.deepEqual([...REQUIRED_CHECKS].sort(), ['datastore.clusterinformation', 'identity.known-issues', 'install.cni', 'nodes.ready', 'workloads.calico-node']);
    for (const id of REQUIRED_CHECKS) assert.equal(overallVerdict(checks([id, 'unknown'], ['b', 'pass'], ['c', 'pass'])).status, 'could-not-verify', id);
  });

  it('warns when a few non-required checks are unknown or warn; exactly half unknown is not "more than half"', () => {
    assert.deepEqual(overallVerdict(checks(['a', 'unknown'], ['b', 'pass'], ['c', 'skipped'])), { status: 'warn', label: '1 unknown', reason: 'no check fails; 1 unknown: a' });
    assert.equal(overallVerdict(checks(['a', 'unknown'], ['b', 'pass'])).status, 'warn');
    assert.deepEqual(overallVerdict(checks(['a', 'warn'], ['b', 'unknown'], ['c', 'pass'])), { status: 'warn', label: '1 warning(s), 1 unknown', reason: 'no check fails; 1 warning(s) and 1 unknown: a; b' });
  });

  it('passes when everything that ran passes, skipped ones aside', () => {
    assert.deepEqual(overallVerdict(checks(['a', 'pass'], ['b', 'skipped'])), { status: 'pass', label: 'ready', reason: 'all 1 checks that ran pass' });
  });

  it('over real check results: healthy is ready, a missing ClusterInformation fails, forbidden nodes cannot be verified', () => {
    assert.equal(overallVerdict(runClusterChecks(healthyEvidence())).status, 'pass');
    assert.deepEqual(overallVerdict(runClusterChecks(healthyEvidence({ clusterInformation: NOT_FOUND }))).label, '1 failing');
    const forbidden = overallVerdict(runClusterChecks(healthyEvidence({ nodes: FORBIDDEN })));
    assert.equal(forbidden.status, 'could-not-verify');
    assert.match(forbidden.reason, /^required check\(s\) unknown: Known Calico issues for these versions; Node conditions \(Ready, network\)$/);
    const upgrading = listed(['server-1', 'agent-1', 'agent-2'].map((name, index) => node({ name, internalIp: `192.168.50.${10 + index}`, created: index === 0 ? '2026-06-30T09:00:00Z' : '2026-06-30T09:10:00Z', ...(index === 2 ? { rke2: 'v1.31.8+rke2r1' } : {}) })));
    assert.deepEqual(overallVerdict(runClusterChecks(healthyEvidence({ nodes: upgrading }))), { status: 'warn', label: '1 warning(s)', reason: 'no check fails; 1 warning(s): RKE2, containerd and Calico versions' });
  });

  it('is in the text report when asked for, and not otherwise (bundle output is unchanged)', () => {
    const results: CheckResult[] = [{ id: 'nodes.ready', area: 'Nodes', title: 'Nodes', status: 'unknown', summary: 'unknown: forbidden', evidence: [] }];
    assert.match(checkReportToText(buildCheckReport(results, undefined, undefined, [], { verdict: true })), /\nVerdict: could not verify — 1 of 1 checks are unknown/);
    assert.ok(!checkReportToText(buildCheckReport(results, undefined, undefined)).includes('Verdict'));
  });
});
