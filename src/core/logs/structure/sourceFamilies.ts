/**
 * The family of a Calico line from the Go file it names. Calico's formatter prints `<component>/<file>.go`
 * (libcalico-go/lib/logutils/logutils.go; the component is set per binary and, in calico-node, per sub-command in
 * node/cmd/calico-node/main.go: felix, startup, confd, init, status-reporter, tunnel-ip-allocator…). The file name
 * leads to its package through the generated table (scripts/upstream/calicoSourceFamilies.mjs, Calico v3.21–v3.31);
 * where one name lives in several source roots, the component says which root. Releases before v3.21 printed the
 * file alone (`int_dataplane.go 824:`), which the same table covers for the files that kept their names.
 */
import { CALICO_FILE_FAMILIES, CALICO_ROOT_FILE_FAMILIES } from './calicoSourceFiles.generated';
import { FLANNEL_COMMON_FILES, FLANNEL_FAILURE_MESSAGES, FLANNEL_INFO_FAILURE_MESSAGES, FLANNEL_OWN_FILES } from './flannelSourceFiles.generated';
import type { FamilyId } from './failureFamilies';
import { KUBE_ROUTER_OWN_FILES } from './kubeRouterSourceFiles.generated';

/** The source roots whose code runs under each printed component (its own tree, then the shared libraries). */
const ROOTS_OF_COMPONENT: Readonly<Record<string, readonly string[]>> = {
  felix: ['felix', 'typha', 'libcalico-go'],
  typha: ['typha', 'libcalico-go'],
  confd: ['confd', 'typha', 'libcalico-go'],
  'kube-controllers': ['kube-controllers', 'libcalico-go'],
  'cni-plugin': ['cni-plugin', 'libcalico-go'],
  ipam: ['cni-plugin', 'libcalico-go'],
  'cni-installer': ['cni-plugin', 'libcalico-go'],
  apiserver: ['apiserver', 'libcalico-go'],
};
const NODE_ROOTS = ['node', 'typha', 'libcalico-go'];

/** What a component does when its file does not say more (e.g. a file the table does not know). */
const COMPONENT_FAMILIES: Readonly<Record<string, FamilyId>> = {
  confd: 'bgp',
  typha: 'typha',
  'cni-plugin': 'cni',
  'cni-installer': 'cni',
  ipam: 'ipam',
  'tunnel-ip-allocator': 'ipam',
  startup: 'node-startup',
  init: 'node-startup',
  'monitor-addresses': 'ip-autodetection',
};

/**
 * The family of a Calico source file as printed (`component/file.go` or `file.go`); undefined when neither the file
 * nor the component is specific (Felix's daemon.go logs every kind of failure): the message's topic decides then.
 */
export function familyOfCalicoFile(printed: string): FamilyId | undefined {
  const slash = printed.indexOf('/');
  const component = slash === -1 ? undefined : printed.slice(0, slash);
  const file = printed.slice(printed.lastIndexOf('/') + 1);
  const byName = CALICO_FILE_FAMILIES[file];
  if (byName) return byName;
  if (component !== undefined) {
    for (const root of ROOTS_OF_COMPONENT[component] ?? NODE_ROOTS) {
      const byRoot = CALICO_ROOT_FILE_FAMILIES[root]?.[file];
      if (byRoot === 'none') break;
      if (byRoot) return byRoot;
    }
    return COMPONENT_FAMILIES[component];
  }
  return undefined;
}

/**
 * klog files of the Kubernetes pieces around pod networking whose every error is about it: the kubelet's CNI driver
 * and sandbox set-up (pkg/kubelet/dockershim/network/cni/cni.go, cni_others.go, cni_windows.go;
 * pkg/kubelet/dockershim/docker_sandbox.go; pkg/kubelet/kuberuntime/kuberuntime_sandbox.go) and kube-proxy's
 * iptables/IPVS programming (pkg/proxy/iptables/proxier.go, pkg/proxy/ipvs/proxier.go, and on Windows
 * pkg/proxy/winkernel/proxier.go with its HNS files). An error line from one of them is about pod networking whatever
 * its words.
 */
const KLOG_FILE_FAMILIES: Readonly<Record<string, FamilyId>> = {
  'cni.go': 'cni',
  'cni_others.go': 'cni',
  'cni_windows.go': 'cni',
  'docker_sandbox.go': 'cni',
  'kuberuntime_sandbox.go': 'cni',
  'proxier.go': 'dataplane',
  // kube-proxy on Windows programs HNS/HCN (pkg/proxy/winkernel/hns.go, hnsV1.go, hnsV2.go, hcnutils.go)
  'hns.go': 'dataplane',
  'hnsV1.go': 'dataplane',
  'hnsV2.go': 'dataplane',
  'hcnutils.go': 'dataplane',
  // kube-proxy's IPVS mode keeps its sets with ipset (pkg/util/ipset/ipset.go: "Failed to add entry … to ipset")
  'ipset.go': 'dataplane',
};

/**
 * Of those, the files whose every error line is about pod networking (the kubelet's CNI driver, kube-proxy): the
 * sandbox files also log the sandbox's DNS and containers.
 */
const SANDBOX_FILES: ReadonlySet<string> = new Set(['docker_sandbox.go', 'kuberuntime_sandbox.go']);
const KLOG_NETWORK_FILES: ReadonlySet<string> = new Set(Object.keys(KLOG_FILE_FAMILIES).filter((file) => !SANDBOX_FILES.has(file)));

/** kube-router's own files (kubeRouterSourceFiles.generated.ts): a CNI of its own, and K3s's network policy controller. */
function isKubeRouterFile(file: string): boolean {
  return Object.hasOwn(KUBE_ROUTER_OWN_FILES, file);
}

export function isPodNetworkingKlogFile(file: string): boolean {
  return KLOG_NETWORK_FILES.has(file) || isKubeRouterFile(file);
}

/** The family of a klog line from its file, when the file is one of those above. */
export function familyOfKlogFile(file: string): FamilyId | undefined {
  return KLOG_FILE_FAMILIES[file] ?? (isKubeRouterFile(file) ? KUBE_ROUTER_OWN_FILES[file] : undefined);
}

function startsWithAny(message: string, prefixes: readonly string[] | undefined): boolean {
  return prefixes !== undefined && prefixes.some((prefix) => message.startsWith(prefix));
}

/**
 * Whether a klog line is flannel's (Canal's dataplane, K3s's embedded flannel): its file is one only flannel logs
 * from, or a common name (main.go, kube.go…) with a message that starts as one of flannel's calls in that file does
 * (flannelSourceFiles.generated.ts, from flannel v0.17–v0.28).
 */
export function isFlannelLine(file: string, message: string): boolean {
  if (Object.hasOwn(FLANNEL_OWN_FILES, file)) return true;
  return Object.hasOwn(FLANNEL_COMMON_FILES, file) && (startsWithAny(message, FLANNEL_FAILURE_MESSAGES[file]) || startsWithAny(message, FLANNEL_INFO_FAILURE_MESSAGES[file]));
}

/** flannel logs some failures at INFO ("Error turning node %q to lease: %v"): whether this INFO message is one. */
export function isFlannelInfoFailure(file: string, message: string): boolean {
  return startsWithAny(message, FLANNEL_INFO_FAILURE_MESSAGES[file]);
}

/** The family of a flannel line from its file's package (backend → dataplane, subnet → IPAM, etcd → datastore). */
export function familyOfFlannelFile(file: string): FamilyId | undefined {
  return FLANNEL_OWN_FILES[file] ?? FLANNEL_COMMON_FILES[file];
}

/**
 * Literals for the scanner's search, so flannel's warnings and INFO-level failures (which no line-start marker finds)
 * are read: how its warning-and-above and failing INFO messages start, where that is long enough to search for.
 */
export const FLANNEL_MESSAGE_TRIGGERS: readonly string[] = [...new Set([...Object.values(FLANNEL_FAILURE_MESSAGES), ...Object.values(FLANNEL_INFO_FAILURE_MESSAGES)].flat())];
