import assert from 'node:assert/strict';
import { DEFAULT_TUNING, openCluster, type GatewayTuning } from '../../src/cluster/kubeGateway';
import type { ClusterReader } from '../../src/core/kube/clusterReader';
import type { Fault } from '../sim/scenarioTypes';
import { loadScenario, startSimulatedCluster, type RunningSim, type SimOptions } from '../sim/simServer';

export interface Connected {
  readonly sim: RunningSim;
  readonly reader: ClusterReader;
  /** Backoff waits the gateway asked for (they are not really slept). */
  readonly sleeps: number[];
}

/** Starts a scenario and opens it through the real @kubernetes/client-node kubeconfig handling. */
export async function connect(scenario: string, options: SimOptions & { context?: string; tuning?: Partial<GatewayTuning>; faults?: Fault[] } = {}): Promise<Connected> {
  const sim = await startSimulatedCluster(loadScenario(scenario), { manualClock: true, ...options, extraFaults: options.faults ?? [] });
  const sleeps: number[] = [];
  const opened = openCluster({ paths: [sim.kubeconfigPath], origin: 'argument' }, options.context, {
    ...DEFAULT_TUNING,
    timeoutMs: 3000,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...options.tuning,
  });
  assert.ok(opened.ok, opened.ok ? '' : opened.error);
  return { sim, reader: opened.reader, sleeps };
}

/** Every request the product sent was a GET. */
export function assertReadOnly(sim: RunningSim): void {
  const writes = sim.requests.filter((request) => request.method !== 'GET');
  assert.deepEqual(writes, [], 'the product must only send GET requests');
}

/** Fails the test on any unhandled promise rejection while it runs. */
export function guardRejections(): () => void {
  const seen: unknown[] = [];
  const listener = (reason: unknown): void => {
    seen.push(reason);
  };
  process.on('unhandledRejection', listener);
  return () => {
    process.off('unhandledRejection', listener);
    assert.deepEqual(seen, [], 'unhandled promise rejections');
  };
}
