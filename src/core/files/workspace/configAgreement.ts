import type { Finding } from '../../findings/finding';
import type { MergedValue } from './configMerge';
import { rangeOf } from './configMerge';
import { parentOf } from './scopes';

/** Flags RKE2 requires to be the same on every server of a cluster (rke2-docs server_config: "must match"). */
const MUST_MATCH = ['cluster-cidr', 'service-cidr', 'cni'];
/** Folder or file names that say which node of a cluster a config is for. */
const ROLE = /^(?:server|servers|agent|agents|master|masters|worker|workers|control-?plane|cp|node|nodes|primary|secondary|first|init|join|etcd)\b/i;

interface MergedNode {
  readonly key: string;
  readonly values: ReadonlyMap<string, MergedValue>;
  /** The user said this node's files are cluster config (`rke2Calico.configFiles`, `--config`). */
  readonly declared: boolean;
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** How sure it is that a group of configs is one cluster: the user said so, or their names suggest it. */
type Tie = 'declared' | 'assumed';

interface Group {
  readonly tie: Tie;
  readonly members: readonly MergedNode[];
  /** Whether two members of the group are tied (members of one role folder are not tied to each other). */
  readonly tied: (a: MergedNode, b: MergedNode) => boolean;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The groups of configs that are of one cluster, and on whose word. Files are one cluster only when something says
 * so: the user, by listing them as cluster config (`declared`). Folders named for node roles (`etc/server/config.yaml`
 * and `etc/agent/config.yaml`) or files so named in one folder (`server-1.yaml`, `server-2.yaml`) suggest it, and
 * are reported as that assumption. Anything else (`examples/one/calico.yaml` beside `cilium.yaml`, fixtures of
 * several clusters) is not compared at all. Grouping (not comparing every pair) keeps this linear.
 */
function clusterGroups(nodes: readonly MergedNode[]): Group[] {
  const roleFiles = new Map<string, MergedNode[]>();
  const roleFolders = new Map<string, MergedNode[]>();
  const declared: MergedNode[] = [];
  for (const node of nodes) {
    const folder = parentOf(node.key);
    if (folder === undefined) continue;
    if (node.declared) declared.push(node);
    if (ROLE.test(baseName(node.key))) push(roleFiles, folder, node);
    const grandparent = parentOf(folder);
    if (grandparent !== undefined && ROLE.test(baseName(folder))) push(roleFolders, grandparent, node);
  }
  const always = (): boolean => true;
  return [
    { tie: 'declared', members: declared, tied: always },
    ...[...roleFiles.values()].map((members): Group => ({ tie: 'assumed', members, tied: always })),
    ...[...roleFolders.values()].map((members): Group => ({ tie: 'assumed', members, tied: (a, b) => parentOf(a.key) !== parentOf(b.key) })),
  ];
}

/** Tried partners per node: enough to find one in another folder, without comparing every pair. */
const MAX_PARTNER_TRIES = 16;

/**
 * Where configs of one cluster set a must-match flag differently, a finding on each, pointing at one config that
 * disagrees: a warning where the user declared them one cluster, an info naming the assumption where only their
 * names suggest it. Each config gets at most one finding per flag.
 */
export function disagreements(nodes: readonly MergedNode[], files: ReadonlyMap<string, { readonly text: string; readonly label?: string }>): Map<string, Finding[]> {
  const found = new Map<string, Finding[]>();
  const reported = new Set<string>();
  for (const group of clusterGroups(nodes)) {
    if (group.members.length < 2) continue;
    for (const flag of MUST_MATCH) {
      // Members by the value they set; each is compared with members of the other values only.
      const byValue = new Map<string, { node: MergedNode; value: MergedValue }[]>();
      for (const node of group.members) {
        const value = node.values.get(flag);
        if (value && value.items.length > 0) push(byValue, value.items.map((item) => item.value).join(','), { node, value });
      }
      if (byValue.size < 2) continue;
      for (const [hereText, members] of byValue) {
        for (const { node, value: here } of members) {
          if (reported.has(`${node.key}\n${flag}`)) continue;
          let partner: { node: MergedNode; value: MergedValue; text: string } | undefined;
          let tries = 0;
          for (const [thereText, others] of byValue) {
            if (thereText === hereText) continue;
            for (const other of others) {
              if (++tries > MAX_PARTNER_TRIES || partner) break;
              if (group.tied(node, other.node)) partner = { ...other, text: thereText };
            }
          }
          if (!partner) continue;
          reported.add(`${node.key}\n${flag}`);
          const there = partner.value;
          const other = files.get(there.path);
          const rule = `RKE2 requires ${flag} to be the same on all servers of a cluster`;
          push(found, here.path, {
            code: 'config-disagreement',
            severity: group.tie === 'declared' ? 'warning' : 'info',
            message: group.tie === 'declared'
              ? `${flag}: ${hereText} here, but ${partner.text} in ${there.label}; ${rule}.`
              : `${flag}: ${hereText} here, but ${partner.text} in ${there.label}. If both are servers of one cluster, ${rule}; that they are is only assumed from their names (list both in rke2Calico.configFiles, or pass both with --config, to say so).`,
            span: here.span,
            related: [{ file: there.path, span: there.span, ...(other ? { range: rangeOf(other.text, there.span) } : {}), message: `${flag}: ${partner.text}` }],
          });
        }
      }
    }
  }
  return found;
}
