import { isMap, isScalar, isSeq, type Document, type Scalar } from 'yaml';
import type { Finding } from '../../findings/finding';
import { documentRoot, isTemplatedScalar, mapGet, mapPath, scalarString } from '../../yaml/yamlNodes';
import type { LintContext } from '../lintContext';
import { lintRke2ConfigMap } from '../rke2Config/lintRke2Config';
import { checkPinnedVersion } from '../affectedVersion';

/** The CNI a Rancher `provisioning.cattle.io/v1 Cluster` selects, as comma-separated names, if it says. */
export function rancherClusterCni(document: Document): string[] | undefined {
  const cni = scalarString(mapPath(documentRoot(document), ['spec', 'rkeConfig', 'machineGlobalConfig', 'cni'])?.value);
  return cni?.split(',').map((part) => part.trim());
}

/**
 * Rancher-provisioned RKE2 cluster: `spec.kubernetesVersion` is the RKE2 release. It is judged when the cluster
 * selects Calico; when `machineGlobalConfig.cni` is absent the finding is kept at info level, because the CNI then
 * comes from Rancher's defaults, which this file does not show. Clusters of other distributions (K3s) are left alone.
 */
export function lintRancherCluster(document: Document, context: LintContext): Finding[] {
  const version = mapPath(documentRoot(document), ['spec', 'kubernetesVersion'])?.value;
  if (!isScalar(version) || typeof version.value !== 'string') return [];
  // A K3s cluster (v1.24.8+k3s1) is not RKE2: nothing here applies to it.
  if (/\+k3s\d*$|-k3s\d*$/.test(version.value.trim())) return [];
  return [...lintVersion(document, version), ...lintMachineConfigs(document, version, context)];
}

/**
 * The RKE2 flags Rancher writes into the nodes' config (machineGlobalConfig for all, machineSelectorConfig[].config
 * for matching machines), checked like a config.yaml, against this cluster's own RKE2 version.
 */
function lintMachineConfigs(document: Document, version: Scalar, context: LintContext): Finding[] {
  const rkeConfig = mapPath(documentRoot(document), ['spec', 'rkeConfig'])?.value;
  const maps = [mapGet(rkeConfig, 'machineGlobalConfig')?.value];
  const selectors = mapGet(rkeConfig, 'machineSelectorConfig')?.value;
  if (isSeq(selectors)) for (const selector of selectors.items) maps.push(mapGet(selector, 'config')?.value);
  const own = typeof version.value === 'string' && !isTemplatedScalar(version) && version.range
    ? { value: version.value, source: 'spec.kubernetesVersion' }
    : context.rke2Version;
  const clusterContext: LintContext = { ...context, ...(own ? { rke2Version: own } : {}) };
  return maps.flatMap((map) => (isMap(map) ? lintRke2ConfigMap(map, clusterContext, undefined, { judgeCalicoVersion: false, writtenByRancher: true }) : []));
}

function lintVersion(document: Document, version: Scalar): Finding[] {
  const cni = rancherClusterCni(document);
  if (cni && !cni.includes('calico')) return [];
  const finding = checkPinnedVersion({ kind: 'rke2', node: version }, 'spec.kubernetesVersion');
  if (!finding) return [];
  if (cni || finding.code !== 'calico-affected-version') return [finding];
  return [{ ...finding, severity: 'info', message: `If this cluster uses Calico (machineGlobalConfig.cni is not set here): ${finding.message}` }];
}
