import { DATAPLANE_GATES, isLoopbackHost, supportsDataplane } from '../knowledge/dataplaneSupport';
import { describeFailure, type ApiResult } from '../kube/apiResult';
import { text } from '../kube/objectFields';
import { HELM_NAMESPACE, OPERATOR_NAMESPACE, PATHS, SERVICES_ENDPOINT_CONFIGMAP } from './calicoObjects';
import { result, unknownFrom, type CheckDefinition, type CheckResult } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';
import { clusterDistribution } from './clusterKind';
import { clusterIdentity } from './identityChecks';
import { linuxDataplane } from './networkSetup';

export const DATAPLANE_CHECK: CheckDefinition = { id: 'dataplane.mode', area: 'Dataplane', title: 'Dataplane and kube-proxy mode (iptables, eBPF, nftables)' };

const EBPF_DOCS = 'RKE2 docs, Basic network options → Calico → eBPF dataplane';

/** RKE2 releases of the cluster that predate RKE2's support for the dataplane. */
function unsupportedReleases(evidence: ClusterEvidence, dataplane: 'BPF' | 'Nftables'): string[] {
  return clusterIdentity(evidence).rke2.filter((rke2) => supportsDataplane(DATAPLANE_GATES[dataplane], rke2) === false);
}

/** The eBPF endpoint ConfigMap as one evidence line, whatever its read gave. */
function endpointLine(endpoint: ApiResult<unknown> | undefined): string {
  const what = `ConfigMap ${OPERATOR_NAMESPACE}/${SERVICES_ENDPOINT_CONFIGMAP}`;
  if (endpoint === undefined) return `${what}: not read`;
  if (endpoint.kind === 'ok') return `${what}: KUBERNETES_SERVICE_HOST=${text(endpoint.value, 'data', 'KUBERNETES_SERVICE_HOST') || '(empty)'} KUBERNETES_SERVICE_PORT=${text(endpoint.value, 'data', 'KUBERNETES_SERVICE_PORT') ?? '(empty)'}`;
  return `${what}: ${endpoint.kind === 'not-found' ? 'not found' : `not read (${describeFailure(endpoint)})`}`;
}

function checkEbpf(evidence: ClusterEvidence, lines: string[], kubeProxyRunning: boolean | undefined): CheckResult {
  lines.push(endpointLine(evidence.servicesEndpoint));
  const old = unsupportedReleases(evidence, 'BPF');
  if (old.length > 0) {
    return result(DATAPLANE_CHECK, 'warn', `eBPF dataplane on RKE2 ${old.join(', ')}, which predates RKE2's eBPF support`, lines, { remediation: `RKE2 supports the Calico eBPF dataplane from ${DATAPLANE_GATES.BPF.releases} (${DATAPLANE_GATES.BPF.source}).` });
  }
  if (kubeProxyRunning === true) {
    return result(DATAPLANE_CHECK, 'fail', 'eBPF dataplane while RKE2 still runs kube-proxy', lines, {
      remediation: `Set disable-kube-proxy: true in the servers' config.yaml (${EBPF_DOCS}). Both programming Services conflicts, e.g. on the proxy health port 10256 ("BPF Proxy Healthz server failed … address already in use", projectcalico/calico#10748).`,
    });
  }
  const endpoint = evidence.servicesEndpoint;
  if (endpoint?.kind === 'not-found') {
    return result(DATAPLANE_CHECK, 'fail', `eBPF dataplane without ConfigMap ${OPERATOR_NAMESPACE}/${SERVICES_ENDPOINT_CONFIGMAP}`, lines, {
      remediation: `Without kube-proxy, Calico must reach the API server directly. Set kubernetesServiceEndpoint.host (a control-plane IP) and port 6443 in the rke2-calico HelmChartConfig; the chart renders the ConfigMap from it (${EBPF_DOCS}).`,
    });
  }
  if (endpoint === undefined) return result(DATAPLANE_CHECK, 'unknown', `unknown: ConfigMap ${OPERATOR_NAMESPACE}/${SERVICES_ENDPOINT_CONFIGMAP} was not read`, lines);
  if (endpoint.kind !== 'ok') return unknownFrom(DATAPLANE_CHECK, `ConfigMap ${OPERATOR_NAMESPACE}/${SERVICES_ENDPOINT_CONFIGMAP}`, endpoint);
  const host = text(endpoint.value, 'data', 'KUBERNETES_SERVICE_HOST') ?? '';
  if (host === '') return result(DATAPLANE_CHECK, 'fail', `${SERVICES_ENDPOINT_CONFIGMAP} has no KUBERNETES_SERVICE_HOST`, lines, { remediation: 'Set kubernetesServiceEndpoint.host to a control-plane IP in the rke2-calico HelmChartConfig.' });
  if (isLoopbackHost(host)) {
    return result(DATAPLANE_CHECK, 'warn', `${SERVICES_ENDPOINT_CONFIGMAP} points at ${host}`, lines, {
      remediation: 'localhost works for calico-node but was reported to make calico-kube-controllers fail constantly; the RKE2 docs now use the control-plane IP (rancher/rke2-docs#567).',
    });
  }
  return result(DATAPLANE_CHECK, 'pass', 'eBPF dataplane with kube-proxy off and the API server endpoint set', lines);
}

function checkNftables(evidence: ClusterEvidence, lines: string[]): CheckResult {
  const old = unsupportedReleases(evidence, 'Nftables');
  const hostPorts = evidence.installation.kind === 'ok' ? (text(evidence.installation.value, 'spec', 'calicoNetwork', 'hostPorts') ?? 'Enabled') : 'unknown';
  lines.push(`hostPorts: ${hostPorts}`);
  if (hostPorts !== 'Disabled') lines.push('nftables mode: pods with a hostPort still need the iptables binary on each node (portmap plugin; rancher/rke2-docs#594) — see the host iptables check');
  lines.push('nftables mode: Felix crash-loops where another tool writes nftables rules into the standard tables, until Calico v3.33 (projectcalico/calico#13579)');
  if (old.length > 0) {
    return result(DATAPLANE_CHECK, 'warn', `nftables dataplane on RKE2 ${old.join(', ')}, which predates RKE2's (experimental) nftables support`, lines, { remediation: `RKE2 supports it from ${DATAPLANE_GATES.Nftables.releases} (${DATAPLANE_GATES.Nftables.source}).` });
  }
  return result(DATAPLANE_CHECK, 'pass', 'nftables dataplane on an RKE2 release that supports it', lines, { knownIssue: { id: 'rancher/rke2-docs#594', url: 'https://github.com/rancher/rke2-docs/pull/594' } });
}

/** K3s runs kube-proxy in-process unless a server was started with --disable-kube-proxy (its node-args annotation says). */
function k3sEmbeddedKubeProxy(evidence: ClusterEvidence): boolean {
  if (clusterDistribution(evidence).distribution !== 'K3s' || evidence.nodes.kind !== 'ok') return false;
  return !evidence.nodes.value.items.some((node) => /disable-kube-proxy/.test(text(node, 'metadata', 'annotations', 'k3s.io/node-args') ?? ''));
}

/**
 * Installation spec.calicoNetwork.linuxDataplane against kube-proxy: the eBPF dataplane replaces kube-proxy and
 * needs the API server's address (ConfigMap kubernetes-services-endpoint); the iptables and nftables dataplanes
 * need kube-proxy, so `disable-kube-proxy: true` without eBPF leaves Services dead (rancher/rke2#8006, #8040).
 * kube-proxy is seen through its static pods (at most one is read).
 */
export function checkDataplane(evidence: ClusterEvidence): CheckResult {
  const dataplane = linuxDataplane(evidence);
  if (dataplane === undefined) {
    if (evidence.installation.kind === 'ok') return result(DATAPLANE_CHECK, 'unknown', 'unknown: the dataplane could not be read', []);
    if (evidence.installation.kind !== 'not-found' || evidence.felixConfiguration.kind === 'ok') return unknownFrom(DATAPLANE_CHECK, 'Installation default', evidence.installation);
    return unknownFrom(DATAPLANE_CHECK, 'FelixConfiguration default', evidence.felixConfiguration);
  }
  const kubeProxy = evidence.kubeProxyPods;
  const embedded = k3sEmbeddedKubeProxy(evidence);
  const running = kubeProxy.kind === 'ok' ? kubeProxy.value.items.length > 0 || embedded : undefined;
  const source = evidence.installation.kind === 'ok'
    ? `Installation default spec.calicoNetwork.linuxDataplane: ${dataplane}${text(evidence.installation.value, 'spec', 'calicoNetwork', 'linuxDataplane') ? '' : ' (unset: iptables)'}`
    : `FelixConfiguration default (a manifest install): ${dataplane}`;
  const lines = [source, `kube-proxy pods in ${HELM_NAMESPACE} (label ${evidence.kubeProxySelector ?? 'component=kube-proxy'}): ${running === undefined ? `not read (${kubeProxy.kind})` : running ? 'running' : 'none'}`];
  if (embedded) lines.push('K3s runs kube-proxy inside its own process (no pod); no node\'s k3s.io/node-args disables it');
  if (dataplane === 'BPF') return checkEbpf(evidence, lines, running);
  if (kubeProxy.kind !== 'ok') return unknownFrom(DATAPLANE_CHECK, `kube-proxy pods in ${HELM_NAMESPACE}`, kubeProxy);
  if (!running) {
    return result(DATAPLANE_CHECK, 'fail', `No kube-proxy, but the ${dataplane} dataplane does not replace it: Services have no backend routing`, lines, {
      remediation: "Either remove disable-kube-proxy: true from the servers' config.yaml, or switch Calico to the eBPF dataplane with kubeProxyManagement (rancher/rke2#8006: \"You've disabled kube-proxy…\").",
      objects: [{ kind: 'Installation', name: 'default', path: PATHS.installation }],
    });
  }
  if (dataplane === 'Nftables') return checkNftables(evidence, lines);
  return result(DATAPLANE_CHECK, 'pass', `${dataplane} dataplane with kube-proxy running`, lines);
}
