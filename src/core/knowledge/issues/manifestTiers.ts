import type { KnownIssue } from '../knownIssue';

export const CALICO_9442: KnownIssue = {
  id: 'projectcalico/calico#9442',
  title: 'Calico v3.29.0 manifests: Typha cannot create "tiers"',
  url: 'https://github.com/projectcalico/calico/issues/9442',
  appliesTo: 'calico-manifest-installs',
  summary:
    'Calico v3.29.0 introduced policy tiers; with the upstream manifests and charts/calico, Typha crash-loops with ' +
    '"Failed to initialize datastore error=connection is unauthorized: tiers.crd.projectcalico.org is forbidden". ' +
    'It looks like a bootstrap race but is an RBAC gap (403).',
  rootCause:
    'Typha checks the default tiers by creating them, and the manifest ClusterRoles lacked "create" on tiers. ' +
    'projectcalico/calico#9454 (release-v3.29) made the failure non-fatal and added the permission. Per the fix PR, ' +
    'operator-based installs already granted it, so RKE2 (tigera-operator via rke2-calico) is not affected (inferred).',
  symptoms: ['calico-typha CrashLoopBackOff: "cannot create resource \\"tiers\\" in API group \\"crd.projectcalico.org\\""'],
  logSignatures: ['calico-tiers-forbidden'],
  rules: [
    {
      severity: 'info',
      when: { calico: ['v3.29.0'] },
      because: 'Calico v3.29.0 manifest installs lack the tiers permission; operator installs are not affected',
    },
  ],
  fixedIn: ['Calico v3.29.1 and later for manifest installs (projectcalico/calico#9454, inferred)'],
  upgradeTargets: [],
  mitigations: ['On manifest installs, move to a Calico release that contains projectcalico/calico#9454 (v3.29.1 or later, inferred).'],
  sources: [
    { title: 'projectcalico/calico#9442', url: 'https://github.com/projectcalico/calico/issues/9442' },
    { title: 'projectcalico/calico#9444', url: 'https://github.com/projectcalico/calico/issues/9444' },
    { title: 'projectcalico/calico#9454 — [Release v3.29] Improve robustness of data store initialisation when creating tiers', url: 'https://github.com/projectcalico/calico/pull/9454' },
  ],
};
