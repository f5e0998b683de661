import type * as vscode from 'vscode';
import { describeFailure, type ApiResult } from '../../core/kube/apiResult';
import { parseEndpointRef, parseTraffic, type EndpointRef } from '../../core/policy/connectionQuery';
import type { Endpoint, Traffic } from '../../core/policy/policyModel';
import type { Choices } from '../../core/policy/connectionChoices';
import type { WindowApis } from '../editorApis';

/** The cluster lists a picker may make: the namespaces, and the pods of one namespace. */
export interface ChoiceReads {
  namespaces(): Promise<ApiResult<Choices>>;
  pods(namespace: string): Promise<ApiResult<Choices>>;
}

interface Pick<T> extends vscode.QuickPickItem {
  readonly value: T;
}

const ADDRESS = '$(globe) An IP address…';
const HOST_ENDPOINT = '$(server) A Calico host endpoint…';

/** A refused or failed list, as the picker's prompt says it: "unknown: forbidden — …" and what to type instead. */
function refusal(what: string, result: ApiResult<unknown>): string {
  return result.kind === 'ok' ? '' : `${what} cannot be listed (unknown: ${describeFailure(result)}); type one`;
}

function isAddress(parsed: ReturnType<typeof parseEndpointRef>): parsed is { readonly ok: true; readonly value: EndpointRef } {
  return parsed.ok && parsed.value.kind === 'address';
}

async function askAddress(window: WindowApis, role: string): Promise<EndpointRef | undefined> {
  const text = await window.showInputBox({
    title: `${role}: an IP address`,
    prompt: 'An IPv4 or IPv6 address (a pod IP, a node, anything outside the cluster)',
    validateInput: (value) => (isAddress(parseEndpointRef(value)) ? undefined : 'not an IP address'),
  });
  if (text === undefined) return undefined;
  const parsed = parseEndpointRef(text);
  return isAddress(parsed) ? parsed.value : undefined;
}

async function askName(window: WindowApis, title: string, prompt: string): Promise<string | undefined> {
  const text = await window.showInputBox({ title, prompt, validateInput: (value) => (/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value.trim()) ? undefined : 'not a Kubernetes name') });
  return text?.trim();
}

/**
 * Source or destination on a cluster: a namespace, then a pod of that namespace only (one list each, never every
 * pod of the cluster), or an address, or a host endpoint by name. A list the role may not make becomes an input box
 * that says so.
 */
export async function pickClusterEndpoint(window: WindowApis, reads: ChoiceReads, role: string): Promise<EndpointRef | undefined> {
  const namespaces = await reads.namespaces();
  let namespace: string | undefined;
  if (namespaces.kind === 'ok') {
    const picks: Pick<string>[] = [
      ...namespaces.value.names.map((name) => ({ label: name, value: name })),
      { label: ADDRESS, value: ADDRESS, alwaysShow: true },
      { label: HOST_ENDPOINT, value: HOST_ENDPOINT, alwaysShow: true },
    ];
    const picked = await window.showQuickPick(picks, { title: `${role}: namespace${namespaces.value.truncated ? ' (list cut short)' : ''}`, placeHolder: 'The namespace of the pod, or an address or host endpoint', ignoreFocusOut: true });
    if (!picked) return undefined;
    if (picked.value === ADDRESS) return askAddress(window, role);
    if (picked.value === HOST_ENDPOINT) {
      const name = await askName(window, `${role}: host endpoint`, 'The name of a Calico HostEndpoint');
      return name === undefined ? undefined : { kind: 'host', name };
    }
    namespace = picked.value;
  } else {
    const typed = await window.showInputBox({ title: `${role}: namespace/pod or IP address`, prompt: refusal('Namespaces', namespaces), validateInput: (value) => (parseEndpointRef(value).ok ? undefined : 'namespace/pod, hep/NAME or an IP address') });
    if (typed === undefined) return undefined;
    const parsed = parseEndpointRef(typed);
    return parsed.ok ? parsed.value : undefined;
  }
  const pods = await reads.pods(namespace);
  if (pods.kind !== 'ok') {
    const name = await askName(window, `${role}: pod in ${namespace}`, refusal(`Pods of ${namespace}`, pods));
    return name === undefined ? undefined : { kind: 'pod', namespace, name };
  }
  if (pods.value.names.length === 0) {
    void window.showWarningMessage(`Namespace ${namespace} has no pods.`);
    return undefined;
  }
  const pod = await window.showQuickPick(pods.value.names.map((name) => ({ label: name, value: name })), { title: `${role}: pod in ${namespace}${pods.value.truncated ? ' (list cut short)' : ''}`, ignoreFocusOut: true });
  return pod ? { kind: 'pod', namespace, name: pod.value } : undefined;
}

function refOf(endpoint: Endpoint): EndpointRef | undefined {
  if (endpoint.kind === 'pod') return { kind: 'pod', namespace: endpoint.namespace, name: endpoint.name };
  if (endpoint.kind === 'host') return { kind: 'host', name: endpoint.name };
  return undefined;
}

/** Source or destination among the pods and host endpoints the files hold, or an address. */
export async function pickFileEndpoint(window: WindowApis, endpoints: readonly Endpoint[], role: string): Promise<EndpointRef | undefined> {
  const picks: Pick<EndpointRef | undefined>[] = [
    ...endpoints.flatMap((endpoint) => {
      const ref = refOf(endpoint);
      if (!ref) return [];
      const label = ref.kind === 'pod' ? `${ref.namespace}/${ref.name}` : ref.kind === 'host' ? `hep/${ref.name}` : ref.ip;
      const ips = endpoint.kind === 'address' ? '' : endpoint.ips.map((ip) => ip.address).join(', ');
      return [{ label, description: ips, value: ref }];
    }),
    { label: ADDRESS, value: undefined, alwaysShow: true },
  ];
  const picked = await window.showQuickPick(picks, { title: `${role}: pod, host endpoint or address`, matchOnDescription: true, ignoreFocusOut: true });
  if (!picked) return undefined;
  return picked.value ?? askAddress(window, role);
}

/** Port and protocol, as `explain --port` takes them. */
export async function askTraffic(window: WindowApis): Promise<Traffic | undefined> {
  const text = await window.showInputBox({
    title: 'Port and protocol',
    prompt: '8080/TCP, 53/UDP, 8080 (TCP), ICMP, ICMP:8, ICMP:8/0, ICMPv6:128 or proto:NUMBER',
    value: '80/TCP',
    validateInput: (value) => {
      const parsed = parseTraffic(value);
      return parsed.ok ? undefined : parsed.error;
    },
  });
  if (text === undefined) return undefined;
  const parsed = parseTraffic(text);
  return parsed.ok ? parsed.value : undefined;
}
