/**
 * Which finding can explain which, and what in the evidence links them. A rule never fires because both findings are
 * present: the link must hold —
 * - `shared-object`: the two findings are about the same object (the pod whose image cannot be pulled is a pod of the
 *   workload that is not ready);
 * - `installation`: both are about the cluster's one Calico installation (its operator, CRDs, Installation,
 *   ClusterInformation, DaemonSet), and the cause is a failure, not a warning — a warning does not stop an install;
 * - `known-issue`: the cause names the known issue whose symptoms the effect is.
 * Each rule says why, with its source.
 */
import type { CauseFinding } from './causeFinding';

export type LinkKind = 'shared-object' | 'installation' | 'known-issue';

export interface CauseRule {
  readonly id: string;
  /** Check ids (or log signature ids) of the cause. */
  readonly causes: readonly string[];
  readonly effects: readonly string[];
  readonly link: LinkKind;
  /** For `known-issue`: the issue the cause must name. */
  readonly issue?: string;
  readonly because: string;
  readonly source: string;
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
    link: 'installation',
    because: 'until calico-node writes the CNI configuration and runs, the kubelet reports the network plugin not ready and every pod sandbox fails',
    source: 'projectcalico/calico cni-plugin install; kubelet NetworkReady=false reason:NetworkPluginNotReady',
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

/** Whether the evidence links a cause to an effect under the rule; the link said in words, or undefined. */
export function linkOf(rule: CauseRule, cause: CauseFinding, effect: CauseFinding): string | undefined {
  if (!rule.causes.includes(cause.code) || !rule.effects.includes(effect.code)) return undefined;
  if (rule.link === 'shared-object') {
    for (const subject of cause.subjects) if (effect.subjects.has(subject)) return `both concern ${subject.replace(/\/\//, '/')}`;
    return undefined;
  }
  if (rule.link === 'known-issue') return cause.knownIssue === rule.issue ? `the versions carry ${rule.issue ?? ''}` : undefined;
  return cause.severity === 'fail' ? 'both concern the cluster\'s Calico installation' : undefined;
}
