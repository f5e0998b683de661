import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TreeItem } from 'vscode';
import type { CheckResult } from '../../../src/core/checks/checkResult';
import { ClusterSession, type RunUpdate } from '../../../src/extension/clusterSession';
import { Config } from '../../../src/extension/config';
import { problemFromOpen, problemFromRead } from '../../../src/extension/connectionProblem';
import { PrerequisitesView, type TreeNode } from '../../../src/extension/prerequisitesView';
import { ResultSources } from '../../../src/extension/resultSources';
import { evidenceByObject } from '../../../src/extension/objectEvidence';
import { shortState } from '../../../src/extension/shortState';
import { FakeEditor, FakeLogChannel } from '../../fakes/editorApis';
import { fakeGateway } from '../../fakes/fakeGateway';
import { ThemeIcon } from '../../fakes/vscode';

const UNREADABLE = problemFromOpen({ ok: false, kind: 'unreadable', error: 'cannot load kubeconfig /home/operator/clusters/production-eu-west-1/rke2/kubeconfig.yaml: bad indentation of a mapping entry (5:9)' });

const FAILING: CheckResult = {
  id: 'datastore.clusterinformation',
  area: 'Datastore',
  title: 'ClusterInformation default (datastoreReady)',
  status: 'fail',
  summary: 'ClusterInformation default does not exist yet',
  evidence: ['GET clusterinformations.crd.projectcalico.org/default: not found'],
  remediation: 'calico-node creates it when it first starts.',
  knownIssue: { id: 'rancher/rke2#7808', url: 'https://github.com/rancher/rke2/issues/7808' },
};
const PASSING: CheckResult = { id: 'nodes.ready', area: 'Nodes', title: 'Node conditions (Ready, network)', status: 'pass', summary: 'All 3 node(s) Ready', evidence: ['3 node(s): 3 Ready'] };

/** The view over a session whose last run ended with `update`. */
function viewAfter(update: RunUpdate): PrerequisitesView {
  const editor = new FakeEditor();
  const log = new FakeLogChannel();
  const session = new ClusterSession(new Config(editor.workspace, log), log, () => Promise.resolve(fakeGateway()));
  session.startRun().finish(update);
  return new PrerequisitesView(new ResultSources(session));
}

function item(view: PrerequisitesView, node: TreeNode): TreeItem {
  return view.getTreeItem(node);
}

function iconOf(tree: TreeItem): string | undefined {
  return tree.iconPath instanceof ThemeIcon ? tree.iconPath.id : undefined;
}

describe('the prerequisites tree', () => {
  it('is empty before any run, so VS Code shows the welcome view', () => {
    const view = viewAfter({});
    assert.deepEqual(view.getChildren(), []);
    assert.equal(view.message(), undefined);
  });

  it('shows a connection problem whole: the view message has the full reason and advice, the row its next steps', () => {
    const view = viewAfter({ problem: UNREADABLE });
    const roots = view.getChildren();
    assert.deepEqual(roots.map((node) => node.type), ['problem']);
    const [problem] = roots;
    assert.ok(problem);
    const row = item(view, problem);
    assert.equal(row.label, 'Cannot load the kubeconfig');
    assert.equal(row.description, UNREADABLE.reason, 'the reason, not cut');
    assert.equal(row.contextValue, 'problem selectKubeconfig openSettings showLogs', 'the inline actions of package.json match these');
    assert.equal(view.message(), `Cannot load the kubeconfig: ${UNREADABLE.reason}. ${UNREADABLE.advice}`);
    const actions = view.getChildren(problem).map((node) => item(view, node));
    assert.deepEqual(actions.map((action) => [action.label, action.command?.command]), [
      ['Select Kubeconfig', 'rke2Calico.pickKubeconfig'],
      ['Open Settings', 'rke2Calico.openSettings'],
      ["Show This Extension's Log", 'rke2Calico.showLogs'],
    ]);
  });

  it('keeps the node checks that ran beside the connection problem', () => {
    const host: CheckResult = { id: 'host.ip-forward', area: 'Host', title: 'net.ipv4.ip_forward = 1', status: 'pass', summary: 'ip_forward is 1', evidence: [] };
    const unauthorized = problemFromRead({ kind: 'unauthorized', message: 'Unauthorized' }, { context: 'prod', server: 'https://10.0.0.1:6443' });
    assert.ok(unauthorized);
    const roots = viewAfter({ problem: unauthorized, results: [host] }).getChildren();
    assert.deepEqual(roots.map((node) => (node.type === 'area' ? `area ${node.area}` : node.type)), ['problem', 'area Host']);
  });

  it('lists areas by the worst status of their checks, failing ones expanded', () => {
    const view = viewAfter({ results: [PASSING, FAILING], target: { context: 'sim', server: 'https://127.0.0.1:6443' } });
    const roots = view.getChildren();
    assert.deepEqual(roots.map((node) => (node.type === 'area' ? node.area : node.type)), ['message', 'causes', 'Datastore', 'Nodes']);
    const [, causes, datastore, nodes] = roots.map((node) => item(view, node));
    assert.deepEqual([causes?.label, causes?.collapsibleState], ['Root causes', 2], 'the answer first');
    assert.deepEqual([datastore?.description, datastore?.collapsibleState, iconOf(datastore ?? { label: '' })], ['1 failing', 2, 'error']);
    assert.deepEqual([nodes?.description, nodes?.collapsibleState, iconOf(nodes ?? { label: '' })], ['pass', 1, 'pass']);
  });

  it('shows each root cause with what it explains and the first step, under the Root causes row', () => {
    const view = viewAfter({ results: [PASSING, FAILING] });
    const [causes] = view.getChildren().filter((node) => node.type === 'causes');
    assert.ok(causes);
    const [cause] = view.getChildren(causes);
    assert.ok(cause?.type === 'cause');
    assert.equal(item(view, cause).label, FAILING.title);
    const rows = view.getChildren(cause).map((node) => (node.type === 'detail' ? node.role : node.type));
    assert.deepEqual(rows, FAILING.remediation ? ['remediation'] : []);
  });

  it("gives each detail row its role: only the known issue opens a link, whatever the rows' icons", () => {
    const view = viewAfter({ results: [FAILING] });
    const details = view.getChildren({ type: 'check', check: FAILING });
    assert.deepEqual(details.map((node) => (node.type === 'detail' ? node.role : node.type)), ['evidence', 'remediation', 'known-issue']);
    const rows = details.map((node) => item(view, node));
    assert.deepEqual(rows.map((row) => row.command?.command), [undefined, undefined, 'vscode.open']);
    assert.equal(String(rows[2]?.command?.arguments?.[0]), 'https://github.com/rancher/rke2/issues/7808');
    assert.deepEqual(rows.map(iconOf), ['info', 'lightbulb', 'link-external']);
  });

  it('fits a row to a 300 px sidebar: the title, the icon and the first words of the state; the rest in the tooltip and a child', () => {
    assert.equal(shortState('ClusterInformation default does not exist yet'), 'ClusterInformation default does not exist yet');
    assert.equal(shortState('unknown: forbidden — could not read ClusterRole calico-node'), 'unknown: forbidden…');
    assert.equal(shortState('calico-node ready on 2 of 3 nodes; 1 pod(s) stuck in Init:ErrImagePull'), 'calico-node ready on 2 of 3 nodes…');
    assert.equal(shortState('rancher/rke2#7808: Cluster-init race (RKE2 v1.32.2+rke2r1, Calico v3.29.2)'), 'rancher/rke2#7808: Cluster-init race…', 'whole clauses, not just the id');
    assert.equal(shortState('every one of the eleven Calico custom resource definitions is established'), 'every one of the eleven Calico custom resource…');
    const long: CheckResult = { ...FAILING, summary: 'unknown: forbidden — could not read ClusterInformation default' };
    const view = viewAfter({ results: [long] });
    const row = item(view, { type: 'check', check: long });
    assert.equal(row.description, 'unknown: forbidden…');
    const [first] = view.getChildren({ type: 'check', check: long });
    assert.deepEqual(first?.type === 'detail' ? [first.role, first.label] : [], ['summary', long.summary]);
  });

  it('shows each object once, with the lines about it as its state, not again as evidence text', () => {
    const pod = { kind: 'Pod', namespace: 'calico-system', name: 'calico-node-x7k2p', path: '/api/v1/namespaces/calico-system/pods/calico-node-x7k2p', containers: ['calico-node'] };
    const daemonSet = { kind: 'DaemonSet', namespace: 'calico-system', name: 'calico-node', path: '/apis/apps/v1/namespaces/calico-system/daemonsets/calico-node' };
    const check: CheckResult = {
      id: 'workloads.calico-node', area: 'Workloads', title: 'calico-node DaemonSet', status: 'fail', summary: 'calico-node ready on 2 of 3 nodes',
      evidence: ['desired 3, ready 2, updated 3', 'calico-node-x7k2p on node-3: Pending (Init:ErrImagePull in init container install-cni), 4 restart(s)'],
      objects: [daemonSet, pod],
    };
    const view = viewAfter({ results: [check] });
    const children = view.getChildren({ type: 'check', check });
    assert.deepEqual(children.map((node) => (node.type === 'object' ? `object ${node.object.name}` : node.type === 'detail' ? `${node.role} ${node.label}` : node.type)), [
      'evidence desired 3, ready 2, updated 3',
      'object calico-node',
      'object calico-node-x7k2p',
    ]);
    const podRow = item(view, children[2] ?? children[0] ?? { type: 'message', label: '', icon: '' });
    assert.equal(podRow.label, 'Pod calico-node-x7k2p');
    assert.equal(podRow.description, 'on node-3: Pending…');
    assert.equal(podRow.contextValue, 'object.pod');
    assert.match(String((podRow.tooltip as { value?: string } | undefined)?.value), /Pod calico-system\/calico-node-x7k2p[\s\S]*install-cni/);
    assert.equal(item(view, children[1] ?? { type: 'message', label: '', icon: '' }).description, 'calico-system', 'an object without lines shows its namespace');
  });

  it('names the cluster by its context, with the address in the tooltip', () => {
    const view = viewAfter({ results: [PASSING], target: { context: 'sim', server: 'https://127.0.0.1:6443' } });
    const [target] = view.getChildren();
    assert.ok(target);
    const row = item(view, target);
    assert.equal(row.label, 'sim');
    assert.ok(typeof row.tooltip === 'string');
    assert.match(row.tooltip, /^sim — https:\/\/127\.0\.0\.1:6443/);
  });

  it('stands one row for the cluster checks that could not read an unreachable cluster, beside the node checks', () => {
    const unreachable = problemFromRead({ kind: 'unreachable', message: 'ECONNREFUSED: connect ECONNREFUSED 10.0.0.1:6443' }, { context: 'prod', server: 'https://10.0.0.1:6443' });
    assert.ok(unreachable);
    const unknown = (id: string, area: CheckResult['area']): CheckResult => ({ id, area, title: id, status: 'unknown', summary: 'unknown: unreachable — could not read nodes', evidence: ['nodes: unreachable: ECONNREFUSED: connect ECONNREFUSED 10.0.0.1:6443'] });
    const host: CheckResult = { id: 'host.ip-forward', area: 'Host', title: 'IPv4 forwarding', status: 'pass', summary: 'net.ipv4.ip_forward = 1', evidence: [] };
    const view = viewAfter({ problem: unreachable, results: [unknown('nodes.ready', 'Nodes'), unknown('crds.calico', 'CRDs'), host], target: { context: 'prod', server: 'https://10.0.0.1:6443' } });
    const roots = view.getChildren();
    assert.deepEqual(roots.map((node) => (node.type === 'area' ? `area ${node.area}` : node.type === 'message' ? `message ${node.label}` : node.type)), ['problem', 'message prod', 'message Cluster checks', 'area Host']);
    assert.equal(item(view, roots[2] ?? roots[0] ?? { type: 'message', label: '', icon: '' }).description, '2 could not read the cluster');
  });

  it('finds an object in its lines however they name it: bare, with its kind, or with kind and namespace', () => {
    const job = { kind: 'Job', namespace: 'kube-system', name: 'helm-install-rke2-calico', path: '/apis/batch/v1/namespaces/kube-system/jobs/helm-install-rke2-calico' };
    const pod = { kind: 'Pod', namespace: 'kube-system', name: 'helm-install-rke2-calico-f0x11', path: '/api/v1/namespaces/kube-system/pods/helm-install-rke2-calico-f0x11' };
    const check: CheckResult = {
      id: 'install.helm-jobs', area: 'Install', title: 'helm-install jobs of the Calico charts', status: 'warn', summary: 'not complete yet',
      evidence: ['Job helm-install-rke2-calico: succeeded=0 failed=2 active=1', 'Pod helm-install-rke2-calico-f0x11: Failed', 'helm-install-rke2-calico-f0x11 restarted 2 times', 'Job kube-system/helm-install-rke2-calico (chart rke2-calico)', '2 job(s) read'],
      objects: [job, pod],
    };
    const grouped = evidenceByObject(check);
    assert.deepEqual(grouped.loose, ['2 job(s) read']);
    assert.deepEqual(grouped.objects.map((entry) => entry.lines), [['succeeded=0 failed=2 active=1', '(chart rke2-calico)'], ['Failed', 'restarted 2 times']], 'the job never takes its pod\'s lines');
  });
});
