import type { KnownIssue } from '../knownIssue';

export const RKE2_10494: KnownIssue = {
  id: 'rancher/rke2#10494',
  title: 'Calico does not come back after its pods are deleted (rke2-calico v3.32.002)',
  url: 'https://github.com/rancher/rke2/issues/10494',
  appliesTo: 'rke2-calico',
  summary:
    'When every calico-node and calico-typha pod goes down at once (a single-node cluster restarting, or all Calico ' +
    'pods deleted), the node keeps the node.kubernetes.io/network-unavailable taint, calico-typha stays Pending on ' +
    'that taint and calico-node never becomes ready without Typha. Reported on v1.36.1-rc2+rke2r2 (release blocker).',
  rootCause:
    'From Calico v3.32, calico-node only clears NetworkUnavailable once calico-typha is up, and chart v3.32.002 ' +
    '(the fix for rancher/rke2#10438, "Calico taints are too permissive") narrowed installation.controlPlaneTolerations, ' +
    'which tigera-operator applies to Typha, to control-plane/etcd taints only (rancher/rke2#10490). Only release ' +
    'candidates shipped chart v3.32.002; GA releases went from v3.32.001 to v3.32.003 (inferred from the chart ' +
    'versions of each tag). A user-set controlPlaneTolerations without network-unavailable brings it back on any ' +
    'Calico v3.32 (inferred).',
  symptoms: [
    'Node taint node.kubernetes.io/network-unavailable:NoSchedule stays',
    'Node condition NetworkUnavailable True, reason CalicoIsDown, "Calico is shutting down on this node"',
    'calico-typha pod Pending on the untolerated taint; calico-node never ready',
  ],
  logSignatures: ['typha-unreachable', 'felix-not-ready'],
  rules: [
    {
      severity: 'error',
      when: { chart: ['v3.32.002'] },
      because: 'rke2-calico v3.32.002 gives Typha tolerations without node.kubernetes.io/network-unavailable',
    },
  ],
  fixedIn: ['v1.33.12+rke2r2, v1.34.8+rke2r2, v1.35.5+rke2r2, v1.36.1+rke2r2 (rke2-calico v3.32.003, rancher/rke2-charts#1004)'],
  upgradeTargets: [
    { line: 'v1.33', target: 'v1.33.12+rke2r2' },
    { line: 'v1.34', target: 'v1.34.8+rke2r2' },
    { line: 'v1.35', target: 'v1.35.5+rke2r2' },
    { line: 'v1.36', target: 'v1.36.1+rke2r2' },
  ],
  mitigations: [
    'Upgrade to a release with rke2-calico v3.32.003 or later.',
    'Until then, add to installation.controlPlaneTolerations in the rke2-calico HelmChartConfig: key node.kubernetes.io/network-unavailable, operator Exists, effect NoSchedule — what chart v3.32.003 adds (inferred as a workaround).',
  ],
  sources: [
    { title: 'rancher/rke2#10494 — Calico fails to come back up after pod deletion', url: 'https://github.com/rancher/rke2/issues/10494' },
    { title: 'rancher/rke2#10490 — bump rke2-calico for network-unavailable toleration (release-1.36)', url: 'https://github.com/rancher/rke2/pull/10490' },
    { title: 'rancher/rke2-charts#1004 — calico-typha tolerates network-unavailable', url: 'https://github.com/rancher/rke2-charts/pull/1004' },
    { title: 'rancher/rke2#10438 — Calico taints are too permissive', url: 'https://github.com/rancher/rke2/issues/10438' },
  ],
};
