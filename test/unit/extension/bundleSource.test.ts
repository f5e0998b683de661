import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TreeItem } from 'vscode';
import type { CheckResult } from '../../../src/core/checks/checkResult';
import { PrerequisitesView, type TreeNode } from '../../../src/extension/prerequisitesView';
import { ResultSources } from '../../../src/extension/resultSources';
import type { FakeStatusBarItem } from '../../fakes/editorApis';
import { statusBarFixture } from './statusBarFixture';

const BUNDLE_PATH = '/home/operator/Downloads/server-1-2025-02-19_14_30_00.tar.gz';
const BUNDLE_TARGET = { context: 'bundle server-1', server: BUNDLE_PATH };
const LIVE_TARGET = { context: 'prod-eu', server: 'https://10.0.0.1:6443' };
const POD = { kind: 'Pod', namespace: 'calico-system', name: 'calico-node-x7k2p', path: '/api/v1/namespaces/calico-system/pods/calico-node-x7k2p', containers: ['calico-node'] };

const NODES_FAIL: CheckResult = { id: 'nodes.ready', area: 'Nodes', title: 'Node conditions (Ready, network)', status: 'fail', summary: '1 of 3 node(s) NotReady', evidence: ['calico-node-x7k2p: Running, 0 restart(s)'], objects: [POD] };
const NODES_PASS: CheckResult = { ...NODES_FAIL, status: 'pass', summary: 'All 3 node(s) Ready', evidence: [], objects: [] };
const notInBundle = (id: string, title: string): CheckResult => ({ id, area: 'RBAC', title, status: 'unknown', summary: `unknown: not in bundle — ${title}`, evidence: [] });
const RBAC = notInBundle('rbac.calico-node', 'calico-node ClusterRole and binding');
const TYPHA_RBAC = notInBundle('rbac.calico-typha', 'calico-typha ClusterRole and binding');

function setUp(): { sources: ResultSources; view: PrerequisitesView; item: FakeStatusBarItem } {
  const { sources, item } = statusBarFixture();
  return { sources, view: new PrerequisitesView(sources), item };
}

function label(view: PrerequisitesView, node: TreeNode): string {
  const row: TreeItem = view.getTreeItem(node);
  return typeof row.label === 'string' ? row.label : (row.label?.label ?? '');
}

function tooltipOf(item: FakeStatusBarItem): string {
  return typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
}

describe('a support bundle beside the live cluster', () => {
  it('is a root of its own, named by its file, and a live check leaves it as it was', () => {
    const { sources, view } = setUp();
    sources.bundle.startRun().finish({ results: [NODES_FAIL, RBAC, TYPHA_RBAC], target: BUNDLE_TARGET });
    sources.live.startRun().finish({ results: [NODES_PASS], target: LIVE_TARGET });
    // Refreshing the live check (as opening the view may) runs again: the bundle stays.
    sources.live.startRun().finish({ results: [NODES_PASS], target: LIVE_TARGET });
    const roots = view.getChildren();
    assert.deepEqual(roots.map((node) => label(view, node)), ['Bundle server-1-2025-02-19_14_30_00.tar.gz', 'prod-eu']);
    const [bundle, live] = roots.map((node) => view.getTreeItem(node));
    assert.deepEqual([bundle?.collapsibleState, bundle?.contextValue, live?.contextValue], [2, 'source.bundle', 'source.live']);
    assert.match(String(bundle?.description), /^1 failing · read /);
    assert.match(String(live?.description), /^ready · checked /);
    const [bundleRoot, liveRoot] = roots;
    assert.ok(bundleRoot && liveRoot);
    assert.deepEqual(view.getChildren(liveRoot).map((node) => node.type), ['area']);
  });

  it('folds the checks the bundle holds nothing for into one row under its root', () => {
    const { sources, view } = setUp();
    sources.bundle.startRun().finish({ results: [NODES_FAIL, RBAC, TYPHA_RBAC], target: BUNDLE_TARGET });
    const [bundleRoot] = view.getChildren();
    assert.ok(bundleRoot?.type === 'source');
    const rows = view.getChildren(bundleRoot);
    assert.deepEqual(rows.map((node) => (node.type === 'area' ? `area ${node.area}` : node.type)), ['causes', 'area Nodes', 'not-in-bundle']);
    const folded = rows[2];
    assert.ok(folded?.type === 'not-in-bundle');
    const row = view.getTreeItem(folded);
    assert.deepEqual([row.label, row.description], ['Not in bundle', '2 check(s) the bundle holds nothing for']);
    assert.deepEqual(view.getChildren(folded).map((node) => (node.type === 'check' ? node.check.id : node.type)), ['rbac.calico-node', 'rbac.calico-typha']);
  });

  it("gives the bundle's rows ids of their own and no action that would read the live cluster", () => {
    const { sources, view } = setUp();
    sources.bundle.startRun().finish({ results: [NODES_FAIL], target: BUNDLE_TARGET });
    sources.live.startRun().finish({ results: [NODES_FAIL], target: LIVE_TARGET });
    const ids = new Set<string>();
    const walk = (node: TreeNode | undefined): void => {
      for (const child of view.getChildren(node)) {
        const id = view.getTreeItem(child).id;
        if (id !== undefined) {
          assert.ok(!ids.has(id), `id ${id} appears twice`);
          ids.add(id);
        }
        walk(child);
      }
    };
    walk(undefined);
    assert.ok(ids.has('check:nodes.ready') && ids.has('bundle:check:nodes.ready'));
    const [bundleRoot, liveRoot] = view.getChildren();
    const podRow = (root: TreeNode | undefined): TreeItem => {
      const area = view.getChildren(root).find((node) => node.type === 'area');
      const check = view.getChildren(area)[0];
      const object = view.getChildren(check).find((node) => node.type === 'object');
      assert.ok(object);
      return view.getTreeItem(object);
    };
    assert.deepEqual([podRow(bundleRoot).contextValue, podRow(bundleRoot).command], ['bundle.object', undefined]);
    assert.deepEqual([podRow(liveRoot).contextValue, podRow(liveRoot).command?.command], ['object.pod', 'rke2Calico.openObject']);
  });

  it('names in the status bar the source it summarises, and says how the other stands', () => {
    const { sources, item } = setUp();
    sources.live.startRun().finish({ results: [NODES_PASS], target: LIVE_TARGET });
    assert.equal(item.text, '$(pass) Calico: ready', 'one source: no name needed');
    sources.bundle.startRun().finish({ results: [NODES_FAIL, RBAC], target: BUNDLE_TARGET });
    assert.equal(item.text, '$(error) Calico (bundle server-1-2025-02-19_14_30_00.tar.gz): 1 failing');
    assert.match(tooltipOf(item), /^Bundle server-1-2025-02-19_14_30_00\.tar\.gz: 1 check\(s\) fail[\s\S]*\nprod-eu: ready$/);
    sources.live.startRun().finish({ results: [NODES_PASS], target: LIVE_TARGET });
    assert.equal(item.text, '$(pass) Calico (prod-eu): ready');
    assert.match(tooltipOf(item), /\nBundle server-1-2025-02-19_14_30_00\.tar\.gz: 1 failing$/);
    sources.bundle.clear();
    assert.equal(item.text, '$(pass) Calico: ready');
  });

  it('leads the status bar click to the problem of the source it summarises, through that root', () => {
    const { sources, view } = setUp();
    sources.live.startRun().finish({ results: [NODES_PASS], target: LIVE_TARGET });
    sources.bundle.startRun().finish({ results: [{ ...NODES_FAIL, summary: 'warn', status: 'warn' }], target: BUNDLE_TARGET });
    const problem = view.firstProblem();
    assert.ok(problem?.type === 'cause' && problem.source === 'bundle', 'the root cause, under the bundle');
    const causes = view.getParent(problem);
    assert.ok(causes?.type === 'causes' && causes.source === 'bundle');
    assert.deepEqual(view.getParent(causes), { type: 'source', source: 'bundle' });
    const check = view.getChildren(view.getChildren(view.getChildren()[0]).find((node) => node.type === 'area'))[0];
    assert.ok(check?.type === 'check');
    const area = view.getParent(check);
    assert.ok(area?.type === 'area' && area.source === 'bundle');
    assert.deepEqual(view.getParent(area), { type: 'source', source: 'bundle' });
  });

  it('goes away when closed, leaving the live cluster at the top level', () => {
    const { sources, view } = setUp();
    sources.live.startRun().finish({ results: [NODES_PASS], target: LIVE_TARGET });
    sources.bundle.startRun().finish({ results: [NODES_FAIL], target: BUNDLE_TARGET });
    sources.bundle.clear();
    assert.deepEqual(view.getChildren().map((node) => node.type), ['message', 'area']);
  });

  it('shows the live root as not checked while only the bundle has results', () => {
    const { sources, view } = setUp();
    sources.bundle.startRun().finish({ results: [NODES_FAIL], target: BUNDLE_TARGET });
    const live = view.getChildren()[1];
    assert.ok(live);
    const row = view.getTreeItem(live);
    assert.deepEqual([row.label, row.description, row.collapsibleState], ['Live cluster', 'not checked', 0]);
  });
});
