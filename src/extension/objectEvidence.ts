import type { CheckResult, ObjectRef } from '../core/checks/checkResult';

/** A check's evidence with each object's own lines beside that object, so the tree shows every object once. */
export interface EvidenceByObject {
  /** Lines that name no object of the check (counts, fields, what was read). */
  readonly loose: readonly string[];
  /** Every object of the check, in order, with the lines about it; the object's name is cut from their start. */
  readonly objects: readonly { readonly object: ObjectRef; readonly lines: readonly string[] }[];
}

/**
 * How a line names the object it is about, if it starts with it: "calico-node-x on node-1: …", "calico-typha-y: last
 * 200 lines read …", "DaemonSet kube-system/calico-node (…)", "Pod helm-install-rke2-calico-f0x11: Failed".
 */
function prefixOf(line: string, object: ObjectRef): number {
  const qualified = `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
  for (const prefix of [qualified, `${object.kind} ${object.name}`, object.name]) {
    if (line === prefix) return prefix.length;
    if (line.startsWith(prefix) && /^[ :]/.test(line.slice(prefix.length))) return prefix.length;
  }
  return -1;
}

export function evidenceByObject(check: CheckResult): EvidenceByObject {
  const objects = (check.objects ?? []).map((object) => ({ object, lines: [] as string[] }));
  const loose: string[] = [];
  for (const line of check.evidence) {
    // The longest matching name wins: "calico-node" must not take the lines of "calico-node-abcde".
    let best: { entry: (typeof objects)[number]; length: number } | undefined;
    for (const entry of objects) {
      const length = prefixOf(line, entry.object);
      if (length > (best?.length ?? 0)) best = { entry, length };
    }
    if (!best) {
      loose.push(line);
      continue;
    }
    const rest = line.slice(best.length).replace(/^:?\s*/, '');
    if (rest !== '') best.entry.lines.push(rest);
  }
  return { loose, objects };
}
