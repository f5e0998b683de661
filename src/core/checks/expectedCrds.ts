import { calicoOfOperator, expectedCrds, type ReleaseFact } from '../knowledge/releaseFacts';
import type { ClusterEvidence } from './clusterEvidence';
import { installKind } from './clusterKind';
import { clusterIdentity, operatorVersion } from './identityChecks';

export interface CrdExpectation {
  /** The Calico release the expectation is for, and where that release was read. */
  readonly calico: string | undefined;
  readonly calicoSource: string;
  readonly crds: ReleaseFact<readonly string[]>;
}

/**
 * The CRDs this cluster's Calico release ships (per-release data, releaseFacts.ts): its own, plus the operator's
 * when tigera-operator installed it. The release is ClusterInformation's, the Installation's or calico-node's image
 * (clusterIdentity), else the one the running tigera-operator deploys.
 */
export function crdExpectation(evidence: ClusterEvidence): CrdExpectation {
  const identity = clusterIdentity(evidence);
  const operator = operatorVersion(evidence);
  const calico = identity.calico ?? calicoOfOperator(operator);
  const calicoSource = identity.calicoSource ?? (calico !== undefined ? `the release tigera-operator ${operator ?? ''} deploys` : 'not read');
  return { calico, calicoSource, crds: expectedCrds(calico, installKind(evidence) === 'manifest' ? 'manifest' : 'operator') };
}
