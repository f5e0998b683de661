import type { Finding } from '../../findings/finding';
import { cidrsOverlap, hasHostBits, parseCidr, type Cidr } from '../../net/cidr';
import type { SliceItem } from './sliceValues';

interface ParsedItem {
  readonly item: SliceItem;
  readonly cidr: Cidr;
}

function parseItems(key: string, items: readonly SliceItem[], findings: Finding[]): ParsedItem[] {
  const parsed: ParsedItem[] = [];
  for (const item of items) {
    const result = parseCidr(item.value);
    if (!result.ok) {
      findings.push({ code: 'invalid-cidr', severity: 'error', message: `${key}: ${result.reason}.`, span: item.span });
      continue;
    }
    if (hasHostBits(result.cidr)) {
      findings.push({ code: 'invalid-cidr', severity: 'warning', message: `${key}: ${item.value} has host bits set; the network is meant.`, span: item.span });
    }
    parsed.push({ item, cidr: result.cidr });
  }
  if (parsed.length > 2) {
    const third = parsed[2];
    if (third) findings.push({ code: 'invalid-cidr', severity: 'error', message: `${key}: at most one IPv4 and one IPv6 CIDR (dual-stack).`, span: third.item.span });
  } else if (parsed.length === 2 && parsed[0]?.cidr.family === parsed[1]?.cidr.family) {
    const second = parsed[1];
    if (second) findings.push({ code: 'invalid-cidr', severity: 'error', message: `${key}: dual-stack needs one IPv4 and one IPv6 CIDR, not two IPv${second.cidr.family}.`, span: second.item.span });
  }
  return parsed;
}

/**
 * cluster-cidr and service-cidr: well-formed, dual-stack shape, no overlap between pod and service ranges, and the
 * same primary IP family in both (Kubernetes takes the first family of each as the cluster's primary; inferred).
 */
export function checkNetworkCidrs(cluster: readonly SliceItem[] | undefined, service: readonly SliceItem[] | undefined): Finding[] {
  const findings: Finding[] = [];
  const pods = cluster ? parseItems('cluster-cidr', cluster, findings) : [];
  const services = service ? parseItems('service-cidr', service, findings) : [];
  for (const svc of services) {
    const clash = pods.find((pod) => cidrsOverlap(pod.cidr, svc.cidr));
    if (clash) {
      findings.push({
        code: 'invalid-cidr',
        severity: 'error',
        message: `service-cidr ${svc.item.value} overlaps cluster-cidr ${clash.item.value}: pod and service ranges must be disjoint.`,
        span: svc.item.span,
        related: [{ file: undefined, span: clash.item.span, message: `cluster-cidr ${clash.item.value}` }],
      });
    }
  }
  const firstPod = pods[0];
  const firstService = services[0];
  if (firstPod && firstService && pods.length === 2 && services.length === 2 && firstPod.cidr.family !== firstService.cidr.family) {
    findings.push({
      code: 'invalid-cidr',
      severity: 'warning',
      message: `Dual-stack order differs: cluster-cidr lists IPv${firstPod.cidr.family} first, service-cidr IPv${firstService.cidr.family}; list the same family first in both.`,
      span: firstService.item.span,
    });
  }
  return findings;
}
