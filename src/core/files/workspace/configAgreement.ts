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

/**
 * Whether two configs are of one cluster, and on whose word. Files are one cluster only when something says so: the
 * user, by listing both as cluster config (`declared`). Folders named for node roles (`etc/server/config.yaml` and
 * `etc/agent/config.yaml`) or files so named in one folder (`server-1.yaml`, `server-2.yaml`) suggest it, and are
 * reported as that assumption. Anything else (`examples/one/calico.yaml` beside `cilium.yaml`, fixtures of several
 * clusters) is not compared at all.
 */
export function clusterTie(a: { readonly key: string; readonly declared: boolean }, b: { readonly key: string; readonly declared: boolean }): 'declared' | 'assumed' | undefined {
  const folderA = parentOf(a.key);
  const folderB = parentOf(b.key);
  if (folderA === undefined || folderB === undefined) return undefined;
  if (a.declared && b.declared) return 'declared';
  if (folderA === folderB) return ROLE.test(baseName(a.key)) && ROLE.test(baseName(b.key)) ? 'assumed' : undefined;
  return parentOf(folderA) === parentOf(folderB) && ROLE.test(baseName(folderA)) && ROLE.test(baseName(folderB)) ? 'assumed' : undefined;
}

/**
 * Where configs of one cluster set a must-match flag differently, a finding on each, pointing at the other: a warning
 * where the user declared them one cluster, an info naming the assumption where only their names suggest it.
 */
export function disagreements(nodes: readonly MergedNode[], files: ReadonlyMap<string, { readonly text: string; readonly label?: string }>): Map<string, Finding[]> {
  const found = new Map<string, Finding[]>();
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i];
      const b = nodes[j];
      const tie = a && b ? clusterTie(a, b) : undefined;
      if (!a || !b || tie === undefined) continue;
      for (const flag of MUST_MATCH) {
        const left = a.values.get(flag);
        const right = b.values.get(flag);
        if (!left || !right || left.items.length === 0 || right.items.length === 0) continue;
        const leftText = left.items.map((item) => item.value).join(',');
        const rightText = right.items.map((item) => item.value).join(',');
        if (leftText === rightText) continue;
        for (const [here, there, hereText, thereText] of [[left, right, leftText, rightText], [right, left, rightText, leftText]] as const) {
          const other = files.get(there.path);
          const list = found.get(here.path) ?? [];
          const rule = `RKE2 requires ${flag} to be the same on all servers of a cluster`;
          list.push({
            code: 'config-disagreement',
            severity: tie === 'declared' ? 'warning' : 'info',
            message: tie === 'declared'
              ? `${flag}: ${hereText} here, but ${thereText} in ${there.label}; ${rule}.`
              : `${flag}: ${hereText} here, but ${thereText} in ${there.label}. If both are servers of one cluster, ${rule}; that they are is only assumed from their names (list both in rke2Calico.configFiles, or pass both with --config, to say so).`,
            span: here.span,
            related: [{ file: there.path, span: there.span, ...(other ? { range: rangeOf(other.text, there.span) } : {}), message: `${flag}: ${thereText}` }],
          });
          found.set(here.path, list);
        }
      }
    }
  }
  return found;
}
