import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rootCausesOfChecks } from '../../../src/core/causes/rootCauseReport';
import { runClusterChecks } from '../../../src/core/checks/runClusterChecks';
import { daemonSet, node, pod } from '../../builders/kubeObjects';
import { found, healthyEvidence, listed } from '../../builders/clusterEvidence';

const NO_CNI = 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';
const calicoNodePod = (name: string, nodeName: string, waiting?: { reason: string; message?: string }) =>
  pod({ name, namespace: 'calico-system', labels: { 'k8s-app': 'calico-node' }, nodeName, container: 'calico-node', ...(waiting ? { waiting } : {}) });

function firstCause(nodes: ReturnType<typeof node>[], pods: ReturnType<typeof pod>[]) {
  const evidence = healthyEvidence({ nodes: listed(nodes), calicoNodeDaemonSet: found(daemonSet({ desired: 3, ready: 2 })), calicoNodePods: listed(pods) });
  const [cause] = rootCausesOfChecks(runClusterChecks(evidence), { podLogs: evidence.podLogs });
  assert.ok(cause !== undefined, 'a root cause');
  return cause;
}

describe('the checks carry what links their findings', () => {
  it('a node down for its own reason is the root of calico-node not ready on it', () => {
    const cause = firstCause(
      [node({ name: 'server-1' }), node({ name: 'agent-1' }), node({ name: 'agent-2', ready: false, notReadyMessage: 'PLEG is not healthy: pleg was last seen active 3m0s ago' })],
      [calicoNodePod('calico-node-a', 'server-1'), calicoNodePod('calico-node-b', 'agent-1'), calicoNodePod('calico-node-c', 'agent-2', { reason: 'ContainerCreating' })],
    );
    assert.equal(cause.check, 'nodes.ready');
    assert.match(cause.summary, /agent-2 is NotReady for a reason of their own: .*PLEG/);
    assert.deepEqual(cause.explains, ['workloads.calico-node']);
  });

  it('an image pull refused on a node is the root of calico-node there and of the node without network', () => {
    const cause = firstCause(
      [node({ name: 'server-1' }), node({ name: 'agent-1', ready: false, notReadyMessage: NO_CNI }), node({ name: 'agent-2' })],
      [calicoNodePod('calico-node-a', 'server-1'), calicoNodePod('calico-node-b', 'agent-1', { reason: 'ImagePullBackOff', message: 'Back-off pulling image' }), calicoNodePod('calico-node-c', 'agent-2')],
    );
    assert.equal(cause.check, 'workloads.images');
    assert.deepEqual([...cause.explains].sort(), ['nodes.ready', 'workloads.calico-node']);
    assert.ok(cause.links.some((link) => link.link === 'both on node agent-1'), 'calico-node and the node are linked by the node');
  });
});
