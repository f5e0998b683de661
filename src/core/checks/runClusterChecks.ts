import { checkAccessDenials, DENIALS_CHECK } from './accessDenials';
import { ADDRESS_CHECK, checkCalicoAddresses } from './addressChecks';
import { skipped, type CheckDefinition, type CheckResult } from './checkResult';
import { checkDataplane, DATAPLANE_CHECK } from './dataplaneChecks';
import { checkFelixEncapsulation, ENCAPSULATION_CHECK } from './encapsulationCheck';
import { checkImages, IMAGES_CHECK } from './imageChecks';
import { checkIpamBlocks, IPAM_CHECK } from './ipamChecks';
import { checkMtu, MTU_CHECK } from './mtuCheck';
import { checkVxlanOffload, OFFLOAD_CHECK } from './offloadCheck';
import { checkStuckDeletion, STUCK_CHECK } from './stuckObjects';
import { checkUpgrade, UPGRADE_CHECK } from './upgradeChecks';
import { checkWindowsNodes, WINDOWS_CHECK } from './windowsChecks';
import { checkConnection } from './connectionCheck';
import { notApplicable } from './applicability';
import type { ClusterEvidence } from './clusterEvidence';
import { checkCrds, CRDS_CHECK } from './crdChecks';
import { checkDatastore, DATASTORE_CHECK } from './datastoreCheck';
import { checkIdentity, checkKnownIssues, IDENTITY, KNOWN_ISSUES_CHECK } from './identityChecks';
import { checkCni, checkHelmJobs, CNI_CHECK, cniVerdict, HELM_JOBS_CHECK } from './installChecks';
import { checkIpPools, IPPOOL_CHECK } from './ipPoolCheck';
import { checkNodes, NODES_CHECK } from './nodeChecks';
import { checkInstallation, checkOperatorDeployment, checkTigeraStatus, INSTALLATION_CHECK, OPERATOR_CHECK, TIGERASTATUS_CHECK } from './operatorChecks';
import { checkJoinBurst, checkSandboxEvents, JOIN_BURST_CHECK, SANDBOX_EVENTS_CHECK } from './raceChecks';
import { checkRbac, RBAC_CHECK } from './rbacChecks';
import { CALICO_NODE_CHECK, checkCalicoNode, checkKubeControllers, checkTypha, KUBE_CONTROLLERS_CHECK, TYPHA_CHECK } from './workloadChecks';

interface ClusterCheck {
  readonly definition: CheckDefinition;
  readonly run: (evidence: ClusterEvidence) => CheckResult;
  /** Only meaningful when Calico is the CNI. */
  readonly calicoOnly: boolean;
}

/** Every cluster check, in the order the tree and reports show them. */
export const CLUSTER_CHECKS: readonly ClusterCheck[] = [
  { definition: IDENTITY, run: checkIdentity, calicoOnly: false },
  { definition: KNOWN_ISSUES_CHECK, run: checkKnownIssues, calicoOnly: true },
  { definition: CNI_CHECK, run: checkCni, calicoOnly: false },
  { definition: HELM_JOBS_CHECK, run: checkHelmJobs, calicoOnly: true },
  { definition: UPGRADE_CHECK, run: checkUpgrade, calicoOnly: true },
  { definition: CRDS_CHECK, run: checkCrds, calicoOnly: true },
  { definition: DATASTORE_CHECK, run: checkDatastore, calicoOnly: true },
  { definition: RBAC_CHECK, run: checkRbac, calicoOnly: true },
  { definition: DENIALS_CHECK, run: checkAccessDenials, calicoOnly: true },
  { definition: OPERATOR_CHECK, run: checkOperatorDeployment, calicoOnly: true },
  { definition: INSTALLATION_CHECK, run: checkInstallation, calicoOnly: true },
  { definition: TIGERASTATUS_CHECK, run: checkTigeraStatus, calicoOnly: true },
  { definition: STUCK_CHECK, run: checkStuckDeletion, calicoOnly: true },
  { definition: CALICO_NODE_CHECK, run: checkCalicoNode, calicoOnly: true },
  { definition: TYPHA_CHECK, run: checkTypha, calicoOnly: true },
  { definition: KUBE_CONTROLLERS_CHECK, run: checkKubeControllers, calicoOnly: true },
  { definition: IMAGES_CHECK, run: checkImages, calicoOnly: true },
  { definition: NODES_CHECK, run: checkNodes, calicoOnly: false },
  { definition: ADDRESS_CHECK, run: checkCalicoAddresses, calicoOnly: true },
  { definition: WINDOWS_CHECK, run: checkWindowsNodes, calicoOnly: true },
  { definition: SANDBOX_EVENTS_CHECK, run: checkSandboxEvents, calicoOnly: true },
  { definition: JOIN_BURST_CHECK, run: checkJoinBurst, calicoOnly: true },
  { definition: IPPOOL_CHECK, run: checkIpPools, calicoOnly: true },
  { definition: IPAM_CHECK, run: checkIpamBlocks, calicoOnly: true },
  { definition: DATAPLANE_CHECK, run: checkDataplane, calicoOnly: true },
  { definition: ENCAPSULATION_CHECK, run: checkFelixEncapsulation, calicoOnly: true },
  { definition: OFFLOAD_CHECK, run: checkVxlanOffload, calicoOnly: true },
  { definition: MTU_CHECK, run: checkMtu, calicoOnly: true },
];

/**
 * Runs every cluster check over one evidence snapshot. When another CNI is deployed, the Calico checks are skipped
 * with that reason instead of failing; identity, nodes and the known-issue verdict still run. A connection without
 * TLS verification adds a warning first.
 */
export function runClusterChecks(evidence: ClusterEvidence): CheckResult[] {
  const verdict = cniVerdict(evidence);
  const connection = checkConnection(evidence);
  const skip = notApplicable(evidence);
  return [
    ...(connection ? [connection] : []),
    ...CLUSTER_CHECKS.map(({ definition, run, calicoOnly }) => {
      if (calicoOnly && verdict.calico === false) return skipped(definition, `Calico is not this cluster's CNI (${verdict.other ?? 'another CNI'})`);
      const reason = skip.get(definition.id);
      return reason === undefined ? run(evidence) : { ...skipped(definition, reason), summary: reason };
    }),
  ];
}
