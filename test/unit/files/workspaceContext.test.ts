import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rke2ConfigJsonSchema } from '../../../src/core/files/rke2ConfigSchema';
import { RKE2_CONFIG_KEYS } from '../../../src/core/files/rke2Config/rke2ConfigKeys';
import { gatherWorkspaceContext } from '../../../src/core/files/workspaceContext';

const CLUSTER = 'apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata:\n  name: c\nspec:\n  kubernetesVersion: v1.31.7+rke2r1\n  rkeConfig:\n    machineGlobalConfig:\n      cni: calico\n';
const PLAN = 'apiVersion: upgrade.cattle.io/v1\nkind: Plan\nmetadata:\n  name: p\nspec:\n  version: v1.32.3+rke2r1\n';

describe('workspace context', () => {
  it('takes the RKE2 version from a Rancher Cluster, else from a Plan, and names the place', () => {
    const both = gatherWorkspaceContext([{ path: '/w/plan.yaml', text: PLAN }, { path: '/w/cluster.yaml', text: CLUSTER, label: 'cluster.yaml' }]);
    assert.equal(both.rke2Version?.value, 'v1.31.7+rke2r1');
    assert.equal(both.rke2Version.source, 'cluster.yaml:6');
    assert.equal(gatherWorkspaceContext([{ path: '/w/plan.yaml', text: PLAN }]).rke2Version?.value, 'v1.32.3+rke2r1');
  });

  it('lets the setting win and reads cluster-cidr with RKE2 merge order (last file wins)', () => {
    const context = gatherWorkspaceContext(
      [
        { path: '/etc/rancher/rke2/config.yaml', text: 'cluster-cidr: 10.42.0.0/16\n' },
        { path: '/etc/rancher/rke2/config.yaml.d/90-net.yaml', text: 'cluster-cidr: 10.52.0.0/16,fd42::/56\n' },
        { path: '/w/cluster.yaml', text: CLUSTER },
      ],
      { rke2Version: { value: 'v1.33.0+rke2r1', source: 'setting' } },
    );
    assert.equal(context.rke2Version?.value, 'v1.33.0+rke2r1');
    assert.deepEqual(context.clusterCidr?.value, ['10.52.0.0/16', 'fd42::/56']);
  });

  it('ignores a Rancher Cluster that selects another CNI', () => {
    assert.equal(gatherWorkspaceContext([{ path: '/w/c.yaml', text: CLUSTER.replace('cni: calico', 'cni: canal') }]).rke2Version, undefined);
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
