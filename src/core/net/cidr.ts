/** An IPv4 or IPv6 network in CIDR notation, with the address as a bigint for range arithmetic. */
export interface Cidr {
  readonly family: 4 | 6;
  readonly address: bigint;
  readonly prefixLength: number;
  readonly text: string;
}

export type CidrResult = { readonly ok: true; readonly cidr: Cidr } | { readonly ok: false; readonly reason: string };

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined): string[] => (half ? half.split(':') : []);
  let head = groups(halves[0]);
  let tail = groups(halves[1]);
  // An embedded IPv4 tail (::ffff:10.0.0.1) counts as two groups.
  const last = (tail.length > 0 ? tail : head).at(-1);
  if (last?.includes('.')) {
    const v4 = parseIpv4(last);
    if (v4 === undefined) return undefined;
    const extra = [(v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16)];
    if (tail.length > 0) tail = [...tail.slice(0, -1), ...extra];
    else head = [...head.slice(0, -1), ...extra];
  }
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill('0'), ...tail];
  let value = 0n;
  for (const group of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(`0x${group}`);
  }
  return value;
}

export function parseCidr(input: string): CidrResult {
  const text = input.trim();
  const slash = text.indexOf('/');
  if (slash === -1) return { ok: false, reason: `"${text}" has no /prefix length` };
  const addressText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const family: 4 | 6 = addressText.includes(':') ? 6 : 4;
  const address = family === 4 ? parseIpv4(addressText) : parseIpv6(addressText);
  if (address === undefined) return { ok: false, reason: `"${addressText}" is not an IPv${family} address` };
  const maximum = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > maximum) {
    return { ok: false, reason: `"/${prefixText}" is not a prefix length for IPv${family} (0–${maximum})` };
  }
  return { ok: true, cidr: { family, address, prefixLength: Number(prefixText), text } };
}

function bits(cidr: Cidr): bigint {
  return cidr.family === 4 ? 32n : 128n;
}

/** The first address of the network (host bits cleared). */
export function networkAddress(cidr: Cidr): bigint {
  const hostBits = bits(cidr) - BigInt(cidr.prefixLength);
  return (cidr.address >> hostBits) << hostBits;
}

export function hasHostBits(cidr: Cidr): boolean {
  return networkAddress(cidr) !== cidr.address;
}

/** Whether `inner` lies wholly inside `outer` (same family, no shorter prefix, overlapping). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && outer.prefixLength <= inner.prefixLength && cidrsOverlap(outer, inner);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  const shorter = Math.min(a.prefixLength, b.prefixLength);
  const shift = bits(a) - BigInt(shorter);
  return a.address >> shift === b.address >> shift;
}

export function sameNetwork(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.prefixLength === b.prefixLength && networkAddress(a) === networkAddress(b);
}
