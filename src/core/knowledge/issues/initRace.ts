import type { KnownIssue } from '../knownIssue';

export const RKE2_7808: KnownIssue = {
  id: 'rancher/rke2#7808',
  title: 'Cluster-init race with Calico v3.29.2',
  url: 'https://github.com/rancher/rke2/issues/7808',
  appliesTo: 'rke2-calico',
  summary:
    'While the first server starts and more nodes join right after it, helm-install-rke2-* pods fail to get a ' +
    'sandbox because the Calico CNI cannot read ClusterInformation "default", and calico-typha logs ' +
    '"Failed to get Typha endpoint from Kubernetes error=Unauthorized". Reported by Rancher QA on 2025-02-21 against ' +
    'release candidates v1.31.6-rc1+rke2r1 and v1.32.2-rc1+rke2r1 with Calico v3.29.2.',
  rootCause:
    'The fix linked to the issue was a containerd bump, not a Calico change: containerd 2.0.1+ carries a go-cni ' +
    'deadlock (containerd/go-cni#123, fixed by go-cni#126; containerd/containerd#11186, #11275). The RCs were built ' +
    'with hardened-containerd v2.0.2-k3s1; rancher/rke2#7810/#7811/#7812 moved to v2.0.2-k3s2 and the issue was ' +
    'validated fixed on v1.31.6-rc3 and v1.32.2-rc4 (2025-02-25). The GA releases v1.31.6+rke2r1 and v1.32.2+rke2r1 ' +
    'include the fix and still ship Calico v3.29.2 (chart v3.29.200). ClusterInformation "default" is created by the ' +
    'first calico-node, so CNI ADD fails until it exists; kube-api recreates the failed helm-install pods, which is ' +
    'why the issue rated the impact low. v1.29/v1.30 stayed on containerd 1.7.x, where the deadlock does not apply (inferred).',
  symptoms: [
    'Nodes stay NotReady: "container runtime network not ready … cni plugin not initialized"',
    'helm-install-rke2-* pods fail with FailedCreatePodSandBox: "error getting ClusterInformation: resource does not exist: ClusterInformation(default) … not found"',
    'calico-typha logs "Failed to get Typha endpoint from Kubernetes error=Unauthorized" (HTTP 401, not an RBAC 403)',
    'calico-typha logs "Failed to get number of Typhas error=Unauthorized numTyphas=0"',
  ],
  logSignatures: ['clusterinformation-not-found', 'typha-unauthorized', 'typha-count-unauthorized', 'typha-connection-limit-fallback', 'cni-not-initialized'],
  // The issue's own pair of symptoms: the CNI failing on ClusterInformation while Typha gets 401s (rancher/rke2#7808).
  logEvidence: ['clusterinformation-not-found', 'typha-unauthorized'],
  rules: [
    {
      severity: 'error',
      when: { calico: ['v3.29.2'], containerd: ['v2.0.2-k3s1'] },
      because:
        'Calico v3.29.2 with containerd v2.0.2-k3s1 is the release-candidate combination on which the race was ' +
        'reproduced (go-cni deadlock, fixed in containerd v2.0.2-k3s2)',
    },
    {
      severity: 'warning',
      when: { calico: ['v3.29.2'] },
      because:
        'Calico v3.29.2 is the version the race was reported against; GA builds carry the containerd fix ' +
        '(v1.31/v1.32) or containerd 1.7 (v1.29/v1.30), so it is less likely there, but v3.29.2 is the version to leave',
    },
  ],
  fixedIn: [
    'containerd v2.0.2-k3s2, in every GA release (rancher/rke2#7811, #7812)',
    'Calico v3.29.3: v1.30.12+rke2r1, v1.31.8+rke2r1, v1.32.4+rke2r1 (rancher/rke2#7996)',
  ],
  upgradeTargets: [
    {
      line: 'v1.29',
      target: 'v1.30.12+rke2r1',
      note: 'v1.29 has no release without Calico v3.29.2: v1.29.15+rke2r1, the last v1.29 release, still ships it',
    },
    { line: 'v1.30', target: 'v1.30.12+rke2r1' },
    { line: 'v1.31', target: 'v1.31.8+rke2r1' },
    { line: 'v1.32', target: 'v1.32.4+rke2r1' },
  ],
  mitigations: [
    'Wait until ClusterInformation "default" exists (kubectl get clusterinformations default) and reports datastoreReady: true before joining more nodes.',
    'Join nodes in batches rather than all at once while Calico initialises.',
    'Watch calico-node, calico-typha and the helm-install-rke2-calico* jobs during init; failed helm-install pods are recreated and usually succeed once calico-node is up.',
    'Upgrade to the first release of your line that ships Calico v3.29.3 (v1.30.12, v1.31.8, v1.32.4); release candidates built with containerd v2.0.2-k3s1 must not be used.',
  ],
  sources: [
    { title: 'rancher/rke2#7808 — Race condition on rke2 server with calico cni new version - v3.29.2', url: 'https://github.com/rancher/rke2/issues/7808' },
    { title: 'rancher/rke2#7811 — [release-1.32] Bump containerd for go-cni deadlock fix', url: 'https://github.com/rancher/rke2/pull/7811' },
    { title: 'rancher/rke2#7812 — [release-1.31] Bump containerd for go-cni deadlock fix', url: 'https://github.com/rancher/rke2/pull/7812' },
    { title: 'containerd/go-cni#126 — deadlock fix', url: 'https://github.com/containerd/go-cni/pull/126' },
    { title: 'containerd/containerd#11186 — Node flips Ready → NotReady on containerd 2.0.1', url: 'https://github.com/containerd/containerd/issues/11186' },
    { title: 'rancher/rke2#7996 — Update CNI charts (v1.32 → Calico v3.29.3)', url: 'https://github.com/rancher/rke2/pull/7996' },
  ],
};
