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
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/**
 * Two configs are of one cluster when they sit in one folder, or in sibling folders named for node roles
 * (`etc/server/config.yaml` and `etc/agent/config.yaml`). Anything looser would compare unrelated clusters.
 */
export function sameCluster(a: string, b: string): boolean {
  const folderA = parentOf(a);
  const folderB = parentOf(b);
  if (folderA === undefined || folderB === undefined) return false;
  if (folderA === folderB) return true;
  return parentOf(folderA) === parentOf(folderB) && ROLE.test(baseName(folderA)) && ROLE.test(baseName(folderB));
}

/** Where configs of one cluster set a must-match flag differently, a warning on each, pointing at the other. */
export function disagreements(nodes: readonly MergedNode[], files: ReadonlyMap<string, { readonly text: string; readonly label?: string }>): Map<string, Finding[]> {
  const found = new Map<string, Finding[]>();
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i];
      const b = nodes[j];
      if (!a || !b || !sameCluster(a.key, b.key)) continue;
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
          list.push({
            code: 'config-disagreement',
            severity: 'warning',
            message: `${flag}: ${hereText} here, but ${thereText} in ${there.label}; RKE2 requires ${flag} to be the same on all servers of a cluster.`,
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
