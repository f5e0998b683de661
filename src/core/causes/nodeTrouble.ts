/**
 * Which way a node's trouble points. A node NotReady *because* its network plugin is not ready ("cni plugin not
 * initialized", NetworkReady=false, NetworkUnavailable) is a symptom of calico-node on it; a node NotReady for a
 * reason of its own (the kubelet stopped posting status, PLEG not healthy, the container runtime down, memory, disk
 * or PID pressure) is a cause of calico-node not running there.
 *
 * Sources: kubelet's Ready condition (pkg/kubelet/nodestatus: "container runtime network not ready:
 * NetworkReady=false reason:NetworkPluginNotReady message:… cni plugin not initialized"; "PLEG is not healthy";
 * "container runtime is down"); the node controller's Unknown ("Kubelet stopped posting node status",
 * https://kubernetes.io/docs/concepts/architecture/nodes/#condition); Calico sets NetworkUnavailable from calico-node
 * (reason CalicoIsUp / CalicoIsDown, projectcalico/calico node/pkg/lifecycle/startup).
 */
export type NodeTrouble = 'network' | 'own';

const NETWORK_WORDS = /NetworkPluginNotReady|cni plugin not initiali[sz]ed|cni config uninitiali[sz]ed|network plugin is not ready|NetworkReady=false|CalicoIsDown|NetworkUnavailable/i;

/** The trouble of a Node as the nodes check wrote its condition (`NotReady (<status>): <reason>: <message>`). */
export function nodeTrouble(condition: string): NodeTrouble {
  // Unknown: the kubelet is not reporting at all; whatever network condition the node still shows is stale.
  if (/^NotReady \(Unknown\)/.test(condition)) return 'own';
  return NETWORK_WORDS.test(condition) ? 'network' : 'own';
}
