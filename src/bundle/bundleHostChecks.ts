import { result, type CheckDefinition, type CheckResult } from '../core/checks/checkResult';
import { HOST_CHECKS } from '../host/hostChecks';
import type { HostFiles } from '../host/hostFiles';
import { CALICO_MODULES } from '../host/kernelModules';
import { defaultRouteDevice, judgeTunnelMtu, parseIpLinks, TUNNEL_MTU_CHECK } from '../host/tunnelMtu';
import { ethtoolFeatures, HOST_OFFLOAD_CHECK, judgeVxlanOffload } from '../host/vxlanOffloadHost';
import { readFirst } from './bundleFiles';

function notInBundle(definition: CheckDefinition, what: string): CheckResult {
  return result(definition, 'unknown', `unknown: not in bundle — ${what}`, []);
}

/** `sysctl -a` output (systeminfo/sysctla): `net.ipv4.ip_forward = 1`. */
function sysctls(files: HostFiles): Map<string, string> | undefined {
  const text = files.read('/systeminfo/sysctla');
  if (text === undefined) return undefined;
  return new Map(text.split('\n').flatMap((line) => {
    const match = /^([\w.\-/]+)\s*=\s*(.*)$/.exec(line.trim());
    return match?.[1] !== undefined ? [[match[1], (match[2] ?? '').trim()] as [string, string]] : [];
  }));
}

/**
 * The node's prerequisites as the logs collector recorded them: sysctls (sysctla), loaded modules (lsmod),
 * NetworkManager configs, firewalld status and the CNI config folder. A module that was not loaded at collection
 * time may still be loadable, so that is a warning, not a failure; what the bundle does not hold is unknown.
 */
export function bundleHostChecks(files: HostFiles): CheckResult[] {
  const results: CheckResult[] = [];
  const values = sysctls(files);
  const forward = values?.get('net.ipv4.ip_forward');
  results.push(forward === undefined ? notInBundle(HOST_CHECKS.ipForward, 'systeminfo/sysctla') : forward === '1' ? result(HOST_CHECKS.ipForward, 'pass', 'net.ipv4.ip_forward = 1', ['systeminfo/sysctla']) : result(HOST_CHECKS.ipForward, 'fail', `net.ipv4.ip_forward = ${forward}`, ['systeminfo/sysctla'], { remediation: 'RKE2 sets it when the agent starts; persist net.ipv4.conf.all.forwarding=1 where wicked resets it.' }));
  const rpFilter = values?.get('net.ipv4.conf.all.rp_filter');
  results.push(rpFilter === undefined ? notInBundle(HOST_CHECKS.rpFilter, 'systeminfo/sysctla') : rpFilter === '2' ? result(HOST_CHECKS.rpFilter, 'warn', 'net.ipv4.conf.all.rp_filter = 2 (loose)', ['systeminfo/sysctla']) : result(HOST_CHECKS.rpFilter, 'pass', `net.ipv4.conf.all.rp_filter = ${rpFilter}`, ['systeminfo/sysctla']));
  const lsmod = files.read('/systeminfo/lsmod');
  if (lsmod === undefined) results.push(notInBundle(HOST_CHECKS.modules, 'systeminfo/lsmod'));
  else {
    const loaded = new Set(lsmod.split('\n').slice(1).map((line) => (line.split(/\s+/)[0] ?? '').replace(/-/g, '_')));
    const absent = CALICO_MODULES.filter((entry) => !loaded.has(entry.module.replace(/-/g, '_'))).map((entry) => entry.module);
    results.push(absent.length === 0
      ? result(HOST_CHECKS.modules, 'pass', 'Every module Calico needs was loaded', ['systeminfo/lsmod'])
      : result(HOST_CHECKS.modules, 'warn', `Not loaded when the bundle was collected: ${absent.join(', ')}`, ['systeminfo/lsmod (loaded modules only: built-in or loadable modules do not show)'], { remediation: 'On the node, run the host checks (rke2-calico-diag check --host-root /) to see whether they are available.' }));
  }
  const nm = files.read('/systeminfo/networkmanager-configs');
  if (nm === undefined) results.push(notInBundle(HOST_CHECKS.networkManager, 'systeminfo/networkmanager-configs'));
  else {
    const listed = [...nm.matchAll(/unmanaged-devices\s*=\s*(.+)/g)].flatMap((match) => (match[1] ?? '').split(';').map((part) => part.trim().replace(/^interface-name:/, '')));
    const missing = ['cali*', 'tunl*', 'vxlan.calico'].filter((name) => !listed.includes(name));
    results.push(missing.length === 0 ? result(HOST_CHECKS.networkManager, 'pass', 'NetworkManager leaves Calico interfaces alone', ['systeminfo/networkmanager-configs']) : result(HOST_CHECKS.networkManager, 'fail', `NetworkManager may manage ${missing.join(', ')}`, ['systeminfo/networkmanager-configs'], { remediation: 'Add unmanaged-devices for cali*, tunl*, vxlan.calico (rke2-docs known_issues.md).' }));
  }
  const firewalld = files.read('/systeminfo/rhel-statusfirewalld');
  if (firewalld === undefined) results.push(notInBundle(HOST_CHECKS.firewalld, 'systeminfo/rhel-statusfirewalld'));
  else results.push(/Active:\s+active/.test(firewalld) ? result(HOST_CHECKS.firewalld, 'warn', 'firewalld was running', ['systeminfo/rhel-statusfirewalld'], { remediation: 'firewalld should be disabled on RKE2 nodes (rke2-docs known_issues.md).' }) : result(HOST_CHECKS.firewalld, 'pass', 'firewalld was not running', ['systeminfo/rhel-statusfirewalld']));
  const cni = files.list('/networking/cni');
  results.push(cni.length === 0 ? notInBundle(HOST_CHECKS.cniConfig, 'networking/cni') : cni.includes('10-calico.conflist') ? result(HOST_CHECKS.cniConfig, 'pass', '10-calico.conflist present', ['networking/cni']) : result(HOST_CHECKS.cniConfig, 'fail', 'No Calico CNI config on the node', [`networking/cni: ${cni.join(', ')}`]));
  const iptables = readFirst(files, ['/networking/iptablessave', '/networking/iptables']);
  results.push(iptables === undefined ? notInBundle(HOST_CHECKS.iptables, 'networking/iptables') : /command not found|No such file/.test(iptables.text) ? result(HOST_CHECKS.iptables, 'fail', 'iptables was not found when the bundle was collected', [iptables.path]) : result(HOST_CHECKS.iptables, 'pass', 'iptables answered', [iptables.path]));
  results.push(notInBundle(HOST_CHECKS.nodename, '/var/lib/calico is not collected'), notInBundle(HOST_CHECKS.cloudSetup, 'the nm-cloud-setup unit state'));
  const links = readFirst(files, ['/networking/iplinkshow', '/networking/ipaddrshow']);
  const routes = files.read('/networking/iproute');
  results.push(links === undefined ? notInBundle(TUNNEL_MTU_CHECK, 'networking/iplinkshow') : judgeTunnelMtu(parseIpLinks(links.text), routes === undefined ? undefined : defaultRouteDevice(routes), `${links.path.slice(1)}, networking/iproute`));
  const ethtool = files.read('/networking/ethtool');
  const kernel = files.read('/systeminfo/uname')?.split(/\s+/).find((token) => /^\d+\.\d+\./.test(token));
  results.push(ethtool === undefined ? notInBundle(HOST_OFFLOAD_CHECK, 'networking/ethtool') : judgeVxlanOffload(ethtoolFeatures(ethtool, 'vxlan.calico'), kernel, 'networking/ethtool, systeminfo/uname'));
  return results;
}
