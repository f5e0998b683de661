import { buildCheckReport } from '../checks/checkReport';
import { collectClusterEvidence, type EvidenceSource } from '../checks/clusterEvidence';
import { runClusterChecks } from '../checks/runClusterChecks';
import { describeFailure, type ApiResult } from '../kube/apiResult';
import { PATHS } from '../checks/calicoObjects';
import { text } from '../kube/objectFields';
import { redactDeep } from '../report/redactSecrets';
import type { ClusterOutcome } from './fleetOutcome';

/** Reads of the node list that mean the cluster itself could not be read (as `check` judges one cluster). */
const UNREACHABLE = new Set(['unreachable', 'timeout', 'unauthorized', 'malformed', 'cancelled']);

/**
 * Checks one cluster of a fleet: the same evidence and checks as `check`, kept only as the redacted report (the
 * evidence is dropped as soon as the checks ran, so a fleet's memory does not grow with its clusters' size). A
 * node list that 404s can only come from a proxy in front of the cluster (Rancher answers so for an unknown id).
 */
export async function checkClusterReader(reader: EvidenceSource, signal: AbortSignal, behindRancher: boolean): Promise<ClusterOutcome> {
  const cancelled: ClusterOutcome = { kind: 'cancelled', reason: 'cancelled before this cluster finished' };
  const unreachable = (result: ApiResult<unknown>): ClusterOutcome | undefined => {
    if (result.kind === 'ok' || !(UNREACHABLE.has(result.kind) || (behindRancher && (result.kind === 'not-found' || result.kind === 'http-error')))) return undefined;
    const through = behindRancher ? " (through Rancher's cluster proxy)" : '';
    return { kind: 'unreachable', reason: redactDeep(`could not read the cluster${through}: ${describeFailure(result)}`) };
  };
  // One node first: a cluster that cannot be read at all (disconnected, deleted, credentials refused) is told in
  // one request, instead of every read of the checks failing one by one, each with its retries.
  const stopped = (): boolean => signal.aborted;
  if (behindRancher) {
    // Whatever answers at Rancher's proxy path must be a Kubernetes API server before its answers are trusted as
    // the cluster's (a misrouted path would otherwise have Rancher's own pages read as each cluster's objects).
    const version = await reader.get(PATHS.version, { signal });
    if (stopped()) return cancelled;
    const dead = unreachable(version);
    if (dead) return dead;
    const gitVersion = version.kind === 'ok' ? text(version.value, 'gitVersion') : undefined;
    // A refusal is an API server's answer too: the checks then say what they could not read.
    const refused = version.kind === 'forbidden' || version.kind === 'unauthorized';
    if (!refused && (gitVersion === undefined || !/^v\d+\.\d+/.test(gitVersion))) {
      return { kind: 'unreachable', reason: `Rancher's cluster proxy did not answer as a Kubernetes API server (GET ${PATHS.version}: ${version.kind === 'ok' ? 'no gitVersion in the answer' : describeFailure(version)}); its answers were not used` };
    }
  }
  const probe = await reader.list(PATHS.nodes, { limit: 1, maxItems: 1 }, { signal });
  if (stopped()) return cancelled;
  const dead = unreachable(probe);
  if (dead) return dead;
  const evidence = await collectClusterEvidence(reader, signal);
  if (stopped()) return cancelled;
  const lost = unreachable(evidence.nodes);
  if (lost) return lost;
  const results = runClusterChecks(evidence);
  return { kind: 'checked', report: redactDeep(buildCheckReport(results, evidence, reader.identity, [], { verdict: true })) };
}
