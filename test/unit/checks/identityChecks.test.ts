import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClusterEvidence } from '../../../src/core/checks/clusterEvidence';
import { chartVersion, checkIdentity, checkKnownIssues, clusterIdentity, operatorVersion } from '../../../src/core/checks/identityChecks';
import { FORBIDDEN, found, healthyEvidence, listed, NOT_FOUND, otherCni } from '../../builders/clusterEvidence';
import { clusterInformation, daemonSet, installation, node, pod } from '../../builders/kubeObjects';
import { assertResult, resultOf } from './checkAssertions';

const GRANT = /^Grant this user get\/list on nodes, or run the check with a kubeconfig that may read it/;

describe('identity.versions', () => {
  it('passes with the versions and where each was read', () => {
    assertResult(checkIdentity(healthyEvidence()), {
      status: 'pass',
      summary: /^RKE2 v1\.32\.4\+rke2r1, containerd v2\.0\.4-k3s2, Calico v3\.29\.3$/,
      evidence: [/^RKE2 \(node status\.nodeInfo\.kubeletVersion\): v1\.32\.4\+rke2r1 on 3 node\(s\)$/, /^containerd .*: containerd:\/\/2\.0\.4-k3s2 on 3 node\(s\)$/, /^Calico: v3\.29\.3 \(ClusterInformation default spec\.calicoVersion\)$/],
      remediation: null,
    });
  });

  it('warns on mixed RKE2 versions (an upgrade in progress), counting the nodes of each', () => {
    const nodes = listed([node({ name: 'a' }), node({ name: 'b', rke2: 'v1.31.8+rke2r1' })]);
    assertResult(checkIdentity(healthyEvidence({ nodes })), {
      status: 'warn',
      summary: /^Mixed RKE2 versions: RKE2 v1\.32\.4\+rke2r1, v1\.31\.8\+rke2r1/,
      evidence: [/v1\.32\.4\+rke2r1 on 1 node\(s\), v1\.31\.8\+rke2r1 on 1 node\(s\)/],
      remediation: /^Finish the upgrade so every node runs the same RKE2 release\.$/,
    });
  });

  it('is unknown when nodes cannot be read, or no node states an RKE2 version; it never fails', () => {
    assertResult(checkIdentity(healthyEvidence({ nodes: FORBIDDEN })), { status: 'unknown', summary: /^unknown: forbidden — could not read nodes$/, evidence: [/^nodes: forbidden: /], remediation: GRANT });
    // A K3s cluster is said to be one (it used to read as "RKE2 unknown"), and judged on its own versions.
    assertResult(checkIdentity(healthyEvidence({ nodes: listed([node({ name: 'a', rke2: 'v1.32.4+k3s1' })]) })), { status: 'pass', summary: /^K3s \(not RKE2\) Kubernetes v1\.32\.4\+k3s1, containerd v2\.0\.4-k3s2/, evidence: [/v1\.32\.4\+k3s1 on 1 node/], remediation: null });
  });

  it('is not skipped when Calico is not the CNI: the versions still matter', () => {
    assert.equal(resultOf(healthyEvidence(otherCni('rke2-cilium')), 'identity.versions').status, 'pass');
  });

  it('reads Calico from ClusterInformation, else the Installation, else the calico-node image', () => {
    assert.deepEqual(clusterIdentity(healthyEvidence({ clusterInformation: NOT_FOUND, installation: found(installation({ calicoVersion: 'v3.29.4' })) })).calicoSource, 'Installation default status.calicoVersion');
    const fromImage = clusterIdentity(healthyEvidence({ clusterInformation: NOT_FOUND, installation: NOT_FOUND, calicoNodeDaemonSet: found(daemonSet({ desired: 3, ready: 3, image: 'reg.local/rancher/mirrored-calico-node:v3.29.2' })) }));
    assert.deepEqual([fromImage.calico, fromImage.calicoSource], ['v3.29.2', 'calico-node image reg.local/rancher/mirrored-calico-node:v3.29.2']);
    assert.equal(operatorVersion(healthyEvidence()), 'v1.36.7');
    assert.equal(chartVersion(healthyEvidence()), 'v3.29.300');
    assert.equal(operatorVersion(healthyEvidence({ operatorDeployment: FORBIDDEN })), undefined);
  });
});

describe('identity.known-issues', () => {
  // A cluster in start-up: calico-node still creating its container, the datastore not ready yet.
  const versions = (rke2: string, containerd: string, calico: string): Pick<ClusterEvidence, 'nodes' | 'clusterInformation' | 'calicoNodePods'> => ({
    nodes: listed([node({ name: 'server-1', rke2, containerd: `containerd://${containerd}` })]),
    clusterInformation: found(clusterInformation({ calicoVersion: calico, datastoreReady: false })),
    calicoNodePods: listed([pod({ name: 'calico-node-x2k9p', namespace: 'calico-system', labels: { 'k8s-app': 'calico-node' }, waiting: { reason: 'ContainerCreating' } })]),
  });

  it('does not name the start-up race on a cluster past start-up, and says why', () => {
    const past = { ...versions('v1.32.2+rke2r1', '2.0.2-k3s2', 'v3.29.2'), clusterInformation: found(clusterInformation({ calicoVersion: 'v3.29.2' })) };
    assertResult(checkKnownIssues(healthyEvidence(past)), {
      status: 'pass',
      summary: /^No known Calico issue applies/,
      evidence: [/^RKE2 v1\.32\.2/, /^tigera-operator/, /^rancher\/rke2#7808, a start-up race of these versions, not named: the cluster is past start-up \(ClusterInformation default exists with datastoreReady true\)/],
      remediation: null,
    });
  });

  it('passes when no known issue applies, listing the combination judged and the chart and operator', () => {
    assertResult(checkKnownIssues(healthyEvidence()), {
      status: 'pass',
      summary: /^No known Calico issue applies to these versions and this setup$/,
      evidence: [/^RKE2 v1\.32\.4\+rke2r1 \+ containerd v2\.0\.4-k3s2 \+ Calico v3\.29\.3$/, /^tigera-operator v1\.36\.7 \(Deployment image\), rke2-calico chart v3\.29\.300 \(HelmChart chart-url\)$/],
      remediation: null,
    });
  });

  it('warns on a GA release with Calico v3.29.2 (rancher/rke2#7808), with the release to move to', () => {
    assertResult(checkKnownIssues(healthyEvidence(versions('v1.32.2+rke2r1', '2.0.2-k3s2', 'v3.29.2'))), {
      status: 'warn',
      summary: /^rancher\/rke2#7808: Cluster-init race with Calico v3\.29\.2 \(RKE2 v1\.32\.2\+rke2r1 \+ containerd v2\.0\.2-k3s2 \+ Calico v3\.29\.2\)$/,
      evidence: [/^RKE2 v1\.32\.2\+rke2r1/, /^rancher\/rke2#7808: Calico v3\.29\.2 is the version the race was reported against/],
      remediation: /^Upgrade to v1\.32\.4\+rke2r1\. Wait until ClusterInformation "default" exists/,
      knownIssue: 'rancher/rke2#7808',
    });
  });

  it('fails on the release-candidate combination the race was reproduced on (containerd v2.0.2-k3s1)', () => {
    assertResult(checkKnownIssues(healthyEvidence(versions('v1.32.2-rc2+rke2r1', '2.0.2-k3s1', 'v3.29.2'))), {
      status: 'fail',
      summary: /^rancher\/rke2#7808: .*containerd v2\.0\.2-k3s1/,
      evidence: [/reproduced \(go-cni deadlock, fixed in containerd v2\.0\.2-k3s2\)$/],
      remediation: /^Upgrade to v1\.32\.4\+rke2r1\./,
      knownIssue: 'rancher/rke2#7808',
    });
  });

  it('is unknown when nodes cannot be read, or neither the Calico version nor the RKE2 release is known', () => {
    assertResult(checkKnownIssues(healthyEvidence({ nodes: FORBIDDEN })), { status: 'unknown', summary: /^unknown: forbidden — could not read nodes$/, evidence: [/^nodes: forbidden/], remediation: GRANT });
    // The tigera-operator's image would name the release it deploys (per-release data): unread here too.
    assertResult(checkKnownIssues(healthyEvidence({ nodes: listed([node({ name: 's', rke2: 'v1.99.0+rke2r1' })]), clusterInformation: NOT_FOUND, installation: NOT_FOUND, calicoNodeDaemonSet: NOT_FOUND, operatorDeployment: NOT_FOUND })), {
      status: 'unknown',
      summary: /^unknown: the Calico version could not be read and the RKE2 version is not in the matrix$/,
      evidence: [/^RKE2 v1\.99\.0\+rke2r1 \+ containerd v2\.0\.4-k3s2 \+ Calico unknown$/],
      remediation: null,
    });
  });

  it('takes Calico from the release matrix when the cluster does not say it', () => {
    // Installation default exists (without status.calicoVersion): #7808 needs it, besides the version.
    const withoutVersion = { ...installation(), status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    const result = checkKnownIssues(healthyEvidence({ ...versions('v1.31.7+rke2r1', '2.0.4-k3s2', 'v3.29.2'), clusterInformation: NOT_FOUND, installation: found(withoutVersion), calicoNodeDaemonSet: NOT_FOUND, calicoNodePods: listed([]) }));
    assert.equal(result.status, 'warn');
    assert.match(result.evidence[0] ?? '', /Calico v3\.29\.2 \(from the release matrix\)$/);
  });

  it('is skipped when Calico is not the CNI', () => {
    assertResult(resultOf(healthyEvidence(otherCni('rke2-cilium')), 'identity.known-issues'), { status: 'skipped', summary: /^skipped: Calico is not this cluster's CNI \(rke2-cilium\)$/, evidence: [], remediation: null });
  });
});
