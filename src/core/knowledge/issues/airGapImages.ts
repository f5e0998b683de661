import type { KnownIssue } from '../knownIssue';

// RKE2 releases shipping Calico v3.30+ whose scripts/build-images lacks mirrored-calico-goldmane/whisker
// (git show <tag>:scripts/build-images in rancher/rke2).
const WITHOUT_GOLDMANE_IMAGES = [
  'v1.30.13+rke2r1', 'v1.30.14+rke2r1', 'v1.30.14+rke2r2', 'v1.30.14+rke2r4',
  'v1.31.9+rke2r1', 'v1.31.10+rke2r1', 'v1.31.11+rke2r1', 'v1.31.12+rke2r1',
  'v1.32.5+rke2r1', 'v1.32.6+rke2r1', 'v1.32.7+rke2r1', 'v1.32.8+rke2r1',
  'v1.33.1+rke2r1', 'v1.33.2+rke2r1', 'v1.33.3+rke2r1', 'v1.33.4+rke2r1',
];

export const RKE2_8621: KnownIssue = {
  id: 'rancher/rke2#8621',
  title: 'No goldmane/whisker images for air-gapped installs (Calico v3.30)',
  url: 'https://github.com/rancher/rke2/issues/8621',
  appliesTo: 'rke2-calico',
  summary:
    'With goldmane and whisker enabled in the rke2-calico HelmChartConfig, their pods cannot pull ' +
    'rancher/mirrored-calico-goldmane, -whisker and -whisker-backend. Reported on v1.32.5+rke2r1.',
  rootCause:
    'Calico v3.30 added goldmane, whisker and envoy-gateway images, but the RKE2 image lists and air-gap tarballs ' +
    '(scripts/build-images) did not carry them until "Added Calico new images". The images were later mirrored on ' +
    'Docker Hub, so online installs of older releases now pull them (rancher/rke2#8820); air-gapped installs and ' +
    'private registries seeded from the release image lists still lack them (inferred). The affected releases are ' +
    'read from each tag\'s build-images (inferred from git).',
  symptoms: [
    'goldmane / whisker pods in ErrImagePull or ImagePullBackOff for rancher/mirrored-calico-goldmane, -whisker, -whisker-backend',
  ],
  logSignatures: ['image-pull-failed'],
  rules: [
    {
      severity: 'warning',
      when: { rke2: WITHOUT_GOLDMANE_IMAGES },
      because: 'this release ships Calico v3.30 without the goldmane/whisker images in its image lists',
    },
  ],
  preconditions: ['private-registry-with-goldmane-or-whisker'],
  fixedIn: ['v1.31.13+rke2r1, v1.32.9+rke2r1, v1.33.5+rke2r1, v1.34.1+rke2r1 (rancher/rke2#8803, #8829–#8831); the v1.30 line was not fixed'],
  upgradeTargets: [
    { line: 'v1.30', target: 'v1.31.13+rke2r1', note: 'the v1.30 line never got the goldmane/whisker images' },
    { line: 'v1.31', target: 'v1.31.13+rke2r1' },
    { line: 'v1.32', target: 'v1.32.9+rke2r1' },
    { line: 'v1.33', target: 'v1.33.5+rke2r1' },
  ],
  mitigations: [
    'Upgrade to a release whose image list carries the Calico v3.30 images.',
    'Or mirror rancher/mirrored-calico-goldmane, -whisker and -whisker-backend of the shipped Calico version into the private registry yourself, or leave goldmane/whisker disabled (the chart default).',
  ],
  sources: [
    { title: 'rancher/rke2#8621 — no whisker and goldmane images', url: 'https://github.com/rancher/rke2/issues/8621' },
    { title: 'rancher/rke2#8820 — backport; images later mirrored for all versions', url: 'https://github.com/rancher/rke2/issues/8820' },
    { title: 'rancher/rke2#8803 — Added Calico new images', url: 'https://github.com/rancher/rke2/pull/8803' },
  ],
};
