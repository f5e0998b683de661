import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWorkspace } from '../../../src/core/files/workspaceContext';
import { checksumOffloadOverride, DATAPLANE_GATES, supportsDataplane } from '../../../src/core/knowledge/dataplaneSupport';
import { applyFix, at, lint, only, withCode } from './lintHelpers';

const MANIFEST = '/var/lib/rancher/rke2/server/manifests/rke2-calico-config.yaml';

function helmChartConfig(values: string): string {
  const indented = values.split('\n').map((line) => (line === '' ? line : `    ${line}`)).join('\n');
  return `apiVersion: helm.cattle.io/v1\nkind: HelmChartConfig\nmetadata:\n  name: rke2-calico\n  namespace: kube-system\nspec:\n  valuesContent: |-\n${indented}\n`;
}

describe('featureDetectOverride as Felix reads it', () => {
  it('keeps, enables or drops ChecksumOffloadBroken', () => {
    assert.equal(checksumOffloadOverride('ChecksumOffloadBroken=true'), 'kept');
    assert.equal(checksumOffloadOverride('SNATFullyRandom=false, ChecksumOffloadBroken=True,'), 'kept');
    assert.equal(checksumOffloadOverride('ChecksumOffloadBroken=false'), 'enabled');
    assert.equal(checksumOffloadOverride('ChecksumOffloadBroken=true,ChecksumOffloadBroken=0'), 'enabled');
    assert.equal(checksumOffloadOverride('SNATFullyRandom=false'), 'dropped');
    assert.equal(checksumOffloadOverride('checksumoffloadbroken=true'), 'dropped');
    assert.equal(checksumOffloadOverride('ChecksumOffloadBroken=yes'), 'dropped');
    assert.equal(checksumOffloadOverride('ChecksumOffloadBroken=true,oops'), 'dropped');
    assert.equal(checksumOffloadOverride(''), 'dropped');
  });
});

describe('rke2-calico dataplane values', () => {
  it('warns with a fix when featureDetectOverride loses ChecksumOffloadBroken=true, and informs when it is set to false', () => {
    const dropped = helmChartConfig('felixConfiguration:\n  featureDetectOverride: "SNATFullyRandom=false"');
    const finding = only(lint(dropped, MANIFEST), 'checksum-offload-enabled');
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.knownIssue, 'projectcalico/calico#8746');
    assert.match(applyFix(dropped, finding.fix), /featureDetectOverride: "SNATFullyRandom=false,ChecksumOffloadBroken=true"/);
    const chosen = only(lint(helmChartConfig('felixConfiguration:\n  featureDetectOverride: ChecksumOffloadBroken=false'), MANIFEST), 'checksum-offload-enabled');
    assert.equal(chosen.severity, 'info');
    assert.match(chosen.message, /calico#11435/);
  });

  it('leaves featureDetectOverride alone when it keeps the flag, is templated, or the pools do not use VXLAN', () => {
    assert.deepEqual(withCode(lint(helmChartConfig('felixConfiguration:\n  featureDetectOverride: "ChecksumOffloadBroken=true,SNATFullyRandom=false"'), MANIFEST), 'checksum-offload-enabled'), []);
    assert.deepEqual(withCode(lint(helmChartConfig('felixConfiguration:\n  featureDetectOverride: "{{ .Values.fdo }}"'), MANIFEST), 'checksum-offload-enabled'), []);
    const ipip = helmChartConfig('installation:\n  backend: IPIP\nfelixConfiguration:\n  featureDetectOverride: ""');
    assert.deepEqual(withCode(lint(ipip, MANIFEST), 'checksum-offload-enabled'), []);
  });

  it('needs disable-kube-proxy and a service endpoint for eBPF, from the configs beside it', () => {
    const bpf = helmChartConfig('installation:\n  calicoNetwork:\n    linuxDataplane: BPF');
    const results = lintWorkspace([
      { path: '/site/etc/rancher/rke2/config.yaml', root: '/site', text: 'cni: calico\n', label: 'etc/rancher/rke2/config.yaml' },
      { path: `/site${MANIFEST}`, root: '/site', text: bpf },
    ]);
    const findings = results.find((result) => result.file === `/site${MANIFEST}`)?.findings ?? [];
    const incomplete = withCode(findings, 'dataplane-incomplete');
    assert.equal(incomplete.length, 2);
    assert.match(incomplete[0]?.message ?? '', /etc\/rancher\/rke2\/config\.yaml, which does not set disable-kube-proxy: true, leaves RKE2's kube-proxy running/);
    assert.match(incomplete[1]?.message ?? '', /kubernetesServiceEndpoint\.host/);
    const first = incomplete[0];
    assert.ok(first);
    assert.equal(at(bpf, first).text, 'BPF');

    const complete = helmChartConfig('installation:\n  calicoNetwork:\n    linuxDataplane: BPF\nkubernetesServiceEndpoint:\n  host: 10.0.0.10\n  port: "6443"');
    const fine = lintWorkspace([
      { path: '/site/etc/rancher/rke2/config.yaml', root: '/site', text: 'cni: calico\ndisable-kube-proxy: true\n' },
      { path: `/site${MANIFEST}`, root: '/site', text: complete },
    ]);
    assert.deepEqual(fine.flatMap((result) => withCode(result.findings, 'dataplane-incomplete')), []);
  });

  it('says nothing about kube-proxy when only agent configs are beside the manifest', () => {
    const results = lintWorkspace([
      { path: '/site/agent/config.yaml', root: '/site', text: 'server: https://10.0.0.10:9345\ntoken: x\n' },
      { path: `/site${MANIFEST}`, root: '/site', text: helmChartConfig('installation:\n  calicoNetwork:\n    linuxDataplane: BPF\nkubernetesServiceEndpoint:\n  host: 10.0.0.10') },
    ]);
    assert.deepEqual(results.flatMap((result) => withCode(result.findings, 'dataplane-incomplete')), []);
  });

  it('flags a dataplane the RKE2 release predates, and notes hostPorts under nftables', () => {
    const nft = helmChartConfig('installation:\n  calicoNetwork:\n    linuxDataplane: Nftables');
    const old = lint(nft, MANIFEST, { rke2Version: { value: 'v1.35.6+rke2r1', source: 'setting' } });
    assert.match(only(old, 'dataplane-unsupported').message, /v1\.35\.7\+rke2r1/);
    assert.equal(only(old, 'dataplane-incomplete').knownIssue, 'rancher/rke2-docs#594');
    const current = lint(helmChartConfig('installation:\n  calicoNetwork:\n    linuxDataplane: Nftables\n    hostPorts: Disabled'), MANIFEST, { rke2Version: { value: 'v1.35.7+rke2r1', source: 'setting' } });
    assert.deepEqual(withCode(current, 'dataplane-unsupported'), []);
    assert.deepEqual(withCode(current, 'dataplane-incomplete'), []);
  });

  it('reads the version gates of the RKE2 docs', () => {
    assert.equal(supportsDataplane(DATAPLANE_GATES.BPF, 'v1.33.7+rke2r1'), false);
    assert.equal(supportsDataplane(DATAPLANE_GATES.BPF, 'v1.33.8+rke2r1'), true);
    assert.equal(supportsDataplane(DATAPLANE_GATES.BPF, 'v1.32.9+rke2r1'), false);
    assert.equal(supportsDataplane(DATAPLANE_GATES.BPF, 'v1.36.0+rke2r1'), true);
    assert.equal(supportsDataplane(DATAPLANE_GATES.Nftables, 'v1.36.2+rke2r1'), false);
    assert.equal(supportsDataplane(DATAPLANE_GATES.Nftables, 'v1.37.0+rke2r1'), true);
    assert.equal(supportsDataplane(DATAPLANE_GATES.Nftables, 'nonsense'), undefined);
  });
});
