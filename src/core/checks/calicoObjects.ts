/**
 * Names of the Kubernetes objects a Calico install on RKE2 consists of. Sources: rke2-charts rke2-calico-crd
 * v3.29.101 templates (CRDs), tigera/operator `pkg/render` (calico-system workloads and RBAC names), RKE2
 * charts/build-chart.sh (HelmCharts in kube-system) — REFERENCE §5.4.
 */
export const CALICO_NAMESPACE = 'calico-system';
export const OPERATOR_NAMESPACE = 'tigera-operator';
export const HELM_NAMESPACE = 'kube-system';

export const CALICO_CHARTS = ['rke2-calico-crd', 'rke2-calico'] as const;
/** Other CNI charts RKE2 can deploy; their presence without rke2-calico means Calico is not the CNI. */
export const OTHER_CNI_CHARTS = ['rke2-cilium', 'rke2-flannel'] as const;

/**
 * Canal: Calico's calico-node (policy, no BGP) and flannel (routes) as two containers of one DaemonSet in kube-system,
 * labelled k8s-app=canal. Its name varies with the installer — RKE2's default CNI names it after its chart (rke2-charts
 * packages/rke2-canal templates/daemonset.yaml: `name: {{ .Release.Name }}`), Calico's canal.yaml and RKE1 `canal` —
 * so it is found by its label.
 */
export const CANAL_CHART = 'rke2-canal';
/** The k8s-app label of Canal's DaemonSet and pods. */
export const CANAL_APP = 'canal';

/** The 24 CRDs of rke2-calico-crd v3.29.101 (the chart's own validator checks these kinds). */
export const CALICO_CRDS: readonly string[] = [
  ...['bgpconfigurations', 'bgpfilters', 'bgppeers', 'blockaffinities', 'caliconodestatuses', 'clusterinformations', 'felixconfigurations', 'globalnetworkpolicies', 'globalnetworksets', 'hostendpoints', 'ipamblocks', 'ipamconfigs', 'ipamhandles', 'ippools', 'ipreservations', 'kubecontrollersconfigurations', 'networkpolicies', 'networksets', 'tiers'].map((plural) => `${plural}.crd.projectcalico.org`),
  'adminnetworkpolicies.policy.networking.k8s.io',
  ...['apiservers', 'imagesets', 'installations', 'tigerastatuses'].map((plural) => `${plural}.operator.tigera.io`),
];

/** ClusterRoles/ClusterRoleBindings the operator creates, and the service account each binding must name. */
export const CALICO_RBAC: readonly { readonly name: string; readonly serviceAccount: string }[] = [
  { name: 'calico-node', serviceAccount: 'calico-node' },
  { name: 'calico-typha', serviceAccount: 'calico-typha' },
  { name: 'calico-cni-plugin', serviceAccount: 'calico-cni-plugin' },
  { name: 'calico-kube-controllers', serviceAccount: 'calico-kube-controllers' },
];

export const PATHS = {
  version: '/version',
  nodes: '/api/v1/nodes',
  crds: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
  clusterInformation: '/apis/crd.projectcalico.org/v1/clusterinformations/default',
  ipPools: '/apis/crd.projectcalico.org/v1/ippools',
  installation: '/apis/operator.tigera.io/v1/installations/default',
  tigeraStatuses: '/apis/operator.tigera.io/v1/tigerastatuses',
  helmCharts: `/apis/helm.cattle.io/v1/namespaces/${HELM_NAMESPACE}/helmcharts`,
  helmJob: (chart: string) => `/apis/batch/v1/namespaces/${HELM_NAMESPACE}/jobs/helm-install-${chart}`,
  pods: (namespace: string) => `/api/v1/namespaces/${namespace}/pods`,
  pod: (namespace: string, name: string) => `/api/v1/namespaces/${namespace}/pods/${name}`,
  clusterRole: (name: string) => `/apis/rbac.authorization.k8s.io/v1/clusterroles/${name}`,
  clusterRoleBinding: (name: string) => `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${name}`,
  replicaSets: (namespace: string) => `/apis/apps/v1/namespaces/${namespace}/replicasets`,
  deployment: (namespace: string, name: string) => `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`,
  daemonSet: (namespace: string, name: string) => `/apis/apps/v1/namespaces/${namespace}/daemonsets/${name}`,
  daemonSets: (namespace: string) => `/apis/apps/v1/namespaces/${namespace}/daemonsets`,
  endpoints: (namespace: string, name: string) => `/api/v1/namespaces/${namespace}/endpoints/${name}`,
  events: '/api/v1/events',
  namespacedEvents: (namespace: string) => `/api/v1/namespaces/${namespace}/events`,
  configMap: (namespace: string, name: string) => `/api/v1/namespaces/${namespace}/configmaps/${name}`,
  clusterRoles: '/apis/rbac.authorization.k8s.io/v1/clusterroles',
  clusterRoleBindings: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
  felixConfiguration: '/apis/crd.projectcalico.org/v1/felixconfigurations/default',
  ipamConfig: '/apis/crd.projectcalico.org/v1/ipamconfigs/default',
  ipamBlocks: '/apis/crd.projectcalico.org/v1/ipamblocks',
  blockAffinities: '/apis/crd.projectcalico.org/v1/blockaffinities',
} as const;

/**
 * Calico's manifests before v2.4 deploy calico-policy-controller (image calico/kube-policy-controller) in kube-system
 * where later ones deploy calico-kube-controllers; v2.4–v2.6 keep it at 0 replicas beside its successor
 * (projectcalico/calico@v2.6.12: v2.3/ and v2.6/getting-started/kubernetes/installation/hosted/kubeadm/1.6/calico.yaml).
 */
export const LEGACY_KUBE_CONTROLLERS_APP = 'calico-policy-controller';

/** Labels of the pods the checks read by selector. */
export const POD_LABELS = {
  calicoNode: 'k8s-app=calico-node',
  /** kube-system: a manifest install's calico-node, or Canal's pods (calico-node and kube-flannel containers). */
  calicoNodeOrCanal: 'k8s-app in (calico-node,canal)',
  canalDaemonSet: `k8s-app=${CANAL_APP}`,
  /**
   * Typha and kube-controllers in one list: both are few pods. calico-policy-controller is kube-controllers' name in
   * Calico's manifests before v2.4 (see LEGACY_KUBE_CONTROLLERS_APP).
   */
  controlPlane: 'k8s-app in (calico-typha,calico-kube-controllers,calico-policy-controller)',
  /** RKE2 runs kube-proxy as a static pod labelled like its control-plane pods (rancher/rke2 pkg/podtemplate). */
  kubeProxy: 'component=kube-proxy',
  /** kubeadm's kube-proxy DaemonSet (kubernetes cmd/kubeadm addons) and most distributions that copy it. */
  kubeProxyDaemonSet: 'k8s-app=kube-proxy',
  /** The tigera-operator Deployment's pods and ReplicaSets (tigera/operator deploy manifests: name=tigera-operator). */
  operator: 'name=tigera-operator',
} as const;

/** ConfigMap the operator reads the API server address from when kube-proxy is replaced (eBPF); the RKE2 chart renders it from kubernetesServiceEndpoint. */
export const SERVICES_ENDPOINT_CONFIGMAP = 'kubernetes-services-endpoint';
