import type { HostFiles } from './hostFiles';

/**
 * The modules `calicoctl node checksystem` requires, with the kernel config option that provides each
 * (projectcalico/calico calicoctl/commands/node/checksystem.go; REFERENCE §5.3). A missing ip6_tables alone is a
 * warning there (IPv6 unavailable); every other missing module is a failure.
 */
export const CALICO_MODULES: readonly { readonly module: string; readonly config: string; readonly optional: boolean }[] = [
  { module: 'ip_set', config: 'CONFIG_IP_SET', optional: false },
  { module: 'ip6_tables', config: 'CONFIG_IP6_NF_IPTABLES', optional: true },
  { module: 'ip_tables', config: 'CONFIG_IP_NF_IPTABLES', optional: false },
  { module: 'ipt_ipvs', config: 'CONFIG_NETFILTER_XT_MATCH_IPVS', optional: false },
  { module: 'vfio-pci', config: 'CONFIG_VFIO', optional: false },
  { module: 'xt_bpf', config: 'CONFIG_BPF', optional: false },
  { module: 'ipt_REJECT', config: 'CONFIG_NFT_REJECT', optional: false },
  { module: 'ipt_rpfilter', config: 'CONFIG_IP_NF_MATCH_RPFILTER', optional: false },
  { module: 'xt_rpfilter', config: 'CONFIG_IP_NF_MATCH_RPFILTER', optional: false },
  { module: 'ipt_set', config: 'CONFIG_NET_EMATCH_IPSET', optional: false },
  { module: 'nf_conntrack_netlink', config: 'CONFIG_NF_CT_NETLINK', optional: false },
  { module: 'xt_addrtype', config: 'CONFIG_NETFILTER_XT_MATCH_ADDRTYPE', optional: false },
  { module: 'xt_conntrack', config: 'CONFIG_NETFILTER_XT_MATCH_CONNTRACK', optional: false },
  { module: 'xt_icmp', config: 'icmp', optional: false },
  { module: 'xt_icmp6', config: 'icmp', optional: false },
  { module: 'xt_mark', config: 'CONFIG_IP_NF_TARGET_MARK', optional: false },
  { module: 'xt_multiport', config: 'CONFIG_IP_NF_MATCH_MULTIPORT', optional: false },
  { module: 'xt_set', config: 'CONFIG_NETFILTER_XT_SET', optional: false },
  { module: 'xt_u32', config: 'CONFIG_NETFILTER_XT_MATCH_U32', optional: false },
];

/** Module names compare with '-' and '_' alike, as modprobe does. */
function normalise(name: string): string {
  return name.replace(/-/g, '_');
}

/** `kernel/net/netfilter/xt_set.ko.zst` → `xt_set` (plain, .xz, .zst and .gz modules). */
function moduleNameOf(path: string): string {
  const file = path.split('/').pop() ?? path;
  return normalise(file.replace(/\.ko(\.(xz|zst|gz))?$/, ''));
}

export interface ModuleIndex {
  readonly kernelRelease: string | undefined;
  /** Where each module was found, by normalised name. */
  readonly found: ReadonlyMap<string, string>;
  readonly sources: readonly string[];
}

/**
 * Indexes what the kernel can provide, in checksystem's order: modules.dep, modules.builtin, loaded modules
 * (/proc/modules = lsmod), aliases (modules.alias), the kernel config, and /proc/net/ip_tables_matches.
 */
export function indexModules(files: HostFiles): ModuleIndex {
  const release = files.read('/proc/sys/kernel/osrelease')?.trim();
  const found = new Map<string, string>();
  const sources: string[] = [];
  const add = (name: string, source: string): void => {
    if (!found.has(name)) found.set(name, source);
  };
  const moduleFolder = release ? `/lib/modules/${release}` : undefined;
  const dep = moduleFolder ? files.read(`${moduleFolder}/modules.dep`) : undefined;
  if (dep !== undefined) {
    sources.push(`${moduleFolder ?? ''}/modules.dep`);
    for (const line of dep.split('\n')) {
      const path = line.split(':')[0];
      if (path) add(moduleNameOf(path), 'modules.dep');
    }
  }
  const builtin = moduleFolder ? files.read(`${moduleFolder}/modules.builtin`) : undefined;
  if (builtin !== undefined) {
    sources.push(`${moduleFolder ?? ''}/modules.builtin`);
    for (const line of builtin.split('\n')) if (line.trim()) add(moduleNameOf(line.trim()), 'built in');
  }
  const loaded = files.read('/proc/modules');
  if (loaded !== undefined) {
    sources.push('/proc/modules');
    for (const line of loaded.split('\n')) {
      const name = line.split(' ')[0];
      if (name) add(normalise(name), 'loaded');
    }
  }
  const aliases = moduleFolder ? files.read(`${moduleFolder}/modules.alias`) : undefined;
  if (aliases !== undefined) {
    sources.push(`${moduleFolder ?? ''}/modules.alias`);
    for (const line of aliases.split('\n')) {
      const match = /^alias\s+(\S+)\s+(\S+)/.exec(line);
      if (match?.[1] && match[2] && found.has(normalise(match[2]))) add(normalise(match[1]), `alias of ${match[2]}`);
    }
  }
  const config = release ? [`/boot/config-${release}`, '/usr/src/linux/.config', `/usr/src/linux-${release}/.config`, `/usr/src/linux-headers-${release}/.config`, `/lib/modules/${release}/build/.config`].map((path) => [path, files.read(path)] as const).find(([, text]) => text !== undefined) : undefined;
  if (config?.[1] !== undefined) {
    sources.push(config[0]);
    const enabled = new Set(config[1].split('\n').flatMap((line) => {
      const match = /^(CONFIG_\w+)=(y|m)$/.exec(line.trim());
      return match?.[1] ? [match[1]] : [];
    }));
    for (const entry of CALICO_MODULES) if (enabled.has(entry.config)) add(normalise(entry.module), `kernel config ${entry.config}`);
  }
  const matches = files.read('/proc/net/ip_tables_matches');
  if (matches !== undefined) {
    sources.push('/proc/net/ip_tables_matches');
    for (const match of matches.split('\n').map((line) => line.trim()).filter(Boolean)) add(`xt_${normalise(match)}`, 'ip_tables_matches');
  }
  return { kernelRelease: release, found, sources };
}

export function missingModules(index: ModuleIndex): { required: string[]; optional: string[] } {
  const missing = CALICO_MODULES.filter((entry) => !index.found.has(normalise(entry.module)));
  return { required: missing.filter((entry) => !entry.optional).map((entry) => entry.module), optional: missing.filter((entry) => entry.optional).map((entry) => entry.module) };
}
