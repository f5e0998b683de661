import { parseCidr, type Cidr } from '../net/cidr';
import { cidrList } from './entityParts';
import type { Endpoint, NamedPort, Namespace, NetworkSet, ServiceAccount } from './policyModel';
import { IssueSink, isRecord, labelsAt, listAt, recordAt, stringAt } from './readIssues';

function addressCidr(text: string): Cidr | undefined {
  const parsed = parseCidr(`${text}/${text.includes(':') ? 128 : 32}`);
  return parsed.ok ? parsed.cidr : undefined;
}

function podIps(status: Record<string, unknown> | undefined): Cidr[] {
  const texts = new Set<string>();
  const single = stringAt(status, 'podIP');
  if (single) texts.add(single);
  for (const entry of listAt(status, 'podIPs')) {
    const ip = stringAt(entry, 'ip');
    if (ip) texts.add(ip);
  }
  return [...texts].flatMap((text) => addressCidr(text) ?? []);
}

function containerPorts(spec: Record<string, unknown> | undefined): NamedPort[] {
  return listAt(spec, 'containers').flatMap((container) =>
    listAt(container, 'ports').flatMap((port): NamedPort[] => {
      const name = stringAt(port, 'name');
      const number = isRecord(port) ? port['containerPort'] : undefined;
      return name !== undefined && typeof number === 'number' ? [{ name, port: number, protocol: (stringAt(port, 'protocol') ?? 'TCP').toUpperCase() }] : [];
    }),
  );
}

/**
 * A pod as a Calico workload endpoint: its labels plus those Calico adds (libcalico-go api/v3 `LabelNamespace`,
 * `LabelOrchestrator`, `LabelServiceAccount`), its IPs and its named container ports.
 */
export function readPod(object: unknown): Endpoint {
  const metadata = recordAt(object, 'metadata');
  const spec = recordAt(object, 'spec');
  const namespace = stringAt(metadata, 'namespace') ?? 'default';
  const serviceAccount = stringAt(spec, 'serviceAccountName') ?? stringAt(spec, 'serviceAccount') ?? 'default';
  return {
    kind: 'pod',
    namespace,
    name: stringAt(metadata, 'name') ?? '(unnamed)',
    labels: { ...labelsAt(metadata, 'labels'), 'projectcalico.org/namespace': namespace, 'projectcalico.org/orchestrator': 'k8s', 'projectcalico.org/serviceaccount': serviceAccount },
    serviceAccount,
    ips: podIps(recordAt(object, 'status')),
    namedPorts: containerPorts(spec),
  };
}

/** A Calico HostEndpoint: node, interface, expected IPs, profiles and named ports. */
export function readHostEndpoint(object: unknown): Endpoint {
  const metadata = recordAt(object, 'metadata');
  const spec = recordAt(object, 'spec');
  return {
    kind: 'host',
    name: stringAt(metadata, 'name') ?? '(unnamed)',
    node: stringAt(spec, 'node') ?? '',
    labels: labelsAt(metadata, 'labels'),
    interfaceName: stringAt(spec, 'interfaceName') ?? '',
    ips: listAt(spec, 'expectedIPs').flatMap((ip) => addressCidr(String(ip)) ?? []),
    namedPorts: listAt(spec, 'ports').flatMap((port): NamedPort[] => {
      const name = stringAt(port, 'name');
      const number = isRecord(port) ? port['port'] : undefined;
      return name !== undefined && typeof number === 'number' ? [{ name, port: number, protocol: (stringAt(port, 'protocol') ?? 'TCP').toUpperCase() }] : [];
    }),
    profiles: listAt(spec, 'profiles').map(String),
  };
}

export function readNamespace(object: unknown): Namespace {
  const metadata = recordAt(object, 'metadata');
  const name = stringAt(metadata, 'name') ?? '(unnamed)';
  // Kubernetes sets this label on every namespace since 1.21; files often leave it out.
  return { name, labels: { 'kubernetes.io/metadata.name': name, ...labelsAt(metadata, 'labels') } };
}

export function readServiceAccount(object: unknown): ServiceAccount {
  const metadata = recordAt(object, 'metadata');
  return { namespace: stringAt(metadata, 'namespace') ?? 'default', name: stringAt(metadata, 'name') ?? '(unnamed)', labels: labelsAt(metadata, 'labels') };
}

export function readNetworkSet(object: unknown, global: boolean, sink: IssueSink): NetworkSet {
  const metadata = recordAt(object, 'metadata');
  return { namespace: global ? undefined : stringAt(metadata, 'namespace') ?? 'default', name: stringAt(metadata, 'name') ?? '(unnamed)', labels: labelsAt(metadata, 'labels'), nets: cidrList(recordAt(object, 'spec')?.['nets'], 'spec.nets', sink) ?? [] };
}

/** A Calico WorkloadEndpoint (what `calicoctl get wep` prints): the pod it stands for, as Felix sees it. */
export function readWorkloadEndpoint(object: unknown, sink: IssueSink): Endpoint {
  const metadata = recordAt(object, 'metadata');
  const spec = recordAt(object, 'spec');
  const namespace = stringAt(metadata, 'namespace') ?? 'default';
  const labels = labelsAt(metadata, 'labels');
  const serviceAccount = labels['projectcalico.org/serviceaccount'] ?? 'default';
  return {
    kind: 'pod',
    namespace,
    name: stringAt(spec, 'pod') ?? stringAt(metadata, 'name') ?? '(unnamed)',
    labels: { ...labels, 'projectcalico.org/namespace': namespace, 'projectcalico.org/orchestrator': stringAt(spec, 'orchestrator') ?? 'k8s', 'projectcalico.org/serviceaccount': serviceAccount },
    serviceAccount,
    ips: cidrList(spec?.['ipNetworks'], 'spec.ipNetworks', sink) ?? [],
    namedPorts: listAt(spec, 'ports').flatMap((port): NamedPort[] => {
      const name = stringAt(port, 'name');
      const number = isRecord(port) ? port['port'] : undefined;
      return name !== undefined && typeof number === 'number' ? [{ name, port: number, protocol: (stringAt(port, 'protocol') ?? 'TCP').toUpperCase() }] : [];
    }),
  };
}
