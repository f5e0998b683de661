import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LintContext } from '../../../src/core/files/lintContext';
import { applyFix, at, lint, only, withCode } from './lintHelpers';

const MANIFEST = '/work/manifests/rke2-calico-config.yaml';

function helmChartConfig(values: string, header = '|-', name = 'rke2-calico', namespace = 'kube-system'): string {
  return `apiVersion: helm.cattle.io/v1\nkind: HelmChartConfig\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  valuesContent: ${header}\n${values}`;
}

describe('HelmChartConfig rke2-calico', () => {
  it('flags tigeraOperator.version v1.36.5 at the exact line with a fix to v1.36.7, quotes kept', () => {
    const text = helmChartConfig('    tigeraOperator:\n      version: "v1.36.5"\n');
    const finding = only(lint(text, MANIFEST), 'calico-affected-version');
    assert.deepEqual(at(text, finding), { text: 'v1.36.5', where: '9:17' });
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.url, 'https://github.com/rancher/rke2/issues/7808');
    assert.match(finding.message, /Calico v3\.29\.2/);
    assert.equal(applyFix(text, finding.fix), helmChartConfig('    tigeraOperator:\n      version: "v1.36.7"\n'));
  });

  it('maps valuesContent problems into literal and folded blocks of any indentation', () => {
    for (const [header, indent] of [['|-', '    '], ['|', '          '], ['>-', '    '], ['|2-', '    ']] as const) {
      const values = `${indent}installation:\n${indent}  calicoNetwork:\n${indent}    bgp: Disable\n`;
      const text = helmChartConfig(values, header);
      const finding = only(lint(text, MANIFEST), 'invalid-value');
      assert.deepEqual(at(text, finding), { text: 'Disable', where: `10:${indent.length + 10}` }, `${header} with ${indent.length} spaces`);
      assert.match(applyFix(text, finding.fix), /bgp: Disabled\n/);
    }
  });

  it('reports YAML syntax errors inside valuesContent at their line', () => {
    const text = helmChartConfig('    installation:\n      calicoNetwork: [a, b\n    felixConfiguration: {}\n');
    const finding = withCode(lint(text, MANIFEST), 'yaml-syntax')[0];
    assert.ok(finding);
    assert.match(finding.message, /^valuesContent: /);
    const line = Number(at(text, finding).where.split(':')[0]);
    assert.ok(line >= 9 && line <= 10, `line ${line}`);
  });

  it('flags unknown chart values with did-you-mean and checks the Installation enums', () => {
    const values = [
      '    felixConfiguraton: {}',
      '    installation:',
      '      calicoNetwork:',
      '        linuxDataplane: eBPF',
      '        ipPools:',
      '          - cidr: 10.42.0.0/16',
      '            encapsulation: VXLANCrossSubnets',
      '            natOutgoing: true',
      '',
    ].join('\n');
    const text = helmChartConfig(values);
    const findings = lint(text, MANIFEST);
    const unknown = only(findings, 'unknown-key');
    assert.deepEqual(at(text, unknown), { text: 'felixConfiguraton', where: '8:5' });
    assert.match(unknown.message, /Did you mean "felixConfiguration"/);
    assert.deepEqual(withCode(findings, 'invalid-value').map((finding) => at(text, finding).text), ['eBPF', 'VXLANCrossSubnets', 'true']);
  });

  it('checks IP pools against the workspace cluster-cidr, pointing at config.yaml', () => {
    const context: LintContext = { clusterCidr: { value: ['10.42.0.0/16'], source: 'config.yaml:3', file: '/etc/rancher/rke2/config.yaml', span: { start: 30, end: 42 } } };
    const text = helmChartConfig('    installation:\n      calicoNetwork:\n        ipPools:\n          - cidr: 10.52.0.0/16\n');
    const finding = only(lint(text, MANIFEST, context), 'ippool-cidr-mismatch');
    assert.equal(at(text, finding).text, '10.52.0.0/16');
    assert.deepEqual(finding.related?.[0], { file: '/etc/rancher/rke2/config.yaml', span: { start: 30, end: 42 }, message: 'cluster-cidr: 10.42.0.0/16' });
    assert.deepEqual(lint(helmChartConfig('    installation:\n      calicoNetwork:\n        ipPools:\n          - cidr: 10.42.0.0/16\n'), MANIFEST, context), []);
  });

  it('requires the kube-system namespace and a real chart name', () => {
    const wrongNamespace = helmChartConfig('    installation: {}\n', '|-', 'rke2-calico', 'calico-system');
    const finding = only(lint(wrongNamespace, MANIFEST), 'invalid-value');
    assert.equal(at(wrongNamespace, finding).text, 'calico-system');
    assert.match(applyFix(wrongNamespace, finding.fix), /namespace: kube-system/);
    const wrongName = helmChartConfig('    installation: {}\n', '|-', 'calico');
    assert.match(only(lint(wrongName, MANIFEST), 'invalid-value').message, /matches no RKE2 chart/);
  });

  it('leaves HelmChartConfigs of other charts to syntax checks only', () => {
    const text = helmChartConfig('    whatever: true\n', '|-', 'rke2-canal');
    assert.deepEqual(lint(text, MANIFEST), []);
  });
});

describe('HelmChart, Rancher Cluster, Plan and image tags', () => {
  it('reads the rke2-calico chart version from spec.version and the chart-url annotation', () => {
    const text = [
      'apiVersion: helm.cattle.io/v1',
      'kind: HelmChart',
      'metadata:',
      '  name: rke2-calico',
      '  namespace: kube-system',
      '  annotations:',
      '    helm.cattle.io/chart-url: https://rke2-charts.rancher.io/assets/rke2-calico/rke2-calico-v3.29.200.tgz',
      'spec:',
      '  version: v3.29.200',
      '  bootstrap: true',
      '',
    ].join('\n');
    const findings = withCode(lint(text, '/var/lib/rancher/rke2/server/manifests/rke2-calico.yaml'), 'calico-affected-version');
    assert.deepEqual(findings.map((finding) => at(text, finding)), [
      { text: 'v3.29.200', where: '7:93' },
      { text: 'v3.29.200', where: '9:12' },
    ]);
    assert.match(applyFix(text, findings[1]?.fix), /version: v3\.29\.300/);
  });

  it('judges a Rancher Cluster kubernetesVersion by its CNI', () => {
    const cluster = (cni: string): string => `apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata:\n  name: c\nspec:\n  kubernetesVersion: v1.32.3+rke2r1\n  rkeConfig:\n    machineGlobalConfig:\n${cni}`;
    const calico = cluster('      cni: calico\n');
    const finding = only(lint(calico, '/w/cluster.yaml'), 'calico-affected-version');
    assert.deepEqual(at(calico, finding), { text: 'v1.32.3+rke2r1', where: '6:22' });
    assert.equal(applyFix(calico, finding.fix), calico.replace('v1.32.3+rke2r1', 'v1.32.4+rke2r1'));
    assert.deepEqual(lint(cluster('      cni: canal\n'), '/w/cluster.yaml'), []);
    assert.equal(only(lint(cluster('      disable-kube-proxy: false\n'), '/w/cluster.yaml'), 'calico-affected-version').severity, 'info');
  });

  it('says nothing of a null in machineGlobalConfig (Rancher drops it), but flags an empty string (Rancher writes it)', () => {
    const cluster = (value: string): string => `apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata:\n  name: c\nspec:\n  kubernetesVersion: v1.32.4+rke2r1\n  rkeConfig:\n    machineGlobalConfig:\n      cni: canal\n      profile: ${value}\n    machineSelectorConfig:\n      - config:\n          protect-kernel-defaults: ${value}\n`;
    assert.deepEqual(lint(cluster('null'), '/w/cluster.yaml'), []);
    assert.deepEqual(lint(cluster('~'), '/w/cluster.yaml'), []);
    const empty = lint(cluster('""'), '/w/cluster.yaml');
    assert.deepEqual(empty.map((finding) => finding.message.split(':')[0]), ['profile has no value', 'protect-kernel-defaults has no value']);
    // The same null in a file RKE2 reads itself becomes --profile= (k3s configfilearg).
    assert.match(only(lint('profile: null\n'), 'invalid-value').message, /--profile= \(empty\)/);
  });

  it('checks a Plan version and says a channel cannot be checked', () => {
    const pinned = 'apiVersion: upgrade.cattle.io/v1\nkind: Plan\nmetadata:\n  name: p\nspec:\n  version: v1.31.6-rc2+rke2r1\n';
    assert.equal(only(lint(pinned, '/w/plan.yaml'), 'calico-affected-version').severity, 'error');
    const channel = 'apiVersion: upgrade.cattle.io/v1\nkind: Plan\nmetadata:\n  name: p\nspec:\n  channel: https://update.rke2.io/v1-release/channels/stable\n';
    const finding = only(lint(channel, '/w/plan.yaml'), 'version-unknown');
    assert.equal(finding.severity, 'info');
    const malformed = `${pinned.replace('v1.31.6-rc2+rke2r1', 'latest')}  upgrade:\n    image: rancher/rke2-upgrade\n`;
    assert.match(only(lint(malformed, '/w/plan.yaml'), 'invalid-value').message, /not an RKE2 version/);
    // Not RKE2's business: a K3s plan, an OS-patch plan, a K3s Rancher cluster.
    assert.deepEqual(lint(`${pinned.replace('v1.31.6-rc2+rke2r1', 'v1.24.8+k3s1')}  upgrade:\n    image: rancher/k3s-upgrade\n`, '/w/plan.yaml'), []);
    assert.deepEqual(lint(pinned.replace('v1.31.6-rc2+rke2r1', 'sles'), '/w/plan.yaml'), []);
    const k3sCluster = 'apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata:\n  name: c\nspec:\n  kubernetesVersion: v1.24.8+k3s1\n';
    assert.deepEqual(lint(k3sCluster, '/w/cluster.yaml'), []);
  });

  it('finds affected Calico and operator image tags in any manifest', () => {
    const text = 'apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      containers:\n        - image: docker.io/rancher/mirrored-calico-node:v3.29.2\n        - image: quay.io/tigera/operator:v1.36.5\n        - image: rancher/mirrored-calico-node:v3.29.3\n';
    const findings = withCode(lint(text, '/w/ds.yaml'), 'calico-affected-version');
    assert.deepEqual(findings.map((finding) => at(text, finding).text), ['v3.29.2', 'v1.36.5']);
    assert.match(applyFix(text, findings[0]?.fix), /mirrored-calico-node:v3\.29\.3\n {8}- image: quay/);
  });

  it('ignores unrelated YAML entirely, even broken YAML', () => {
    assert.deepEqual(lint('name: app\nitems: [1, 2\n', '/w/app.yaml'), []);
  });

  it('reports binary content instead of parsing it', () => {
    assert.equal(only(lint('cni: calico\n\u0000\u0001\u0002', '/etc/rancher/rke2/config.yaml'), 'file-skipped').severity, 'warning');
  });
});
