/**
 * What the rke2-calico chart and the tigera-operator Installation accept, for checking a HelmChartConfig's
 * `valuesContent`. Top-level values: rancher/rke2-charts `charts/rke2-calico/rke2-calico/v3.29.200/values.yaml`
 * plus the keys later charts added (REFERENCE §3.1, §3.3). Installation fields and enums: the InstallationSpec of
 * the CRD shipped in rke2-calico-crd v3.29.101 (§3.4).
 */
export const CALICO_VALUES_SOURCE =
  'rancher/rke2-charts rke2-calico values.yaml (v3.29.200 and later); rke2-calico-crd v3.29.101 operator.tigera.io_installations_crd.yaml';

/** Top-level chart values, with the first chart that has each one where it is not in every chart. */
export const CHART_TOP_LEVEL_VALUES: Readonly<Record<string, string | undefined>> = {
  imagePullSecrets: undefined,
  installation: undefined,
  apiServer: undefined,
  defaultFelixConfiguration: undefined,
  certs: undefined,
  resources: undefined,
  additionalLabels: undefined,
  tolerations: undefined,
  nodeSelector: undefined,
  affinity: undefined,
  priorityClassName: undefined,
  podAnnotations: undefined,
  podLabels: undefined,
  tigeraOperator: undefined,
  calicoctl: undefined,
  kubeletVolumePluginPath: undefined,
  global: undefined,
  ipamConfig: undefined,
  felixConfiguration: undefined,
  kubernetesServiceEndpoint: 'v3.28.100',
  goldmane: 'v3.30.001',
  whisker: 'v3.30.001',
  manageCRDs: 'v3.30.001',
  dnsConfig: 'v3.30.100',
};

/** `installation.*`: the InstallationSpec fields, plus the chart's own `enabled`, `natOutgoing` and `backend`. */
export const INSTALLATION_FIELDS: readonly string[] = [
  'enabled', 'natOutgoing', 'backend',
  'calicoKubeControllersDeployment', 'calicoNetwork', 'calicoNodeDaemonSet', 'calicoNodeWindowsDaemonSet',
  'calicoWindowsUpgradeDaemonSet', 'certificateManagement', 'cni', 'componentResources', 'controlPlaneNodeSelector',
  'controlPlaneReplicas', 'controlPlaneTolerations', 'csiNodeDriverDaemonSet', 'fipsMode', 'flexVolumePath', 'imagePath',
  'imagePrefix', 'imagePullSecrets', 'kubeletVolumePluginPath', 'kubernetesProvider', 'logging', 'nodeMetricsPort',
  'nodeUpdateStrategy', 'nonPrivileged', 'registry', 'serviceCIDRs', 'typhaAffinity', 'typhaDeployment',
  'typhaMetricsPort', 'variant', 'windowsNodes',
];

/** `installation.calicoNetwork.*` (kubeProxyManagement appears in newer CRDs and the RKE2 eBPF docs). */
export const CALICO_NETWORK_FIELDS: readonly string[] = [
  'bgp', 'containerIPForwarding', 'hostPorts', 'ipPools', 'linuxDataplane', 'linuxPolicySetupTimeoutSeconds', 'mtu',
  'multiInterfaceMode', 'nodeAddressAutodetectionV4', 'nodeAddressAutodetectionV6', 'sysctl', 'windowsDataplane',
  'kubeProxyManagement',
];

export const IP_POOL_FIELDS: readonly string[] = [
  'allowedUses', 'blockSize', 'cidr', 'disableBGPExport', 'disableNewAllocations', 'encapsulation', 'name', 'natOutgoing', 'nodeSelector',
];

const ENABLED_DISABLED = ['Enabled', 'Disabled'];
const ENCAPSULATIONS = ['IPIPCrossSubnet', 'IPIP', 'VXLAN', 'VXLANCrossSubnet', 'None'];

/** Enumerated values the operator's CRD validation accepts, by path (`[]` marks list items). */
export const ENUM_VALUES: Readonly<Record<string, readonly string[]>> = {
  'installation.natOutgoing': ENABLED_DISABLED,
  'installation.backend': ENCAPSULATIONS,
  'installation.fipsMode': ENABLED_DISABLED,
  'installation.variant': ['Calico', 'TigeraSecureEnterprise'],
  'installation.kubernetesProvider': ['', 'EKS', 'GKE', 'AKS', 'OpenShift', 'DockerEnterprise', 'RKE2', 'TKG'],
  'installation.calicoNetwork.bgp': ENABLED_DISABLED,
  'installation.calicoNetwork.hostPorts': ENABLED_DISABLED,
  'installation.calicoNetwork.containerIPForwarding': ENABLED_DISABLED,
  'installation.calicoNetwork.linuxDataplane': ['Iptables', 'BPF', 'VPP', 'Nftables'],
  'installation.calicoNetwork.multiInterfaceMode': ['None', 'Multus'],
  'installation.calicoNetwork.windowsDataplane': ['HNS', 'Disabled'],
  'installation.calicoNetwork.kubeProxyManagement': ENABLED_DISABLED,
  'installation.calicoNetwork.ipPools[].encapsulation': ENCAPSULATIONS,
  'installation.calicoNetwork.ipPools[].natOutgoing': ENABLED_DISABLED,
  'installation.calicoNetwork.ipPools[].disableBGPExport': ['true', 'false'],
};
