import { parseCidr } from '../net/cidr';
import type { Endpoint, Traffic } from './policyModel';

/** What `--from` / `--to` name: a pod (`ns/name`), a host endpoint (`hep/name`), or an IP address. */
export type EndpointRef = { readonly kind: 'pod'; readonly namespace: string; readonly name: string } | { readonly kind: 'host'; readonly name: string } | { readonly kind: 'address'; readonly ip: string };

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export function parseEndpointRef(text: string): Parsed<EndpointRef> {
  const trimmed = text.trim();
  if (parseCidr(`${trimmed}/${trimmed.includes(':') ? 128 : 32}`).ok) return { ok: true, value: { kind: 'address', ip: trimmed } };
  const slash = trimmed.indexOf('/');
  if (slash > 0) {
    const left = trimmed.slice(0, slash);
    const right = trimmed.slice(slash + 1);
    if (NAME.test(right) && (left === 'hep' || left === 'hostendpoint')) return { ok: true, value: { kind: 'host', name: right } };
    if (NAME.test(left) && NAME.test(right)) return { ok: true, value: { kind: 'pod', namespace: left, name: right } };
  }
  return { ok: false, error: `"${text}" is not namespace/pod, hep/<host endpoint> or an IP address` };
}

/** `8080/TCP`, `53/udp`, `8080` (TCP), `ICMP`, `ICMP:8`, `ICMP:8/0`, `ICMPv6:128`, or a protocol number `112`. */
export function parseTraffic(text: string): Parsed<Traffic> {
  const trimmed = text.trim();
  const icmp = /^(icmp|icmpv6)(?::(\d{1,3})(?:\/(\d{1,3}))?)?$/i.exec(trimmed);
  if (icmp) {
    const protocol = (icmp[1] ?? 'ICMP').toUpperCase();
    return { ok: true, value: { protocol, ...(icmp[2] === undefined ? {} : { icmpType: Number(icmp[2]) }), ...(icmp[3] === undefined ? {} : { icmpCode: Number(icmp[3]) }) } };
  }
  const port = /^(\d{1,5})(?:\/(tcp|udp|sctp|udplite))?$/i.exec(trimmed);
  if (port) {
    const number = Number(port[1]);
    if (number < 1 || number > 65535) return { ok: false, error: `port ${number} is outside 1–65535` };
    return { ok: true, value: { protocol: (port[2] ?? 'TCP').toUpperCase(), port: number } };
  }
  if (/^proto:(\d{1,3})$/i.test(trimmed)) return { ok: true, value: { protocol: trimmed.slice('proto:'.length) } };
  return { ok: false, error: `"${text}" is not PORT[/TCP|UDP|SCTP], ICMP[:type[/code]] or proto:NUMBER` };
}

/** The endpoint `ref` names among `endpoints`; an address that is a known endpoint's IP becomes that endpoint. */
export function resolveEndpoint(ref: EndpointRef, endpoints: readonly Endpoint[]): Parsed<Endpoint> {
  if (ref.kind === 'pod') {
    const found = endpoints.find((endpoint) => endpoint.kind === 'pod' && endpoint.namespace === ref.namespace && endpoint.name === ref.name);
    return found ? { ok: true, value: found } : { ok: false, error: `pod ${ref.namespace}/${ref.name} is not among the pods given` };
  }
  if (ref.kind === 'host') {
    const found = endpoints.find((endpoint) => endpoint.kind === 'host' && endpoint.name === ref.name);
    return found ? { ok: true, value: found } : { ok: false, error: `host endpoint ${ref.name} is not among the endpoints given` };
  }
  const parsed = parseCidr(`${ref.ip}/${ref.ip.includes(':') ? 128 : 32}`);
  if (!parsed.ok) return { ok: false, error: parsed.reason };
  const owner = endpoints.find((endpoint) => endpoint.kind !== 'address' && endpoint.ips.some((ip) => ip.family === parsed.cidr.family && ip.address === parsed.cidr.address));
  return { ok: true, value: owner ?? { kind: 'address', ip: parsed.cidr, labels: {} } };
}
