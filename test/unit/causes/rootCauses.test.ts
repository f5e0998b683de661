import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult, ObjectRef } from '../../../src/core/checks/checkResult';
import { findingsOfChecks } from '../../../src/core/causes/causeFinding';
import { analyseCauses } from '../../../src/core/causes/rootCauses';
import { buildCheckReport, checkReportToText } from '../../../src/core/checks/checkReport';

function check(id: string, status: CheckResult['status'], objects: ObjectRef[] = [], knownIssue?: string): CheckResult {
  return {
    id,
    area: 'Workloads',
    title: id,
    status,
    summary: `${id} ${status}`,
    evidence: [],
    objects,
    ...(knownIssue ? { knownIssue: { id: knownIssue, url: `https://github.com/${knownIssue.replace('#', '/issues/')}` } } : {}),
  };
}

const pod = (name: string): ObjectRef => ({ kind: 'Pod', namespace: 'calico-system', name, path: `/api/v1/namespaces/calico-system/pods/${name}` });

describe('root causes: findings nothing else explains, linked by the evidence', () => {
  it('an operator that never ran explains the Installation, ClusterInformation, calico-node and the nodes', () => {
    const analysis = analyseCauses(findingsOfChecks([
      check('operator.deployment', 'fail'),
      check('operator.installation', 'fail'),
      check('datastore.clusterinformation', 'fail'),
      check('workloads.calico-node', 'fail'),
      check('nodes.ready', 'fail'),
      check('install.helm-jobs', 'warn'),
      check('crds.calico', 'pass'),
    ]));
    assert.deepEqual(analysis.roots.map((root) => root.finding.code), ['operator.deployment']);
    assert.deepEqual([...(analysis.roots[0]?.explains ?? [])].sort(), ['check:datastore.clusterinformation', 'check:install.helm-jobs', 'check:nodes.ready', 'check:operator.installation', 'check:workloads.calico-node']);
  });

  it('an image pull explains a workload only when it is about that workload\'s pod', () => {
    const same = analyseCauses(findingsOfChecks([check('workloads.images', 'fail', [pod('calico-node-abc')]), check('workloads.calico-node', 'fail', [pod('calico-node-abc')])]));
    assert.deepEqual(same.roots.map((root) => root.finding.code), ['workloads.images']);
    const other = analyseCauses(findingsOfChecks([check('workloads.images', 'fail', [pod('calico-typha-x')]), check('workloads.calico-node', 'fail', [pod('calico-node-abc')])]));
    assert.equal(other.roots.length, 2, 'both are roots: nothing links them');
  });

  it('a warning does not explain the installation, and #7808 explains the race only where the check names it', () => {
    const warned = analyseCauses(findingsOfChecks([check('operator.deployment', 'warn'), check('datastore.clusterinformation', 'fail')]));
    assert.equal(warned.roots.length, 2);
    const race = analyseCauses(findingsOfChecks([check('identity.known-issues', 'warn', [], 'rancher/rke2#7808'), check('race.sandbox-events', 'fail')]));
    assert.deepEqual(race.roots.map((root) => root.finding.code), ['identity.known-issues']);
    const otherIssue = analyseCauses(findingsOfChecks([check('identity.known-issues', 'warn', [], 'projectcalico/calico#8746'), check('race.sandbox-events', 'fail')]));
    assert.equal(otherIssue.roots.length, 2);
  });

  it('a healthy cluster has no root cause', () => {
    assert.deepEqual(analyseCauses(findingsOfChecks([check('nodes.ready', 'pass'), check('crds.calico', 'unknown')])).roots, []);
  });

  it('roots that explain the same findings are offered as one of', () => {
    const analysis = analyseCauses(findingsOfChecks([check('rbac.calico', 'fail'), check('crds.calico', 'fail'), check('workloads.calico-kube-controllers', 'fail')]));
    assert.equal(analysis.roots.length, 1);
    assert.equal(analysis.roots[0]?.alternatives.length, 1);
  });
});

describe('the check report opens with the answer', () => {
  it('prints the verdict and the root cause first, and folds the symptoms under it', () => {
    const results: CheckResult[] = [
      { ...check('operator.deployment', 'fail'), summary: 'tigera-operator has 0 of 1 pods: PodSecurity admission refused them', remediation: 'Label the namespace privileged.' },
      { ...check('datastore.clusterinformation', 'fail'), evidence: ['clusterinformations default: not found'], remediation: 'Wait for calico-node.' },
      check('nodes.ready', 'pass'),
    ];
    const report = buildCheckReport(results, undefined, undefined, [], { verdict: true });
    assert.deepEqual(report.rootCauses?.map((cause) => [cause.check, cause.explains]), [['operator.deployment', ['datastore.clusterinformation']]]);
    const lines = checkReportToText(report).split('\n');
    assert.match(lines[2] ?? '', /^Verdict: 2 failing/);
    assert.match(lines[3] ?? '', /^Root cause: operator\.deployment — tigera-operator has 0 of 1 pods: PodSecurity admission refused them/);
    assert.ok(lines.some((line) => /FAIL {4}datastore\.clusterinformation: .*\(follows from: operator\.deployment\)$/.test(line)));
    assert.ok(lines.some((line) => line.includes('· clusterinformations default: not found')), 'a symptom keeps one line of evidence');
    assert.ok(!lines.some((line) => line.includes('Wait for calico-node.')), 'and no remediation of its own: the cause\'s is the step');
  });
});

describe('the text output names what proves the chain', () => {
  it('prints the node link under the root cause', () => {
    const results: CheckResult[] = [
      check('workloads.calico-node', 'fail', [{ ...pod('calico-node-a'), node: 'worker-1' }]),
      check('nodes.ready', 'fail', [{ kind: 'Node', name: 'worker-1', path: '/api/v1/nodes/worker-1', node: 'worker-1', condition: 'NotReady (False): KubeletNotReady: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady' }]),
    ];
    const lines = checkReportToText(buildCheckReport(results, undefined, undefined)).split('\n');
    const root = lines.findIndex((line) => line.startsWith('Root cause: workloads.calico-node'));
    assert.ok(root >= 0);
    assert.ok(lines.slice(root, root + 4).some((line) => line === '  evidence: both on node worker-1'));
  });
});
