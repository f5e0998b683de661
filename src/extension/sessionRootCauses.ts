import { rootCausesOfChecks, type RootCauseJson } from '../core/causes/rootCauseReport';
import type { SessionState } from './clusterSession';

/** One analysis per run's results: the tree renders often and the status bar shows the same causes. */
const analysed = new WeakMap<SessionState['results'], RootCauseJson[]>();

/** The root causes of a session state's checks and the pod logs it read, analysed once per run. */
export function rootCausesOfState(state: SessionState): RootCauseJson[] {
  const known = analysed.get(state.results);
  if (known) return known;
  const causes = rootCausesOfChecks(state.results, state.evidence ? { podLogs: state.evidence.podLogs } : {});
  analysed.set(state.results, causes);
  return causes;
}
