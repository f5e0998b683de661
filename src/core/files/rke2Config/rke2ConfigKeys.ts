/**
 * The keys RKE2 accepts in `config.yaml` / `config.yaml.d/*.yaml`: the server and agent flags without `--`.
 * Types follow the urfave/cli flag kinds in rancher/rke2 `pkg/cli/cmds/*.go` and k3s `pkg/cli/cmds/{server,agent}.go`;
 * descriptions and defaults follow rke2-docs `docs/reference/server_config.md` and `linux_agent_config.md`.
 * A few types are inferred where the source was not read directly (marked). This table is the one source for the
 * linter, the JSON Schema contributed to the YAML extension, and the CLI.
 */
import { RKE2_FLAG_TABLE, RKE2_FLAG_TABLE_TAG } from './rke2FlagTable';

export type Rke2KeyType = 'string' | 'bool' | 'int' | 'duration' | 'stringSlice';

export interface Rke2ConfigKey {
  readonly key: string;
  readonly type: Rke2KeyType;
  /** Accepted by `rke2 agent` as well as `rke2 server`. */
  readonly agent: boolean;
  readonly description: string;
  readonly default?: string;
  /** The only values RKE2 accepts; checked by the linter where RKE2 itself validates them. */
  readonly allowed?: readonly string[];
  readonly env?: string;
  /** The type was inferred, not read from the flag definition. */
  readonly typeInferred?: boolean;
}

export const RKE2_CONFIG_KEYS_SOURCE =
  `rancher/rke2 ${RKE2_FLAG_TABLE_TAG} pkg/cli/cmds (which flags exist, hidden, dropped or removed); rke2-docs docs/reference/server_config.md and linux_agent_config.md (descriptions)`;

function key(name: string, type: Rke2KeyType, agent: boolean, description: string, extra: Partial<Rke2ConfigKey> = {}): Rke2ConfigKey {
  return { key: name, type, agent, description, ...extra };
}

const componentArgKeys = ['kube-apiserver-arg', 'etcd-arg', 'kube-controller-manager-arg', 'kube-scheduler-arg', 'kube-cloud-controller-manager-arg'].map(
  (name) => key(name, 'stringSlice', false, `Extra arguments for ${name.replace(/-arg$/, '')} (flag=value).`),
);
const extraMountEnvKeys = ['kube-apiserver', 'kube-scheduler', 'kube-controller-manager', 'kube-proxy', 'etcd', 'cloud-controller-manager'].flatMap((component) => [
  key(`${component}-extra-mount`, 'stringSlice', false, `Extra host mounts for the ${component} static pod.`),
  key(`${component}-extra-env`, 'stringSlice', false, `Extra environment variables for the ${component} static pod.`),
]);
const imageKeys = ['kube-apiserver-image', 'kube-controller-manager-image', 'cloud-controller-manager-image', 'kube-proxy-image', 'kube-scheduler-image', 'pause-image', 'runtime-image', 'etcd-image'].map(
  (name) => key(name, 'string', true, `Override image for ${name.replace(/-image$/, '')}.`),
);
const etcdBoolKeys = ['etcd-expose-metrics', 'etcd-disable-snapshots', 'etcd-snapshot-compress', 'etcd-s3', 'etcd-s3-skip-ssl-verify', 'etcd-s3-insecure'].map(
  (name) => key(name, 'bool', false, `etcd option ${name}.`, { default: 'false' }),
);
const etcdS3StringKeys = ['etcd-s3-endpoint', 'etcd-s3-endpoint-ca', 'etcd-s3-access-key', 'etcd-s3-secret-key', 'etcd-s3-session-token', 'etcd-s3-bucket', 'etcd-s3-folder', 'etcd-s3-proxy', 'etcd-s3-config-secret'].map(
  (name) => key(name, 'string', false, `etcd S3 snapshot option ${name}.`),
);

export const RKE2_CONFIG_KEYS: readonly Rke2ConfigKey[] = [
  key('config', 'string', true, 'Load configuration from this file.', { default: '/etc/rancher/rke2/config.yaml', env: 'RKE2_CONFIG_FILE' }),
  key('debug', 'bool', true, 'Turn on debug logs.', { default: 'false', env: 'RKE2_DEBUG' }),
  key('data-dir', 'string', true, 'Folder to hold state.', { default: '/var/lib/rancher/rke2', env: 'RKE2_DATA_DIR' }),
  key('bind-address', 'string', true, 'RKE2 bind address.', { default: '0.0.0.0' }),
  key('advertise-address', 'string', false, 'IPv4/IPv6 address that the apiserver advertises.'),
  key('tls-san', 'stringSlice', false, 'Additional hostnames or IPs as Subject Alternative Names in the server TLS certificate.'),
  key('tls-san-security', 'bool', false, 'Protect the server TLS certificate by refusing extra SANs not needed by clients.', { default: 'true' }),
  key('cluster-cidr', 'stringSlice', false, 'IPv4/IPv6 network CIDRs for pod IPs; must match on all servers.', { default: '10.42.0.0/16' }),
  key('service-cidr', 'stringSlice', false, 'IPv4/IPv6 network CIDRs for service IPs; must match on all servers.', { default: '10.43.0.0/16' }),
  key('service-node-port-range', 'string', false, 'Port range reserved for NodePort services.', { default: '30000-32767' }),
  key('cluster-dns', 'stringSlice', false, 'IPv4 cluster IP for the coredns service.', { default: '10.43.0.10' }),
  key('cluster-domain', 'string', false, 'Cluster domain.', { default: 'cluster.local' }),
  key('egress-selector-mode', 'string', false, 'How the apiserver reaches kubelets and pods.', { default: 'agent', allowed: ['agent', 'cluster', 'pod', 'disabled'] }),
  key('servicelb-namespace', 'string', false, 'Namespace of the pods for the servicelb component.', { default: 'kube-system' }),
  key('cni', 'stringSlice', false, 'CNI plugins to deploy: calico, canal, cilium, flannel or none; multus first for two.', { default: 'canal', env: 'RKE2_CNI' }),
  key('ingress-controller', 'stringSlice', false, 'Ingress controllers to deploy (ingress-nginx, traefik; first is the default class) or none.', { env: 'RKE2_INGRESS_CONTROLLER' }),
  key('enable-servicelb', 'bool', false, 'Enable the rke2 service load balancer.', { default: 'false', env: 'RKE2_ENABLE_SERVICELB' }),
  key('write-kubeconfig', 'string', false, 'Write the admin kubeconfig to this file.', { env: 'RKE2_KUBECONFIG_OUTPUT' }),
  key('write-kubeconfig-mode', 'string', false, 'Write the kubeconfig with this mode.', { env: 'RKE2_KUBECONFIG_MODE' }),
  key('write-kubeconfig-group', 'string', false, 'Write the kubeconfig with this group.', { env: 'RKE2_KUBECONFIG_GROUP' }),
  key('helm-controller-arg', 'stringSlice', false, 'Extra arguments for the helm controller (since v1.36.3, v1.35.7, v1.34.10, v1.33.13+rke2r2).'),
  key('token', 'string', true, 'Shared secret used to join a server or agent to a cluster.', { env: 'RKE2_TOKEN' }),
  key('token-file', 'string', true, 'File containing the cluster secret.', { env: 'RKE2_TOKEN_FILE' }),
  key('agent-token', 'string', false, 'Shared secret used to join agents to the cluster, but not servers.'),
  key('agent-token-file', 'string', false, 'File containing the agent secret.'),
  key('server', 'string', true, 'Server to connect to (https://<server>:9345).', { env: 'RKE2_URL' }),
  key('cluster-reset', 'bool', false, 'Forget all peers and become the sole member of a new cluster.', { default: 'false' }),
  key('cluster-reset-restore-path', 'string', false, 'Path to the snapshot file to restore.'),
  key('datastore-endpoint', 'string', false, 'etcd or SQL datastore endpoint.'),
  key('datastore-cafile', 'string', false, 'Datastore TLS CA file.'),
  key('datastore-certfile', 'string', false, 'Datastore TLS certificate file.'),
  key('datastore-keyfile', 'string', false, 'Datastore TLS key file.'),
  ...etcdBoolKeys,
  key('etcd-snapshot-name', 'string', false, 'Base name of etcd snapshots.', { default: 'etcd-snapshot' }),
  key('etcd-snapshot-schedule-cron', 'string', false, 'Snapshot interval time in cron spec.', { default: '0 */12 * * *' }),
  key('etcd-snapshot-retention', 'int', false, 'Number of snapshots to retain.', { default: '5' }),
  key('etcd-s3-retention', 'int', false, 'Number of S3 snapshots to retain.', { default: '5' }),
  key('etcd-snapshot-reconcile-interval', 'duration', false, 'Snapshot reconcile interval.', { default: '10m0s', typeInferred: true }),
  key('etcd-s3-timeout', 'duration', false, 'S3 timeout.', { default: '5m0s' }),
  key('etcd-snapshot-dir', 'string', false, 'Directory to save etcd snapshots.', { default: '${data-dir}/server/db/snapshots' }),
  ...etcdS3StringKeys,
  key('etcd-s3-bucket-lookup-type', 'string', false, 'S3 bucket lookup type.', { allowed: ['auto', 'dns', 'path'] }),
  key('etcd-s3-region', 'string', false, 'S3 region / bucket location.', { default: 'us-east-1' }),
  ...componentArgKeys,
  key('kubelet-arg', 'stringSlice', true, 'Extra arguments for the kubelet.'),
  key('kube-proxy-arg', 'stringSlice', true, 'Extra arguments for kube-proxy.'),
  key('disable', 'stringSlice', false, 'Do not deploy packaged components (e.g. rke2-coredns, rke2-metrics-server); CNI charts are added automatically.'),
  key('disable-scheduler', 'bool', false, 'Disable the Kubernetes default scheduler.', { default: 'false' }),
  key('disable-cloud-controller', 'bool', false, 'Disable the RKE2 cloud controller manager.', { default: 'false' }),
  key('disable-kube-proxy', 'bool', false, 'Disable running kube-proxy.', { default: 'false' }),
  key('embedded-registry', 'bool', false, 'Enable the embedded distributed container registry.', { default: 'false' }),
  key('supervisor-metrics', 'bool', false, 'Expose the supervisor metrics.', { default: 'false' }),
  key('enable-pprof', 'bool', false, 'Enable pprof on the supervisor port.', { default: 'false' }),
  key('control-plane-resource-requests', 'stringSlice', false, 'Control plane resource requests.', { env: 'RKE2_CONTROL_PLANE_RESOURCE_REQUESTS' }),
  key('control-plane-resource-limits', 'stringSlice', false, 'Control plane resource limits.', { env: 'RKE2_CONTROL_PLANE_RESOURCE_LIMITS' }),
  key('control-plane-probe-configuration', 'stringSlice', false, 'Control plane probe configuration.', { env: 'RKE2_CONTROL_PLANE_PROBE_CONFIGURATION' }),
  ...extraMountEnvKeys,
  ...imageKeys,
  key('cloud-provider-name', 'string', true, 'Cloud provider name.'),
  key('cloud-provider-config', 'string', true, 'Cloud provider configuration file path.'),
  key('node-name-from-cloud-provider-metadata', 'bool', true, 'Set the node name from cloud provider metadata.', { default: 'false' }),
  key('profile', 'string', true, 'Validate system configuration against the selected benchmark: cis (and etcd) from v1.30.14/v1.31.10/v1.32.6/v1.33.2 and in v1.34+; cis or cis-1.23 before; cis-1.5/cis-1.6 up to v1.24.', { env: 'RKE2_CIS_PROFILE' }),
  key('audit-policy-file', 'string', false, 'Path to the audit policy file.'),
  key('pod-security-admission-config-file', 'string', false, 'Path to the Pod Security Admission configuration file.'),
  key('secrets-encryption-provider', 'string', false, 'Secrets encryption provider.', { default: 'aescbc', allowed: ['aescbc', 'secretbox'] }),
  key('kubelet-path', 'string', true, 'Override kubelet binary path.'),
  key('node-name', 'string', true, 'Node name.', { env: 'RKE2_NODE_NAME' }),
  key('with-node-id', 'bool', true, 'Append an id to the node name.', { default: 'false' }),
  key('node-label', 'stringSlice', true, 'Registering and starting kubelet with a set of labels.'),
  key('node-taint', 'stringSlice', true, 'Registering kubelet with a set of taints.'),
  key('image-credential-provider-bin-dir', 'string', true, 'Path to the credential provider plugin binaries.', { default: '/var/lib/rancher/credentialprovider/bin' }),
  key('image-credential-provider-config', 'string', true, 'Path to the credential provider plugin config file.', { default: '/var/lib/rancher/credentialprovider/config.yaml' }),
  key('protect-kernel-defaults', 'bool', true, 'Kernel tuning behaviour: error if kernel tunables differ from kubelet defaults.', { default: 'false' }),
  key('selinux', 'bool', true, 'Enable SELinux in containerd.', { default: 'false', env: 'RKE2_SELINUX' }),
  key('lb-server-port', 'int', true, 'Local port for the supervisor client load balancer.', { default: '6444', env: 'RKE2_LB_SERVER_PORT' }),
  key('container-runtime-endpoint', 'string', true, 'Disable embedded containerd and use this CRI socket.'),
  key('default-runtime', 'string', true, 'Default runtime in containerd.'),
  key('snapshotter', 'string', true, 'Override default containerd snapshotter.', { default: 'overlayfs' }),
  key('private-registry', 'string', true, 'Private registry configuration file.', { default: '/etc/rancher/rke2/registries.yaml' }),
  key('system-default-registry', 'string', false, 'Private registry for all system images; flows to charts as global.systemDefaultRegistry.', { env: 'RKE2_SYSTEM_DEFAULT_REGISTRY' }),
  key('disable-default-registry-endpoint', 'bool', true, 'Disable the containerd fallback default registry endpoint.', { default: 'false' }),
  key('nonroot-devices', 'bool', true, 'Allow non-root pods to access devices.', { default: 'false' }),
  key('node-ip', 'stringSlice', true, 'IPv4/IPv6 addresses to advertise for the node.'),
  key('node-external-ip', 'stringSlice', true, 'IPv4/IPv6 external IP addresses to advertise for the node.'),
  key('node-internal-dns', 'stringSlice', true, 'Internal DNS addresses to advertise for the node.', { typeInferred: true }),
  key('node-external-dns', 'stringSlice', true, 'External DNS addresses to advertise for the node.', { typeInferred: true }),
  key('resolv-conf', 'string', true, 'Kubelet resolv.conf file.', { env: 'RKE2_RESOLV_CONF' }),
];

/** Why RKE2 drops some k3s flags (it manages the component itself); the release it happened in is in the flag table. */
const DROPPED_BECAUSE: Readonly<Record<string, string>> = {
  'flannel-backend': 'RKE2 deploys its CNI as a chart; choose it with `cni` and tune it with a HelmChartConfig',
  'flannel-iface': 'configure the CNI chart through a HelmChartConfig instead',
  'flannel-conf': 'configure the CNI chart through a HelmChartConfig instead',
  'flannel-cni-conf': 'configure the CNI chart through a HelmChartConfig instead',
  'flannel-ipv6-masq': 'configure the CNI chart through a HelmChartConfig instead',
  'flannel-external-ip': 'configure the CNI chart through a HelmChartConfig instead',
  'cluster-init': 'RKE2 always runs embedded etcd on servers; the first server initialises it',
  'https-listen-port': 'RKE2 serves the apiserver on 6443 and the supervisor on 9345',
  'supervisor-port': 'RKE2 serves the supervisor on 9345',
  'apiserver-port': 'RKE2 serves the apiserver on 6443',
  'advertise-port': 'RKE2 advertises the apiserver on 6443',
  'disable-network-policy': 'network policy comes from the chosen CNI in RKE2',
  'disable-helm-controller': 'RKE2 needs its helm controller to deploy its charts',
  docker: 'RKE2 uses its embedded containerd (or container-runtime-endpoint)',
  rootless: 'RKE2 does not support rootless mode',
};

/** Hidden flags are valid config keys (rke2 `hideFlag` keeps them in the command's flags). */
const HIDDEN_KEYS: readonly Rke2ConfigKey[] = RKE2_FLAG_TABLE.filter((flag) => flag.status === 'hidden' && !RKE2_CONFIG_KEYS.some((entry) => entry.key === flag.key)).map((flag) =>
  key(flag.key, flag.type, flag.agent, `Accepted by RKE2 but hidden from --help (${flag.source}).`),
);

const BY_NAME = new Map([...RKE2_CONFIG_KEYS, ...HIDDEN_KEYS].map((entry) => [entry.key, entry]));

export function findRke2ConfigKey(name: string): Rke2ConfigKey | undefined {
  return BY_NAME.get(name);
}

/** A k3s flag RKE2 drops, or a flag RKE2 removed: RKE2 skips the key with a warning. */
export interface SkippedKey {
  readonly status: 'dropped' | 'removed';
  readonly since: string | undefined;
  readonly because: string | undefined;
}

const SKIPPED = new Map(RKE2_FLAG_TABLE.filter((flag) => flag.status === 'dropped' || flag.status === 'removed').map((flag) => [flag.key, flag]));

export function skippedRke2Key(name: string): SkippedKey | undefined {
  const flag = SKIPPED.get(name);
  if (!flag) return undefined;
  return { status: flag.status === 'removed' ? 'removed' : 'dropped', since: flag.droppedIn, because: DROPPED_BECAUSE[name] };
}

export function rke2ConfigKeyNames(): Iterable<string> {
  return BY_NAME.keys();
}
