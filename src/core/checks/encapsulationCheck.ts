import { bool, name, text } from '../kube/objectFields';
import { PATHS } from './calicoObjects';
import { result, unknownFrom, type CheckDefinition, type CheckResult } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';
import { workloadPools } from './networkSetup';

export const ENCAPSULATION_CHECK: CheckDefinition = { id: 'dataplane.felix-encapsulation', area: 'Dataplane', title: "Felix's encapsulation settings and the IP pools" };

const WANTS = (mode: string | undefined): boolean => mode === 'Always' || mode === 'CrossSubnet';

/**
 * A pool that encapsulates needs Felix to program that tunnel. FelixConfiguration default spec.vxlanEnabled and
 * spec.ipipEnabled left unset follow the pools (Felix enables what a pool uses); set to false, they switch the
 * tunnel off while a pool still asks for it, and pods on different nodes cannot reach each other.
 */
export function checkFelixEncapsulation(evidence: ClusterEvidence): CheckResult {
  if (evidence.ipPools.kind !== 'ok') return unknownFrom(ENCAPSULATION_CHECK, 'IPPools', evidence.ipPools);
  const pools = workloadPools(evidence.ipPools) ?? [];
  const felix = evidence.felixConfiguration;
  if (felix.kind !== 'ok' && felix.kind !== 'not-found') return unknownFrom(ENCAPSULATION_CHECK, 'FelixConfiguration default', felix);
  const vxlanEnabled = felix.kind === 'ok' ? bool(felix.value, 'spec', 'vxlanEnabled') : undefined;
  const ipipEnabled = felix.kind === 'ok' ? bool(felix.value, 'spec', 'ipipEnabled') : undefined;
  const vxlanPools = pools.filter((pool) => WANTS(text(pool, 'spec', 'vxlanMode'))).map(name);
  const ipipPools = pools.filter((pool) => WANTS(text(pool, 'spec', 'ipipMode'))).map(name);
  const setting = (value: boolean | undefined): string => (value === undefined ? 'unset (follows the pools)' : String(value));
  const lines = [
    `FelixConfiguration default: ${felix.kind === 'ok' ? `vxlanEnabled ${setting(vxlanEnabled)}, ipipEnabled ${setting(ipipEnabled)}` : 'not found (defaults: follow the pools)'}`,
    `pools with VXLAN: ${vxlanPools.join(', ') || 'none'}; with IP-in-IP: ${ipipPools.join(', ') || 'none'}`,
  ];
  const objects = felix.kind === 'ok' ? [{ kind: 'FelixConfiguration', name: 'default', path: PATHS.felixConfiguration }] : [];
  const conflicts = [
    ...(vxlanPools.length > 0 && vxlanEnabled === false ? [`pool(s) ${vxlanPools.join(', ')} use VXLAN but Felix has vxlanEnabled: false`] : []),
    ...(ipipPools.length > 0 && ipipEnabled === false ? [`pool(s) ${ipipPools.join(', ')} use IP-in-IP but Felix has ipipEnabled: false`] : []),
  ];
  if (conflicts.length > 0) {
    return result(ENCAPSULATION_CHECK, 'warn', conflicts.join('; '), lines, { remediation: 'Remove the false setting from FelixConfiguration default (or set it true), or change the pools\' vxlanMode/ipipMode to what Felix runs: pods across nodes cannot reach each other while they disagree.', objects });
  }
  // The other way round costs nothing but a tunnel device: said, not warned.
  const unused = [...(vxlanEnabled === true && vxlanPools.length === 0 ? ['vxlanEnabled: true with no VXLAN pool'] : []), ...(ipipEnabled === true && ipipPools.length === 0 ? ['ipipEnabled: true with no IP-in-IP pool'] : [])];
  if (unused.length > 0) lines.push(`note: ${unused.join('; ')} (a tunnel device nothing uses)`);
  return result(ENCAPSULATION_CHECK, 'pass', pools.length === 0 ? 'No IP pool to compare with Felix' : "Felix's encapsulation switches agree with the pools", lines, { objects });
}
