import { list, name, text, type Json } from '../kube/objectFields';
import { result, unknownFrom, type CheckDefinition, type CheckResult } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';
import { podReady } from './podProblems';
import { startingSummary, STARTING_REMEDIATION, stillStarting } from './startingPods';

export const ADDRESS_CHECK: CheckDefinition = { id: 'nodes.calico-addresses', area: 'Nodes', title: "Calico's node addresses" };

/** Annotations calico-node writes on its Node (libcalico-go lib/backend/k8s/resources/node.go). */
const ADDRESS_ANNOTATIONS = ['projectcalico.org/IPv4Address', 'projectcalico.org/IPv6Address'] as const;
const SHOWN = 15;

interface NodeAddresses {
  readonly node: string;
  readonly calico: readonly string[];
  readonly internal: readonly string[];
}

function withoutPrefix(address: string): string {
  return address.replace(/\/\d+$/, '').toLowerCase();
}

function addressesOf(node: Json): NodeAddresses {
  const calico = ADDRESS_ANNOTATIONS.map((key) => text(node, 'metadata', 'annotations', key)).filter((value): value is string => value !== undefined && value !== '').map(withoutPrefix);
  const internal = list(node, 'status', 'addresses').filter((entry) => text(entry, 'type') === 'InternalIP').map((entry) => (text(entry, 'address') ?? '').toLowerCase());
  return { node: name(node), calico, internal };
}

/** Autodetection the user chose on purpose (an interface, CIDRs, a reachable address): a differing address is intended. */
function chosenAutodetection(evidence: ClusterEvidence): string | undefined {
  if (evidence.installation.kind !== 'ok') return undefined;
  const method = evidence.installation.value as { spec?: { calicoNetwork?: { nodeAddressAutodetectionV4?: Record<string, unknown> } } } | null;
  const chosen = Object.keys(method?.spec?.calicoNetwork?.nodeAddressAutodetectionV4 ?? {}).filter((key) => key !== 'firstFound');
  return chosen.length > 0 ? chosen.join(', ') : undefined;
}

function more(count: number): string[] {
  return count > SHOWN ? [`… and ${count - SHOWN} more`] : [];
}

/**
 * No node carries an address. That means calico-node never started only when its pods show it; with Ready pods the
 * addresses are simply not published on the Node objects (IP=none, a state rebuilt without annotations), and with
 * its pods unreadable nothing tells the two apart.
 */
function noAddressAnywhere(evidence: ClusterEvidence, lines: string[]): CheckResult {
  const lists = [evidence.calicoNodePods, ...(evidence.manifestInstall ? [evidence.manifestInstall.calicoNodePods] : [])];
  const pods = lists.flatMap((read) => (read.kind === 'ok' ? read.value.items : []));
  if (pods.some(podReady)) {
    return result(ADDRESS_CHECK, 'unknown', 'unknown: no node carries a Calico address annotation although calico-node is Ready — nothing to compare', [...lines, `${pods.filter(podReady).length} calico-node pod(s) Ready`], { remediation: 'Read the addresses on a node with `calicoctl get node -o wide`, or the "Using autodetected IPv4 address" line of a calico-node log.' });
  }
  const unread = lists.find((read): read is Exclude<typeof read, { kind: 'ok' }> => read.kind !== 'ok');
  if (pods.length === 0 && unread !== undefined) return unknownFrom(ADDRESS_CHECK, 'calico-node pods (to tell whether it ever started)', unread);
  const starting = stillStarting(pods, evidence.collectedAt);
  if (starting) return result(ADDRESS_CHECK, 'unknown', `${startingSummary('calico-node', starting)}: it publishes the node addresses once it runs`, lines, { remediation: STARTING_REMEDIATION });
  return result(ADDRESS_CHECK, 'fail', 'No node carries a Calico address: calico-node has not started on any node', lines, { remediation: 'See the calico-node check and its pod logs.' });
}

/**
 * The address calico-node autodetected on each node (its projectcalico.org/IPv4Address annotation) against the
 * node's InternalIP. Two nodes claiming one address stop calico-node on the second ("Calico node … is already using
 * the IPv4 address"); an address on the wrong interface (first-found picking a docker0, nodelocaldns or NAT NIC)
 * leaves that node's pods unreachable; a node without an address has never run calico-node.
 */
export function checkCalicoAddresses(evidence: ClusterEvidence): CheckResult {
  if (evidence.nodes.kind !== 'ok') return unknownFrom(ADDRESS_CHECK, 'nodes', evidence.nodes);
  const nodes = evidence.nodes.value.items.map(addressesOf);
  const owners = new Map<string, string[]>();
  for (const entry of nodes) for (const address of entry.calico) owners.set(address, [...(owners.get(address) ?? []), entry.node]);
  const duplicates = [...owners].filter(([, names]) => names.length > 1);
  const without = nodes.filter((entry) => entry.calico.length === 0);
  const mismatched = nodes.filter((entry) => entry.calico.length > 0 && entry.internal.length > 0 && !entry.calico.some((address) => entry.internal.includes(address)));
  const chosen = chosenAutodetection(evidence);
  const lines = [`${nodes.length - without.length} of ${nodes.length} nodes carry a Calico address (annotation projectcalico.org/IPv4Address or IPv6Address)`];
  lines.push(...duplicates.slice(0, SHOWN).map(([address, names]) => `${address} is claimed by ${names.join(', ')}`), ...more(duplicates.length));
  lines.push(...mismatched.slice(0, SHOWN).map((entry) => `${entry.node}: Calico uses ${entry.calico.join(', ')}, InternalIP is ${entry.internal.join(', ')}`), ...more(mismatched.length));
  lines.push(...without.slice(0, SHOWN).map((entry) => `${entry.node}: no Calico address`), ...more(without.length));
  const fixAutodetection =
    'Pin the autodetection to the address Kubernetes knows: in the rke2-calico HelmChartConfig set installation.calicoNetwork.nodeAddressAutodetectionV4: {kubernetes: NodeInternalIP} (or interface: / cidrs: for a dedicated network), then restart calico-node.';
  if (duplicates.length > 0) {
    return result(ADDRESS_CHECK, 'fail', `${duplicates.length} address(es) claimed by more than one node, e.g. ${duplicates[0]?.[0] ?? ''}`, lines, {
      remediation: `calico-node stops on the second node that claims an address. The usual cause is first-found autodetection picking an interface every node has with the same IP (docker0, nodelocaldns: projectcalico/calico#6910). ${fixAutodetection}`,
    });
  }
  if (nodes.length > 0 && without.length === nodes.length) return noAddressAnywhere(evidence, lines);
  if (mismatched.length > 0 && chosen === undefined) {
    return result(ADDRESS_CHECK, 'warn', `${mismatched.length} node(s) where Calico autodetected an address other than the InternalIP, e.g. ${mismatched[0]?.node ?? ''}`, lines, {
      remediation: `With first-found autodetection (the RKE2 default) calico-node can pick the wrong interface, and pods on that node become unreachable from the others (projectcalico/calico#8783; rancher/rke2#3388 on Windows). ${fixAutodetection}`,
    });
  }
  if (mismatched.length > 0) lines.push(`Installation sets nodeAddressAutodetectionV4 to ${chosen ?? ''}: addresses other than the InternalIP are chosen on purpose`);
  if (without.length > 0) {
    return result(ADDRESS_CHECK, 'warn', `${without.length} node(s) without a Calico address`, lines, { remediation: 'calico-node has not run on these nodes yet (new nodes) or cannot start there: see the calico-node check.' });
  }
  return result(ADDRESS_CHECK, 'pass', `Every node's Calico address is its own${mismatched.length > 0 ? ' (chosen by the Installation\'s autodetection)' : ' InternalIP'}`, lines);
}
