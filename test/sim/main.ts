/**
 * Runs the simulated cluster until interrupted, for the demo and for trying the CLI by hand:
 *   node out/test/sim/main.js [--scenario race-3.29.2] [--port 0] [--time-scale 1] [--start-at 0] [--clock-on-first-request]
 * Prints one JSON line {"url", "kubeconfig", "scenario"} once it listens on 127.0.0.1. A line "replay" on standard
 * input plays the scenario's timeline again from its start.
 */
import { loadScenario, startSimulatedCluster } from './simServer';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

async function main(): Promise<void> {
  const scenario = loadScenario(option('scenario', 'race-3.29.2'));
  const sim = await startSimulatedCluster(scenario, {
    port: Number(option('port', '0')),
    timeScale: Number(option('time-scale', '1')),
    startAt: Number(option('start-at', '0')),
    clockStartsOnFirstRequest: process.argv.includes('--clock-on-first-request'),
  });
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    if (chunk.split('\n').some((line) => line.trim() === 'replay')) sim.restartClock();
  });
  process.stdin.on('error', () => undefined);
  process.stdout.write(`${JSON.stringify({ url: sim.url, kubeconfig: sim.kubeconfigPath, scenario: scenario.name })}\n`);
  const stop = (): void => {
    void sim.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulated cluster: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
