/**
 * Which finding can explain which, and what in the evidence links them. A rule never fires because both findings are
 * present: the link must hold —
 * - `shared-object`: the two findings are about the same object (the pod whose image cannot be pulled is a pod of the
 *   workload that is not ready; the pod whose log names a failure is the pod that is not ready);
 * - `same-node`: the two findings are about the same node (the node down for its own reason is the node whose
 *   calico-node pod is not ready);
 * - `same-node-or-everywhere`: as `same-node`; and when either side names no node (calico-node runs nowhere, an
 *   event without its node), the failure is not confined to a node and the `installation` link applies;
 * - `installation`: both are about the cluster's one Calico installation (its operator, CRDs, Installation,
 *   ClusterInformation, DaemonSet), and the cause is a failure, not a warning — a warning does not stop an install;
 * - `known-issue`: the cause names the known issue whose symptoms the effect is;
 * - `quotes-cidr`: the effect quotes an address range the cause is about (an IP pool's CIDR).
 * Each rule says why, with its source. `log:*` stands for any log finding.
 */
import type { CauseFinding } from './causeFinding';
import { NODES_DOWN } from './causeFinding';

export type LinkKind = 'shared-object' | 'same-node' | 'same-node-or-everywhere' | 'installation' | 'known-issue' | 'quotes-cidr';

export interface CauseRule {
  readonly id: string;
  /** Codes of the cause: check ids, `nodes.down`, `log:<signature id>` or `log:*`. */
  readonly causes: readonly string[];
  readonly effects: readonly string[];
  readonly link: LinkKind;
  /** For `known-issue`: the issue the cause must name. */
  readonly issue?: string;
  readonly because: string;
  readonly source: string;
}

/** What the evidence shows linking a cause to an effect. */
export interface Link {
  /** The link in words, naming the node, object or log line that proves it. */
  readonly text: string;
  /** For a node link: the effect's nodes the cause accounts for (the rest of the effect stays unexplained). */
  readonly nodes?: ReadonlySet<string>;
}

const CALICO_WORKLOADS = ['workloads.calico-node', 'workloads.calico-typha', 'workloads.calico-kube-controllers'];
const INSTALLATION_STATE = ['operator.installation', 'operator.tigerastatus'];

export const CAUSE_RULES: readonly CauseRule[] = [
  {
    id: 'image-stops-workload',
    causes: ['workloads.images'],
    effects: [...CALICO_WORKLOADS, 'operator.deployment'],
    link: 'shared-object',
    because: 'a pod whose image cannot be pulled never starts, so its workload is not ready',
    source: 'Kubernetes kubelet image pulls (ErrImagePull, ImagePullBackOff)',
  },
  {
    id: 'operator-installs-calico',
    causes: ['operator.deployment'],
    effects: [...INSTALLATION_STATE, 'datastore.clusterinformation', ...CALICO_WORKLOADS, 'rbac.calico'],
    link: 'installation',
    because: 'tigera-operator renders and applies every Calico component from the Installation; while it does not run, nothing is installed or reconciled',
    source: 'tigera/operator (pkg/controller/installation: the Installation controller creates calico-node, Typha, kube-controllers and their RBAC)',
  },
  {
    id: 'upgrade-removes-crds',
    causes: ['install.upgrade'],
    effects: ['crds.calico', ...INSTALLATION_STATE, 'install.helm-jobs'],
    link: 'installation',
    because: 'a chart upgrade that Helm refused fails its helm-install job again and again, and leaves the Calico CRDs or the Installation removed or half-applied',
    source: 'Helm upgrade semantics; rancher/rke2-charts rke2-calico-crd',
  },
  {
    id: 'crds-hold-calico-objects',
    causes: ['crds.calico'],
    effects: ['datastore.clusterinformation', ...INSTALLATION_STATE, 'ippools.cidr', 'ipam.blocks', ...CALICO_WORKLOADS],
    link: 'installation',
    because: 'without its CRD the API server has no such kind: Calico objects of it cannot exist and the components that read them fail',
    source: 'Kubernetes CustomResourceDefinition semantics; projectcalico/calico libcalico-go/lib/backend/k8s (CRD-backed resources)',
  },
  {
    id: 'stuck-deletion-blocks-operator',
    causes: ['operator.stuck-deletion'],
    effects: INSTALLATION_STATE,
    link: 'installation',
    because: 'an Installation or TigeraStatus held by a finalizer is neither removed nor reconciled',
    source: 'Kubernetes finalizers; tigera/operator installation finalizer',
  },
  {
    id: 'rbac-denies-components',
    causes: ['rbac.calico'],
    effects: ['rbac.denials', ...CALICO_WORKLOADS, 'datastore.clusterinformation'],
    link: 'installation',
    because: 'a Calico component without the rules its release needs is denied by the API server and cannot start or sync',
    source: 'Kubernetes RBAC; Calico ClusterRoles per release (src/core/knowledge)',
  },
  {
    id: 'known-race',
    causes: ['identity.known-issues'],
    effects: ['datastore.clusterinformation', 'race.sandbox-events', 'race.join-burst', 'install.helm-jobs', 'nodes.ready', 'workloads.calico-typha', 'workloads.calico-node', 'rbac.denials', ...INSTALLATION_STATE],
    link: 'known-issue',
    issue: 'rancher/rke2#7808',
    because: 'the cluster-init race of rancher/rke2#7808 leaves ClusterInformation unreadable and Typha unauthorized while nodes join, so sandboxes, helm-install pods, calico-node and the nodes fail',
    source: 'rancher/rke2#7808',
  },
  {
    id: 'known-race-in-logs',
    causes: ['identity.known-issues'],
    effects: ['log:typha-unauthorized', 'log:typha-count-unauthorized', 'log:network-unavailable-unauthorized', 'log:cni-unauthorized', 'log:calico-unauthorized', 'log:felix-datastore-unauthorized', 'log:clusterinformation-not-found', 'log:calico-datastore-not-ready', 'log:cni-not-initialized'],
    link: 'known-issue',
    issue: 'rancher/rke2#7808',
    because: 'during the cluster-init race of rancher/rke2#7808 the service-account tokens of Typha, calico-node and the CNI are rejected (401) and ClusterInformation does not exist yet, and the components log exactly that',
    source: 'rancher/rke2#7808',
  },
  {
    id: 'calico-node-writes-the-cni-config',
    causes: ['workloads.calico-node'],
    effects: ['host.cni-config'],
    link: 'same-node-or-everywhere',
    because: 'calico-node\'s install-cni init container writes /etc/cni/net.d/10-calico.conflist on its node; while calico-node does not start there, the node has no Calico CNI config',
    source: 'projectcalico/calico cni-plugin/pkg/install (install-cni writes the CNI network config)',
  },
  {
    id: 'known-airgap-images',
    causes: ['identity.known-issues'],
    effects: ['workloads.images'],
    link: 'known-issue',
    issue: 'rancher/rke2#8621',
    because: 'the release\'s air-gap image list lacks the Calico v3.30 images (goldmane, whisker), so they cannot be pulled on an air-gapped node',
    source: 'rancher/rke2#8621',
  },
  {
    id: 'known-ipamconfigs-rule',
    causes: ['identity.known-issues'],
    effects: ['rbac.denials', 'workloads.calico-kube-controllers'],
    link: 'known-issue',
    issue: 'tigera/operator#4855',
    because: 'tigera-operator v1.42.0 renders calico-kube-controllers\' ClusterRole without ipamconfigs, so kube-controllers is denied reading it',
    source: 'tigera/operator#4855',
  },
  {
    id: 'image-stops-installation',
    causes: ['workloads.images'],
    effects: INSTALLATION_STATE,
    link: 'installation',
    because: 'a Calico component whose image cannot be pulled never becomes available, and the operator reports the Installation and TigeraStatus degraded for it',
    source: 'tigera/operator status manager (TigeraStatus conditions from the components\' rollout)',
  },
  {
    id: 'typha-feeds-felix',
    causes: ['workloads.calico-typha'],
    effects: ['workloads.calico-node'],
    link: 'installation',
    because: 'with Typha in the installation, Felix in every calico-node syncs through Typha and is not ready without it',
    source: 'projectcalico/calico felix (Typha client; readiness waits for the datastore sync)',
  },
  {
    id: 'calico-node-creates-clusterinformation',
    causes: ['workloads.calico-node'],
    effects: ['datastore.clusterinformation'],
    link: 'installation',
    because: 'calico-node creates ClusterInformation default and marks the datastore ready at start-up',
    source: 'projectcalico/calico node/pkg/lifecycle/startup (EnsureInitialized)',
  },
  {
    id: 'components-make-installation-status',
    causes: CALICO_WORKLOADS,
    effects: INSTALLATION_STATE,
    link: 'installation',
    because: 'the operator reports the Installation and TigeraStatus available only when calico-node, Typha and kube-controllers are',
    source: 'tigera/operator status manager (TigeraStatus conditions from the components\' rollout)',
  },
  {
    id: 'calico-node-is-the-cni',
    causes: ['workloads.calico-node'],
    effects: ['nodes.ready', 'race.sandbox-events', 'install.helm-jobs'],
    link: 'same-node-or-everywhere',
    because: 'until calico-node writes the CNI configuration and runs on a node, that node\'s kubelet reports the network plugin not ready (NetworkReady=false, "cni plugin not initialized") and every pod sandbox there fails',
    source: 'projectcalico/calico cni-plugin install (calico-node\'s install-cni writes /etc/cni/net.d/10-calico.conflist); kubelet NetworkReady=false reason:NetworkPluginNotReady; https://docs.tigera.io/calico/latest/reference/architecture/overview#calico-node',
  },
  {
    id: 'node-down-stops-its-pods',
    causes: [NODES_DOWN],
    effects: ['workloads.calico-node', 'workloads.calico-typha', 'workloads.calico-kube-controllers', 'install.helm-jobs', 'operator.deployment'],
    link: 'same-node',
    because: 'a node NotReady for a reason of its own (the kubelet stopped posting status, PLEG not healthy, the container runtime down, memory, disk or PID pressure) runs no pod reliably: the node controller marks its pods not ready and the kubelet starts none, so calico-node there is down for the node\'s reason, not Calico\'s',
    source: 'Kubernetes node conditions and the node controller (https://kubernetes.io/docs/concepts/architecture/nodes/#condition; kubernetes pkg/controller/nodelifecycle MarkPodsNotReady); kubelet nodestatus (PLEG, runtime, pressure)',
  },
  {
    id: 'calico-node-leaves-its-pods-without-network',
    causes: ['workloads.calico-node'],
    effects: ['log:apiserver-unreachable', 'log:api-unreachable-error', 'log:api-unreachable-fatal', 'log:typha-unreachable'],
    link: 'same-node',
    because: 'Felix in calico-node programs the routes and rules of the pods on its node (kube-controllers is such a pod); while it is not ready there, a pod on that node cannot reach the API server\'s service address or Typha',
    source: 'https://docs.tigera.io/calico/latest/reference/architecture/overview#felix (Felix programs routes and ACLs on its host)',
  },
  {
    id: 'calico-node-log-on-its-node',
    causes: ['log:ip-autodetect-failed', 'log:ip-address-conflict', 'log:ip-autodetect-wrong-interface', 'log:kernel-module-missing', 'log:calico-node-start-failed', 'log:felix-panic', 'log:nftables-conflict', 'log:iptables-missing', 'log:bpf-healthz-port-in-use', 'log:node-startup-fatal', 'log:kernel-module-fatal', 'log:kernel-module-error'],
    effects: ['workloads.calico-node'],
    link: 'same-node',
    because: 'calico-node\'s start-up on that node (address autodetection, kernel modules, the dataplane\'s tools) failed for the reason the line names; until it completes, calico-node there is not ready',
    source: 'the log signature\'s own source (src/core/logs/catalog/calicoNodeSignatures.ts, cniSignatures.ts); projectcalico/calico node/pkg/lifecycle/startup',
  },
  {
    id: 'calico-node-leaves-kubelet-without-cni',
    causes: ['workloads.calico-node'],
    effects: ['log:cni-not-initialized', 'log:calico-node-not-running', 'log:cni-plugin-missing', 'log:netplugin-failed'],
    link: 'same-node-or-everywhere',
    because: 'the kubelet and containerd on a node log the network plugin not ready, and the CNI logs calico-node not running, for as long as calico-node is not ready on that node',
    source: 'kubelet NetworkReady=false reason:NetworkPluginNotReady; projectcalico/calico cni-plugin ("check that the calico/node container is running")',
  },
  {
    id: 'log-names-why-its-pod-fails',
    causes: ['log:*'],
    effects: [...CALICO_WORKLOADS, 'install.helm-jobs', 'operator.deployment'],
    link: 'shared-object',
    because: 'the pod\'s own log says why it is not ready or its job failed: the line names the failure',
    source: 'the log signature\'s own source (src/core/logs/catalog, structure/failureFamilies.ts)',
  },
  {
    id: 'clusterinformation-in-component-logs',
    causes: ['datastore.clusterinformation'],
    effects: ['log:clusterinformation-not-found', 'log:calico-datastore-not-ready'],
    link: 'installation',
    because: 'Calico components read ClusterInformation default at start-up and wait for datastoreReady; while it is missing or not ready they log it',
    source: 'projectcalico/calico libcalico-go/lib/clientv3 clusterinformation; node/pkg/lifecycle/startup (EnsureInitialized)',
  },
  {
    id: 'crds-in-component-logs',
    causes: ['crds.calico'],
    effects: ['log:calico-crd-missing', 'log:clusterinformation-crd-missing', 'log:operator-kind-missing'],
    link: 'installation',
    because: 'a component asking for a Calico kind whose CRD is absent gets "the server could not find the requested resource" and logs it',
    source: 'Kubernetes CustomResourceDefinition semantics; projectcalico/calico libcalico-go/lib/backend/k8s',
  },
  {
    id: 'rbac-in-component-logs',
    causes: ['rbac.calico'],
    effects: ['log:calico-forbidden', 'log:calico-ipam-forbidden', 'log:calico-tiers-forbidden', 'log:typha-forbidden', 'log:datastore-access-error', 'log:datastore-access-fatal'],
    link: 'installation',
    because: 'a Calico component without the rules its release needs is answered 403 and logs the denied verb and resource',
    source: 'Kubernetes RBAC ("… is forbidden: User … cannot …"); Calico ClusterRoles per release (src/core/knowledge)',
  },
  {
    id: 'pool-outside-cluster-cidr',
    causes: ['ippools.cidr'],
    effects: ['operator.installation', 'operator.tigerastatus', 'workloads.calico-node', 'race.sandbox-events'],
    link: 'quotes-cidr',
    because: 'Calico IP pools must lie within the cluster\'s pod CIDR: kube-proxy and the kubelet treat addresses outside it as not pods\' (no masquerade, no route back), and the operator refuses an Installation whose pool lies outside the platform\'s pod CIDR — the failure that quotes the pool\'s range follows from it',
    source: 'https://docs.tigera.io/calico/latest/networking/ipam/initial-ippool ("the ranges must be within the Kubernetes pod CIDR"); tigera/operator pkg/controller/installation (validation of calicoNetwork.ipPools against the pod CIDRs)',
  },
  {
    id: 'clusterinformation-fails-cni',
    causes: ['datastore.clusterinformation'],
    effects: ['race.sandbox-events', 'install.helm-jobs', 'nodes.ready'],
    link: 'installation',
    because: 'the Calico CNI reads ClusterInformation default on every pod set-up; while it is missing, sandboxes and the pods that need them (helm-install jobs) fail',
    source: 'projectcalico/calico cni-plugin (error getting ClusterInformation)',
  },
];

/** Whether a rule's code list names a finding (`log:*` names every log finding). */
export function namesFinding(codes: readonly string[], finding: CauseFinding): boolean {
  return codes.includes(finding.code) || (finding.source === 'log' && codes.includes('log:*'));
}

/** How a log finding is named in a link: its pod and the line that proves it. */
function said(finding: CauseFinding): string {
  return finding.log ? `${finding.log.pod} logged "${finding.log.line}"` : finding.title;
}

function withLogLines(cause: CauseFinding, effect: CauseFinding, text: string): string {
  const lines = [cause, effect].filter((finding) => finding.log !== undefined).map(said);
  return lines.length > 0 ? `${text}: ${lines.join('; ')}` : text;
}

/** The address ranges an IP pool finding is about: its pools' CIDRs and the pod CIDRs outside every pool. */
function cidrsOf(finding: CauseFinding): string[] {
  const lines = finding.text.split('\n').filter((line) => line.startsWith('IPPools:') || line.startsWith('outside every pool:'));
  return [...new Set(lines.flatMap((line) => line.match(/[0-9a-fA-F:.]+\/[0-9]{1,3}/g) ?? []))];
}

function sameNode(cause: CauseFinding, effect: CauseFinding): Link | undefined {
  const shared = [...effect.nodes].filter((node) => cause.nodes.has(node));
  if (shared.length === 0) return undefined;
  const named = shared.slice(0, 3).join(', ');
  return { text: withLogLines(cause, effect, `both on node ${named}${shared.length > 3 ? ` and ${shared.length - 3} more` : ''}`), nodes: new Set(shared) };
}

const INSTALLATION_LINK = 'both concern the cluster\'s Calico installation';

/** Whether the evidence links a cause to an effect under the rule: the link, or undefined. */
export function linkOf(rule: CauseRule, cause: CauseFinding, effect: CauseFinding): Link | undefined {
  if (!namesFinding(rule.causes, cause) || !namesFinding(rule.effects, effect)) return undefined;
  switch (rule.link) {
    case 'shared-object': {
      for (const subject of cause.subjects) if (effect.subjects.has(subject)) return { text: withLogLines(cause, effect, `both concern ${subject.replace(/\/\//, '/')}`) };
      return undefined;
    }
    case 'same-node':
      return sameNode(cause, effect);
    case 'same-node-or-everywhere':
      if (cause.nodes.size > 0 && effect.nodes.size > 0) return sameNode(cause, effect);
      return cause.severity === 'fail' ? { text: withLogLines(cause, effect, cause.nodes.size === 0 ? `${cause.title} names no node: it fails everywhere` : INSTALLATION_LINK) } : undefined;
    case 'known-issue':
      return cause.knownIssue === rule.issue ? { text: `the versions carry ${rule.issue ?? ''}` } : undefined;
    case 'quotes-cidr': {
      const quoted = cidrsOf(cause).find((cidr) => effect.text.includes(cidr));
      return quoted === undefined ? undefined : { text: withLogLines(cause, effect, `both quote ${quoted}`) };
    }
    case 'installation':
      return cause.severity === 'fail' ? { text: withLogLines(cause, effect, INSTALLATION_LINK) } : undefined;
  }
}
