import type { KnownIssue } from '../knownIssue';

export const RKE2_9276: KnownIssue = {
  id: 'rancher/rke2#9276',
  title: 'Windows node cannot join with Calico (start-up race)',
  url: 'https://github.com/rancher/rke2/issues/9276',
  appliesTo: 'rke2-calico',
  summary:
    'A Windows agent with cni: calico fails to join: containerd never starts because the rke2-runtime content was ' +
    'not extracted. Reported on v1.31.14-rc1 and the other November 2025 release candidates (release blocker).',
  rootCause:
    'Calico setup created the HNS networks, which interrupts every active network connection on Windows, including ' +
    'the one extracting the rke2-runtime image (rancher/rke2#9278). Whether GA releases before the fix are affected ' +
    'is unverified; the November RCs changed the Windows executor, which may be what exposed the race (inferred).',
  symptoms: [
    'Windows event log: containerd exited: exec: "containerd": executable file not found in %PATH%',
    'Waiting for containerd startup: rpc error: code = Unavailable … open //./pipe/containerd-containerd',
  ],
  logSignatures: ['rke2-runtime-core-not-ready'],
  rules: [
    {
      severity: 'error',
      when: { rke2: ['v1.31.14-rc1+rke2r1', 'v1.32.10-rc1+rke2r1', 'v1.33.6-rc1+rke2r1', 'v1.34.2-rc1+rke2r1'] },
      because: 'this release candidate creates the Calico HNS networks while the runtime image is still being extracted',
    },
  ],
  preconditions: ['windows-node'],
  fixedIn: ['v1.31.14+rke2r1, v1.32.10+rke2r1, v1.33.6+rke2r1, v1.34.2+rke2r1, v1.35.0+rke2r1 (rancher/rke2#9278–#9282)'],
  upgradeTargets: [
    { line: 'v1.31', target: 'v1.31.14+rke2r1' },
    { line: 'v1.32', target: 'v1.32.10+rke2r1' },
    { line: 'v1.33', target: 'v1.33.6+rke2r1' },
    { line: 'v1.34', target: 'v1.34.2+rke2r1' },
  ],
  mitigations: ['Use a GA release with the fix; the thread states no workaround for the release candidates.'],
  sources: [
    { title: 'rancher/rke2#9276 — Unable to join Windows node with calico', url: 'https://github.com/rancher/rke2/issues/9276' },
    { title: 'rancher/rke2#9278 — Fix race condition with Calico startup on Windows', url: 'https://github.com/rancher/rke2/pull/9278' },
  ],
};
