import { parseCidr, type Cidr } from '../net/cidr';
import type { PortMatch } from './policyModel';
import type { IssueSink } from './readIssues';
import { parseSelector, type Selector } from './selectorSyntax';

/** A Calico selector field; an invalid one is reported and treated as matching nothing, as Calico rejects it. */
export function selectorField(value: unknown, path: string, sink: IssueSink): Selector | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    sink.add(path, 'a selector must be a string');
    return { kind: 'not', operand: { kind: 'all' } };
  }
  const parsed = parseSelector(value);
  if (parsed.ok) return parsed.selector;
  sink.add(path, `invalid selector "${value}": ${parsed.error}`);
  return { kind: 'not', operand: { kind: 'all' } };
}

export function cidrList(value: unknown, path: string, sink: IssueSink): Cidr[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    sink.add(path, 'must be a list of CIDRs');
    return [];
  }
  const cidrs: Cidr[] = [];
  for (const [index, entry] of value.entries()) {
    const text = String(entry);
    // Calico accepts a bare address as a /32 or /128.
    const parsed = parseCidr(text.includes('/') ? text : `${text}/${text.includes(':') ? 128 : 32}`);
    if (parsed.ok) cidrs.push(parsed.cidr);
    else sink.add(`${path}[${index}]`, parsed.reason);
  }
  return cidrs;
}

/** Calico `ports`: numbers, "from:to" ranges and port names (libcalico-go numorstring.Port). */
export function portList(value: unknown, path: string, sink: IssueSink): PortMatch[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    sink.add(path, 'must be a list of ports');
    return [];
  }
  const ports: PortMatch[] = [];
  for (const [index, entry] of value.entries()) {
    const port = parsePort(entry);
    if (port) ports.push(port);
    else sink.add(`${path}[${index}]`, `"${String(entry)}" is not a port, a range "from:to" or a port name`);
  }
  return ports;
}

export function parsePort(entry: unknown): PortMatch | undefined {
  if (typeof entry === 'number' && Number.isInteger(entry) && entry >= 0 && entry <= 65535) return { kind: 'range', from: entry, to: entry };
  if (typeof entry !== 'string') return undefined;
  const range = /^(\d+)(?::(\d+))?$/.exec(entry.trim());
  if (range) {
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    return from <= to && to <= 65535 ? { kind: 'range', from, to } : undefined;
  }
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i.test(entry.trim()) ? { kind: 'named', name: entry.trim() } : undefined;
}

export function protocolField(value: unknown): string | undefined {
  if (typeof value === 'string') return value.toUpperCase();
  return typeof value === 'number' ? String(value) : undefined;
}
