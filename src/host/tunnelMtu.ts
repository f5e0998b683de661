import { result, type CheckDefinition, type CheckResult } from '../core/checks/checkResult';

/** Calico's tunnel devices and the header each adds (felix/dataplane/linux/int_dataplane.go *MTUOverhead). */
export const CALICO_TUNNELS: Readonly<Record<string, number>> = { 'vxlan.calico': 50, 'vxlan-v6.calico': 70, tunl0: 20, 'wireguard.cali': 60, 'wg-v6.cali': 80 };

export interface LinkMtu {
  readonly name: string;
  readonly mtu: number;
}

export const TUNNEL_MTU_CHECK: CheckDefinition = { id: 'host.tunnel-mtu', area: 'Host', title: "Calico's tunnel MTU and the node's NIC" };

/**
 * Each Calico tunnel device's MTU plus its header must fit the MTU of the NIC that carries node-to-node traffic
 * (the default route's); otherwise large packets between nodes are dropped while small ones pass. `source` names
 * where the links came from.
 */
export function judgeTunnelMtu(links: readonly LinkMtu[], uplink: string | undefined, source: string): CheckResult {
  const tunnels = links.filter((link) => link.name in CALICO_TUNNELS);
  if (tunnels.length === 0) return result(TUNNEL_MTU_CHECK, 'skipped', 'skipped: no Calico tunnel device (vxlan.calico, tunl0, wireguard.cali) on this node', [source]);
  const nic = links.find((link) => link.name === uplink);
  const lines = [source, ...tunnels.map((tunnel) => `${tunnel.name}: mtu ${tunnel.mtu} (+${CALICO_TUNNELS[tunnel.name] ?? 0} bytes of header)`)];
  if (!nic) return result(TUNNEL_MTU_CHECK, 'unknown', `unknown: the NIC of the default route${uplink ? ` (${uplink})` : ''} was not found`, lines);
  lines.push(`${nic.name} (default route): mtu ${nic.mtu}`);
  const tooBig = tunnels.filter((tunnel) => tunnel.mtu + (CALICO_TUNNELS[tunnel.name] ?? 0) > nic.mtu);
  if (tooBig.length > 0) {
    const first = tooBig[0];
    const needed = (first?.mtu ?? 0) + (CALICO_TUNNELS[first?.name ?? ''] ?? 0);
    return result(TUNNEL_MTU_CHECK, 'fail', `${first?.name ?? ''} needs ${needed}-byte frames but ${nic.name} carries ${nic.mtu}`, lines, {
      remediation: `Set installation.calicoNetwork.mtu to ${nic.mtu - (CALICO_TUNNELS[first?.name ?? ''] ?? 0)} (or remove it so Calico detects it), or raise the NIC MTU on every node and the network between them. Felix warns "Configured MTU is larger than detected host interface MTU".`,
    });
  }
  return result(TUNNEL_MTU_CHECK, 'pass', `${tunnels.map((tunnel) => `${tunnel.name} ${tunnel.mtu}`).join(', ')} fit ${nic.name} ${nic.mtu}`, lines);
}

/** `ip link show` / `ip addr show` output: "2: eth0: <…> mtu 1500 …". */
export function parseIpLinks(text: string): LinkMtu[] {
  const links: LinkMtu[] = [];
  for (const match of text.matchAll(/^\d+:\s+([^:@\s]+)(?:@[^:\s]+)?:\s+<[^>]*>\s+mtu\s+(\d+)/gm)) {
    if (match[1] && match[2]) links.push({ name: match[1], mtu: Number(match[2]) });
  }
  return links;
}

/** `ip route` output: the device of the default route. */
export function defaultRouteDevice(text: string): string | undefined {
  return /^default\b.*\bdev\s+(\S+)/m.exec(text)?.[1];
}

/** /proc/net/route: the interface whose Destination is 00000000. */
export function defaultRouteFromProc(text: string): string | undefined {
  for (const line of text.split('\n').slice(1)) {
    const [iface, destination] = line.trim().split(/\s+/);
    if (destination === '00000000' && iface) return iface;
  }
  return undefined;
}
