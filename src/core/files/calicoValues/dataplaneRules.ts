import { isScalar, isSeq, type YAMLMap } from 'yaml';
import type { Finding, RelatedLocation, TextSpan } from '../../findings/finding';
import { checksumOffloadOverride, DATAPLANE_GATES, isLoopbackHost, RKE2_FEATURE_DETECT_OVERRIDE, supportsDataplane } from '../../knowledge/dataplaneSupport';
import { isTemplatedScalar, mapGet, mapPath, nodeSpan, scalarContentSpan, scalarString, type KeyedPair } from '../../yaml/yamlNodes';
import type { ContextFact, LintContext } from '../lintContext';

const NO_SPAN: TextSpan = { start: 0, end: 0 };
const EBPF_DOCS = 'https://docs.rke2.io/networking/basic_network_options';

function valueSpan(pair: KeyedPair): TextSpan {
  return nodeSpan(pair.value, nodeSpan(pair.keyNode, NO_SPAN));
}

/** A plain string value a rule may judge: not templated, not another type. */
function judgedString(pair: KeyedPair | undefined): string | undefined {
  if (!pair || isTemplatedScalar(pair.value)) return undefined;
  return scalarString(pair.value);
}

function relatedTo(fact: ContextFact<unknown>, message: string): RelatedLocation[] {
  return fact.file !== undefined && fact.span !== undefined ? [{ file: fact.file, span: fact.span, message, ...(fact.range ? { range: fact.range } : {}) }] : [];
}

/** True unless the values choose an encapsulation other than VXLAN for every pool (RKE2's default backend is VXLAN). */
function mayUseVxlan(root: YAMLMap): boolean {
  const choices: string[] = [];
  const backend = judgedString(mapPath(root, ['installation', 'backend']));
  if (backend !== undefined) choices.push(backend);
  const pools = mapPath(root, ['installation', 'calicoNetwork', 'ipPools'])?.value;
  if (isSeq(pools)) {
    for (const pool of pools.items) {
      const encapsulation = judgedString(mapGet(pool, 'encapsulation'));
      if (encapsulation !== undefined) choices.push(encapsulation);
    }
  }
  return choices.length === 0 || choices.some((choice) => choice.startsWith('VXLAN'));
}

const OFFLOAD_RISKS =
  'kernels 6.12+ were reported at 50–300 Mbit/s through vxlan.calico (projectcalico/calico#11435), and some NICs and ' +
  'hypervisors corrupt offloaded VXLAN checksums so cross-node TCP fails while ping works (projectcalico/calico#9433)';

/**
 * featureDetectOverride without RKE2's ChecksumOffloadBroken=true: VXLAN checksum offload comes back on. Setting it
 * to false is a documented choice (info); losing it by replacing the list is the mistake (warning, with a fix).
 */
function checkFeatureDetectOverride(root: YAMLMap): Finding[] {
  const pair = mapPath(root, ['felixConfiguration', 'featureDetectOverride']);
  if (!pair || isTemplatedScalar(pair.value) || !isScalar(pair.value) || !mayUseVxlan(root)) return [];
  const text = typeof pair.value.value === 'string' ? pair.value.value : '';
  const setting = checksumOffloadOverride(text);
  if (setting === 'kept') return [];
  const common = { code: 'checksum-offload-enabled', span: valueSpan(pair), knownIssue: 'projectcalico/calico#8746', url: 'https://github.com/projectcalico/calico/pull/8746' };
  if (setting === 'enabled') {
    return [{
      ...common,
      severity: 'info',
      message: `ChecksumOffloadBroken=false turns VXLAN checksum offload on, as the RKE2 docs describe for throughput on kernels newer than 5.7. Watch for its known costs: ${OFFLOAD_RISKS}.`,
    }];
  }
  const content = scalarContentSpan(pair.value);
  const exact = pair.value.type === 'PLAIN' || pair.value.type === 'QUOTE_SINGLE' || pair.value.type === 'QUOTE_DOUBLE';
  const newText = text.trim() === '' ? RKE2_FEATURE_DETECT_OVERRIDE : `${text.replace(/,\s*$/, '')},${RKE2_FEATURE_DETECT_OVERRIDE}`;
  return [{
    ...common,
    severity: 'warning',
    message:
      `felixConfiguration.featureDetectOverride replaces RKE2's "${RKE2_FEATURE_DETECT_OVERRIDE}" without saying so, and Calico ` +
      `then turns VXLAN checksum offload on for kernels newer than 5.7: ${OFFLOAD_RISKS}. Keep ChecksumOffloadBroken=true in the list.`,
    ...(exact && !/[\\"']/.test(text) ? { fix: { title: `Add ${RKE2_FEATURE_DETECT_OVERRIDE}`, edits: [{ ...content, newText }] } } : {}),
  }];
}

function checkDataplaneGate(pair: KeyedPair, dataplane: 'BPF' | 'Nftables', version: ContextFact<string> | undefined): Finding[] {
  if (!version) return [];
  const gate = DATAPLANE_GATES[dataplane];
  if (supportsDataplane(gate, version.value) !== false) return [];
  return [{
    code: 'dataplane-unsupported',
    severity: 'warning',
    message: `linuxDataplane ${dataplane}: RKE2 ${version.value} (from ${version.source}) predates RKE2's support for it, which starts with ${gate.releases} (${gate.source}).`,
    span: valueSpan(pair),
    url: EBPF_DOCS,
    related: relatedTo(version, `RKE2 version ${version.value}`),
  }];
}

/** eBPF replaces kube-proxy: RKE2 must not run kube-proxy, and Calico needs the API server's real address. */
function checkBpf(root: YAMLMap, pair: KeyedPair, context: LintContext): Finding[] {
  const findings: Finding[] = [];
  const kubeProxy = context.kubeProxyDisabled;
  if (kubeProxy && !kubeProxy.value) {
    findings.push({
      code: 'dataplane-incomplete',
      severity: 'warning',
      message:
        `linuxDataplane BPF replaces kube-proxy, but ${kubeProxy.source} leaves RKE2's kube-proxy running; the RKE2 docs ` +
        'deploy the eBPF dataplane with disable-kube-proxy: true (both then fight over services and the healthz port 10256).',
      span: valueSpan(pair),
      url: EBPF_DOCS,
      related: relatedTo(kubeProxy, 'RKE2 config without disable-kube-proxy: true'),
    });
  }
  const endpoint = mapGet(mapGet(root, 'kubernetesServiceEndpoint')?.value, 'host');
  if (endpoint && isTemplatedScalar(endpoint.value)) return findings;
  const host = scalarString(endpoint?.value)?.trim() ?? '';
  if (host === '') {
    findings.push({
      code: 'dataplane-incomplete',
      severity: 'warning',
      message:
        'linuxDataplane BPF without kubernetesServiceEndpoint.host: the chart then renders no kubernetes-services-endpoint ' +
        'ConfigMap, and without kube-proxy Calico cannot reach the API server through its service IP. Set host to a ' +
        'control-plane IP and port to 6443, as the RKE2 docs do.',
      span: endpoint ? valueSpan(endpoint) : valueSpan(pair),
      url: EBPF_DOCS,
    });
  } else if (isLoopbackHost(host) && endpoint) {
    findings.push({
      code: 'dataplane-incomplete',
      severity: 'info',
      message:
        `kubernetesServiceEndpoint.host "${host}" works for calico-node but was reported to make calico-kube-controllers ` +
        'fail constantly; the RKE2 docs now use the control-plane IP (rancher/rke2-docs#567).',
      span: valueSpan(endpoint),
      url: 'https://github.com/rancher/rke2-docs/issues/567',
    });
  }
  return findings;
}

/** nftables: hostPorts still go through the portmap plugin, which needs the iptables binary (rancher/rke2-docs#594). */
function checkNftables(root: YAMLMap, pair: KeyedPair): Finding[] {
  const hostPorts = judgedString(mapPath(root, ['installation', 'calicoNetwork', 'hostPorts']));
  if (hostPorts === 'Disabled') return [];
  return [{
    code: 'dataplane-incomplete',
    severity: 'info',
    message:
      'linuxDataplane Nftables: pods with a hostPort still need the iptables binary on the node (the portmap plugin ' +
      'always uses iptables). Install iptables on the nodes or set installation.calicoNetwork.hostPorts: Disabled.',
    span: valueSpan(pair),
    knownIssue: 'rancher/rke2-docs#594',
    url: 'https://github.com/rancher/rke2-docs/pull/594',
  }];
}

/** Dataplane and Felix settings of rke2-calico values that RKE2 documents conditions for. */
export function lintDataplaneValues(root: YAMLMap, context: LintContext): Finding[] {
  const findings = checkFeatureDetectOverride(root);
  const pair = mapPath(root, ['installation', 'calicoNetwork', 'linuxDataplane']);
  const dataplane = judgedString(pair);
  if (!pair || (dataplane !== 'BPF' && dataplane !== 'Nftables')) return findings;
  findings.push(...checkDataplaneGate(pair, dataplane, context.rke2Version));
  findings.push(...(dataplane === 'BPF' ? checkBpf(root, pair, context) : checkNftables(root, pair)));
  return findings;
}
