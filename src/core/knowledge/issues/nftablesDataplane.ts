import type { KnownIssue } from '../knownIssue';

// The releases that introduced RKE2's experimental nftables support (docs.rke2.io, rancher/rke2-docs#594) and the
// release candidates after them, all on Calico v3.32.1.
const WITH_NFTABLES_SUPPORT = [
  'v1.34.10+rke2r1', 'v1.35.7+rke2r1', 'v1.36.3+rke2r1',
  'v1.34.11-rc1+rke2r1', 'v1.35.8-rc1+rke2r1', 'v1.36.4-rc1+rke2r1',
];

export const RKE2_DOCS_594: KnownIssue = {
  id: 'rancher/rke2-docs#594',
  title: 'nftables dataplane: hostPorts still need iptables',
  url: 'https://github.com/rancher/rke2-docs/pull/594',
  appliesTo: 'rke2-calico',
  summary:
    'RKE2 supports Calico\'s nftables dataplane experimentally from v1.34.10, v1.35.7 and v1.36.3. Calico implements ' +
    'hostPorts with the portmap CNI plugin, which always uses iptables, so pods with a hostPort fail on nodes ' +
    'without the iptables binary.',
  rootCause: 'The portmap plugin has no nftables backend here (containernetworking/plugins#1280, cited by the RKE2 docs).',
  symptoms: [
    'plugin type="portmap" failed (add): failed to open iptables: exec: "iptables": executable file not found in $PATH (the RKE2 docs quote it for Canal; for Calico nftables mode it is inferred)',
  ],
  logSignatures: ['iptables-missing'],
  rules: [
    {
      severity: 'info',
      when: { rke2: WITH_NFTABLES_SUPPORT },
      because: 'this release offers the nftables dataplane, whose hostPorts still go through iptables',
    },
  ],
  preconditions: ['nftables-dataplane'],
  fixedIn: [],
  upgradeTargets: [],
  mitigations: ['Install iptables on the nodes, or disable hostPorts (installation.calicoNetwork.hostPorts: Disabled).'],
  sources: [
    { title: 'rancher/rke2-docs#594 — notes about the Calico nft known issue', url: 'https://github.com/rancher/rke2-docs/pull/594' },
    { title: 'RKE2 docs — Basic network options, nftables support', url: 'https://docs.rke2.io/networking/basic_network_options#nftables-support' },
  ],
};

export const CALICO_13579: KnownIssue = {
  id: 'projectcalico/calico#13579',
  title: 'nftables mode: Felix crash-loops when another tool writes nftables rules',
  url: 'https://github.com/projectcalico/calico/pull/13579',
  appliesTo: 'rke2-calico',
  summary:
    'In nftables mode, Felix panics and calico-node crash-loops on nodes where another tool (Tailscale, kube-proxy, ' +
    'a host firewall) has written native nftables rules into the standard filter, nat, mangle or raw tables.',
  rootCause:
    'Felix still reads the iptables view of those tables to clean up iptables-mode rules, and panics after retries ' +
    'when iptables-nft-save reports an incompatible table (felix/iptables/table.go, still in v3.32.1). Fixed on the ' +
    'v3.33 branch (projectcalico/calico#13328, #13579), which no RKE2 release ships yet. The first affected Calico ' +
    'version is unverified; nftables mode exists since v3.29 (inferred).',
  symptoms: [
    'iptables-nft-save command failed error=iptables-save failed because there are incompatible nft rules in the table',
    '[PANIC] … iptables-nft-save command failed after retries',
  ],
  logSignatures: ['nftables-conflict', 'felix-panic'],
  rules: [
    {
      severity: 'warning',
      when: {},
      calicoRange: { atLeast: 'v3.29.0' },
      because: 'no released Calico carries the fix (it is on the v3.33 branch only)',
    },
  ],
  preconditions: ['nftables-dataplane', 'nftables-foreign-rules'],
  fixedIn: ['Calico v3.33 branch (projectcalico/calico#13579), not released at the time of writing'],
  upgradeTargets: [],
  mitigations: [
    'Keep other tools\' nftables rules out of the standard filter/nat/mangle/raw tables, or stay on the iptables dataplane, until a release with Calico v3.33 (inferred).',
  ],
  sources: [
    { title: 'projectcalico/calico#13579 — [Release v3.33] Clean up iptables-mode rules via the nftables view', url: 'https://github.com/projectcalico/calico/pull/13579' },
    { title: 'projectcalico/calico#13328 — the fix on master', url: 'https://github.com/projectcalico/calico/pull/13328' },
    { title: 'projectcalico/calico#8025 — incompatible nft rules log lines', url: 'https://github.com/projectcalico/calico/issues/8025' },
  ],
};
