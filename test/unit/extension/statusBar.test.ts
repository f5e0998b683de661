import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult, CheckStatus } from '../../../src/core/checks/checkResult';
import { problemFromRead } from '../../../src/extension/connectionProblem';
import type { FakeStatusBarItem } from '../../fakes/editorApis';
import { ThemeColor } from '../../fakes/vscode';
import { statusBarFixture } from './statusBarFixture';

function check(id: string, status: CheckStatus): CheckResult {
  return { id, area: 'Nodes', title: id, status, summary: status, evidence: [] };
}

const statusBar = statusBarFixture;

function tooltipOf(item: FakeStatusBarItem): string {
  return typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
}

function background(item: FakeStatusBarItem): string | undefined {
  return item.backgroundColor instanceof ThemeColor ? item.backgroundColor.id : undefined;
}

describe('the status bar', () => {
  it('stays hidden until the first run, spins while one runs, then shows the verdict of the CLI and the report', () => {
    const { session, item } = statusBar();
    assert.equal(item.visible, false);
    const run = session.startRun();
    assert.deepEqual([item.visible, item.text], [true, '$(sync~spin) Calico: checking…']);
    run.finish({ results: [check('nodes.ready', 'pass'), check('crds.calico', 'fail')], target: { context: 'sim', server: 'https://127.0.0.1:6443' } });
    assert.equal(item.text, '$(error) Calico: 1 failing');
    assert.match(tooltipOf(item), /^sim: 1 check\(s\) fail: crds\.calico\nRoot cause: crds\.calico — fail\n1 pass, 0 warn, 1 fail, 0 unknown, 0 skipped$/);
    assert.equal(background(item), 'statusBarItem.errorBackground');
    session.startRun().finish({ results: [check('nodes.ready', 'pass')] });
    assert.deepEqual([item.text, background(item)], ['$(pass) Calico: ready', undefined]);
    session.startRun().finish({ results: [check('nodes.ready', 'unknown'), check('b', 'pass')] });
    assert.deepEqual([item.text, background(item)], ['$(question) Calico: could not verify', 'statusBarItem.warningBackground']);
  });

  it('says "no cluster" with the whole reason and advice when the cluster could not be reached', () => {
    const { session, item } = statusBar();
    const problem = problemFromRead({ kind: 'unreachable', message: 'ECONNREFUSED: connect ECONNREFUSED 10.0.0.1:6443' }, { context: 'prod', server: 'https://10.0.0.1:6443' });
    session.startRun().finish({ problem, results: [check('host.ip-forward', 'pass')] });
    assert.equal(item.text, '$(error) Calico: no cluster');
    assert.match(tooltipOf(item), /^Cannot reach the API server: ECONNREFUSED: connect ECONNREFUSED 10\.0\.0\.1:6443\. Check that https:\/\/10\.0\.0\.1:6443 \(context prod\) is reachable/);
  });

  it('says "not checked" when a run ended without results (cancelled)', () => {
    const { session, item } = statusBar();
    session.startRun().finish({ error: 'Cancelled.' });
    assert.deepEqual([item.text, item.tooltip], ['$(warning) Calico: not checked', 'Cancelled.']);
  });
});
