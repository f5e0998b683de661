import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, at, lint, only, withCode } from './lintHelpers';

describe('RKE2 config.yaml: keys and types', () => {
  it('accepts a typical server config without findings', () => {
    const text = 'write-kubeconfig-mode: "0644"\ntls-san:\n  - rke2.example.com\ncni: calico\ncluster-cidr: 10.42.0.0/16\nservice-cidr: 10.43.0.0/16\nprofile: cis\netcd-snapshot-retention: 10\netcd-s3-timeout: 5m0s\nnode-label+: ["zone=a"]\nselinux: true\n';
    assert.deepEqual(lint(text), []);
  });

  it('reports YAML syntax errors at their position', () => {
    const text = 'cni: calico\ntls-san: [a, b\nnode-name: x\n';
    const finding = withCode(lint(text), 'yaml-syntax')[0];
    assert.ok(finding);
    assert.equal(finding.severity, 'error');
    assert.equal(at(text, finding).where.split(':')[0], '3');
  });

  it('flags unknown keys with a did-you-mean fix on the key only', () => {
    const text = 'cni: calico\nkubelet-args:\n  - max-pods=200\n';
    const finding = only(lint(text), 'unknown-key');
    assert.deepEqual(at(text, finding), { text: 'kubelet-args', where: '2:1' });
    assert.match(finding.message, /Did you mean "kubelet-arg"\?/);
    assert.equal(applyFix(text, finding.fix), 'cni: calico\nkubelet-arg:\n  - max-pods=200\n');
  });

  it('keeps the + suffix when fixing an appended key', () => {
    const text = 'node-tain+: [a=b:NoSchedule]\n';
    assert.equal(applyFix(text, only(lint(text), 'unknown-key').fix), 'node-taint+: [a=b:NoSchedule]\n');
  });

  it('flags K3s flags RKE2 drops', () => {
    const text = 'flannel-backend: wireguard-native\ncluster-init: true\n';
    const findings = withCode(lint(text), 'unsupported-key');
    assert.deepEqual(findings.map((finding) => at(text, finding).text), ['flannel-backend', 'cluster-init']);
  });

  it('checks types on the value', () => {
    const text = 'etcd-snapshot-retention: five\nselinux: "yes"\ntls-san:\n  a: b\netcd-s3-timeout: 5 minutes\nnode-name: [a]\n';
    const findings = withCode(lint(text), 'invalid-type');
    assert.deepEqual(findings.map((finding) => at(text, finding).where), ['1:26', '2:10', '4:3', '5:18', '6:12']);
  });

  it('checks enumerated values', () => {
    const text = 'egress-selector-mode: pods\nsecrets-encryption-provider: aesgcm\nprofile: cis-1.6\n';
    const findings = withCode(lint(text), 'invalid-value');
    assert.deepEqual(findings.map((finding) => at(text, finding).text), ['pods', 'aesgcm', 'cis-1.6']);
    assert.match(findings[0]?.message ?? '', /Did you mean "pod"/);
  });

  it('warns where a plain key drops what key+ appended, and not when + follows the plain key', () => {
    const text = 'node-taint+:\n  - a=b:NoSchedule\nnode-taint:\n  - c=d:NoSchedule\n';
    const finding = only(lint(text), 'conflicting-append');
    assert.equal(at(text, finding).text, 'node-taint');
    assert.equal(finding.related?.length, 1);
    assert.deepEqual(lint('node-taint:\n  - a=b:NoSchedule\nnode-taint+:\n  - c=d:NoSchedule\n'), []);
  });

  it('says what it found when the file is not a mapping', () => {
    assert.match(only(lint('- cni\n- calico\n'), 'invalid-type').message, /mapping of flag names/);
  });
});

describe('RKE2 config.yaml: cni', () => {
  const cases: [string, string[]][] = [
    ['cni: calico\n', []],
    ['cni: none\n', []],
    ['cni: [multus, calico]\n', []],
    ['cni: "multus,calico"\n', []],
    ['cni: multus, calico\n', []],
    ['cni: weave\n', ['Invalid value weave for --cni flag']],
    ['cni: multus\n', ['multus must be used alongside another primary cni']],
    ['cni: [calico, multus]\n', ['may only provide multiple values if multus is the first value']],
    ['cni: [multus, calico, cilium]\n', ['must specify 1 or 2 values']],
    ['cni: "canal,calico"\n', ['may only provide multiple values if multus is the first value']],
  ];
  for (const [text, expected] of cases) {
    it(`validates ${JSON.stringify(text.trim())} as RKE2 does`, () => {
      const messages = withCode(lint(text), 'invalid-value').map((finding) => finding.message);
      assert.equal(messages.length, expected.length, messages.join('; '));
      expected.forEach((fragment, index) => assert.ok(messages[index]?.includes(fragment), messages[index]));
    });
  }

  it('points at the offending item inside a comma list', () => {
    const text = 'cni: "multus,weave"\n';
    assert.equal(at(text, only(lint(text), 'invalid-value')).text, 'weave');
  });

  it('rejects disabling the Calico charts while cni selects calico', () => {
    const text = 'cni: calico\ndisable:\n  - rke2-coredns\n  - rke2-calico\n';
    const finding = only(lint(text), 'invalid-value');
    assert.deepEqual(at(text, finding), { text: 'rke2-calico', where: '4:5' });
  });
});

describe('RKE2 config.yaml: CIDRs', () => {
  it('reports malformed CIDRs on the item', () => {
    const text = 'cluster-cidr: 10.42.0.0/33\nservice-cidr: 10.43.0/16\n';
    const findings = withCode(lint(text), 'invalid-cidr');
    assert.deepEqual(findings.map((finding) => at(text, finding).text), ['10.42.0.0/33', '10.43.0/16']);
  });

  it('reports overlapping pod and service ranges', () => {
    const text = 'cluster-cidr: 10.42.0.0/16\nservice-cidr: 10.42.128.0/20\n';
    const finding = only(lint(text), 'invalid-cidr');
    assert.match(finding.message, /overlaps cluster-cidr 10\.42\.0\.0\/16/);
  });

  it('accepts dual-stack in the same order and flags a different order or two of one family', () => {
    assert.deepEqual(lint('cluster-cidr: 10.42.0.0/16,2001:cafe:42::/56\nservice-cidr: 10.43.0.0/16,2001:cafe:43::/112\n'), []);
    const swapped = 'cluster-cidr: 10.42.0.0/16,2001:cafe:42::/56\nservice-cidr: 2001:cafe:43::/112,10.43.0.0/16\n';
    assert.match(only(lint(swapped), 'invalid-cidr').message, /Dual-stack order differs/);
    assert.match(only(lint('cluster-cidr: 10.42.0.0/16,10.44.0.0/16\n'), 'invalid-cidr').message, /one IPv4 and one IPv6/);
  });

  it('warns about host bits', () => {
    assert.equal(only(lint('cluster-cidr: 10.42.0.1/16\n'), 'invalid-cidr').severity, 'warning');
  });
});

describe('RKE2 config.yaml: affected versions', () => {
  it('warns on cni: calico when the RKE2 version is known, naming where it came from', () => {
    const text = 'cni: [multus, calico]\n';
    const finding = only(lint(text, undefined, { rke2Version: { value: 'v1.31.7+rke2r1', source: 'setting rke2Calico.rke2Version' } }), 'calico-affected-version');
    assert.deepEqual(at(text, finding), { text: 'calico', where: '1:15' });
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.knownIssue, 'rancher/rke2#7808');
    assert.match(finding.message, /from setting rke2Calico\.rke2Version/);
    assert.match(finding.message, /Upgrade to v1\.31\.8\+rke2r1/);
  });

  it('is an error on the #7808 release candidates and silent on unaffected releases', () => {
    assert.equal(only(lint('cni: calico\n', undefined, { rke2Version: { value: 'v1.32.2-rc1+rke2r1', source: 's' } }), 'calico-affected-version').severity, 'error');
    assert.deepEqual(lint('cni: calico\n', undefined, { rke2Version: { value: 'v1.32.4+rke2r1', source: 's' } }), []);
    assert.deepEqual(lint('cni: canal\n', undefined, { rke2Version: { value: 'v1.31.7+rke2r1', source: 's' } }), []);
  });
});

describe('RKE2 config.yaml: K3s component names in disable', () => {
  it('warns on each K3s name, names what RKE2 has, and fixes the one-to-one names', () => {
    const text = 'disable:\n  - coredns\n  - traefik\n  - rke2-ingress-nginx\ndisable+: servicelb, local-storage,metrics-server\n';
    const findings = withCode(lint(text), 'invalid-value');
    assert.deepEqual(findings.map((finding) => [at(text, finding).text, at(text, finding).where, finding.severity, finding.fix?.title]), [
      ['coredns', '2:5', 'warning', 'Change to rke2-coredns'],
      ['traefik', '3:5', 'warning', undefined],
      ['servicelb', '5:11', 'warning', undefined],
      ['local-storage', '5:22', 'warning', undefined],
      ['metrics-server', '5:36', 'warning', 'Change to rke2-metrics-server'],
    ]);
    assert.equal(applyFix(text, findings[0]?.fix), text.replace('- coredns', '- rke2-coredns'));
    assert.match(findings[1]?.message ?? '', /rke2-traefik .* or rke2-ingress-nginx .*ingress-controller/);
    assert.match(findings[2]?.message ?? '', /enable-servicelb/);
  });

  it('leaves RKE2 names alone, and K3s files and K3s Rancher Clusters too', () => {
    assert.deepEqual(lint('disable: [rke2-coredns, rke2-metrics-server, rke2-ingress-nginx, rke2-traefik]\n'), []);
    assert.deepEqual(lint('disable:\n  - traefik\n  - servicelb\n', '/etc/rancher/k3s/config.yaml'), []);
    const k3sCluster = 'apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata:\n  name: c\nspec:\n  kubernetesVersion: v1.30.4+k3s1\n  rkeConfig:\n    machineGlobalConfig:\n      disable:\n        - traefik\n';
    assert.deepEqual(lint(k3sCluster, '/w/cluster.yaml'), []);
    const rke2Cluster = k3sCluster.replace('v1.30.4+k3s1', 'v1.32.4+rke2r1').replace('- traefik', '- coredns');
    assert.equal(only(lint(rke2Cluster, '/w/cluster.yaml'), 'invalid-value').fix?.title, 'Change to rke2-coredns');
  });
});
