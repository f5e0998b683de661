import { isScalar, isSeq, type Node } from 'yaml';
import type { TextSpan } from '../../findings/finding';
import { isTemplatedScalar, scalarContentSpan } from '../../yaml/yamlNodes';

export interface SliceItem {
  readonly value: string;
  readonly span: TextSpan;
}

/**
 * The items of a string-slice flag as RKE2 reads them: a YAML list or a single string, every item also split on
 * commas (`cni: "multus,calico"` equals `cni: [multus, calico]`). Each item keeps its exact span. Items a template
 * decides are left out.
 */
export function sliceItems(node: Node | null): SliceItem[] {
  const scalars = isSeq(node) ? node.items : [node];
  const items: SliceItem[] = [];
  for (const scalar of scalars) {
    if (!isScalar(scalar) || (typeof scalar.value !== 'string' && typeof scalar.value !== 'number') || isTemplatedScalar(scalar)) continue;
    const text = String(scalar.value);
    const content = scalarContentSpan(scalar);
    // Offsets inside the content are exact for plain and simply-quoted text; escapes fall back to the whole scalar.
    const exact = scalar.type === 'PLAIN' || scalar.type === 'QUOTE_SINGLE' || !/\\/.test(text);
    let offset = 0;
    for (const part of text.split(',')) {
      const leading = part.length - part.trimStart().length;
      const value = part.trim();
      if (value !== '') {
        const start = content.start + offset + leading;
        items.push({ value, span: exact ? { start, end: start + value.length } : content });
      }
      offset += part.length + 1;
    }
  }
  return items;
}
