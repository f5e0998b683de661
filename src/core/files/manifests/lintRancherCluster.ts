import { isScalar, type Document } from 'yaml';
import type { Finding } from '../../findings/finding';
import { documentRoot, mapPath, scalarString } from '../../yaml/yamlNodes';
import { checkPinnedVersion } from '../affectedVersion';

/** The CNI a Rancher `provisioning.cattle.io/v1 Cluster` selects, as comma-separated names, if it says. */
export function rancherClusterCni(document: Document): string[] | undefined {
  const cni = scalarString(mapPath(documentRoot(document), ['spec', 'rkeConfig', 'machineGlobalConfig', 'cni'])?.value);
  return cni?.split(',').map((part) => part.trim());
}

/**
 * Rancher-provisioned RKE2 cluster: `spec.kubernetesVersion` is the RKE2 release. It is judged when the cluster
 * selects Calico; when `machineGlobalConfig.cni` is absent the finding is kept at info level, because the CNI then
 * comes from Rancher's defaults, which this file does not show.
 */
export function lintRancherCluster(document: Document): Finding[] {
  const version = mapPath(documentRoot(document), ['spec', 'kubernetesVersion'])?.value;
  if (!isScalar(version) || typeof version.value !== 'string') return [];
  const cni = rancherClusterCni(document);
  if (cni && !cni.includes('calico')) return [];
  const finding = checkPinnedVersion({ kind: 'rke2', node: version }, 'spec.kubernetesVersion');
  if (!finding) return [];
  if (cni || finding.code !== 'calico-affected-version') return [finding];
  return [{ ...finding, severity: 'info', message: `If this cluster uses Calico (machineGlobalConfig.cni is not set here): ${finding.message}` }];
}
