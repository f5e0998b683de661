// Reads network-config-analyzer's expected connectivity (its "txt" fw-rules and "txt_no_fw_rules" outputs) into
// rules a probe can be checked against. Test support only: the format is theirs, the reading is ours.
import { parseCidr, type Cidr } from '../../../src/core/net/cidr';
import { parseSelector, selectorMatches, type Selector } from '../../../src/core/policy/selectorSyntax';
import type { Traffic } from '../../../src/core/policy/policyModel';

/** One endpoint of the topology as the expected output names it. */
export interface ScoredEndpoint {
  readonly namespace: string | undefined;
  readonly names: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

export type PeerSpec =
  | { readonly kind: 'cidrs'; readonly ranges: readonly (readonly [bigint, bigint])[] }
  | { readonly kind: 'pods'; readonly namespaces: readonly string[] | undefined; readonly selector: Selector | undefined; readonly names: readonly string[] | undefined };

interface ConnSet {
  readonly protocols: readonly string[] | undefined;
  readonly dstPorts: readonly (readonly [number, number])[] | undefined;
  readonly srcPorts: boolean;
  readonly icmpType: number | undefined;
  readonly icmpCode: number | undefined;
}

/** `All connections`, `All but {…}`, or a union of sets. */
export interface ConnSpec {
  readonly all: boolean;
  readonly negated: boolean;
  readonly sets: readonly ConnSet[];
}

export interface ExpectedRule {
  readonly src: PeerSpec;
  readonly dst: PeerSpec;
  readonly conn: ConnSpec;
}

const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = { ICMP: 1, TCP: 6, UDP: 17, ICMPV6: 58, VRRP: 112, SCTP: 132, UDPLITE: 136 };

export function protocolNumber(name: string): number {
  return PROTOCOL_NUMBERS[name.toUpperCase()] ?? Number(name);
}

function parseConnSet(text: string): ConnSet {
  const fields = new Map<string, string>();
  for (const part of text.split(/,(?=(?:protocols|src_ports|dst_ports|icmp_type|icmp_code):)/)) {
    const colon = part.indexOf(':');
    fields.set(part.slice(0, colon).trim(), part.slice(colon + 1).trim());
  }
  const protocols = fields.get('protocols')?.split(',').map((protocol) => protocol.trim());
  const dstPorts = fields.get('dst_ports')?.split(',').map((range) => {
    const [from, to] = range.split('-').map(Number);
    return [from ?? 0, to ?? from ?? 0] as const;
  });
  const type = fields.get('icmp_type');
  const code = fields.get('icmp_code');
  return { protocols, dstPorts, srcPorts: fields.has('src_ports'), icmpType: type === undefined ? undefined : Number(type), icmpCode: code === undefined ? undefined : Number(code) };
}

export function parseConn(text: string): ConnSpec {
  const trimmed = text.trim();
  if (trimmed === 'All connections') return { all: true, negated: false, sets: [] };
  if (trimmed === 'No connections') return { all: false, negated: false, sets: [] };
  const negated = trimmed.startsWith('All but ');
  const body = negated ? trimmed.slice('All but '.length) : trimmed;
  const sets = body.replace(/^\{/, '').replace(/\}$/, '').split('},{').map(parseConnSet);
  return { all: false, negated, sets };
}

/** Whether the set covers the probe: true, false, or undefined when it depends on the source port. */
function setCovers(set: ConnSet, traffic: Traffic): boolean | undefined {
  if (set.protocols && !set.protocols.some((protocol) => protocolNumber(protocol) === protocolNumber(traffic.protocol))) return false;
  if (set.dstPorts) {
    if (traffic.port === undefined) return false;
    const port = traffic.port;
    if (!set.dstPorts.some(([from, to]) => port >= from && port <= to)) return false;
  }
  if (set.icmpType !== undefined && traffic.icmpType !== set.icmpType) return false;
  if (set.icmpCode !== undefined && traffic.icmpCode !== set.icmpCode) return false;
  return set.srcPorts ? undefined : true;
}

export function connCovers(conn: ConnSpec, traffic: Traffic): boolean | undefined {
  if (conn.all) return true;
  let unknown = false;
  for (const set of conn.sets) {
    const covers = setCovers(set, traffic);
    if (covers === true) return !conn.negated;
    if (covers === undefined) unknown = true;
  }
  return unknown ? undefined : conn.negated;
}

/** Their pod-group expressions (`app=x`, `app!=x`, `k in (a,b)`, `and`, `or`) in the Calico selector language. */
function groupSelector(text: string): Selector | undefined {
  const calico = text
    .replace(/([\w./-]+) (not in|in) \(([^)]*)\)/g, (_match, key: string, operator: string, values: string) => `${key} ${operator} {${values.split(',').map((value) => `'${value.trim()}'`).join(',')}}`)
    .replace(/([\w./-]+)!=([\w./-]+)/g, "$1 != '$2'")
    .replace(/([\w./-]+)=([\w./-]+)/g, "$1 == '$2'")
    .replace(/ and /g, ' && ')
    .replace(/ or /g, ' || ');
  const parsed = parseSelector(calico);
  if (!parsed.ok) throw new Error(`cannot read pod group "${text}": ${parsed.error}`);
  return parsed.selector;
}

function podSpec(namespaces: string, pods: string): PeerSpec {
  const nsList = namespaces.split(',').map((name) => name.trim());
  const group = pods.trim();
  const isExpression = /[=()!]/.test(group);
  return {
    kind: 'pods',
    namespaces: nsList,
    selector: group === '*' ? undefined : isExpression ? groupSelector(group) : undefined,
    names: group === '*' || isExpression ? undefined : group.split(',').map((name) => name.trim()),
  };
}

function ipv4(text: string): bigint | undefined {
  const parsed = parseCidr(`${text}/32`);
  return parsed.ok && parsed.cidr.family === 4 ? parsed.cidr.address : undefined;
}

/** `0.0.0.0/0,::/0` or `10.0.0.0-10.255.255.255`, as address ranges (IPv4 only: the probes are IPv4). */
function cidrSpec(text: string): PeerSpec {
  const ranges = text.split(',').flatMap((part): (readonly [bigint, bigint])[] => {
    const range = /^([\d.]+)-([\d.]+)$/.exec(part.trim());
    if (range) {
      const from = ipv4(range[1] ?? '');
      const to = ipv4(range[2] ?? '');
      return from === undefined || to === undefined ? [] : [[from, to]];
    }
    const parsed = parseCidr(part.trim().includes('/') ? part.trim() : `${part.trim()}/32`);
    if (!parsed.ok || parsed.cidr.family !== 4) return [];
    const size = 1n << BigInt(32 - parsed.cidr.prefixLength);
    const start = (parsed.cidr.address / size) * size;
    return [[start, start + size - 1n]];
  });
  return { kind: 'cidrs', ranges };
}

const FW_LINE = /^(?:src: (\S+)|src_ns: \[([^\]]*)\] src_pods: \[(.*?)\]) (?:dst: (\S+)|dst_ns: \[([^\]]*)\] dst_pods: \[(.*?)\]) conn: (.*)$/;

/** The rules of the section for `config` in a fw-rules output ("final fw rules for query: Q, config: C:"). */
export function parseFwRules(text: string, config: string): ExpectedRule[] | undefined {
  const rules: ExpectedRule[] = [];
  let inSection = false;
  let found = false;
  for (const line of text.split('\n')) {
    const header = /^final fw rules for query: .*?, config: (.*):$/.exec(line);
    if (header) {
      inSection = header[1] === config;
      found ||= inSection;
      continue;
    }
    if (!inSection || line.trim() === '') continue;
    const match = FW_LINE.exec(line.trim());
    if (!match) throw new Error(`unread line: ${line}`);
    const src = match[1] !== undefined ? cidrSpec(match[1]) : podSpec(match[2] ?? '', match[3] ?? '');
    const dst = match[4] !== undefined ? cidrSpec(match[4]) : podSpec(match[5] ?? '', match[6] ?? '');
    rules.push({ src, dst, conn: parseConn(match[7] ?? '') });
  }
  return found ? rules : undefined;
}

/** `ns/workload[Kind] => 10.0.0.0-10.255.255.255 : conn`, one pair a line. */
export function parseNoFwRules(text: string): ExpectedRule[] {
  return text.split('\n').filter((line) => line.includes(' => ')).map((line) => {
    const [pair = '', conn = ''] = line.split(' : ');
    const [left = '', right = ''] = pair.split(' => ');
    const peer = (side: string): PeerSpec => {
      const workload = /^(.*?)\/(.*)\[\w+\]$/.exec(side.trim());
      return workload ? { kind: 'pods', namespaces: [workload[1] ?? ''], selector: undefined, names: [workload[2] ?? ''] } : cidrSpec(side.trim());
    };
    return { src: peer(left), dst: peer(right), conn: parseConn(conn) };
  });
}

export type Probed = { readonly kind: 'endpoint'; readonly endpoint: ScoredEndpoint } | { readonly kind: 'address'; readonly ip: Cidr };

function peerCovers(spec: PeerSpec, probed: Probed): boolean {
  if (spec.kind === 'cidrs') return probed.kind === 'address' && spec.ranges.some(([from, to]) => probed.ip.address >= from && probed.ip.address <= to);
  if (probed.kind !== 'endpoint') return false;
  const endpoint = probed.endpoint;
  const namespace = endpoint.namespace ?? 'None';
  if (spec.namespaces && !spec.namespaces.includes(namespace)) return false;
  if (spec.selector && !selectorMatches(spec.selector, endpoint.labels)) return false;
  return !spec.names || spec.names.some((name) => endpoint.names.includes(name));
}

/** Expected answer for a probe: true, false, or undefined when the output cannot say (source ports). */
export function expectedAllowed(rules: readonly ExpectedRule[], src: Probed, dst: Probed, traffic: Traffic): boolean | undefined {
  let unknown = false;
  for (const rule of rules) {
    if (!peerCovers(rule.src, src) || !peerCovers(rule.dst, dst)) continue;
    const covers = connCovers(rule.conn, traffic);
    if (covers === true) return true;
    if (covers === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}
