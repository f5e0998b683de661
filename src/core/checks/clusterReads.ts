import { POLICY_READS } from '../policy/policyReads';
import { CALICO_CHARTS, CALICO_NAMESPACE, HELM_NAMESPACE, OPERATOR_NAMESPACE, SERVICES_ENDPOINT_CONFIGMAP } from './calicoObjects';

export type ReadVerb = 'get' | 'list' | 'watch';

/**
 * One kind of read the checks make, as an RBAC rule: the least-privilege role (`rke2-calico-diag rbac`,
 * deploy/rbac.yaml) is generated from this list, and test/integration/clusterReads.test.ts proves it is exactly
 * what the checks need: every request of a full check is allowed by it, every check reaches a real status when the
 * simulated API server enforces it, and taking away any rule, verb, name or namespace makes some check unknown.
 */
export interface ClusterRead {
  /** API group; '' is the core group. */
  readonly apiGroup: string;
  /** Plural resource name (`pods`), or `resource/subresource` (`pods/log`). */
  readonly resource: string;
  readonly verbs: readonly ReadVerb[];
  /** Only these objects (RBAC resourceNames; for `get` only, as Kubernetes cannot restrict a list by name). */
  readonly names?: readonly string[];
  /** A namespaced resource read only in these namespaces (a Role in each); absent: cluster-wide. */
  readonly namespaces?: readonly string[];
  /** The checks that need it. */
  readonly usedBy: string;
}

/**
 * Every read of the readiness checks. A check that reads something new adds one line here; the RBAC tests then
 * cover it (and fail until it is here).
 */
export const CHECK_READS: readonly ClusterRead[] = [
  { apiGroup: '', resource: 'nodes', verbs: ['list'], usedBy: 'identity, known issues, nodes, join burst, IP pools (paged, 1,000 a page)' },
  { apiGroup: '', resource: 'events', verbs: ['list'], usedBy: "init race: FailedCreatePodSandBox events; images: Failed events in calico-system and tigera-operator (and kube-system for a manifest install); operator: Warning events in tigera-operator when it is not running; calico-node: its DaemonSet's FailedCreate events when it created fewer pods than nodes; the editor's Describe: the events of one object (field selectors)" },
  { apiGroup: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', verbs: ['list'], usedBy: 'CRDs present and Established' },
  { apiGroup: 'crd.projectcalico.org', resource: 'clusterinformations', verbs: ['get'], names: ['default'], usedBy: 'datastore, identity, init race' },
  { apiGroup: 'crd.projectcalico.org', resource: 'ippools', verbs: ['list'], usedBy: 'IP pools' },
  { apiGroup: 'operator.tigera.io', resource: 'installations', verbs: ['get'], names: ['default'], usedBy: 'operator: Installation default, identity' },
  { apiGroup: 'operator.tigera.io', resource: 'tigerastatuses', verbs: ['list'], usedBy: 'operator: TigeraStatus' },
  { apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles', verbs: ['list'], usedBy: 'RBAC of calico-node, typha, cni-plugin, kube-controllers; the v1.42.0 ipamconfigs gap (one list instead of a get per name)' },
  { apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', verbs: ['list'], usedBy: 'RBAC of calico-node, typha, cni-plugin, kube-controllers' },
  { apiGroup: 'crd.projectcalico.org', resource: 'felixconfigurations', verbs: ['get'], names: ['default'], usedBy: 'VXLAN checksum offload, MTU (WireGuard), known-issue preconditions' },
  { apiGroup: 'crd.projectcalico.org', resource: 'ipamconfigs', verbs: ['get'], names: ['default'], usedBy: 'IPAM (strictAffinity, maxBlocksPerHost), Windows nodes' },
  { apiGroup: 'crd.projectcalico.org', resource: 'ipamblocks', verbs: ['list'], usedBy: 'IPAM blocks (paged, 2,500 a page)' },
  { apiGroup: 'crd.projectcalico.org', resource: 'blockaffinities', verbs: ['list'], usedBy: 'IPAM: blocks held by deleted nodes' },
  { apiGroup: '', resource: 'pods/log', verbs: ['get'], namespaces: [HELM_NAMESPACE, CALICO_NAMESPACE], usedBy: 'upgrade: failed or restarting helm-install pods; denials: calico-kube-controllers and calico-typha (tails only)' },
  { apiGroup: '', resource: 'configmaps', verbs: ['get'], names: [SERVICES_ENDPOINT_CONFIGMAP], namespaces: [OPERATOR_NAMESPACE], usedBy: 'dataplane: the eBPF API server endpoint (read only with the eBPF dataplane)' },
  { apiGroup: 'helm.cattle.io', resource: 'helmcharts', verbs: ['list'], namespaces: [HELM_NAMESPACE], usedBy: 'Calico is the CNI; helm-install jobs' },
  { apiGroup: 'batch', resource: 'jobs', verbs: ['get'], names: CALICO_CHARTS.map((chart) => `helm-install-${chart}`), namespaces: [HELM_NAMESPACE], usedBy: 'helm-install jobs' },
  { apiGroup: '', resource: 'pods', verbs: ['list'], namespaces: [HELM_NAMESPACE, CALICO_NAMESPACE, OPERATOR_NAMESPACE], usedBy: 'helm-install and kube-proxy pods; calico-node, typha and kube-controllers pods; a manifest install\'s calico-node pods in kube-system; the tigera-operator pods when it is not running (label selectors, never every pod)' },
  { apiGroup: 'apps', resource: 'deployments', verbs: ['get'], names: ['tigera-operator', 'calico-typha', 'calico-kube-controllers'], namespaces: [OPERATOR_NAMESPACE, CALICO_NAMESPACE, HELM_NAMESPACE], usedBy: 'operator, typha, kube-controllers (kube-system: a manifest install)' },
  { apiGroup: 'apps', resource: 'daemonsets', verbs: ['get'], names: ['calico-node'], namespaces: [CALICO_NAMESPACE, HELM_NAMESPACE], usedBy: 'calico-node, identity (kube-system: a manifest install, read only when calico-system has none)' },
  { apiGroup: 'apps', resource: 'daemonsets', verbs: ['list'], namespaces: [HELM_NAMESPACE], usedBy: 'calico-node of Canal: its DaemonSet found by label k8s-app=canal, whatever the installer named it (read only when calico-system has no calico-node)' },
  { apiGroup: 'apps', resource: 'replicasets', verbs: ['list'], namespaces: [OPERATOR_NAMESPACE], usedBy: 'operator: why tigera-operator has no ready pod (ReplicaSet conditions; read only then)' },
  { apiGroup: '', resource: 'endpoints', verbs: ['get'], names: ['calico-typha'], namespaces: [CALICO_NAMESPACE], usedBy: 'typha endpoints' },
];

/**
 * Every read the product makes against a cluster: the readiness checks and `explain` (the CLI and the editor's
 * "Explain connection…"). The least-privilege role and the RBAC tests are built from this list.
 */
export const CLUSTER_READS: readonly ClusterRead[] = combineReads(CHECK_READS, POLICY_READS);

/**
 * Two read lists as one role: a namespaced read whose verbs a cluster-wide read of the same resource (any name)
 * already grants is dropped, its purpose added to that read's, so the role holds no rule that grants nothing more.
 */
export function combineReads(first: readonly ClusterRead[], second: readonly ClusterRead[]): ClusterRead[] {
  const all = [...first, ...second];
  const coveredBy = (read: ClusterRead): ClusterRead | undefined =>
    read.namespaces === undefined
      ? undefined
      : all.find((wide) => wide !== read && wide.namespaces === undefined && wide.names === undefined && wide.apiGroup === read.apiGroup && wide.resource === read.resource && read.verbs.every((verb) => wide.verbs.includes(verb)));
  const covered = all.filter((read) => coveredBy(read) !== undefined);
  return all
    .filter((read) => !covered.includes(read))
    .map((read) => {
      const extra = covered.filter((other) => coveredBy(other) === read).map((other) => other.usedBy);
      return extra.length === 0 ? read : { ...read, usedBy: [read.usedBy, ...extra].join('; ') };
    });
}

/** A request as an authorizer sees it. */
export interface ReadRequest {
  readonly verb: string;
  readonly apiGroup: string;
  /** With its subresource: `pods/log`. */
  readonly resource: string;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
}

/** Whether `reads` allow `request`, with Kubernetes RBAC's semantics for verbs, resourceNames and namespaces. */
export function readsAllow(reads: readonly ClusterRead[], request: ReadRequest): boolean {
  return reads.some((read) =>
    read.apiGroup === request.apiGroup &&
    read.resource === request.resource &&
    read.verbs.includes(request.verb as ReadVerb) &&
    (read.names === undefined || (request.name !== undefined && read.names.includes(request.name))) &&
    (read.namespaces === undefined || (request.namespace !== undefined && read.namespaces.includes(request.namespace))),
  );
}
