import type { Finding } from '../../findings/finding';
import type { SliceItem } from './sliceValues';

/** CNI names RKE2 accepts (rancher/rke2 `pkg/cli/cmds/server.go` validateCNI); flannel since v1.29.2. */
export const PRIMARY_CNIS = ['calico', 'canal', 'cilium', 'flannel'] as const;

/**
 * RKE2's own `cni` validation, with its messages: valid names, `none`, multus only as the first of exactly two
 * values, at most two values.
 */
export function checkCniSelection(items: readonly SliceItem[]): Finding[] {
  const findings: Finding[] = [];
  const invalid = (item: SliceItem, message: string): Finding => ({ code: 'invalid-value', severity: 'error', message, span: item.span });
  for (const item of items) {
    if (item.value !== 'none' && item.value !== 'multus' && !(PRIMARY_CNIS as readonly string[]).includes(item.value)) {
      findings.push(invalid(item, `Invalid value ${item.value} for --cni flag: must be one of ${PRIMARY_CNIS.join(',')} (or none; multus first with one other).`));
    }
  }
  if (items.length > 2) {
    const extra = items[2];
    if (extra) findings.push(invalid(extra, `cni: must specify 1 or 2 values, found ${items.length}.`));
  } else if (items.length === 2 && items[0]?.value !== 'multus') {
    const second = items[1];
    if (second) findings.push(invalid(second, 'cni: may only provide multiple values if multus is the first value.'));
  } else if (items.length === 1 && items[0]?.value === 'multus') {
    findings.push(invalid(items[0], 'cni: multus must be used alongside another primary cni selection (e.g. [multus, calico]).'));
  }
  return findings;
}

export function selectsCalico(items: readonly SliceItem[]): SliceItem | undefined {
  return items.find((item) => item.value === 'calico');
}
