import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult, ObjectRef } from '../../../src/core/checks/checkResult';
import type { PodLogEvidence } from '../../../src/core/checks/podLogSelection';
import { findingsOfChecks } from '../../../src/core/causes/causeFinding';
import { nodeTrouble } from '../../../src/core/causes/nodeTrouble';
import { analyseCauses } from '../../../src/core/causes/rootCauses';
import { rootCausesOfChecks } from '../../../src/core/causes/rootCauseReport';
import { scanText } from '../../../src/core/logs/scanText';

function check(id: string, status: CheckResult['status'], objects: ObjectRef[] = [], evidence: string[] = []): CheckResult {
  return { id, area: 'Workloads', title: id, status, summary: `${id} ${status}`, evidence, objects };
}

const pod = (name: string, node: string, namespace = 'calico-system'): ObjectRef => ({ kind: 'Pod', namespace, name, path: `/api/v1/namespaces/${namespace}/pods/${name}`, node });
const node = (name: string, condition: string): ObjectRef => ({ kind: 'Node', name, path: `/api/v1/nodes/${name}`, node: name, condition });

const KUBELET_DOWN = 'NotReady (Unknown): NodeStatusUnknown: Kubelet stopped posting node status.';
const PLEG = 'NotReady (False): KubeletNotReady: PLEG is not healthy: pleg was last seen active 3m0s ago';
const NO_CNI = 'NotReady (False): KubeletNotReady: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';

function first<T>(items: readonly T[]): T {
  const [item] = items;
  assert.ok(item !== undefined, 'expected at least one');
  return item;
}

function roots(results: CheckResult[]): string[] {
  return analyseCauses(findingsOfChecks(results)).roots.map((root) => root.finding.code);
}

describe('which way a node\'s trouble points', () => {
  it('a node without its network plugin is a symptom; a kubelet that stopped, PLEG or pressure is a cause', () => {
    assert.equal(nodeTrouble(NO_CNI), 'network');
    assert.equal(nodeTrouble('NetworkUnavailable: CalicoIsDown: Calico is shutting down on this node'), 'network');
    assert.equal(nodeTrouble(KUBELET_DOWN), 'own');
    assert.equal(nodeTrouble(`${KUBELET_DOWN}; NetworkUnavailable: CalicoIsDown`), 'own', 'with the kubelet silent, the network condition is stale');
    assert.equal(nodeTrouble(PLEG), 'own');
    assert.equal(nodeTrouble('NotReady (False): KubeletNotReady: container runtime is down; DiskPressure'), 'own');
  });
});

describe('node links: a node down for its own reason explains calico-node on that node only', () => {
  it('fires with the same node', () => {
    const results = [check('nodes.ready', 'fail', [node('worker-2', KUBELET_DOWN)]), check('workloads.calico-node', 'fail', [pod('calico-node-b', 'worker-2')])];
    assert.deepEqual(roots(results), ['nodes.down']);
    const cause = first(rootCausesOfChecks(results));
    assert.equal(cause.check, 'nodes.ready', 'the root is reported under the check that found it');
    assert.deepEqual(cause.explains, ['workloads.calico-node']);
    assert.match(cause.links[0]?.link ?? '', /both on node worker-2/);
  });

  it('does not fire when calico-node fails on another node', () => {
    const results = [check('nodes.ready', 'fail', [node('worker-2', PLEG)]), check('workloads.calico-node', 'fail', [pod('calico-node-a', 'worker-1')])];
    assert.deepEqual(roots(results).sort(), ['nodes.down', 'workloads.calico-node']);
  });

  it('a node NotReady because the CNI is not initialised is calico-node\'s symptom, not its cause', () => {
    const results = [check('nodes.ready', 'fail', [node('worker-1', NO_CNI)]), check('workloads.calico-node', 'fail', [pod('calico-node-a', 'worker-1')])];
    assert.deepEqual(roots(results), ['workloads.calico-node']);
  });

  it('the network symptom needs the same node once both name nodes', () => {
    const results = [check('nodes.ready', 'fail', [node('worker-3', NO_CNI)]), check('workloads.calico-node', 'fail', [pod('calico-node-a', 'worker-1')])];
    assert.deepEqual(roots(results).sort(), ['nodes.ready', 'workloads.calico-node']);
    const nowhere = [check('nodes.ready', 'fail', [node('worker-3', NO_CNI)]), check('workloads.calico-node', 'fail')];
    assert.deepEqual(roots(nowhere), ['workloads.calico-node'], 'calico-node that names no node fails everywhere');
  });

  it('calico-node down on a down node and on a healthy one stays a root for the healthy one', () => {
    const results = [
      check('nodes.ready', 'fail', [node('worker-2', KUBELET_DOWN), node('worker-1', NO_CNI)]),
      check('workloads.calico-node', 'fail', [pod('calico-node-a', 'worker-1'), pod('calico-node-b', 'worker-2')]),
    ];
    const analysis = analyseCauses(findingsOfChecks(results));
    assert.deepEqual(analysis.roots.map((root) => root.finding.code).sort(), ['nodes.down', 'workloads.calico-node']);
    const calicoNode = analysis.roots.find((root) => root.finding.code === 'workloads.calico-node');
    assert.deepEqual(calicoNode?.explains, ['check:nodes.ready'], 'it explains worker-1 without network');
  });
});

describe('calico-node on a node explains the sandboxes that fail on it', () => {
  it('fires for a sandbox event from the same node, not from another', () => {
    const same = [check('workloads.calico-node', 'fail', [pod('calico-node-a', 'worker-1')]), check('race.sandbox-events', 'warn', [pod('web-1', 'worker-1', 'default')])];
    assert.deepEqual(roots(same), ['workloads.calico-node']);
    const other = [check('workloads.calico-node', 'fail', [pod('calico-node-a', 'worker-1')]), check('race.sandbox-events', 'warn', [pod('web-1', 'worker-9', 'default')])];
    assert.equal(roots(other).length, 2);
  });
});

describe('an image that cannot be pulled explains calico-node on that node', () => {
  it('fires when the pull failure is about the calico-node pod, not about another pod', () => {
    const same = [check('workloads.images', 'fail', [pod('calico-node-a', 'worker-1')]), check('workloads.calico-node', 'fail', [pod('calico-node-a', 'worker-1')])];
    assert.deepEqual(roots(same), ['workloads.images']);
    const other = [check('workloads.images', 'fail', [pod('calico-typha-x', 'worker-1')]), check('workloads.calico-node', 'fail', [pod('calico-node-a', 'worker-1')])];
    assert.equal(roots(other).length, 2);
  });
});

describe('an IP pool outside the cluster CIDR explains the failure that quotes its range', () => {
  const pools = check('ippools.cidr', 'warn', [], ['IPPools: default-ipv4-ippool 192.168.0.0/16', 'cluster-cidr (HelmChart kube-system/rke2-calico spec.set global.clusterCIDR): 10.42.0.0/16', 'outside every pool: 10.42.0.0/16']);
  it('fires when the operator\'s status quotes the pool', () => {
    const status = check('operator.tigerastatus', 'fail', [], ['calico: Degraded — IPPool 192.168.0.0/16 is not within the platform\'s configured pod network CIDR(s) [10.42.0.0/16]']);
    assert.deepEqual(roots([pools, status]), ['ippools.cidr']);
  });
  it('does not fire when nothing quotes it', () => {
    const status = check('operator.tigerastatus', 'fail', [], ['calico: Degraded — Waiting for calico-node to be ready']);
    assert.equal(roots([pools, status]).length, 2);
  });
});

describe('logs join in: a line of a pod\'s log explains that pod, and names itself', () => {
  const line = '2024-01-01 10:10:00.000 [FATAL][1] main.go 114: Failed to initialize Calico datastore error=Get "https://10.43.0.1:443/apis/crd.projectcalico.org/v1/clusterinformations/default": dial tcp 10.43.0.1:443: i/o timeout';
  const log: PodLogEvidence = { purpose: 'kube-controllers', namespace: 'calico-system', pod: 'calico-kube-controllers-7d9', container: 'calico-kube-controllers', tailLines: 500, node: 'worker-1', text: { kind: 'ok', value: `${line}\n` } };
  const controllers = check('workloads.calico-kube-controllers', 'fail', [{ kind: 'Deployment', namespace: 'calico-system', name: 'calico-kube-controllers', path: '/apis/apps/v1/namespaces/calico-system/deployments/calico-kube-controllers' }]);

  it('the log line is the cause of its workload, and the link quotes it', () => {
    const causes = rootCausesOfChecks([controllers], { podLogs: [log] });
    assert.equal(causes.length, 1);
    const cause = first(causes);
    assert.equal(cause.check, 'log:apiserver-unreachable');
    assert.equal(cause.log?.pod, 'calico-kube-controllers-7d9');
    assert.deepEqual(cause.explains, ['workloads.calico-kube-controllers']);
    assert.ok(cause.links.some((link) => link.link.includes('logged "2024-01-01 10:10:00.000 [FATAL]')), 'the link names the line');
  });

  it('calico-node down on the pod\'s node explains the line in turn', () => {
    const results = [controllers, check('workloads.calico-node', 'fail', [pod('calico-node-a', 'worker-1')])];
    const cause = first(rootCausesOfChecks(results, { podLogs: [log] }));
    assert.equal(cause.check, 'workloads.calico-node');
    assert.deepEqual(cause.explains, ['log:apiserver-unreachable', 'workloads.calico-kube-controllers']);
    const elsewhere = [controllers, check('workloads.calico-node', 'fail', [pod('calico-node-b', 'worker-2')])];
    const apart = rootCausesOfChecks(elsewhere, { podLogs: [log] });
    assert.ok(apart.some((root) => root.check === 'log:apiserver-unreachable'), 'calico-node on another node does not explain the line: it stays a cause of its own');
  });

  it('a line linked to nothing is no root cause, and a line a check already quotes is not found twice', () => {
    assert.deepEqual(rootCausesOfChecks([check('nodes.ready', 'pass')], { podLogs: [log] }), []);
    const quoted = { ...controllers, evidence: [`calico-kube-controllers-7d9: ${line}`] };
    assert.equal(rootCausesOfChecks([quoted], { podLogs: [log] })[0]?.check, 'workloads.calico-kube-controllers');
  });
});

describe('support bundles: a node\'s logs join the graph tied to that node', () => {
  const scan = scanText('2025-02-19 14:30:00.000 [WARNING][9] startup/startup.go 642: Unable to auto-detect an IPv4 address: no valid host interfaces found\n');
  const calicoNode = (on: string): CheckResult => check('workloads.calico-node', 'fail', [pod('calico-node-a', on)]);

  it('a calico-node start-up line on the node explains calico-node there, and names its file and line', () => {
    const cause = first(rootCausesOfChecks([calicoNode('server-1')], { nodeLogs: [{ node: 'server-1', file: 'podlogs/calico-system-calico-node-a', findings: scan.findings }] }));
    assert.equal(cause.check, 'log:ip-autodetect-failed');
    assert.deepEqual(cause.explains, ['workloads.calico-node']);
    assert.match(cause.summary, /^server-1 podlogs\/calico-system-calico-node-a:1 logged: /);
  });

  it('does not fire for the bundle of another node', () => {
    assert.equal(first(rootCausesOfChecks([calicoNode('server-2')], { nodeLogs: [{ node: 'server-1', file: 'x.log', findings: scan.findings }] })).check, 'workloads.calico-node');
  });
});

describe('support bundles: the bundle\'s own log and host checks are tied to its node', () => {
  const knownRace: CheckResult = { ...check('identity.known-issues', 'fail'), knownIssue: { id: 'rancher/rke2#7808', url: 'https://github.com/rancher/rke2/issues/7808' } };
  const typhaLog = check('logs.typha-unauthorized', 'fail', [], ['podlogs/calico-typha:3: … Unauthorized']);

  it('a log check that is a symptom of the known race is explained by it; without the race it stays a root', () => {
    assert.deepEqual(first(rootCausesOfChecks([knownRace, typhaLog], { bundleNode: 'server-1' })).explains, ['logs.typha-unauthorized']);
    const other: CheckResult = { ...knownRace, knownIssue: { id: 'projectcalico/calico#8746', url: 'https://github.com/projectcalico/calico/issues/8746' } };
    assert.equal(rootCausesOfChecks([other, typhaLog], { bundleNode: 'server-1' }).length, 2);
  });

  it('the node\'s missing CNI config follows from calico-node on that node, not on another', () => {
    const cniConfig = check('host.cni-config', 'fail');
    assert.deepEqual(first(rootCausesOfChecks([check('workloads.calico-node', 'fail', [pod('calico-node-a', 'server-1')]), cniConfig], { bundleNode: 'server-1' })).explains, ['host.cni-config']);
    assert.equal(rootCausesOfChecks([check('workloads.calico-node', 'fail', [pod('calico-node-b', 'server-2')]), cniConfig], { bundleNode: 'server-1' }).length, 2);
  });
});
