/**
 * The catalog of known failure lines, in the order they are tried: the first signature that matches a line names
 * it, so specific wordings come before general ones (a ClusterInformation 401 before any 401, an unreachable API
 * server before "the CNI failed"). Each signature cites the source of its wordings.
 */
import { ACCESS_SIGNATURES } from './catalog/accessSignatures';
import { BGP_SIGNATURES } from './catalog/bgpSignatures';
import { CALICO_NODE_SIGNATURES } from './catalog/calicoNodeSignatures';
import { CALICOCTL_SIGNATURES } from './catalog/calicoctlSignatures';
import { CNI_SIGNATURES } from './catalog/cniSignatures';
import { CONTAINER_SIGNATURES } from './catalog/containerSignatures';
import { FALLBACK_SIGNATURES } from './catalog/fallbackSignatures';
import { OPERATOR_SIGNATURES } from './catalog/operatorSignatures';
import { RKE2_SIGNATURES } from './catalog/rke2Signatures';
import { TYPHA_SIGNATURES } from './catalog/typhaSignatures';
import type { LogSignature } from './logSignature';

/** Image pulls first: a registry timeout on port 443 must not read as an unreachable API server. */
const IMAGE_PULL = RKE2_SIGNATURES.filter((signature) => signature.id === 'image-pull-failed');

export const LOG_SIGNATURES: readonly LogSignature[] = [
  ...IMAGE_PULL,
  ...CNI_SIGNATURES,
  ...TYPHA_SIGNATURES,
  ...ACCESS_SIGNATURES,
  ...CALICO_NODE_SIGNATURES,
  ...CALICOCTL_SIGNATURES,
  ...BGP_SIGNATURES,
  ...OPERATOR_SIGNATURES,
  ...CONTAINER_SIGNATURES,
  ...RKE2_SIGNATURES.filter((signature) => !IMAGE_PULL.includes(signature)),
  ...FALLBACK_SIGNATURES,
];
