import type { KnownIssue } from '../knownIssue';

export const OPERATOR_4855: KnownIssue = {
  id: 'tigera/operator#4855',
  title: 'tigera-operator v1.42.0: calico-kube-controllers may not read ipamconfigs',
  url: 'https://github.com/tigera/operator/issues/4855',
  appliesTo: 'rke2-calico',
  summary:
    'tigera-operator v1.42.0 renders ClusterRole calico-kube-controllers with "ipamconfigurations" but not ' +
    '"ipamconfigs", so kube-controllers cannot read the IPAM configuration when it assigns an IP.',
  rootCause:
    'tigera/operator#4092 (v3 CRD mode, first in v1.42.0) switched the rule to ipamconfigurations; ' +
    'tigera/operator#4776 grants both again from v1.42.1. The read happens in the IPAM auto-assign path, which ' +
    'kube-controllers uses for LoadBalancer services (its loadbalancer controller is on by default in v1.42.0), so ' +
    'clusters without Calico LoadBalancer IPs are unlikely to notice (inferred). RKE2 ships operator v1.42.0 in ' +
    'the releases listed by the rule (from scripts/build-images); no RKE2 report of it was found.',
  symptoms: [
    'ipamconfigs.crd.projectcalico.org "default" is forbidden: User "system:serviceaccount:calico-system:calico-kube-controllers" cannot get resource "ipamconfigs"',
    'kube-controllers/ipam.go: Error getting IPAM config error=connection is unauthorized: ipamconfigs.crd.projectcalico.org …',
  ],
  logSignatures: ['calico-ipam-forbidden'],
  rules: [
    {
      severity: 'warning',
      when: { operator: ['v1.42.0'] },
      because: 'tigera-operator v1.42.0 omits ipamconfigs from the calico-kube-controllers ClusterRole',
    },
  ],
  preconditions: ['loadbalancer-ip-pool'],
  fixedIn: ['tigera-operator v1.42.1 (tigera/operator#4776)', 'RKE2 v1.33.13+rke2r2, v1.34.10+rke2r1, v1.35.7+rke2r1, v1.36.3+rke2r1 (operator v1.42.3)'],
  upgradeTargets: [
    { line: 'v1.33', target: 'v1.33.13+rke2r2' },
    { line: 'v1.34', target: 'v1.34.10+rke2r1' },
    { line: 'v1.35', target: 'v1.35.7+rke2r1' },
    { line: 'v1.36', target: 'v1.36.3+rke2r1' },
  ],
  mitigations: [
    'Upgrade to a release with tigera-operator v1.42.1 or later.',
    'Until then, an extra ClusterRole and binding granting get on ipamconfigs.crd.projectcalico.org to calico-system:calico-kube-controllers (inferred; not stated by the sources).',
  ],
  sources: [
    { title: 'tigera/operator#4855 — Missing resource in ClusterRole calico-kube-controllers', url: 'https://github.com/tigera/operator/issues/4855' },
    { title: 'tigera/operator#4776 — Grant calico-kube-controllers RBAC for ipamconfigs CRD', url: 'https://github.com/tigera/operator/pull/4776' },
  ],
};
