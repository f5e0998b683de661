import { checksToOpenMetrics } from '../report/openMetrics';
import type { FleetReportJson } from './fleetReport';

/**
 * The fleet as OpenMetrics, for the CLI and the fleet report page alike: each cluster labelled by what identifies it
 * (Rancher's cluster id, or the kubeconfig context), with the name people know it by as `cluster_name` (two Rancher
 * clusters may share a display name, and duplicate series make a Pushgateway refuse the whole push).
 */
export function fleetToOpenMetrics(report: FleetReportJson): string {
  return checksToOpenMetrics(report.clusters.map((cluster) => ({
    cluster: cluster.source === 'rancher' && cluster.rancherId !== undefined ? cluster.rancherId : cluster.name,
    name: cluster.name,
    status: cluster.status,
    ...(cluster.report ? { report: cluster.report } : {}),
  })));
}
