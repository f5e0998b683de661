import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDataplane } from '../../../src/core/checks/dataplaneChecks';
import { checkIdentity } from '../../../src/core/checks/identityChecks';
import { checkImages } from '../../../src/core/checks/imageChecks';
import { checkHelmJobs } from '../../../src/core/checks/installChecks';
import { checkOperatorDeployment } from '../../../src/core/checks/operatorChecks';
import { podLogsToRead } from '../../../src/core/checks/podLogSelection';
import { runClusterChecks } from '../../../src/core/checks/runClusterChecks';
import { checkUpgrade } from '../../../src/core/checks/upgradeChecks';
import { checkCalicoNode, checkKubeControllers } from '../../../src/core/checks/workloadChecks';
import type { ClusterEvidence } from '../../../src/core/checks/clusterEvidence';
import { found, healthyEvidence, listed, NOT_FOUND, podLog } from '../../builders/clusterEvidence';
import { daemonSet, deployment, event, helmJob, installation, node, pod } from '../../builders/kubeObjects';
import { assertResult } from './checkAssertions';

/** A calico-node pod whose init container waits with `reason`. */
function initStuck(reason: string): Record<string, unknown> {
  const stuck = pod({ name: 'calico-node-q2w3e', namespace: 'calico-system', labels: { 'k8s-app': 'calico-node' }, nodeName: 'agent-1' });
  const status = stuck.status as Record<string, unknown>;
  status.initContainerStatuses = [{ name: 'flexvol-driver', image: 'registry.example/rancher/mirrored-calico-pod2daemon-flexvol:v3.29.3', restartCount: 0, state: { waiting: { reason, message: 'rpc error: failed to pull and unpack image: 403 Forbidden' } } }];
  status.conditions = [{ type: 'Ready', status: 'False' }];
  return stuck;
}

/** A manifest install: calico-node and kube-controllers in kube-system, no operator, Installation or calico-system. */
function manifestInstall(): Partial<ClusterEvidence> {
  return {
    operatorDeployment: NOT_FOUND,
    installation: NOT_FOUND,
    tigeraStatuses: NOT_FOUND,
    calicoNodeDaemonSet: NOT_FOUND,
    typhaDeployment: NOT_FOUND,
    kubeControllersDeployment: NOT_FOUND,
    manifestInstall: { calicoNodeDaemonSet: found({ ...daemonSet({ desired: 3, ready: 3 }), metadata: { name: 'calico-node', namespace: 'kube-system' } }), calicoNodePods: listed([]), kubeControllersDeployment: found(deployment({ name: 'calico-kube-controllers', namespace: 'kube-system' })) },
  };
}

describe('distribution and install method', () => {
  it('leaves Windows kubelets (no +rke2rN suffix) out of version consistency', () => {
    const nodes = listed([node({ name: 'server-1' }), node({ name: 'win-1', windows: true, rke2: 'v1.32.4' })]);
    const result = checkIdentity(healthyEvidence({ nodes }));
    assertResult(result, { status: 'pass', summary: /^RKE2 v1\.32\.4\+rke2r1, containerd/, evidence: [/^RKE2 \(node status\.nodeInfo\.kubeletVersion\): v1\.32\.4\+rke2r1 on 1 node\(s\)$/, /^kubelet \(Windows nodes: left out of version consistency/], remediation: null });
  });

  it('says a kubeadm cluster is one, never "RKE2 v1.24.1"', () => {
    const result = checkIdentity(healthyEvidence({ nodes: listed([node({ name: 'cp-1', rke2: 'v1.24.1' })]) }));
    assertResult(result, { status: 'pass', summary: /^kubeadm or other \(not RKE2\) Kubernetes v1\.24\.1,/, evidence: [/^Kubernetes \(node status/], remediation: null });
  });

  it('K3s runs kube-proxy in-process: no kube-proxy pod is not "no kube-proxy" unless --disable-kube-proxy', () => {
    const k3s = (args: string): Record<string, unknown> => {
      const built = node({ name: 'k3s-1', rke2: 'v1.29.6+k3s2' });
      return { ...built, metadata: { ...(built.metadata as Record<string, unknown>), annotations: { 'k3s.io/node-args': args } } };
    };
    const embedded = checkDataplane(healthyEvidence({ nodes: listed([k3s('["server","--flannel-backend","none"]')]), kubeProxyPods: listed([]) }));
    assertResult(embedded, { status: 'pass', summary: /^Iptables dataplane with kube-proxy running$/, evidence: [/linuxDataplane/, /running$/, /^K3s runs kube-proxy inside its own process/], remediation: null });
    const disabled = checkDataplane(healthyEvidence({ nodes: listed([k3s('["server","--disable-kube-proxy"]')]), kubeProxyPods: listed([]) }));
    assert.equal(disabled.status, 'fail');
  });

  it('skips the operator checks on a manifest install and judges its kube-system workloads', () => {
    const results = runClusterChecks(healthyEvidence(manifestInstall()));
    const byId = new Map(results.map((entry) => [entry.id, entry]));
    for (const id of ['operator.deployment', 'operator.installation', 'operator.tigerastatus']) {
      assert.equal(byId.get(id)?.status, 'skipped', id);
      assert.match(byId.get(id)?.summary ?? '', /^not applicable: a manifest install/);
    }
    assert.equal(byId.get('workloads.calico-typha')?.status, 'skipped');
    assertResult(checkCalicoNode(healthyEvidence(manifestInstall())), { status: 'pass', summary: /^calico-node ready on all 3 nodes$/, evidence: [/^desired 3, ready 3, updated 3$/, /^DaemonSet kube-system\/calico-node \(a manifest install\)$/], remediation: null });
    assertResult(checkKubeControllers(healthyEvidence(manifestInstall())), { status: 'pass', summary: /^calico-kube-controllers is available$/, evidence: [/^Deployment kube-system\/calico-kube-controllers/], remediation: null });
  });
});

describe('Calico for network policy only, beside another CNI plugin', () => {
  /** An Installation as the EKS guide writes it (kubernetesProvider EKS, cni.type AmazonVPC, bgp Disabled), no IP pools. */
  function eksInstallation(cni: Record<string, unknown> | undefined): Record<string, unknown> {
    const base = installation();
    return { ...base, spec: { kubernetesProvider: 'EKS', ...(cni ? { cni } : {}), calicoNetwork: { bgp: 'Disabled' } } };
  }
  const NOT_CALICO_ROUTED = ['ippools.cidr', 'ipam.blocks', 'nodes.calico-addresses', 'dataplane.felix-encapsulation', 'dataplane.vxlan-offload', 'dataplane.mtu', 'race.join-burst'];

  it('does not judge IP pools, blocks or tunnels where the Installation names another CNI plugin, and says so', () => {
    for (const cni of [{ type: 'AmazonVPC' }, undefined]) {
      const results = runClusterChecks(healthyEvidence({ installation: found(eksInstallation(cni)), ipPools: listed([]) }));
      const byId = new Map(results.map((entry) => [entry.id, entry]));
      for (const id of NOT_CALICO_ROUTED) {
        assert.equal(byId.get(id)?.status, 'skipped', id);
        assert.match(byId.get(id)?.summary ?? '', /^not applicable: Calico enforces network policy only, the CNI is AmazonVPC: /, id);
      }
      assert.ok(results.every((entry) => entry.status !== 'fail' && entry.status !== 'warn'), results.filter((entry) => entry.status === 'fail' || entry.status === 'warn').map((entry) => `${entry.id}: ${entry.summary}`).join('; '));
    }
  });

  it('reads a policy-only manifest: calico-node without a networking backend and without install-cni', () => {
    const policyOnly = (initContainers: string[]): Partial<ClusterEvidence> => {
      const base = manifestInstall();
      const set = { ...daemonSet({ desired: 3, ready: 3 }), metadata: { name: 'calico-node', namespace: 'kube-system' } } as Record<string, unknown>;
      set.spec = { template: { spec: { initContainers: initContainers.map((name) => ({ name })), containers: [{ name: 'calico-node', env: [{ name: 'CALICO_NETWORKING_BACKEND', value: 'none' }] }] } } };
      return { ...base, helmCharts: NOT_FOUND, manifestInstall: { ...(base.manifestInstall as NonNullable<ClusterEvidence['manifestInstall']>), calicoNodeDaemonSet: found(set) } };
    };
    const skipped = (evidence: Partial<ClusterEvidence>): string | undefined => runClusterChecks(healthyEvidence(evidence)).find((entry) => entry.id === 'ipam.blocks')?.summary;
    assert.match(skipped(policyOnly([])) ?? '', /^not applicable: Calico enforces network policy only, the CNI is another CNI plugin: /);
    assert.doesNotMatch(skipped(policyOnly(['upgrade-ipam', 'install-cni'])) ?? '', /network policy only/);
  });

  it('judges them as before where the Installation says Calico is the CNI, on EKS too', () => {
    const results = runClusterChecks(healthyEvidence({ installation: found(eksInstallation({ type: 'Calico' })), ipPools: listed([]) }));
    assert.notEqual(results.find((entry) => entry.id === 'ippools.cidr')?.status, 'skipped');
  });
});

describe('workload truth', () => {
  it('a Deployment scaled to 0 is not available', () => {
    const scaled = found({ ...deployment({ name: 'tigera-operator', namespace: 'tigera-operator', image: 'quay.io/tigera/operator:v1.36.7' }), spec: { replicas: 0, template: { spec: { containers: [{ name: 'tigera-operator', image: 'quay.io/tigera/operator:v1.36.7' }] } } }, status: { readyReplicas: 0, conditions: [{ type: 'Available', status: 'True' }] } });
    assertResult(checkOperatorDeployment(healthyEvidence({ operatorDeployment: scaled })), { status: 'warn', summary: /^tigera-operator is scaled to 0/, evidence: [/^spec\.replicas: 0$/], remediation: /--replicas=1/ });
    const kubeControllers = found({ ...deployment({ name: 'calico-kube-controllers', namespace: 'calico-system' }), spec: { replicas: 0 }, status: { readyReplicas: 0, conditions: [{ type: 'Available', status: 'True' }] } });
    assert.equal(checkKubeControllers(healthyEvidence({ kubeControllersDeployment: kubeControllers })).status, 'warn');
  });

  it('counts init containers: Init:ErrImagePull fails calico-node and the image check', () => {
    const evidence = healthyEvidence({ calicoNodePods: listed([initStuck('ErrImagePull')]) });
    assertResult(checkCalicoNode(evidence), { status: 'fail', summary: /^calico-node ready on 3 of 3 nodes; 1 pod\(s\) stuck in Init:ErrImagePull$/, evidence: [/^desired 3/, /^calico-node-q2w3e on agent-1: Running \(Init:ErrImagePull in init container flexvol-driver\)/], remediation: /^An init container \(flexvol-driver\) cannot start/ });
    assertResult(checkImages(evidence), { status: 'fail', summary: /^1 image\(s\) cannot be pulled, e\.g\. registry\.example\/rancher\/mirrored-calico-pod2daemon-flexvol:v3\.29\.3$/, evidence: [/spec\.registry/, /Init:ErrImagePull \(init container flexvol-driver\)/], remediation: /^Make each image listed available/ });
  });

  it('a manifest install\'s failed pulls are read in kube-system, for Calico\'s pods only', () => {
    const pull = event('kube-system', 'calico-node-7xk2p', 'Failed', 'Failed to pull image "docker.io/calico/node:v3.26.1": no matching manifest for linux/s390x in the manifest list entries', 12);
    const other = event('kube-system', 'coredns-5d78c9869d-abcde', 'Failed', 'Failed to pull image "registry.k8s.io/coredns/coredns:v1.10.1": i/o timeout');
    const evidence = healthyEvidence({ ...manifestInstall(), failedEvents: { 'calico-system': listed([]), 'tigera-operator': listed([]), 'kube-system': listed([pull, other]) } });
    assertResult(checkImages(evidence), { status: 'fail', summary: /^1 image\(s\) cannot be pulled, e\.g\. docker\.io\/calico\/node:v3\.26\.1$/, evidence: [/spec\.registry/, /^docker\.io\/calico\/node:v3\.26\.1: kube-system\/calico-node-7xk2p — Failed to pull image .*\(×12\)$/], remediation: /^Make each image listed available/ });
  });

  it('helm-install pods restart in place (restartPolicy OnFailure): restarts are failed attempts and their previous log is read', () => {
    const restarting = pod({ name: 'helm-install-rke2-calico-x8k2p', namespace: 'kube-system', labels: { 'job-name': 'helm-install-rke2-calico' }, container: 'helm', restarts: 6, waiting: { reason: 'CrashLoopBackOff' } });
    const evidence = healthyEvidence({ helmJobs: { 'rke2-calico': found(helmJob('rke2-calico', { active: 1 })), 'rke2-calico-crd': found(helmJob('rke2-calico-crd', { succeeded: 1, complete: true })) }, helmPods: listed([restarting]) });
    const jobs = checkHelmJobs(evidence);
    assert.equal(jobs.status, 'warn');
    assert.match(jobs.summary, /helm-install-rke2-calico not complete yet: attempt 7 running, 6 failed so far/);
    const wanted = podLogsToRead(undefined, evidence.helmPods);
    assert.deepEqual(wanted.map((entry) => [entry.pod, entry.previous]), [['helm-install-rke2-calico-x8k2p', true]]);
    const log = { ...podLog('helm-install', 'helm-install-rke2-calico-x8k2p', found('+ helm upgrade --install rke2-calico\nError: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress\n')), previous: true };
    const upgrade = checkUpgrade({ ...evidence, podLogs: [log] });
    assertResult(upgrade, { status: 'fail', summary: /^Helm failed on a Calico chart: the release is locked in a pending state/, evidence: [/^failed or restarted helm-install pods: 1$/, /^helm-install-rke2-calico-x8k2p \(previous attempt\): Error: UPGRADE FAILED/], remediation: /^Read the whole helm-install pod log/ });
  });
});
