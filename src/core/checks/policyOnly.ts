import { list, text, type Json } from '../kube/objectFields';
import type { ClusterEvidence } from './clusterEvidence';
import { oncePerEvidence } from './oncePerEvidence';

/** Another CNI plugin carries the pods' traffic and hands out their addresses; Calico enforces network policy. */
export interface OtherCniPlugin {
  readonly plugin: string;
  /** Where that was read, for the evidence. */
  readonly evidence: string;
}

/**
 * Installation spec.cni.type defaults by kubernetesProvider when it is not set (tigera/operator API reference,
 * CNIPluginType: GKE → GKE, AKS → AzureVNET, EKS → AmazonVPC; "for all other values the CNI plugin binaries and CNI
 * config is a dependency that is expected to be installed separately").
 */
const PROVIDER_DEFAULT_CNI: Readonly<Record<string, string>> = { EKS: 'AmazonVPC', AKS: 'AzureVNET', GKE: 'GKE' };

function fromInstallation(installation: Json): OtherCniPlugin | undefined {
  const computed = text(installation, 'status', 'computed', 'cni', 'type');
  const specified = text(installation, 'spec', 'cni', 'type');
  const provider = text(installation, 'spec', 'kubernetesProvider') ?? '';
  const plugin = computed ?? specified ?? PROVIDER_DEFAULT_CNI[provider];
  if (plugin === undefined || plugin === 'Calico') return undefined;
  const where = computed !== undefined ? 'status.computed.cni.type' : specified !== undefined ? 'spec.cni.type' : `the default for kubernetesProvider ${provider}`;
  return { plugin, evidence: `Installation default: CNI plugin ${plugin} (${where})` };
}

/**
 * Calico's policy-only manifests run calico-node with CALICO_NETWORKING_BACKEND=none and install no CNI plugin (no
 * install-cni init container): the node's CNI is another one. (Canal also runs without a backend, but installs the
 * CNI plugin; it is told apart before this is asked.)
 */
function fromManifest(daemonSet: Json): OtherCniPlugin | undefined {
  const podSpec = ['spec', 'template', 'spec'] as const;
  const calicoNode = list(daemonSet, ...podSpec, 'containers').find((container) => text(container, 'name') === 'calico-node');
  if (!calicoNode) return undefined;
  const backend = list(calicoNode, 'env').find((variable) => text(variable, 'name') === 'CALICO_NETWORKING_BACKEND');
  if (text(backend, 'value') !== 'none') return undefined;
  if (list(daemonSet, ...podSpec, 'initContainers').some((container) => text(container, 'name') === 'install-cni')) return undefined;
  return { plugin: 'another CNI plugin', evidence: 'DaemonSet kube-system/calico-node: CALICO_NETWORKING_BACKEND=none and no install-cni init container (a policy-only manifest)' };
}

function readOtherCniPlugin(evidence: ClusterEvidence): OtherCniPlugin | undefined {
  if (evidence.installation.kind === 'ok') return fromInstallation(evidence.installation.value);
  const manifest = evidence.manifestInstall?.calicoNodeDaemonSet;
  if (manifest?.kind === 'ok') return fromManifest(manifest.value);
  return undefined;
}

/** Whether Calico runs for network policy only beside another CNI plugin (EKS, AKS, GKE and policy-only manifests); read once per evidence. */
export const otherCniPlugin = oncePerEvidence(readOtherCniPlugin);

/** What does not apply where Calico neither routes nor addresses pods, with why. */
export const POLICY_ONLY_SKIPS: Readonly<Record<string, string>> = {
  'ippools.cidr': 'pod addresses come from that plugin\'s IPAM, not from Calico IP pools',
  'ipam.blocks': 'pod addresses come from that plugin\'s IPAM, not from Calico IPAM blocks',
  'nodes.calico-addresses': 'Calico routes no pod traffic, so no BGP peer or tunnel uses its node addresses',
  'dataplane.felix-encapsulation': 'that plugin, not Felix, carries pod traffic between nodes',
  'dataplane.vxlan-offload': 'Felix creates no VXLAN device when it does not carry pod traffic',
  'dataplane.mtu': 'that plugin sets the pods\' MTU',
  'race.join-burst': 'rancher/rke2#7808 is a race of the rke2-calico install, where Calico is the CNI',
};
