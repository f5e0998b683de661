import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkdownString } from 'vscode';
import type { CheckResult } from '../../../src/core/checks/checkResult';
import { podCounts } from '../../../src/core/checks/podProblems';
import { checkRbac } from '../../../src/core/checks/rbacChecks';
import { checkCalicoNode } from '../../../src/core/checks/workloadChecks';
import { ClusterSession } from '../../../src/extension/clusterSession';
import { Config } from '../../../src/extension/config';
import { Notifier } from '../../../src/extension/notifier';
import { PodLogs } from '../../../src/extension/podLogs';
import { PrerequisitesView } from '../../../src/extension/prerequisitesView';
import { ReportDocuments } from '../../../src/extension/reportDocuments';
import { ResultSources } from '../../../src/extension/resultSources';
import { found, healthyEvidence, listed, NOT_FOUND } from '../../builders/clusterEvidence';
import { daemonSet, pod } from '../../builders/kubeObjects';
import { FakeEditor, FakeLogChannel } from '../../fakes/editorApis';
import { fakeGateway } from '../../fakes/fakeGateway';
import { ThemeIcon } from '../../fakes/vscode';

function setUp(results: readonly CheckResult[]): { editor: FakeEditor; session: ClusterSession; view: PrerequisitesView; podLogs: PodLogs } {
  const editor = new FakeEditor();
  const log = new FakeLogChannel();
  const config = new Config(editor.workspace, log);
  const session = new ClusterSession(config, log, () => Promise.resolve(fakeGateway()));
  session.startRun().finish({ results, target: { context: 'sim', server: 'https://127.0.0.1:6443' } });
  const sources = new ResultSources(session);
  const services = { apis: editor, config, session, sources, log, notifier: new Notifier(editor.window, editor.commands, log, () => undefined), documents: new ReportDocuments() };
  return { editor, session, view: new PrerequisitesView(sources), podLogs: new PodLogs(services) };
}

describe('a failing RBAC check in the tree', () => {
  it('shows the missing ClusterRole first, as a failing row with expected, found and the step that restores it', () => {
    const healthy = healthyEvidence();
    const check = checkRbac(healthyEvidence({ clusterRoles: { ...healthy.clusterRoles, 'calico-typha': NOT_FOUND } }));
    const { view } = setUp([check]);
    const objects = view.getChildren({ type: 'check', check }).filter((node) => node.type === 'object');
    const [missing] = objects;
    assert.ok(missing?.type === 'object');
    const row = view.getTreeItem(missing);
    assert.deepEqual([row.label, row.description, row.contextValue, row.command, row.collapsibleState], ['ClusterRole calico-typha', 'missing', 'missing.object', undefined, 2]);
    assert.equal(row.iconPath instanceof ThemeIcon ? row.iconPath.id : undefined, 'error');
    assert.match((row.tooltip as MarkdownString).value, /\*\*Expected:\*\* ClusterRole calico-typha[\s\S]*\*\*Found:\*\* no ClusterRole[\s\S]*\*\*To restore:\*\* The tigera-operator creates it/);
    const details = view.getChildren(missing).map((node) => (node.type === 'detail' ? `${node.role}: ${node.label}` : node.type));
    assert.equal(details.length, 3);
    assert.match(details[0] ?? '', /^evidence: expected: ClusterRole calico-typha/);
    assert.match(details[1] ?? '', /^evidence: found: no ClusterRole of that name/);
    assert.match(details[2] ?? '', /^remediation: The tigera-operator creates it when it reconciles: kubectl -n tigera-operator rollout restart deployment\/tigera-operator/);
    const healthyRows = objects.slice(1).map((node) => view.getTreeItem(node));
    assert.ok(healthyRows.every((other) => other.contextValue === 'object' && other.command?.command === 'rke2Calico.openObject'), 'the healthy roles still open as YAML');
  });

  it('leaves a wrong binding openable as YAML, beside what it should bind', () => {
    const healthy = healthyEvidence();
    const check = checkRbac(healthyEvidence({ clusterRoleBindings: { ...healthy.clusterRoleBindings, 'calico-node': NOT_FOUND } }));
    const { view } = setUp([check]);
    const [missing] = view.getChildren({ type: 'check', check }).filter((node) => node.type === 'object');
    assert.ok(missing);
    assert.deepEqual([view.getTreeItem(missing).label, view.getTreeItem(missing).description], ['ClusterRoleBinding calico-node', 'missing']);
  });
});

describe('the pod picker', () => {
  it("shows each pod's ready containers and restarts, as kubectl get pods does", async () => {
    const crashing = pod({ name: 'calico-node-x7k2p', namespace: 'calico-system', nodeName: 'node-3', labels: { 'k8s-app': 'calico-node' }, waiting: { reason: 'CrashLoopBackOff' }, restarts: 7 });
    assert.deepEqual(podCounts(crashing), { ready: '0/1', restarts: 7 });
    // The checks give each pod object kubectl's columns.
    const [seen] = (checkCalicoNode(healthyEvidence({ calicoNodeDaemonSet: found(daemonSet({ desired: 3, ready: 2 })), calicoNodePods: listed([crashing]) })).objects ?? []).filter((object) => object.kind === 'Pod');
    assert.deepEqual([seen?.name, seen?.ready, seen?.restarts], ['calico-node-x7k2p', '0/1', 7]);
    const check: CheckResult = {
      id: 'workloads.calico-node', area: 'Workloads', title: 'calico-node DaemonSet', status: 'fail', summary: 'calico-node ready on 2 of 3 nodes', evidence: [],
      objects: [
        { kind: 'Pod', namespace: 'calico-system', name: 'calico-node-x7k2p', path: '/api/v1/namespaces/calico-system/pods/calico-node-x7k2p', containers: ['calico-node'], node: 'node-3', condition: 'CrashLoopBackOff', ...podCounts(crashing) },
        { kind: 'Pod', namespace: 'calico-system', name: 'calico-node-b8d1q', path: '/api/v1/namespaces/calico-system/pods/calico-node-b8d1q', containers: ['calico-node'], node: 'node-1', condition: 'Running', ready: '1/1', restarts: 1 },
      ],
    };
    const { editor, podLogs } = setUp([check]);
    editor.quickPickAnswers.push(undefined);
    await podLogs.pickAndOpen();
    assert.deepEqual(editor.quickPicks[0], [
      { label: 'calico-node-x7k2p', description: 'calico-system · CrashLoopBackOff · 0/1 ready · 7 restarts · on node-3' },
      { label: 'calico-node-b8d1q', description: 'calico-system · Running · 1/1 ready · 1 restart · on node-1' },
    ]);
  });
});
