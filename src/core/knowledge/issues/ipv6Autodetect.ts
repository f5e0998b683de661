import type { KnownIssue } from '../knownIssue';

export const RKE2_7454: KnownIssue = {
  id: 'rancher/rke2#7454',
  title: 'calico-node CrashLoopBackOff on IPv6-only nodes (rke2-calico v3.29.100)',
  url: 'https://github.com/rancher/rke2/issues/7454',
  appliesTo: 'rke2-calico',
  summary:
    'On an IPv6-only cluster (cluster-cidr and service-cidr IPv6 only, cni: calico) calico-node crash-loops. Reported ' +
    'on v1.32.0-rc2+rke2r1 and v1.31.4+rke2r1.',
  rootCause:
    'The chart configured nodeAddressAutodetectionV4 even when no IPv4 CIDR was used (rancher/rke2-charts#589), so ' +
    'calico-node tried to autodetect an IPv4 address the node does not have. Every GA release with chart v3.29.100 ' +
    'carries it (inferred from the chart version); earlier charts also set firstFound for IPv4 since 2023, so older ' +
    'releases may be affected too (unverified: only v1.31.4 and v1.32.0-rc2 were reported).',
  symptoms: [
    'calico-node CrashLoopBackOff on IPv6-only nodes',
    'Installation calicoNetwork.nodeAddressAutodetectionV4 set although the cluster has no IPv4 pool',
    '"Couldn\'t autodetect an IPv4 address" in calico-node (the generic wording of this failure; its link to the issue is inferred)',
  ],
  logSignatures: ['ip-autodetect-failed'],
  rules: [
    {
      severity: 'warning',
      when: { chart: ['v3.29.100'] },
      because: 'rke2-calico v3.29.100 sets IPv4 address autodetection even without an IPv4 CIDR',
    },
  ],
  preconditions: ['ipv6-only'],
  fixedIn: ['v1.29.13+rke2r1, v1.30.9+rke2r1, v1.31.5+rke2r1, v1.32.1+rke2r1 (rke2-calico v3.29.101; rancher/rke2#7535–#7538)'],
  upgradeTargets: [
    { line: 'v1.29', target: 'v1.29.13+rke2r1' },
    { line: 'v1.30', target: 'v1.30.9+rke2r1' },
    { line: 'v1.31', target: 'v1.31.5+rke2r1' },
    { line: 'v1.32', target: 'v1.32.1+rke2r1' },
  ],
  mitigations: [
    'Upgrade to a release with rke2-calico v3.29.101 or later.',
    'Until then, set installation.calicoNetwork.nodeAddressAutodetectionV6 and leave V4 unset in the rke2-calico HelmChartConfig (inferred; the thread states no workaround).',
  ],
  sources: [
    { title: 'rancher/rke2#7454 — calico-node CrashLoopBackOff on IPv6 only node', url: 'https://github.com/rancher/rke2/issues/7454' },
    { title: 'rancher/rke2-charts#589 — fixed autodetection for IPv6-only nodes', url: 'https://github.com/rancher/rke2-charts/pull/589' },
    { title: 'rancher/rke2#7530 — Update the Calico chart with the fix for IP autodetection', url: 'https://github.com/rancher/rke2/pull/7530' },
  ],
};
