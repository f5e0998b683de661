import { result, type CheckDefinition, type CheckResult } from '../core/checks/checkResult';
import type { HostFiles } from './hostFiles';
import { indexModules, missingModules } from './kernelModules';
import { defaultRouteFromProc, judgeTunnelMtu, type LinkMtu } from './tunnelMtu';

const def = (id: string, title: string): CheckDefinition => ({ id: `host.${id}`, area: 'Host', title });
export const HOST_CHECKS = {
  node: def('rke2-node', 'RKE2 node role of this machine'),
  modules: def('kernel-modules', 'Kernel modules Calico needs (calicoctl node checksystem)'),
  ipForward: def('ip-forward', 'IPv4 forwarding'),
  rpFilter: def('rp-filter', 'Reverse-path filter (rp_filter)'),
  networkManager: def('networkmanager', 'NetworkManager and Calico interfaces'),
  cloudSetup: def('nm-cloud-setup', 'nm-cloud-setup'),
  firewalld: def('firewalld', 'firewalld'),
  iptables: def('iptables', 'iptables binary'),
  cniConfig: def('cni-config', 'Calico CNI config (/etc/cni/net.d/10-calico.conflist)'),
  nodename: def('calico-nodename', 'calico-node state on this node (/var/lib/calico/nodename)'),
} as const;

/** Interface names Calico creates that NetworkManager must not manage (rke2-docs known_issues.md). */
const CALICO_INTERFACES = ['cali*', 'tunl*', 'vxlan.calico'];

function sysctl(files: HostFiles, name: string): string | undefined {
  return files.read(`/proc/sys/${name.replace(/\./g, '/')}`)?.trim();
}

function checkModules(files: HostFiles): CheckResult {
  const index = indexModules(files);
  if (index.sources.length === 0) return result(HOST_CHECKS.modules, 'unknown', 'unknown: no module index, loaded-module list or kernel config could be read', []);
  const missing = missingModules(index);
  const evidence = [`kernel ${index.kernelRelease ?? 'unknown'}`, `looked in: ${index.sources.join(', ')}`];
  if (missing.required.length > 0) {
    return result(HOST_CHECKS.modules, 'fail', `Missing kernel modules: ${missing.required.join(', ')}`, [...evidence, ...missing.optional.map((module) => `optional module missing: ${module}`)], {
      remediation: 'Install the kernel modules package of this kernel (e.g. kernel-modules-extra on RHEL/Rocky) and load them with modprobe.',
    });
  }
  if (missing.optional.length > 0) return result(HOST_CHECKS.modules, 'warn', `Optional module missing: ${missing.optional.join(', ')} (IPv6 unavailable)`, evidence);
  return result(HOST_CHECKS.modules, 'pass', 'Every module calicoctl checksystem requires is available', evidence);
}

function checkIpForward(files: HostFiles): CheckResult {
  const value = sysctl(files, 'net.ipv4.ip_forward');
  if (value === undefined) return result(HOST_CHECKS.ipForward, 'unknown', 'unknown: /proc/sys/net/ipv4/ip_forward could not be read', []);
  if (value !== '1') return result(HOST_CHECKS.ipForward, 'fail', `net.ipv4.ip_forward = ${value}`, [`net.ipv4.ip_forward = ${value}`], { remediation: 'RKE2 sets it when the agent starts; on SUSE with wicked persist net.ipv4.conf.all.forwarding=1 in /etc/sysctl.d/90-rke2.conf.' });
  return result(HOST_CHECKS.ipForward, 'pass', 'net.ipv4.ip_forward = 1', [`net.ipv4.ip_forward = ${value}`]);
}

function checkRpFilter(files: HostFiles): CheckResult {
  const value = sysctl(files, 'net.ipv4.conf.all.rp_filter');
  if (value === undefined) return result(HOST_CHECKS.rpFilter, 'unknown', 'unknown: rp_filter could not be read', []);
  if (value === '2') {
    return result(HOST_CHECKS.rpFilter, 'warn', 'net.ipv4.conf.all.rp_filter = 2 (loose)', [`net.ipv4.conf.all.rp_filter = ${value}`], {
      remediation: "Older Felix refuses loose RPF (\"Kernel's RPF check is set to 'loose'\"); set it to 1 or 0, or set IgnoreLooseRPF. Whether current Felix still needs this is not verified.",
    });
  }
  return result(HOST_CHECKS.rpFilter, 'pass', `net.ipv4.conf.all.rp_filter = ${value}`, []);
}

function checkNetworkManager(files: HostFiles): CheckResult {
  if (!files.exists('/etc/NetworkManager')) return result(HOST_CHECKS.networkManager, 'pass', 'NetworkManager is not installed', []);
  const configs = files.list('/etc/NetworkManager/conf.d').filter((name) => name.endsWith('.conf'));
  const unmanaged = configs.flatMap((name) => {
    const text = files.read(`/etc/NetworkManager/conf.d/${name}`) ?? '';
    return [...text.matchAll(/^\s*unmanaged-devices\s*=\s*(.+)$/gm)].map((match) => ({ name, value: match[1] ?? '' }));
  });
  const listed = unmanaged.flatMap((entry) => entry.value.split(';').map((part) => part.trim().replace(/^interface-name:/, '')));
  const missing = CALICO_INTERFACES.filter((pattern) => !listed.includes(pattern));
  const evidence = unmanaged.map((entry) => `${entry.name}: unmanaged-devices=${entry.value}`);
  if (missing.length > 0) {
    return result(HOST_CHECKS.networkManager, 'fail', `NetworkManager may manage ${missing.join(', ')}`, evidence.length > 0 ? evidence : ['no unmanaged-devices in /etc/NetworkManager/conf.d'], {
      remediation: 'Create /etc/NetworkManager/conf.d/rke2-canal.conf with [keyfile] unmanaged-devices=interface-name:flannel*;interface-name:cali*;interface-name:tunl*;interface-name:vxlan.calico;interface-name:vxlan-v6.calico;interface-name:wireguard.cali;interface-name:wg-v6.cali and reload NetworkManager (rke2-docs known_issues.md).',
    });
  }
  return result(HOST_CHECKS.networkManager, 'pass', 'NetworkManager leaves cali*, tunl* and vxlan.calico unmanaged', evidence);
}

/** A systemd unit is enabled when a *.wants folder links it. */
function enabledUnit(files: HostFiles, unit: string): string | undefined {
  for (const base of ['/etc/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system']) {
    for (const folder of files.list(base).filter((name) => name.endsWith('.wants'))) {
      if (files.exists(`${base}/${folder}/${unit}`)) return `${base}/${folder}/${unit}`;
    }
  }
  return undefined;
}

function checkCloudSetup(files: HostFiles): CheckResult {
  const enabled = ['nm-cloud-setup.service', 'nm-cloud-setup.timer'].map((unit) => enabledUnit(files, unit)).filter((path): path is string => path !== undefined);
  if (enabled.length > 0) return result(HOST_CHECKS.cloudSetup, 'fail', 'nm-cloud-setup is enabled', enabled, { remediation: 'systemctl disable nm-cloud-setup.service nm-cloud-setup.timer, then reboot (rancher/rke2#1053).' });
  return result(HOST_CHECKS.cloudSetup, 'pass', 'nm-cloud-setup is not enabled', []);
}

function checkFirewalld(files: HostFiles): CheckResult {
  const enabled = enabledUnit(files, 'firewalld.service');
  if (enabled) return result(HOST_CHECKS.firewalld, 'warn', 'firewalld is enabled', [enabled], { remediation: 'firewalld conflicts with RKE2 CNI networking and should be disabled (rke2-docs known_issues.md).' });
  return result(HOST_CHECKS.firewalld, 'pass', 'firewalld is not enabled', []);
}

function checkIptables(files: HostFiles): CheckResult {
  const candidates = ['/usr/sbin/iptables', '/sbin/iptables', '/usr/bin/iptables', '/usr/sbin/xtables-nft-multi', '/usr/sbin/xtables-legacy-multi'];
  const found = candidates.filter((path) => files.exists(path));
  if (found.length === 0) {
    return result(HOST_CHECKS.iptables, 'fail', 'No iptables binary found', [`looked for ${candidates.join(', ')}`], { remediation: 'Install iptables (or xtables-nft); without it hostPort pods fail: plugin type="portmap" failed (add): failed to open iptables.' });
  }
  return result(HOST_CHECKS.iptables, 'pass', `iptables present (${found[0] ?? ''})`, found);
}

function checkCniConfig(files: HostFiles): CheckResult {
  if (files.exists('/etc/cni/net.d/10-calico.conflist')) return result(HOST_CHECKS.cniConfig, 'pass', '/etc/cni/net.d/10-calico.conflist exists', []);
  return result(HOST_CHECKS.cniConfig, 'fail', 'No Calico CNI config on this node', [`/etc/cni/net.d: ${files.list('/etc/cni/net.d').join(', ') || 'empty'}`], { remediation: 'calico-node (install-cni) writes it; until then the kubelet reports "cni plugin not initialized". Check calico-node on this node.' });
}

function checkNodename(files: HostFiles): CheckResult {
  const nodename = files.read('/var/lib/calico/nodename')?.trim();
  if (nodename) return result(HOST_CHECKS.nodename, 'pass', `calico-node registered as ${nodename}`, []);
  return result(HOST_CHECKS.nodename, 'fail', '/var/lib/calico/nodename is missing', [], { remediation: 'The CNI fails with "stat /var/lib/calico/nodename: no such file or directory" until calico-node runs on this node and mounts /var/lib/calico.' });
}

/** The MTU of every network device (/sys/class/net/<dev>/mtu) and the default route's device (/proc/net/route). */
function checkTunnelMtu(files: HostFiles): CheckResult {
  const links: LinkMtu[] = files.list('/sys/class/net').flatMap((name) => {
    const mtu = Number(files.read(`/sys/class/net/${name}/mtu`)?.trim());
    return Number.isInteger(mtu) && mtu > 0 ? [{ name, mtu }] : [];
  });
  return judgeTunnelMtu(links, defaultRouteFromProc(files.read('/proc/net/route') ?? ''), '/sys/class/net/*/mtu, /proc/net/route');
}

/** True when the root looks like an RKE2 node (its config or data folder exists). */
export function isRke2Node(files: HostFiles): boolean {
  return files.exists('/etc/rancher/rke2') || files.exists('/var/lib/rancher/rke2');
}

/** The local node's Calico prerequisites, read from the files under `files.root`. */
export function runHostChecks(files: HostFiles): CheckResult[] {
  const checks = [checkModules, checkIpForward, checkRpFilter, checkNetworkManager, checkCloudSetup, checkFirewalld, checkIptables, checkCniConfig, checkNodename, checkTunnelMtu];
  // Off a node one row says why; nine rows all saying "skipped" would only hide it.
  if (!isRke2Node(files)) return [result(HOST_CHECKS.node, 'skipped', `skipped: ${files.root} is not an RKE2 node (no /etc/rancher/rke2 or /var/lib/rancher/rke2)`, [])];
  return [result(HOST_CHECKS.node, 'pass', `RKE2 node (${files.root})`, []), ...checks.map((check) => check(files))];
}
