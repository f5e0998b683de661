import { text, type Json } from '../kube/objectFields';
import { result, type CheckDefinition, type CheckResult, type ObjectRef } from './checkResult';
import { stuckContainer } from './podProblems';

/**
 * How long a Calico pod may take to become Ready after it is created: its images pulled, its init containers run,
 * its first sync with the datastore and BGP peers. The logs give their start-up lines the same grace.
 */
export const POD_START_GRACE_SECONDS = 300;

export const STARTING_REMEDIATION = 'A start takes up to 5 minutes: run the check again then, or follow the start (`rke2-calico-diag check --watch 300`, or Watch Cluster Initialisation in the editor). A pod still not Ready after that is a fault, and its logs say why.';

/**
 * The ages in seconds of `unready` pods when every one of them is still within its start: created less than
 * POD_START_GRACE_SECONDS before the evidence was collected, and no container stuck (a pull that failed, a crash
 * loop). Undefined when one is older, stuck, or of unknown age (a state rebuilt without creation times), so that
 * its check judges it as before.
 */
export function stillStarting(unready: readonly Json[], collectedAt: string): number[] | undefined {
  if (unready.length === 0) return undefined;
  const now = Date.parse(collectedAt);
  if (Number.isNaN(now)) return undefined;
  const ages: number[] = [];
  for (const pod of unready) {
    const created = Date.parse(text(pod, 'metadata', 'creationTimestamp') ?? '');
    if (Number.isNaN(created) || stuckContainer(pod) !== undefined) return undefined;
    const seconds = Math.max(0, Math.round((now - created) / 1000));
    if (seconds >= POD_START_GRACE_SECONDS) return undefined;
    ages.push(seconds);
  }
  return ages;
}

/** What a still-starting summary says after the workload's name; the verdict reads it back (reportsStillStarting). */
const STILL_STARTING = ' still starting — ';

/** "unknown: calico-node still starting — 2 pod(s) not Ready yet, the oldest created 27 s ago". */
export function startingSummary(workload: string, ages: readonly number[]): string {
  return `unknown: ${workload}${STILL_STARTING}${ages.length} pod(s) not Ready yet, the oldest created ${Math.max(...ages)} s ago`;
}

/** Whether a check's summary is a still-starting one (startingSummary). */
export function reportsStillStarting(summary: string | undefined): boolean {
  return summary?.includes(STILL_STARTING) === true;
}

/** The check's "still starting" result when every one of `unready` is within its start (stillStarting), else undefined. */
export function startingResult(definition: CheckDefinition, workload: string, unready: readonly Json[], collectedAt: string, lines: readonly string[], objects: readonly ObjectRef[]): CheckResult | undefined {
  const ages = stillStarting(unready, collectedAt);
  return ages ? result(definition, 'unknown', startingSummary(workload, ages), [...lines], { remediation: STARTING_REMEDIATION, objects: [...objects] }) : undefined;
}
