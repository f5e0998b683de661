import { parseRke2Version } from '../versions/rke2Version';

/**
 * The first RKE2 release of each minor line that supports a Calico dataplane, from the version gates of the RKE2
 * docs (rancher/rke2-docs `docs/networking/basic_network_options.md` at 9477b7b, 2026-08-20): eBPF "as of January
 * 2026 releases: v1.33.8+rke2r1, v1.34.4+rke2r1 and v1.35.1+rke2r1"; nftables (experimental) "as of the July 2026
 * releases v1.36.3+rke2r1, v1.35.7+rke2r1, v1.34.10+rke2r1". Lines after the newest named one have it from .0.
 */
export interface DataplaneGate {
  readonly dataplane: 'BPF' | 'Nftables';
  readonly firstPatch: Readonly<Record<number, number>>;
  readonly releases: string;
  readonly source: string;
}

export const DATAPLANE_GATES: Readonly<Record<DataplaneGate['dataplane'], DataplaneGate>> = {
  BPF: {
    dataplane: 'BPF',
    firstPatch: { 33: 8, 34: 4, 35: 1 },
    releases: 'v1.33.8+rke2r1, v1.34.4+rke2r1 and v1.35.1+rke2r1',
    source: 'docs.rke2.io/networking/basic_network_options (eBPF dataplane version gate)',
  },
  Nftables: {
    dataplane: 'Nftables',
    firstPatch: { 34: 10, 35: 7, 36: 3 },
    releases: 'v1.34.10+rke2r1, v1.35.7+rke2r1 and v1.36.3+rke2r1 (experimental)',
    source: 'docs.rke2.io/networking/basic_network_options#nftables-support (rancher/rke2-docs#594)',
  },
};

/** True when the release supports the dataplane, false when it predates it, undefined for an unreadable version. */
export function supportsDataplane(gate: DataplaneGate, rke2: string): boolean | undefined {
  const version = parseRke2Version(rke2);
  if (!version.ok) return undefined;
  const { minor, patch } = version.value.kubernetes;
  const lines = Object.keys(gate.firstPatch).map(Number);
  const first = gate.firstPatch[minor];
  if (first !== undefined) return patch >= first;
  return minor > Math.max(...lines);
}

/**
 * A kubernetesServiceEndpoint host on the node itself: fine for calico-node, reported to make calico-kube-controllers
 * fail constantly; the RKE2 docs now use the control-plane IP (rancher/rke2-docs#567).
 */
export function isLoopbackHost(host: string): boolean {
  return /^(localhost|127\.0\.0\.1|::1)$/i.test(host);
}

/**
 * RKE2's rke2-calico chart keeps VXLAN checksum offload off with this FelixConfiguration override, in every chart
 * from v3.26.300 to v3.32.100 (rancher/rke2-charts values.yaml, "Config required to fix RKE2 issue #1541").
 */
export const RKE2_FEATURE_DETECT_OVERRIDE = 'ChecksumOffloadBroken=true';

// Go's strconv.ParseBool spellings.
const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * What a featureDetectOverride value does to RKE2's ChecksumOffloadBroken=true: `kept`; `enabled` when it sets
 * ChecksumOffloadBroken=false on purpose (the RKE2 docs show that for throughput on kernels newer than 5.7);
 * `dropped` when the flag is absent or Felix rejects the list. Read as Felix reads it
 * (felix/stringutils/parse_keyvalue_list.go, felix/environment/feature_detect_linux.go): comma-separated
 * `key=value` items, case-sensitive keys, Go booleans, the last item wins; one malformed item voids the list.
 */
export function checksumOffloadOverride(featureDetectOverride: string): 'kept' | 'enabled' | 'dropped' {
  let setting: 'kept' | 'enabled' | 'dropped' = 'dropped';
  for (const item of featureDetectOverride.split(',')) {
    if (item === '') continue;
    const match = /\s*(\w+)=(.*)/.exec(item);
    if (!match) return 'dropped';
    if (match[1] !== 'ChecksumOffloadBroken') continue;
    const value = match[2] ?? '';
    setting = GO_TRUE.has(value) ? 'kept' : GO_FALSE.has(value) ? 'enabled' : 'dropped';
  }
  return setting;
}
