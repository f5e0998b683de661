import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCalicoAddresses } from '../../../src/core/checks/addressChecks';
import { FORBIDDEN, found, healthyEvidence, listed } from '../../builders/clusterEvidence';
import { installation, node, pod } from '../../builders/kubeObjects';

describe('nodes.calico-addresses', () => {
  it('passes when every node uses its own InternalIP', () => {
    const outcome = checkCalicoAddresses(healthyEvidence());
    assert.equal(outcome.status, 'pass');
    assert.match(outcome.evidence[0] ?? '', /3 of 3 nodes carry a Calico address/);
  });

  it('no address on any node: calico-node never started, unless its pods are still within their start', () => {
    const nodes = listed([node({ name: 'a', internalIp: '10.0.0.1', calicoAddress: null })]);
    const calicoNode = (created: string): Record<string, unknown> => pod({ name: 'calico-node-a1', namespace: 'calico-system', labels: { 'k8s-app': 'calico-node' }, nodeName: 'a', waiting: { reason: 'PodInitializing' }, created });
    assert.equal(checkCalicoAddresses(healthyEvidence({ nodes, calicoNodePods: listed([calicoNode('2026-06-30T09:40:00Z')]) })).status, 'fail');
    const young = checkCalicoAddresses(healthyEvidence({ nodes, calicoNodePods: listed([calicoNode('2026-06-30T09:59:20Z')]) }));
    assert.equal(young.status, 'unknown');
    assert.match(young.summary, /^unknown: calico-node still starting — 1 pod\(s\) not Ready yet, the oldest created 40 s ago: it publishes the node addresses once it runs$/);
  });

  it('fails when two nodes claim one address, naming both and the fix', () => {
    const nodes = listed([node({ name: 'a', internalIp: '10.0.0.1', calicoAddress: '172.17.0.1/16' }), node({ name: 'b', internalIp: '10.0.0.2', calicoAddress: '172.17.0.1/16' })]);
    const outcome = checkCalicoAddresses(healthyEvidence({ nodes }));
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.evidence.join('\n'), /172\.17\.0\.1 is claimed by a, b/);
    assert.match(outcome.remediation ?? '', /nodeAddressAutodetectionV4: \{kubernetes: NodeInternalIP\}/);
  });

  it('warns when first-found picked another interface, but not when the Installation chose it', () => {
    const nodes = listed([node({ name: 'a', internalIp: '10.0.0.1' }), node({ name: 'b', internalIp: '10.0.0.2', calicoAddress: '10.0.2.15/24' })]);
    const firstFound = checkCalicoAddresses(healthyEvidence({ nodes }));
    assert.equal(firstFound.status, 'warn');
    assert.match(firstFound.evidence.join('\n'), /b: Calico uses 10\.0\.2\.15, InternalIP is 10\.0\.0\.2/);
    const chosen = checkCalicoAddresses(healthyEvidence({ nodes, installation: found(installation({ autodetectionV4: { interface: 'eth1' } })) }));
    assert.equal(chosen.status, 'pass');
    assert.match(chosen.evidence.join('\n'), /chosen on purpose/);
  });

  it('warns about nodes without an address, fails when no node has one, unknown when nodes are forbidden', () => {
    assert.equal(checkCalicoAddresses(healthyEvidence({ nodes: listed([node({ name: 'a' }), node({ name: 'b', internalIp: '10.0.0.9', calicoAddress: null })]) })).status, 'warn');
    assert.equal(checkCalicoAddresses(healthyEvidence({ nodes: listed([node({ name: 'a', calicoAddress: null })]) })).status, 'fail');
    const unknown = checkCalicoAddresses(healthyEvidence({ nodes: FORBIDDEN }));
    assert.equal(unknown.status, 'unknown');
    assert.match(unknown.summary, /^unknown: forbidden/);
  });

  it('with no address on any node, says "never started" only when calico-node\'s pods show it', () => {
    const bare = listed([node({ name: 'a', calicoAddress: null }), node({ name: 'b', internalIp: '10.0.0.9', calicoAddress: null })]);
    const calicoNode = (waiting?: string) => listed([pod({ name: 'calico-node-7xk2d', namespace: 'calico-system', labels: { 'k8s-app': 'calico-node' }, nodeName: 'a', ...(waiting ? { waiting: { reason: waiting } } : {}) })]);
    const ready = checkCalicoAddresses(healthyEvidence({ nodes: bare, calicoNodePods: calicoNode() }));
    assert.equal(ready.status, 'unknown');
    assert.match(ready.summary, /although calico-node is Ready/);
    assert.equal(checkCalicoAddresses(healthyEvidence({ nodes: bare, calicoNodePods: calicoNode('CrashLoopBackOff') })).status, 'fail');
    const unread = checkCalicoAddresses(healthyEvidence({ nodes: bare, calicoNodePods: FORBIDDEN }));
    assert.equal(unread.status, 'unknown');
    assert.match(unread.summary, /^unknown: forbidden — could not read calico-node pods/);
  });
});
