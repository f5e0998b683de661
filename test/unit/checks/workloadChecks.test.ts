import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCalicoNode, checkKubeControllers, checkTypha } from '../../../src/core/checks/workloadChecks';
import { FORBIDDEN, found, healthyEvidence, listed, NOT_FOUND, otherCni } from '../../builders/clusterEvidence';
import { daemonSet, deployment, endpoints, pod } from '../../builders/kubeObjects';
import { assertResult, resultOf } from './checkAssertions';

const TYPHA_LOGS = /^Open the calico-typha logs\. "Failed to get Typha endpoint … Unauthorized" \(401\) during init is rancher\/rke2#7808; "forbidden" \(403\) is missing RBAC\.$/;

describe('calico-node absent', () => {
  it('fails when the operator is deployed and the pod lists answered in full without any calico-node', () => {
    const result = checkCalicoNode(healthyEvidence({ calicoNodeDaemonSet: FORBIDDEN, calicoNodePods: listed([]) }));
    assertResult(result, { status: 'fail', summary: /^No calico-node pod runs, although the tigera-operator is deployed$/, evidence: [/^DaemonSet calico-node could not be read \(forbidden\); the pods of calico-system labelled k8s-app=calico-node: none$/, /^Deployment tigera-operator\/tigera-operator found$/], remediation: /^The operator renders calico-node from Installation default/ });
  });

  it('fails too when no operator runs but Calico\'s controller was created (a manifest whose calico-node never came)', () => {
    const pending = pod({ name: 'calico-kube-controllers-7b5b9b9c4d-2xk8p', namespace: 'kube-system', labels: { 'k8s-app': 'calico-kube-controllers' }, phase: 'Pending' });
    const manifestInstall = { calicoNodeDaemonSet: FORBIDDEN, calicoNodePods: listed([]), kubeControllersDeployment: FORBIDDEN, controlPlanePods: listed([pending]) };
    const result = checkCalicoNode(healthyEvidence({ operatorDeployment: NOT_FOUND, calicoNodeDaemonSet: FORBIDDEN, calicoNodePods: listed([]), controlPlanePods: listed([]), manifestInstall }));
    assertResult(result, { status: 'fail', summary: /^No calico-node pod runs, although calico-kube-controllers-7b5b9b9c4d-2xk8p \(Calico's controller\) was created$/, evidence: [/the pods of calico-system and kube-system labelled k8s-app=calico-node: none$/, /^Pod kube-system\/calico-kube-controllers-7b5b9b9c4d-2xk8p: Pending$/], remediation: /^Calico's manifest creates calico-node beside its controller/ });
  });

  it('cannot tell without the operator or Calico\'s controller, or from a list cut short', () => {
    assert.equal(checkCalicoNode(healthyEvidence({ calicoNodeDaemonSet: FORBIDDEN, calicoNodePods: listed([]), controlPlanePods: listed([]), operatorDeployment: NOT_FOUND })).status, 'unknown');
    assert.equal(checkCalicoNode(healthyEvidence({ calicoNodeDaemonSet: FORBIDDEN, calicoNodePods: { kind: 'ok', value: { items: [], truncated: true } } })).status, 'unknown');
  });
});

describe('pods still within their start', () => {
  // healthyEvidence is collected at 2026-06-30T10:00:00Z
  const starting = (created: string, waiting = 'ContainerCreating'): Record<string, unknown> => pod({ name: 'calico-node-q2w3e', namespace: 'calico-system', labels: { 'k8s-app': 'calico-node' }, container: 'calico-node', nodeName: 'agent-1', waiting: { reason: waiting }, created });

  it('calls a calico-node not Ready 27 s after its creation still starting, not failing', () => {
    const result = checkCalicoNode(healthyEvidence({ calicoNodeDaemonSet: found(daemonSet({ desired: 1, ready: 0 })), calicoNodePods: listed([starting('2026-06-30T09:59:33Z')]) }));
    assertResult(result, { status: 'unknown', summary: /^unknown: calico-node still starting — 1 pod\(s\) not Ready yet, the oldest created 27 s ago$/, evidence: [/^desired 1, ready 0, updated 1$/, /^calico-node-q2w3e/], remediation: /^A start takes up to 5 minutes/ });
  });

  it('fails it once the start is over, or when a container is stuck however young the pod', () => {
    assert.equal(checkCalicoNode(healthyEvidence({ calicoNodeDaemonSet: found(daemonSet({ desired: 1, ready: 0 })), calicoNodePods: listed([starting('2026-06-30T09:54:00Z')]) })).status, 'fail');
    assert.equal(checkCalicoNode(healthyEvidence({ calicoNodeDaemonSet: found(daemonSet({ desired: 1, ready: 0 })), calicoNodePods: listed([starting('2026-06-30T09:59:33Z', 'ErrImagePull')]) })).status, 'fail');
    // two nodes want a pod, one young pod is listed: the other is missing, not starting
    assert.equal(checkCalicoNode(healthyEvidence({ calicoNodeDaemonSet: found(daemonSet({ desired: 2, ready: 0 })), calicoNodePods: listed([starting('2026-06-30T09:59:33Z')]) })).status, 'fail');
  });
});

describe('workloads.calico-node', () => {
  it('passes when desired, ready and updated agree', () => {
    const result = checkCalicoNode(healthyEvidence());
    assertResult(result, { status: 'pass', summary: /^calico-node ready on all 3 nodes$/, evidence: [/^desired 3, ready 3, updated 3$/], remediation: null });
    assert.deepEqual(result.objects?.map((object) => object.kind), ['DaemonSet']);
  });

  it('fails with the pods not ready: node, restarts, last state, and their logs to open', () => {
    const crashing = pod({ name: 'calico-node-x7k2p', namespace: 'calico-system', labels: { 'k8s-app': 'calico-node' }, container: 'calico-node', nodeName: 'agent-2', waiting: { reason: 'CrashLoopBackOff' }, restarts: 7, lastTerminated: 'Error' });
    const result = checkCalicoNode(healthyEvidence({ calicoNodeDaemonSet: found(daemonSet({ desired: 3, ready: 2 })), calicoNodePods: listed([crashing]) }));
    assertResult(result, {
      status: 'fail',
      summary: /^calico-node ready on 2 of 3 nodes$/,
      evidence: [/^desired 3, ready 2, updated 3$/, /^calico-node-x7k2p on agent-2: Running \(CrashLoopBackOff\), 7 restart\(s\), last terminated: Error$/],
      remediation: /^Open the logs of the pods listed; "cni plugin not initialized" on their nodes clears once calico-node is ready\.$/,
    });
    assert.deepEqual(result.objects?.find((object) => object.kind === 'Pod')?.containers, ['calico-node']);
  });

  it('fails when scheduled nowhere, or when the DaemonSet does not exist', () => {
    assertResult(checkCalicoNode(healthyEvidence({ calicoNodeDaemonSet: found(daemonSet({ desired: 0, ready: 0 })) })), { status: 'fail', summary: /^calico-node is scheduled on no node$/, evidence: [/^desired 0, ready 0, updated 0$/], remediation: /^No node matches the DaemonSet: check that nodes are registered, and its node selector and tolerations/ });
    assertResult(checkCalicoNode(healthyEvidence({ calicoNodeDaemonSet: NOT_FOUND })), { status: 'fail', summary: /^DaemonSet calico-system\/calico-node not found$/, evidence: [], remediation: /^The tigera-operator creates it from Installation default/ });
  });

  it('is unknown when the DaemonSet cannot be read, and says when its pods could not be listed', () => {
    // (a pod list cut short: an empty one that answered in full proves calico-node absent)
    assertResult(checkCalicoNode(healthyEvidence({ calicoNodeDaemonSet: FORBIDDEN, calicoNodePods: { kind: 'ok', value: { items: [], truncated: true } } })), { status: 'unknown', summary: /^unknown: forbidden — could not read DaemonSet calico-system\/calico-node$/, evidence: [/forbidden/], remediation: /^Grant/ });
    assertResult(checkCalicoNode(healthyEvidence({ calicoNodePods: FORBIDDEN })), { status: 'pass', summary: /ready on all 3 nodes/, evidence: [/^calico-node pods: could not list \(forbidden\)$/], remediation: null });
  });

  it('is skipped when Calico is not the CNI', () => {
    assert.equal(resultOf(healthyEvidence(otherCni('rke2-cilium')), 'workloads.calico-node').status, 'skipped');
  });
});

describe('workloads.calico-typha', () => {
  it('passes when available with ready endpoints', () => {
    assertResult(checkTypha(healthyEvidence()), { status: 'pass', summary: /^calico-typha available, 1 endpoint\(s\)$/, evidence: [/^readyReplicas 1 of 1$/, /^Endpoints calico-system\/calico-typha: 1 ready address\(es\)$/], remediation: null });
  });

  it('fails when not available (the #7808 401 or missing RBAC), without endpoints, or when missing', () => {
    assertResult(checkTypha(healthyEvidence({ typhaDeployment: found(deployment({ name: 'calico-typha', namespace: 'calico-system', available: 'Deployment does not have minimum availability.' })) })), { status: 'fail', summary: /^calico-typha is not available$/, evidence: [/^readyReplicas 0 of 1$/], remediation: TYPHA_LOGS });
    assertResult(checkTypha(healthyEvidence({ typhaEndpoints: found(endpoints('calico-typha', 0)) })), { status: 'fail', summary: /^calico-typha has no ready endpoints$/, evidence: [/: 0 ready address\(es\)$/], remediation: /^calico-node finds Typha through these endpoints/ });
    assertResult(checkTypha(healthyEvidence({ typhaDeployment: NOT_FOUND })), { status: 'fail', summary: /^Deployment calico-system\/calico-typha not found$/, evidence: [], remediation: /^The tigera-operator creates it/ });
  });

  it('is unknown when the Deployment or its endpoints cannot be read (never a pass on what was not seen)', () => {
    assertResult(checkTypha(healthyEvidence({ typhaDeployment: FORBIDDEN })), { status: 'unknown', summary: /^unknown: forbidden — could not read Deployment calico-system\/calico-typha$/, evidence: [/forbidden/], remediation: /^Grant/ });
    assertResult(checkTypha(healthyEvidence({ typhaEndpoints: FORBIDDEN })), { status: 'unknown', summary: /^unknown: forbidden — could not read Endpoints calico-system\/calico-typha$/, evidence: [/forbidden/], remediation: /^Grant/ });
  });

  it('is skipped when Calico is not the CNI', () => {
    assert.equal(resultOf(healthyEvidence(otherCni('rke2-cilium')), 'workloads.calico-typha').status, 'skipped');
  });
});

describe('workloads.calico-node whose pods are refused', () => {
  const refusal = (message: string): Record<string, unknown> => ({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'calico-node.1', namespace: 'calico-system' }, involvedObject: { kind: 'DaemonSet', namespace: 'calico-system', name: 'calico-node' }, reason: 'FailedCreate', type: 'Warning', message });

  it('names the admission that refuses the pods and how to let them in, when the DaemonSet created fewer than it should', () => {
    const refused = healthyEvidence({
      calicoNodeDaemonSet: found(daemonSet({ desired: 3, ready: 0, current: 0 })),
      calicoNodePods: listed([]),
      calicoNodeRefusals: listed([refusal('Error creating: pods "calico-node-4xk2p" is forbidden: violates PodSecurity "restricted:latest": privileged (container "calico-node" must not set securityContext.privileged=true), host namespaces (hostNetwork=true)')]),
    });
    assertResult(checkCalicoNode(refused), {
      status: 'fail',
      summary: /^calico-node pods are not created on 3 of 3 nodes: PodSecurity admission refuses them — Error creating: pods "calico-node-4xk2p" is forbidden: violates PodSecurity/,
      evidence: [/^desired 3, ready 0, updated 3$/, /^Event FailedCreate on DaemonSet calico-system\/calico-node: Error creating/],
      remediation: /^calico-node runs privileged.*kubectl label namespace calico-system pod-security\.kubernetes\.io\/enforce=privileged/,
    });
    const psp = healthyEvidence({ calicoNodeDaemonSet: found(daemonSet({ desired: 2, ready: 0, current: 0 })), calicoNodePods: listed([]), calicoNodeRefusals: listed([refusal('Error creating: pods "calico-node-" is forbidden: unable to validate against any pod security policy: []')]) });
    assertResult(checkCalicoNode(psp), { status: 'fail', summary: /PodSecurityPolicy refuses them/, evidence: [/desired 2/, /unable to validate/], remediation: /^No PodSecurityPolicy admits calico-node/ });
  });

  it('says what it can without events: pods missing but no FailedCreate read is the usual "ready on 0 of 3"', () => {
    assert.match(checkCalicoNode(healthyEvidence({ calicoNodeDaemonSet: found(daemonSet({ desired: 3, ready: 0, current: 0 })), calicoNodePods: listed([]) })).summary, /^calico-node ready on 0 of 3 nodes$/);
  });
});

describe('workloads.calico-node judged from its pods when the DaemonSet cannot be read', () => {
  const calicoNodePod = (nodeName: string, waiting?: string) => pod({ name: `calico-node-${nodeName}`, namespace: 'calico-system', labels: { 'k8s-app': 'calico-node' }, nodeName, ...(waiting ? { waiting: { reason: waiting } } : {}) });

  it('passes when every Linux node has a Ready pod, fails on a pod not ready or a node without one', () => {
    const all = listed(['server-1', 'agent-1', 'agent-2'].map((nodeName) => calicoNodePod(nodeName)));
    assertResult(checkCalicoNode(healthyEvidence({ calicoNodeDaemonSet: FORBIDDEN, calicoNodePods: all })), { status: 'pass', summary: /^calico-node ready on all 3 Linux node\(s\) \(judged from its pods\)$/, evidence: [/^DaemonSet calico-system\/calico-node could not be read \(forbidden\); judged from its 3 pod\(s\)$/], remediation: null });
    const crashing = listed([calicoNodePod('server-1'), calicoNodePod('agent-1', 'CrashLoopBackOff'), calicoNodePod('agent-2')]);
    assertResult(checkCalicoNode(healthyEvidence({ calicoNodeDaemonSet: FORBIDDEN, calicoNodePods: crashing })), { status: 'fail', summary: /^calico-node: 1 of 3 pod\(s\) not ready$/, evidence: [/could not be read/, /calico-node-agent-1 on agent-1: Running \(CrashLoopBackOff\)/], remediation: /^Open the logs of the pods listed/ });
    const missing = listed([calicoNodePod('server-1'), calicoNodePod('agent-1')]);
    assertResult(checkCalicoNode(healthyEvidence({ calicoNodeDaemonSet: FORBIDDEN, calicoNodePods: missing })), { status: 'fail', summary: /^calico-node: no pod on 1 of 3 Linux node\(s\), e\.g\. agent-2$/, evidence: [/could not be read/, /^agent-2: no calico-node pod$/], remediation: /^Open the logs/ });
  });

  it('stays unknown when the Ready pods cannot be matched against the nodes, or there are none', () => {
    const all = listed([calicoNodePod('server-1')]);
    assert.equal(checkCalicoNode(healthyEvidence({ calicoNodeDaemonSet: FORBIDDEN, calicoNodePods: all, nodes: FORBIDDEN })).status, 'unknown');
    assert.equal(checkCalicoNode(healthyEvidence({ calicoNodeDaemonSet: FORBIDDEN, calicoNodePods: listed([]), controlPlanePods: listed([]), operatorDeployment: NOT_FOUND })).status, 'unknown');
    // Running pods shown without the node they run on (a paste of `kubectl get pods` without -o wide) cannot say
    // which nodes lack one.
    const unplaced = listed(['server-1', 'agent-1'].map((nodeName) => {
      const shown = calicoNodePod(nodeName) as { spec?: Record<string, unknown> };
      return { ...shown, spec: { ...shown.spec, nodeName: undefined } };
    }));
    assert.equal(checkCalicoNode(healthyEvidence({ calicoNodeDaemonSet: FORBIDDEN, calicoNodePods: unplaced })).status, 'unknown');
  });
});

describe('workloads.calico-kube-controllers', () => {
  it('passes when available, fails when not or when missing', () => {
    assertResult(checkKubeControllers(healthyEvidence()), { status: 'pass', summary: /^calico-kube-controllers is available$/, evidence: [/^Available: True$/], remediation: null });
    assertResult(checkKubeControllers(healthyEvidence({ kubeControllersDeployment: found(deployment({ name: 'calico-kube-controllers', namespace: 'calico-system', available: 'Deployment does not have minimum availability.' })) })), { status: 'fail', summary: /^calico-kube-controllers is not available$/, evidence: [/^Available: False — Deployment does not have minimum availability\.$/], remediation: /^Open the calico-kube-controllers logs/ });
    assertResult(checkKubeControllers(healthyEvidence({ kubeControllersDeployment: NOT_FOUND })), { status: 'fail', summary: /not found$/, evidence: [], remediation: /^The tigera-operator creates it from Installation default/ });
  });

  it('is unknown when neither it nor its pods can be read; judged from its pods when only they can; skipped when Calico is not the CNI', () => {
    assertResult(checkKubeControllers(healthyEvidence({ kubeControllersDeployment: FORBIDDEN, controlPlanePods: FORBIDDEN })), { status: 'unknown', summary: /^unknown: forbidden/, evidence: [/forbidden/], remediation: /^Grant/ });
    assertResult(checkKubeControllers(healthyEvidence({ kubeControllersDeployment: FORBIDDEN })), { status: 'pass', summary: /^calico-kube-controllers: 1 pod\(s\) ready \(judged from its pods\)$/, evidence: [/^Deployment calico-system\/calico-kube-controllers could not be read \(forbidden\); judged from its 1 pod\(s\)$/, /Running, 0 restart/], remediation: null });
    const crashing = listed([pod({ name: 'calico-kube-controllers-5f4c9d7b8-q8r4t', namespace: 'calico-system', labels: { 'k8s-app': 'calico-kube-controllers' }, waiting: { reason: 'CrashLoopBackOff' }, restarts: 7 })]);
    assertResult(checkKubeControllers(healthyEvidence({ kubeControllersDeployment: FORBIDDEN, controlPlanePods: crashing })), { status: 'fail', summary: /^calico-kube-controllers: 1 of 1 pod\(s\) not ready$/, evidence: [/could not be read \(forbidden\)/, /CrashLoopBackOff/], remediation: /^Open the calico-kube-controllers logs/ });
    assert.equal(resultOf(healthyEvidence(otherCni('rke2-cilium')), 'workloads.calico-kube-controllers').status, 'skipped');
  });

  it('looks for its pods in kube-system (a manifest install) when calico-system has none, and decides nothing on pods shown without status', () => {
    const crashing = pod({ name: 'calico-kube-controllers-6946cb87d6-nkzdc', namespace: 'kube-system', labels: { 'k8s-app': 'calico-kube-controllers' }, waiting: { reason: 'CrashLoopBackOff' }, restarts: 4 });
    const manifestInstall = { calicoNodeDaemonSet: FORBIDDEN, calicoNodePods: listed([]), kubeControllersDeployment: FORBIDDEN, controlPlanePods: listed([crashing]) };
    assertResult(checkKubeControllers(healthyEvidence({ kubeControllersDeployment: FORBIDDEN, controlPlanePods: listed([]), manifestInstall })), { status: 'fail', summary: /^calico-kube-controllers: 1 of 1 pod\(s\) not ready$/, evidence: [/^Deployment kube-system\/calico-kube-controllers could not be read \(forbidden\)/, /CrashLoopBackOff/], remediation: /^Open the calico-kube-controllers logs/ });
    const cut = { ...crashing, status: undefined };
    assert.equal(checkKubeControllers(healthyEvidence({ kubeControllersDeployment: FORBIDDEN, controlPlanePods: listed([]), manifestInstall: { ...manifestInstall, controlPlanePods: listed([cut]) } })).status, 'unknown');
  });
  it('judges Calico\'s pre-v2.4 calico-policy-controller as kube-controllers when a manifest install runs it instead', () => {
    const node = pod({ name: 'calico-node-abcde', namespace: 'kube-system', labels: { 'k8s-app': 'calico-node' }, nodeName: 'node-1' });
    const legacy = pod({ name: 'calico-policy-controller-59fc4f7888-4bs2d', namespace: 'kube-system', labels: { 'k8s-app': 'calico-policy-controller' }, nodeName: 'node-1' });
    const manifestInstall = { calicoNodeDaemonSet: FORBIDDEN, calicoNodePods: listed([node]), kubeControllersDeployment: FORBIDDEN, controlPlanePods: listed([legacy]) };
    const evidence = healthyEvidence({ operatorDeployment: NOT_FOUND, installation: NOT_FOUND, kubeControllersDeployment: FORBIDDEN, calicoNodeDaemonSet: FORBIDDEN, calicoNodePods: listed([]), controlPlanePods: listed([]), manifestInstall });
    assertResult(checkKubeControllers(evidence), { status: 'pass', summary: /1 pod\(s\) ready \(judged from its pods\)$/, evidence: [/^Deployment kube-system\/calico-policy-controller \(kube-controllers' name before Calico v2\.4\) could not be read/, /Running, 0 restart/], remediation: null });
    const notFound = { ...manifestInstall, kubeControllersDeployment: NOT_FOUND };
    assert.equal(checkKubeControllers(healthyEvidence({ operatorDeployment: NOT_FOUND, installation: NOT_FOUND, kubeControllersDeployment: NOT_FOUND, calicoNodeDaemonSet: NOT_FOUND, calicoNodePods: listed([]), controlPlanePods: listed([]), manifestInstall: notFound })).status, 'pass');
  });

  it('expects no calico-kube-controllers from a Kubernetes-datastore manifest before Calico v3.8, and says so when the datastore is not known', () => {
    const node = pod({ name: 'calico-node-abcde', namespace: 'kube-system', labels: { 'k8s-app': 'calico-node' }, nodeName: 'node-1', image: 'quay.io/calico/node:v3.1.3' });
    const manifestInstall = { calicoNodeDaemonSet: FORBIDDEN, calicoNodePods: listed([node]), kubeControllersDeployment: FORBIDDEN, controlPlanePods: listed([]) };
    const old = { operatorDeployment: NOT_FOUND, installation: NOT_FOUND, clusterInformation: NOT_FOUND, kubeControllersDeployment: FORBIDDEN, calicoNodeDaemonSet: FORBIDDEN, calicoNodePods: listed([]), controlPlanePods: listed([]), manifestInstall };
    assertResult(checkKubeControllers(healthyEvidence(old)), { status: 'skipped', summary: /^skipped: not applicable: Calico v3\.1\.3's manifests deploy calico-kube-controllers only with the etcd datastore/, evidence: [], remediation: null });
    assertResult(checkKubeControllers(healthyEvidence({ ...old, ipPools: FORBIDDEN, crds: FORBIDDEN })), { status: 'unknown', summary: /^unknown: Calico v3\.1\.3's manifests .* which datastore this install uses could not be read$/, evidence: [], remediation: /etcd_endpoints/ });
    // v3.8 on, the Kubernetes-datastore manifest deploys it: its absence is a warning again
    const newer = { ...manifestInstall, calicoNodePods: listed([{ ...node, spec: { containers: [{ name: 'calico-node', image: 'quay.io/calico/node:v3.8.0' }], nodeName: 'node-1' } }]) };
    assert.equal(checkKubeControllers(healthyEvidence({ ...old, manifestInstall: newer })).status, 'warn');
  });

  it('warns when the pod lists it would run in answered in full without it while calico-node runs; not on Canal, nor on a list cut short', () => {
    const node = pod({ name: 'calico-node-abcde', namespace: 'kube-system', labels: { 'k8s-app': 'calico-node' }, nodeName: 'node-1' });
    const manifestInstall = { calicoNodeDaemonSet: FORBIDDEN, calicoNodePods: listed([node]), kubeControllersDeployment: FORBIDDEN, controlPlanePods: listed([]) };
    const evidence = healthyEvidence({ operatorDeployment: NOT_FOUND, installation: NOT_FOUND, kubeControllersDeployment: FORBIDDEN, calicoNodeDaemonSet: FORBIDDEN, calicoNodePods: listed([]), controlPlanePods: listed([]), manifestInstall });
    assertResult(checkKubeControllers(evidence), { status: 'warn', summary: /^No calico-kube-controllers pod runs$/, evidence: [/could not be read \(forbidden\); the pods of calico-system and kube-system labelled k8s-app=calico-kube-controllers: none$/, /^1 calico-node pod\(s\) run/], remediation: /never cleaned up/ });
    assert.equal(checkKubeControllers({ ...evidence, manifestInstall: { ...manifestInstall, controlPlanePods: listed([], true) } }).status, 'unknown');
    const canalPod = pod({ name: 'rke2-canal-abcde', namespace: 'kube-system', labels: { 'k8s-app': 'canal' }, nodeName: 'node-1' });
    assert.equal(checkKubeControllers({ ...evidence, manifestInstall: { ...manifestInstall, calicoNodePods: listed([canalPod]) } }).status, 'unknown');
    // a manifest install known by its pods has no Typha to judge
    assert.equal(checkTypha({ ...evidence, typhaDeployment: NOT_FOUND }).status, 'skipped');
  });
});
