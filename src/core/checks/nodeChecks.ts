import { condition, name, type Json } from '../kube/objectFields';
import { PATHS } from './calicoObjects';
import { result, unknownFrom, type CheckDefinition, type CheckResult, type ObjectRef } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';

export const NODES_CHECK: CheckDefinition = { id: 'nodes.ready', area: 'Nodes', title: 'Node conditions (Ready, network)' };

/** The most node objects one result carries: enough to link findings by node, bounded on a large cluster. */
const NODE_REFS = 50;
const PRESSURES = ['MemoryPressure', 'DiskPressure', 'PIDPressure'];

/** A node with a problem, with the conditions that say why (the cause graph decides which way they point). */
function nodeRef(node: Json, problem: string): ObjectRef {
  const pressures = PRESSURES.filter((type) => condition(node, type)?.status === 'True');
  return { kind: 'Node', name: name(node), path: `${PATHS.nodes}/${name(node)}`, node: name(node), condition: `${problem}${pressures.length > 0 ? `; ${pressures.join(', ')}` : ''}` };
}

/** Nodes Ready and NetworkUnavailable false; the NotReady reason is quoted as the kubelet reports it. */
export function checkNodes(evidence: ClusterEvidence): CheckResult {
  if (evidence.nodes.kind !== 'ok') return unknownFrom(NODES_CHECK, 'nodes', evidence.nodes);
  const nodes = evidence.nodes.value.items;
  // A complete, empty list: no kubelet has registered, so nothing can run pods (an empty page of a cut list says nothing).
  if (nodes.length === 0 && !evidence.nodes.value.truncated) return result(NODES_CHECK, 'fail', 'No node has registered with the API server', ['0 node(s)'], { remediation: 'Each kubelet registers its Node when it starts: read its log on every machine (journalctl -u kubelet; on RKE2 and K3s, the rke2-server/rke2-agent or k3s journal) for why it cannot reach the API server or is refused ("Unable to register node", "Unauthorized", a wrong server address).' });
  const problems: string[] = [];
  const objects: ObjectRef[] = [];
  let notReady = 0;
  const unreported: Json[] = [];
  for (const node of nodes) {
    const ready = condition(node, 'Ready');
    const network = condition(node, 'NetworkUnavailable');
    if (ready === undefined) {
      // The node lifecycle controller writes Ready=Unknown (NodeStatusNeverUpdated) once a registered node's kubelet
      // has not posted status within its grace period, so no condition at all means "not reported yet" (or a copy of
      // the object without its status), not NotReady.
      unreported.push(node);
    } else if (ready.status !== 'True') {
      notReady++;
      if (problems.length < 20) problems.push(`${name(node)} NotReady: ${ready.message ?? ready.reason ?? ready.status}`);
      if (objects.length < NODE_REFS) objects.push(nodeRef(node, `NotReady (${ready.status}): ${[ready.reason, ready.message].filter(Boolean).join(': ')}${network?.status === 'True' ? `; NetworkUnavailable: ${network.reason ?? ''}` : ''}`));
    } else if (network?.status === 'True') {
      if (problems.length < 20) problems.push(`${name(node)} NetworkUnavailable: ${network.message ?? network.reason ?? ''}`);
      if (objects.length < NODE_REFS) objects.push(nodeRef(node, `NetworkUnavailable: ${[network.reason, network.message].filter(Boolean).join(': ')}`));
    }
  }
  const networkDown = nodes.filter((node) => condition(node, 'NetworkUnavailable')?.status === 'True').length;
  const reported = nodes.length - unreported.length;
  const lines = [
    `${nodes.length} node(s)${evidence.nodes.value.truncated ? ' (list truncated)' : ''}: ${reported - notReady} Ready, ${notReady} NotReady, ${networkDown} NetworkUnavailable${unreported.length > 0 ? `, ${unreported.length} without any Ready condition` : ''}`,
    ...problems,
    ...unreported.slice(0, 10).map((node) => `${name(node)}: no Ready condition (its kubelet has not posted status)`),
  ];
  if (notReady > 0 || networkDown > 0) {
    const cni = problems.some((problem) => /cni plugin not initialized|NetworkPluginNotReady/i.test(problem));
    return result(NODES_CHECK, 'fail', `${notReady} of ${nodes.length} node(s) NotReady${networkDown > 0 ? `, ${networkDown} with NetworkUnavailable` : ''}`, lines, {
      objects,
      remediation: cni ? '"cni plugin not initialized": no CNI config on the node yet — calico-node writes /etc/cni/net.d/10-calico.conflist when it starts. Check calico-node on those nodes.' : 'Describe the node and read the kubelet log.',
    });
  }
  if (unreported.length > 0) return result(NODES_CHECK, 'unknown', `unknown: ${unreported.length} of ${nodes.length} node(s) report no Ready condition${reported > 0 ? `; the other ${reported} are Ready` : ''}`, lines, { remediation: 'Describe the node: a kubelet that never posted status gets Ready=Unknown (NodeStatusNeverUpdated) from the node controller within a minute.' });
  return result(NODES_CHECK, 'pass', `All ${nodes.length} node(s) Ready`, lines);
}
