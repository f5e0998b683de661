/**
 * The known-issue catalog: one file per issue under `issues/`. Every statement carries its source, and what no
 * source states outright is marked "inferred" or "unverified". Facts were read at the sources listed with each issue
 * (rancher/rke2 tags and PRs, rancher/rke2-charts values, tigera/operator and projectcalico/calico code and tags).
 */
import type { KnownIssue } from './knownIssue';
import { RKE2_8621 } from './issues/airGapImages';
import { RKE2_7808 } from './issues/initRace';
import { RKE2_7454 } from './issues/ipv6Autodetect';
import { CALICO_9442 } from './issues/manifestTiers';
import { CALICO_13579, RKE2_DOCS_594 } from './issues/nftablesDataplane';
import { OPERATOR_4855 } from './issues/operatorRbac';
import { RKE2_10494 } from './issues/typhaToleration';
import { CALICO_11435, CALICO_8746 } from './issues/vxlanOffload';
import { RKE2_9276 } from './issues/windowsStartup';

export const KNOWN_ISSUES: readonly KnownIssue[] = [
  RKE2_7808,
  RKE2_10494,
  RKE2_7454,
  RKE2_8621,
  RKE2_9276,
  OPERATOR_4855,
  CALICO_8746,
  CALICO_11435,
  RKE2_DOCS_594,
  CALICO_13579,
  CALICO_9442,
];
