import type { ClusterEvidence } from '../core/checks/clusterEvidence';
import { CALICO_CHARTS, CALICO_NAMESPACE, CALICO_RBAC, HELM_NAMESPACE, OPERATOR_NAMESPACE } from '../core/checks/calicoObjects';
import type { PodLogEvidence, PodLogPurpose } from '../core/checks/podLogSelection';
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

const POD_LOG_FOLDERS = ['/rke2/podlogs', '/podlogs'];
/** Bytes of one collected pod log the checks look at: its end, where the failure is. */
const POD_LOG_TAIL_BYTES = 512 * 1024;

/** `<namespace>-<pod>` files of the collector's podlogs folder that the checks scan, newest attempt last. */
function podLogPurpose(file: string): { purpose: PodLogPurpose; namespace: string; container: string } | undefined {
  if (file.endsWith('-previous')) return undefined;
  if (/^kube-system-helm-install-rke2-calico(-crd)?-/.test(file)) return { purpose: 'helm-install', namespace: HELM_NAMESPACE, container: 'helm' };
  if (file.startsWith('calico-system-calico-kube-controllers-')) return { purpose: 'kube-controllers', namespace: CALICO_NAMESPACE, container: 'calico-kube-controllers' };
  if (file.startsWith('calico-system-calico-typha-')) return { purpose: 'typha', namespace: CALICO_NAMESPACE, container: 'calico-typha' };
  return undefined;
}

/** kubectl's STATUS column as a pod phase: a finished Job pod shows Completed or Error. */
const PHASE_OF_STATUS: Readonly<Record<string, string>> = { Completed: 'Succeeded', Error: 'Failed', Running: 'Running', Pending: 'Pending' };

/** A helm-install pod of a Calico chart from the `kubectl get pods -A` table (its Job name is the name without the pod suffix). */
function helmPodFromRow(row: Record<string, string>): unknown {
  const name = row.NAME ?? '';
  const job = CALICO_CHARTS.map((chart) => `helm-install-${chart}`).filter((prefix) => name.startsWith(`${prefix}-`)).sort((a, b) => b.length - a.length)[0];
  if (row.NAMESPACE !== HELM_NAMESPACE || job === undefined) return undefined;
  return { metadata: { name, namespace: HELM_NAMESPACE, labels: { 'job-name': job } }, status: { phase: PHASE_OF_STATUS[row.STATUS ?? ''] ?? row.STATUS ?? 'Unknown' } };
}

function bundlePodLogs(files: HostFiles): PodLogEvidence[] {
  for (const folder of POD_LOG_FOLDERS) {
    const names = files.list(folder);
    if (names.length === 0) continue;
    return names.flatMap((file) => {
      const purpose = podLogPurpose(file);
      const text = purpose ? files.read(`${folder}/${file}`) : undefined;
      if (!purpose || text === undefined) return [];
      const pod = file.slice(purpose.namespace.length + 1);
      return [{ ...purpose, pod, tailLines: 0, text: { kind: 'ok' as const, value: text.slice(-POD_LOG_TAIL_BYTES) } }];
    });
  }
  return [];
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
    helmPods: table(files, 'pods', helmPodFromRow),
    clusterRoles: objects('ClusterRole'),
    clusterRoleBindings: objects('ClusterRoleBinding'),
    operatorDeployment: notInBundle('Deployment tigera-operator'),
    calicoNodeDaemonSet: calicoNode ? { kind: 'ok', value: calicoNode } : daemonSets.kind === 'ok' ? { kind: 'not-found', message: 'no calico-system/calico-node in kubectl/daemonsets' } : notInBundle('kubectl/daemonsets'),
    typhaDeployment: notInBundle('Deployment calico-typha'),
    kubeControllersDeployment: notInBundle('Deployment calico-kube-controllers'),
    calicoNodePods: notInBundle('calico-node pods'),
    controlPlanePods: notInBundle('calico-typha and calico-kube-controllers pods'),
    typhaEndpoints: notInBundle('Endpoints calico-typha'),
    sandboxEvents: table(files, 'events', (row) => (row.REASON === 'FailedCreatePodSandBox'
      ? { reason: row.REASON, type: row.TYPE, message: row.MESSAGE, involvedObject: { namespace: row.NAMESPACE, name: (row.OBJECT ?? '').replace(/^pod\//, '') } }
      : undefined)),
    felixConfiguration: notInBundle('FelixConfiguration default'),
    ipamConfig: notInBundle('IPAMConfig default'),
    ipamBlocks: notInBundle('IPAMBlocks'),
    blockAffinities: notInBundle('BlockAffinities'),
    failedEvents: Object.fromEntries([CALICO_NAMESPACE, OPERATOR_NAMESPACE].map((namespace) => [namespace, table(files, 'events', (row) => (row.REASON === 'Failed' && row.NAMESPACE === namespace
      ? { reason: row.REASON, type: row.TYPE, message: row.MESSAGE, involvedObject: { kind: 'Pod', namespace: row.NAMESPACE, name: (row.OBJECT ?? '').replace(/^pod\//, '') } }
      : undefined))])),
    kubeProxyPods: table(files, 'pods', (row) => (row.NAMESPACE === HELM_NAMESPACE && (row.NAME ?? '').startsWith('kube-proxy-')
      ? { metadata: { name: row.NAME, namespace: HELM_NAMESPACE, labels: { component: 'kube-proxy' } }, status: { phase: row.STATUS } }
      : undefined)),
    servicesEndpoint: notInBundle('ConfigMap tigera-operator/kubernetes-services-endpoint'),
    podLogs: bundlePodLogs(files),
  };
}
