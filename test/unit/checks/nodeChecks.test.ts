import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkNodes } from '../../../src/core/checks/nodeChecks';
import { FORBIDDEN, healthyEvidence, listed, otherCni } from '../../builders/clusterEvidence';
import { node } from '../../builders/kubeObjects';
import { assertResult, resultOf } from './checkAssertions';

describe('nodes.ready', () => {
  it('passes when every node is Ready and none has NetworkUnavailable', () => {
    assertResult(checkNodes(healthyEvidence()), { status: 'pass', summary: /^All 3 node\(s\) Ready$/, evidence: [/^3 node\(s\): 3 Ready, 0 NotReady, 0 NetworkUnavailable$/], remediation: null });
  });

  it('fails on NotReady nodes, quoting the kubelet; "cni plugin not initialized" points at calico-node', () => {
    const nodes = listed([node({ name: 'server-1' }), node({ name: 'agent-1', ready: false, notReadyMessage: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized' })]);
    assertResult(checkNodes(healthyEvidence({ nodes })), {
      status: 'fail',
      summary: /^1 of 2 node\(s\) NotReady$/,
      evidence: [/^2 node\(s\): 1 Ready, 1 NotReady, 0 NetworkUnavailable$/, /^agent-1 NotReady: container runtime network not ready: .*cni plugin not initialized$/],
      remediation: /^"cni plugin not initialized": no CNI config on the node yet — calico-node writes \/etc\/cni\/net\.d\/10-calico\.conflist/,
    });
  });

  it('fails on NetworkUnavailable (calico-node could not clear it), and on other NotReady reasons with the generic advice', () => {
    assertResult(checkNodes(healthyEvidence({ nodes: listed([node({ name: 'agent-1', networkUnavailable: 'Calico is shutting down on this node' })]) })), {
      status: 'fail',
      summary: /^0 of 1 node\(s\) NotReady, 1 with NetworkUnavailable$/,
      evidence: [/1 NetworkUnavailable$/, /^agent-1 NetworkUnavailable: Calico is shutting down on this node$/],
      remediation: /^Describe the node and read the kubelet log\.$/,
    });
    assertResult(checkNodes(healthyEvidence({ nodes: listed([node({ name: 'agent-1', ready: false, notReadyMessage: 'PLEG is not healthy' })]) })), { status: 'fail', summary: /^1 of 1/, evidence: [/^agent-1 NotReady: PLEG is not healthy$/], remediation: /^Describe the node/ });
  });

  it('is unknown, not NotReady, for a node that carries no Ready condition (its kubelet has not posted status)', () => {
    const bare = { ...node({ name: 'agent-9' }), status: { nodeInfo: { kubeletVersion: 'v1.31.4+rke2r1' } } };
    assertResult(checkNodes(healthyEvidence({ nodes: listed([node({ name: 'server-1' }), bare]) })), {
      status: 'unknown',
      summary: /^unknown: 1 of 2 node\(s\) report no Ready condition; the other 1 are Ready$/,
      evidence: [/^2 node\(s\): 1 Ready, 0 NotReady, 0 NetworkUnavailable, 1 without any Ready condition$/, /^agent-9: no Ready condition/],
      remediation: /NodeStatusNeverUpdated/,
    });
    // An explicit NotReady elsewhere still fails.
    assert.equal(checkNodes(healthyEvidence({ nodes: listed([node({ name: 'a', ready: false, notReadyMessage: 'PLEG is not healthy' }), bare]) })).status, 'fail');
  });

  it('is unknown when nodes cannot be read, and says when the list was cut short', () => {
    assertResult(checkNodes(healthyEvidence({ nodes: FORBIDDEN })), { status: 'unknown', summary: /^unknown: forbidden — could not read nodes$/, evidence: [/^nodes: forbidden/], remediation: /^Grant this user get\/list on nodes/ });
    assertResult(checkNodes(healthyEvidence({ nodes: listed([node({ name: 'a' })], true) })), { status: 'pass', summary: /^All 1 node/, evidence: [/^1 node\(s\) \(list truncated\): /], remediation: null });
  });

  it('fails when the list answered in full without a node (no kubelet registered), not on an empty page of a cut list', () => {
    assertResult(checkNodes(healthyEvidence({ nodes: listed([]) })), { status: 'fail', summary: /^No node has registered with the API server$/, evidence: [/^0 node\(s\)$/], remediation: /^Each kubelet registers its Node/ });
    assert.notEqual(checkNodes(healthyEvidence({ nodes: listed([], true) })).status, 'fail');
  });

  it('still runs when Calico is not the CNI (node readiness matters to any CNI)', () => {
    assert.equal(resultOf(healthyEvidence(otherCni('rke2-cilium')), 'nodes.ready').status, 'pass');
  });
});
