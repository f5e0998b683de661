import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rke2ConfigJsonSchema } from '../../../src/core/files/rke2ConfigSchema';
import { RKE2_CONFIG_KEYS } from '../../../src/core/files/rke2Config/rke2ConfigKeys';
import { gatherWorkspaceFacts, lintWorkspace } from '../../../src/core/files/workspaceContext';

const CLUSTER = 'apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata:\n  name: c\nspec:\n  kubernetesVersion: v1.31.7+rke2r1\n  rkeConfig:\n    machineGlobalConfig:\n      cni: calico\n';
const PLAN = 'apiVersion: upgrade.cattle.io/v1\nkind: Plan\nmetadata:\n  name: p\nspec:\n  version: v1.32.3+rke2r1\n';

describe('workspace context', () => {
  it('takes the RKE2 version from a Rancher Cluster, else from a Plan, and names the place', () => {
    const both = gatherWorkspaceFacts([{ path: '/w/plan.yaml', text: PLAN }, { path: '/w/cluster.yaml', text: CLUSTER, label: 'cluster.yaml' }]).contextFor('/w/x.yaml');
    assert.equal(both.rke2Version?.value, 'v1.31.7+rke2r1');
    assert.equal(both.rke2Version.source, 'cluster.yaml:6');
    assert.equal(gatherWorkspaceFacts([{ path: '/w/plan.yaml', text: PLAN }]).contextFor('/w/x.yaml').rke2Version?.value, 'v1.32.3+rke2r1');
  });

  it('lets the setting win and reads cluster-cidr with RKE2 merge order (last file wins)', () => {
    const context = gatherWorkspaceFacts(
      [
        { path: '/etc/rancher/rke2/config.yaml', text: 'cluster-cidr: 10.42.0.0/16\n' },
        { path: '/etc/rancher/rke2/config.yaml.d/90-net.yaml', text: 'cluster-cidr: 10.52.0.0/16,fd42::/56\n' },
        { path: '/w/cluster.yaml', text: CLUSTER },
      ],
      { rke2Version: { value: 'v1.33.0+rke2r1', source: 'setting' } },
    ).contextFor('/etc/rancher/rke2/manifests/x.yaml');
    assert.equal(context.rke2Version?.value, 'v1.33.0+rke2r1');
    assert.deepEqual(context.clusterCidr?.value, ['10.52.0.0/16', 'fd42::/56']);
  });

  it('ignores a Rancher Cluster that selects another CNI', () => {
    assert.equal(gatherWorkspaceFacts([{ path: '/w/c.yaml', text: CLUSTER.replace('cni: calico', 'cni: canal') }]).contextFor('/w/x.yaml').rke2Version, undefined);
  });
});

describe('workspace facts across files and folders', () => {
  const POOL = 'apiVersion: helm.cattle.io/v1\nkind: HelmChartConfig\nmetadata:\n  name: rke2-calico\n  namespace: kube-system\nspec:\n  valuesContent: |-\n    installation:\n      calicoNetwork:\n        ipPools:\n        - cidr: 10.244.0.0/16\n';
  const codes = (results: ReturnType<typeof lintWorkspace>, file: string): string[] => results.find((result) => result.file === file)?.findings.map((finding) => finding.code) ?? [];

  it('applies a config\'s cluster-cidr to the files of its own folder tree, never to another path given', () => {
    const files = [
      { path: '/a/etc/server/config.yaml', root: '/a', text: 'cluster-cidr: 192.168.60.0/24\ncni: calico\n' },
      { path: '/a/manifests/calico.yaml', root: '/a', text: POOL },
      { path: '/b/manifests/calico.yaml', root: '/b', text: POOL },
    ];
    const results = lintWorkspace(files);
    assert.deepEqual(codes(results, '/a/manifests/calico.yaml'), ['ippool-cidr-mismatch']);
    assert.deepEqual(codes(results, '/b/manifests/calico.yaml'), []);
  });

  it('follows RKE2\'s merge order: a later node-taint+ appends, a later plain key drops what + appended', () => {
    const base = { path: '/etc/rancher/rke2/config.yaml', text: 'node-taint:\n  - a=b:NoSchedule\n' };
    const appendLater = lintWorkspace([base, { path: '/etc/rancher/rke2/config.yaml.d/50-x.yaml', text: 'node-taint+:\n  - c=d:NoExecute\n' }]);
    assert.deepEqual(appendLater.flatMap((result) => result.findings.map((finding) => finding.code)), []);
    const lost = lintWorkspace([{ path: '/etc/rancher/rke2/config.yaml', text: 'node-taint+:\n  - a=b:NoSchedule\n' }, { path: '/etc/rancher/rke2/config.yaml.d/50-x.yaml', text: 'node-taint:\n  - c=d:NoExecute\n' }]);
    assert.deepEqual(codes(lost, '/etc/rancher/rke2/config.yaml.d/50-x.yaml'), ['conflicting-append']);
    assert.equal(lost[1]?.findings[0]?.related?.[0]?.file, '/etc/rancher/rke2/config.yaml');
  });

  it('says where configs of one cluster disagree on a flag that must match', () => {
    const results = lintWorkspace([
      { path: '/r/etc/server/config.yaml', text: 'cni: calico\ntls-san: [a]\n' },
      { path: '/r/etc/agent/config.yaml', text: 'cni: canal\nserver: https://a:9345\n' },
      { path: '/r/other/config.yaml', text: 'cni: cilium\ntls-san: [b]\n' },
    ]);
    assert.deepEqual(codes(results, '/r/etc/server/config.yaml'), ['config-disagreement']);
    // Folders named for roles only suggest one cluster: an info that names the assumption, not a warning.
    const finding = results.find((result) => result.file === '/r/etc/server/config.yaml')?.findings[0];
    assert.equal(finding?.severity, 'info');
    assert.match(finding.message, /only assumed from their names/);
    assert.deepEqual(codes(results, '/r/other/config.yaml'), []);
  });

  it('does not compare configs that sit side by side as alternatives (examples, fixtures of several clusters)', () => {
    const results = lintWorkspace([
      { path: '/repo/examples/one/calico.yaml', text: 'cni: calico\ncluster-cidr: 10.42.0.0/16\nwrite-kubeconfig-mode: "0644"\n' },
      { path: '/repo/examples/one/cilium.yaml', text: 'cni: cilium\ncluster-cidr: 10.52.0.0/16\nwrite-kubeconfig-mode: "0644"\n' },
      { path: '/repo/test/fixtures/cluster-a.yaml', text: 'cni: canal\ntls-san: [a]\ndisable-kube-proxy: true\n' },
      { path: '/repo/test/fixtures/cluster-b.yaml', text: 'cni: calico\ntls-san: [b]\ndisable-kube-proxy: true\n' },
    ]);
    assert.deepEqual(results.flatMap((result) => result.findings.filter((found) => found.code === 'config-disagreement')), []);
  });

  it('warns where the user declared the files one cluster (rke2Calico.configFiles, --config)', () => {
    const results = lintWorkspace([
      { path: '/repo/nodes/a.yaml', text: 'cni: calico\ntls-san: [a]\n', forceRke2Config: true },
      { path: '/repo/nodes/b.yaml', text: 'cni: canal\ntls-san: [b]\n', forceRke2Config: true },
    ]);
    const found = results.flatMap((result) => result.findings.filter((finding) => finding.code === 'config-disagreement'));
    assert.deepEqual(found.map((finding) => finding.severity), ['warning', 'warning']);
    assert.match(found[0]?.message ?? '', /RKE2 requires cni to be the same on all servers of a cluster\.$/);
  });
});

describe('config.yaml JSON Schema', () => {
  it('is generated from the key table: every key, typed, with + variants for lists', () => {
    const schema = rke2ConfigJsonSchema() as { properties: Record<string, { type?: string; anyOf?: unknown[]; enum?: string[] }>; additionalProperties: boolean };
    for (const entry of RKE2_CONFIG_KEYS) assert.ok(schema.properties[entry.key], entry.key);
    assert.equal(schema.properties.debug?.type, 'boolean');
    assert.ok(schema.properties['cni+']?.anyOf);
    assert.deepEqual(schema.properties['egress-selector-mode']?.enum, ['agent', 'cluster', 'pod', 'disabled']);
    assert.equal(schema.additionalProperties, false);
  });
});
