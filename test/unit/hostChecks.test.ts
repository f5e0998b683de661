import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { runHostChecks } from '../../src/host/hostChecks';
import { hostFilesAt } from '../../src/host/hostFiles';

const RELEASE = '6.8.0-55-generic';
const MODULES = ['ip_set', 'ip6_tables', 'ip_tables', 'xt_ipvs', 'vfio-pci', 'xt_bpf', 'ipt_REJECT', 'ipt_rpfilter', 'xt_rpfilter', 'xt_set', 'nf_conntrack_netlink', 'xt_addrtype', 'xt_conntrack', 'xt_mark', 'xt_multiport', 'xt_u32'];

/** Writes a node's files under a fresh root; `files` maps absolute paths to contents. */
function node(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'rke2-host-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function goodNode(overrides: Record<string, string> = {}, without: string[] = []): string {
  const files: Record<string, string> = {
    '/etc/rancher/rke2/config.yaml': 'cni: calico\n',
    '/proc/sys/kernel/osrelease': `${RELEASE}\n`,
    [`/lib/modules/${RELEASE}/modules.dep`]: MODULES.map((name) => `kernel/net/netfilter/${name}.ko.zst: kernel/net/netfilter/x_tables.ko.zst`).join('\n'),
    [`/lib/modules/${RELEASE}/modules.alias`]: 'alias ipt_ipvs xt_ipvs\nalias ipt_set xt_set\n',
    '/proc/net/ip_tables_matches': 'icmp\nicmp6\nconntrack\n',
    '/proc/sys/net/ipv4/ip_forward': '1\n',
    '/proc/sys/net/ipv4/conf/all/rp_filter': '1\n',
    '/etc/NetworkManager/conf.d/rke2-canal.conf': '[keyfile]\nunmanaged-devices=interface-name:flannel*;interface-name:cali*;interface-name:tunl*;interface-name:vxlan.calico;interface-name:vxlan-v6.calico;interface-name:wireguard.cali;interface-name:wg-v6.cali\n',
    '/usr/sbin/iptables': '',
    '/etc/cni/net.d/10-calico.conflist': '{}',
    '/var/lib/calico/nodename': 'server-1\n',
    '/sys/class/net/eth0/mtu': '1500\n',
    '/sys/class/net/vxlan.calico/mtu': '1450\n',
    '/proc/net/route': 'Iface\tDestination\tGateway\neth0\t00000000\t0132A8C0\n',
    ...overrides,
  };
  return node(Object.fromEntries(Object.entries(files).filter(([path]) => !without.includes(path))));
}

function statuses(root: string): Record<string, string> {
  return Object.fromEntries(runHostChecks(hostFilesAt(root)).map((entry) => [entry.id, `${entry.status}: ${entry.summary}`]));
}

describe('host checks', () => {
  it('pass on a prepared RKE2 node (compressed modules, aliases, ip_tables_matches)', () => {
    const result = statuses(goodNode());
    for (const [id, text] of Object.entries(result)) assert.match(text, /^pass/, `${id}: ${text}`);
  });

  it('report each missing prerequisite with the fix', () => {
    const root = goodNode(
      {
        '/proc/sys/net/ipv4/ip_forward': '0\n',
        '/proc/sys/net/ipv4/conf/all/rp_filter': '2\n',
        '/etc/NetworkManager/conf.d/rke2-canal.conf': '[keyfile]\nunmanaged-devices=interface-name:flannel*\n',
        '/etc/systemd/system/multi-user.target.wants/firewalld.service': '',
        '/etc/systemd/system/timers.target.wants/nm-cloud-setup.timer': '',
        [`/lib/modules/${RELEASE}/modules.dep`]: MODULES.filter((name) => name !== 'xt_set' && name !== 'ip6_tables').map((name) => `kernel/${name}.ko.xz:`).join('\n'),
        '/sys/class/net/vxlan.calico/mtu': '1500\n',
      },
      ['/usr/sbin/iptables', '/etc/cni/net.d/10-calico.conflist', '/var/lib/calico/nodename', `/lib/modules/${RELEASE}/modules.alias`],
    );
    const result = statuses(root);
    assert.match(result['host.kernel-modules'] ?? '', /^fail: Missing kernel modules: ipt_ipvs, ipt_set, xt_set/);
    assert.match(result['host.ip-forward'] ?? '', /^fail/);
    assert.match(result['host.rp-filter'] ?? '', /^warn: .*loose/);
    assert.match(result['host.networkmanager'] ?? '', /^fail: NetworkManager may manage cali\*, tunl\*, vxlan\.calico/);
    assert.match(result['host.nm-cloud-setup'] ?? '', /^fail/);
    assert.match(result['host.firewalld'] ?? '', /^warn/);
    assert.match(result['host.iptables'] ?? '', /^fail/);
    assert.match(result['host.cni-config'] ?? '', /^fail/);
    assert.match(result['host.calico-nodename'] ?? '', /^fail/);
    assert.match(result['host.tunnel-mtu'] ?? '', /^fail: vxlan\.calico needs 1550-byte frames but eth0 carries 1500/);
  });

  it('warn only when ip6_tables alone is missing, and accept modules from the kernel config', () => {
    const root = goodNode({
      [`/lib/modules/${RELEASE}/modules.dep`]: '',
      [`/boot/config-${RELEASE}`]: ['CONFIG_IP_SET=m', 'CONFIG_IP_NF_IPTABLES=m', 'CONFIG_NETFILTER_XT_MATCH_IPVS=m', 'CONFIG_VFIO=y', 'CONFIG_BPF=y', 'CONFIG_NFT_REJECT=m', 'CONFIG_IP_NF_MATCH_RPFILTER=m', 'CONFIG_NET_EMATCH_IPSET=m', 'CONFIG_NF_CT_NETLINK=m', 'CONFIG_NETFILTER_XT_MATCH_ADDRTYPE=m', 'CONFIG_NETFILTER_XT_MATCH_CONNTRACK=m', 'CONFIG_IP_NF_TARGET_MARK=m', 'CONFIG_IP_NF_MATCH_MULTIPORT=m', 'CONFIG_NETFILTER_XT_SET=m', 'CONFIG_NETFILTER_XT_MATCH_U32=m'].join('\n'),
    });
    assert.match(statuses(root)['host.kernel-modules'] ?? '', /^warn: Optional module missing: ip6_tables/);
  });

  it('skip everything off an RKE2 node, and never read outside the root', () => {
    const root = node({ '/etc/hostname': 'laptop\n' });
    const result = statuses(root);
    assert.deepEqual(Object.keys(result), ['host.rke2-node']);
    assert.match(result['host.rke2-node'] ?? '', /^skipped: .* is not an RKE2 node/);
    assert.equal(hostFilesAt(root).read('/../../etc/passwd'), undefined);
  });
});
