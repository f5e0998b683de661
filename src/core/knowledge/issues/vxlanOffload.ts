import type { CalicoRange, KnownIssue } from '../knownIssue';

// Calico enables VXLAN TX checksum offload on kernels newer than 5.7 from v3.28.0 on, except v3.28.1 (reverted
// there): felix/environment/feature_detect_linux.go per tag; tigera/docs#1578 for v3.28.1.
export const OFFLOAD_ON_BY_DEFAULT: CalicoRange = { atLeast: 'v3.28.0', except: ['v3.28.1'] };

const RKE2_DEFAULT =
  'Every rke2-calico chart sets felixConfiguration.featureDetectOverride: "ChecksumOffloadBroken=true" ' +
  '(rancher/rke2#1541), which keeps offload off; replacing that value in a HelmChartConfig, or editing ' +
  'FelixConfiguration default, drops it.';

export const CALICO_8746: KnownIssue = {
  id: 'projectcalico/calico#8746',
  title: 'VXLAN checksum offload back on (bad UDP checksums, TCP across nodes broken)',
  url: 'https://github.com/projectcalico/calico/pull/8746',
  appliesTo: 'rke2-calico',
  summary:
    'Calico re-enabled VXLAN TX checksum offload on kernels newer than 5.7. On NICs and hypervisors that mangle it ' +
    '(vSphere/ESXi, some clouds) cross-node TCP breaks while ping still works, and tcpdump shows bad UDP checksums. ' +
    RKE2_DEFAULT,
  rootCause:
    'Calico decides ChecksumOffloadBroken from the kernel version (kernel <= 5.7 means broken) unless ' +
    'FelixConfiguration featureDetectOverride says otherwise. RKE2 overrides it; without the override, Calico ' +
    'v3.28.0 and v3.28.2+ turn offload on (v3.28.1 reverted it, tigera/docs#1578).',
  symptoms: [
    'cross-node TCP fails or stalls while ICMP works (projectcalico/calico#9433)',
    'tcpdump: [bad udp cksum …] VXLAN (projectcalico/calico#4865)',
  ],
  logSignatures: [],
  rules: [
    {
      severity: 'warning',
      when: {},
      calicoRange: OFFLOAD_ON_BY_DEFAULT,
      because: 'this Calico turns VXLAN checksum offload on unless featureDetectOverride keeps ChecksumOffloadBroken=true',
    },
  ],
  preconditions: ['checksum-offload-override-dropped', 'vxlan-encapsulation'],
  fixedIn: [],
  upgradeTargets: [],
  mitigations: [
    'Keep ChecksumOffloadBroken=true in FelixConfiguration default spec.featureDetectOverride; when you override featureDetectOverride in the rke2-calico HelmChartConfig, include it.',
  ],
  sources: [
    { title: 'projectcalico/calico#8746 — Re-enable VXLAN checksum offload for kernels > 5.7', url: 'https://github.com/projectcalico/calico/pull/8746' },
    { title: 'tigera/docs#1578 — Calico 3.28.1 release notes (offload disabled again)', url: 'https://github.com/tigera/docs/pull/1578' },
    { title: 'rancher/rke2-docs known issues — Calico with vxlan encapsulation', url: 'https://github.com/rancher/rke2-docs/blob/main/docs/known_issues.md' },
    { title: 'projectcalico/calico#4865 — bad udp cksum when using vxlan', url: 'https://github.com/projectcalico/calico/issues/4865' },
  ],
};

export const CALICO_11435: KnownIssue = {
  id: 'projectcalico/calico#11435',
  title: 'VXLAN limited to 50–300 Mbit/s on kernels 6.12+',
  url: 'https://github.com/projectcalico/calico/issues/11435',
  appliesTo: 'rke2-calico',
  summary:
    'On kernels 6.12+ with Calico v3.29.2 and v3.31.2, traffic through the single vxlan.calico interface is limited to ' +
    '50–300 Mbit/s while its TX checksum offload is on (as reported; open, no maintainer confirmation seen). ' +
    RKE2_DEFAULT,
  rootCause:
    'Not established upstream. Turning tx-checksum-ip-generic off on vxlan.calico restores 9+ Gbit/s (reporter), ' +
    "which is what RKE2's ChecksumOffloadBroken=true does, so a default RKE2 install should not hit it (inferred).",
  symptoms: ['cross-node pod throughput of 50–300 Mbit/s', 'ethtool -k vxlan.calico shows tx-checksum-ip-generic: on'],
  logSignatures: [],
  rules: [
    {
      severity: 'warning',
      when: {},
      calicoRange: OFFLOAD_ON_BY_DEFAULT,
      because: 'this Calico leaves VXLAN checksum offload on unless featureDetectOverride keeps ChecksumOffloadBroken=true (reported on v3.29.2 and v3.31.2)',
    },
  ],
  preconditions: ['kernel-6.12-or-later', 'checksum-offload-override-dropped', 'vxlan-encapsulation'],
  fixedIn: [],
  upgradeTargets: [],
  mitigations: [
    'Restore ChecksumOffloadBroken=true in FelixConfiguration default spec.featureDetectOverride (inferred from the reporter\'s workaround).',
    'Reporter\'s workaround on a node: ethtool -K vxlan.calico tx-checksum-ip-generic off.',
  ],
  sources: [
    { title: 'projectcalico/calico#11435 — VXLAN performance regression on kernels 6.12+', url: 'https://github.com/projectcalico/calico/issues/11435' },
  ],
};
