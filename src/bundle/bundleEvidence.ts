import type { ClusterEvidence } from '../core/checks/clusterEvidence';
import { CALICO_CHARTS, CALICO_RBAC } from '../core/checks/calicoObjects';
import type { ApiResult } from '../core/kube/apiResult';
import type { ListResult } from '../core/kube/clusterReader';
import type { HostFiles } from '../host/hostFiles';
import { readFirst } from './bundleFiles';
import { parseKubectlTable } from './kubectlTable';

const KUBECTL_FOLDERS = ['/rke2/kubectl', '/kubectl'];

function notInBundle(what: string): { kind: 'not-in-bundle'; message: string } {
  return { kind: 'not-in-bundle', message: `${what} is not dumped by the logs collector` };
}

function kubectlFile(files: HostFiles, name: string): { path: string; text: string } | undefined {
  return readFirst(files, KUBECTL_FOLDERS.map((folder) => `${folder}/${name}`));
}

function list(items: unknown[]): ApiResult<ListResult> {
  return { kind: 'ok', value: { items, truncated: false } };
}

function table(files: HostFiles, name: string, toObject: (row: Record<string, string>) => unknown): ApiResult<ListResult> {
  const found = kubectlFile(files, name);
  if (!found) return notInBundle(`kubectl/${name}`);
  return list(parseKubectlTable(found.text).flatMap((row) => {
    const object = toObject(row);
    return object === undefined ? [] : [object];
  }));
}

/**
 * What the readiness checks can learn from a bundle's kubectl dumps: nodes (full JSON), HelmCharts, CRD names,
 * DaemonSet counts and events (tables). Everything else — ClusterInformation, Installation, TigeraStatus, RBAC
 * subjects, Deployments, Endpoints — is not dumped, and is "not in bundle", never assumed.
 */
export function bundleEvidence(files: HostFiles, collectedAt: string): ClusterEvidence {
  const nodesJson = kubectlFile(files, 'nodes.json');
  let nodes: ApiResult<ListResult> = notInBundle('kubectl/nodes.json');
  if (nodesJson) {
    try {
      const parsed = JSON.parse(nodesJson.text) as { items?: unknown };
      nodes = Array.isArray(parsed.items) ? list(parsed.items as unknown[]) : { kind: 'malformed', message: `${nodesJson.path} has no items list` };
    } catch {
      nodes = { kind: 'malformed', message: `${nodesJson.path} is not JSON` };
    }
  }
  const daemonSets = table(files, 'daemonsets', (row) => row.NAME === 'calico-node' && row.NAMESPACE === 'calico-system'
    ? { metadata: { name: 'calico-node', namespace: 'calico-system' }, status: { desiredNumberScheduled: Number(row.DESIRED), numberReady: Number(row.READY), updatedNumberScheduled: Number(row['UP-TO-DATE']) } }
    : undefined);
  const calicoNode = daemonSets.kind === 'ok' ? daemonSets.value.items[0] : undefined;
  const objects = (what: string): Record<string, ApiResult<unknown>> => Object.fromEntries(CALICO_RBAC.map(({ name }) => [name, notInBundle(`${what} ${name}`)]));
  return {
    collectedAt,
    nodes,
    crds: table(files, 'crds', (row) => (row.NAME ? { metadata: { name: row.NAME }, status: { conditions: [{ type: 'Established', status: 'Unknown', reason: 'NotInBundle' }] } } : undefined)),
    clusterInformation: notInBundle('ClusterInformation default'),
    ipPools: notInBundle('IPPools'),
    installation: notInBundle('Installation default'),
    tigeraStatuses: notInBundle('TigeraStatus'),
    helmCharts: table(files, 'helmcharts', (row) => (row.NAME && (row.NAMESPACE === undefined || row.NAMESPACE === 'kube-system') ? { metadata: { name: row.NAME, namespace: 'kube-system' }, spec: { chart: row.CHART, version: row.VERSION } } : undefined)),
    helmJobs: Object.fromEntries(CALICO_CHARTS.map((chart) => [chart, notInBundle(`Job helm-install-${chart}`)])),
    helmPods: notInBundle('helm-install pods'),
    clusterRoles: objects('ClusterRole'),
    clusterRoleBindings: objects('ClusterRoleBinding'),
    operatorDeployment: notInBundle('Deployment tigera-operator'),
    calicoNodeDaemonSet: calicoNode ? { kind: 'ok', value: calicoNode } : daemonSets.kind === 'ok' ? { kind: 'not-found', message: 'no calico-system/calico-node in kubectl/daemonsets' } : notInBundle('kubectl/daemonsets'),
    typhaDeployment: notInBundle('Deployment calico-typha'),
    kubeControllersDeployment: notInBundle('Deployment calico-kube-controllers'),
    calicoNodePods: notInBundle('calico-node pods'),
    typhaPods: notInBundle('calico-typha pods'),
    typhaEndpoints: notInBundle('Endpoints calico-typha'),
    sandboxEvents: table(files, 'events', (row) => (row.REASON === 'FailedCreatePodSandBox'
      ? { reason: row.REASON, type: row.TYPE, message: row.MESSAGE, involvedObject: { namespace: row.NAMESPACE, name: (row.OBJECT ?? '').replace(/^pod\//, '') } }
      : undefined)),
  };
}
