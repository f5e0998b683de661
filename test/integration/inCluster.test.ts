import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadScenario, startSimulatedCluster, type RunningSim } from '../sim/simServer';
import { runCheck } from './fleetHarness';
import { assertReadOnly } from './simHarness';

/** A pod's view of the simulated cluster: the service-account folder and the two variables the kubelet sets. */
function podEnvironment(sim: RunningSim, token = sim.token): { folder: string; environment: NodeJS.ProcessEnv } {
  const folder = join(sim.folder, 'serviceaccount');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'token'), token);
  writeFileSync(join(folder, 'ca.crt'), sim.caPem);
  writeFileSync(join(folder, 'namespace'), 'rke2-calico-diagnostics');
  return { folder, environment: { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: String(sim.port) } };
}

describe('check --in-cluster (the pod\'s service account, through client-node\'s in-cluster configuration)', () => {
  it('checks the pod\'s cluster and prints OpenMetrics for a textfile collector or a Pushgateway', async () => {
    const sim = await startSimulatedCluster(loadScenario('race-3.29.2'), { manualClock: true, startAt: 20 });
    try {
      const pod = podEnvironment(sim);
      const run = await runCheck(['--in-cluster', '--format', 'openmetrics', '--cluster-name', 'prod "eu"\\1'], { ...pod.environment, RKE2_CALICO_SERVICE_ACCOUNT_DIR: pod.folder });
      assert.equal(run.code, 1, run.stderr);
      const lines = run.stdout.trimEnd().split('\n');
      assert.equal(lines.at(-1), '# EOF');
      assert.ok(lines.includes('# TYPE rke2_calico_check_status gauge'));
      assert.ok(lines.includes('rke2_calico_check_status{cluster="prod \\"eu\\"\\\\1",cluster_name="prod \\"eu\\"\\\\1",area="Identity",id="identity.known-issues",status="fail"} 1'), 'label values escaped');
      assert.ok(lines.includes('rke2_calico_known_issue{cluster="prod \\"eu\\"\\\\1",cluster_name="prod \\"eu\\"\\\\1",issue="rancher/rke2#7808",status="fail"} 1'));
      assert.ok(lines.includes('rke2_calico_cluster_verdict{cluster="prod \\"eu\\"\\\\1",cluster_name="prod \\"eu\\"\\\\1",verdict="fail"} 1'));
      assert.ok(lines.includes('rke2_calico_cluster_reachable{cluster="prod \\"eu\\"\\\\1",cluster_name="prod \\"eu\\"\\\\1"} 1'));
      for (const line of lines.filter((entry) => !entry.startsWith('#'))) assert.match(line, /^[a-z][a-z0-9_]*\{([a-z_]+="(?:[^"\\]|\\.)*",?)+\} [\d.]+$/, line);
      assert.ok(!run.stdout.includes(sim.token));
      assertReadOnly(sim);
      assert.ok(sim.requests.length > 20, 'the cluster was read through the service account');
    } finally {
      await sim.stop();
    }
  });

  it('the --service-account-dir option, a rejected token, and not being in a pod each get a clear answer', async () => {
    const sim = await startSimulatedCluster(loadScenario('healthy'), { manualClock: true });
    try {
      const pod = podEnvironment(sim);
      const healthy = await runCheck(['--in-cluster', '--service-account-dir', pod.folder, '--format', 'json'], pod.environment);
      assert.equal(healthy.code, 0, healthy.stderr);
      const expired = podEnvironment(sim, 'expired-service-account-token');
      const rejected = await runCheck(['--in-cluster', '--service-account-dir', expired.folder], expired.environment);
      assert.equal(rejected.code, 2);
      assert.match(rejected.stderr, /could not read the cluster: Unauthorized/);
      assert.ok(!rejected.stdout.includes('expired-service-account-token') && !rejected.stderr.includes('expired-service-account-token'));
      const outside = await runCheck(['--in-cluster'], {});
      assert.equal(outside.code, 2);
      assert.match(outside.stderr, /KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set/);
      const noToken = await runCheck(['--in-cluster', '--service-account-dir', join(sim.folder, 'nowhere')], pod.environment);
      assert.match(noToken.stderr, /nowhere\/token does not exist/);
      const both = await runCheck(['--in-cluster', '--kubeconfig', sim.kubeconfigPath], pod.environment);
      assert.match(both.stderr, /does not go with --kubeconfig/);
    } finally {
      await sim.stop();
    }
  });
});

describe('--format openmetrics over a fleet', () => {
  it('labels every cluster; unreachable ones are reachable 0 with no check series', async () => {
    const sim = await startSimulatedCluster(loadScenario('healthy'), { manualClock: true });
    try {
      const run = await runCheck(['--contexts', 'sim,sim-unreachable', '--kubeconfig', sim.kubeconfigPath, '--format', 'openmetrics', '--timeout', '2']);
      assert.equal(run.code, 2);
      assert.match(run.stdout, /^rke2_calico_cluster_reachable\{cluster="sim-unreachable",cluster_name="sim-unreachable"\} 0$/m);
      assert.match(run.stdout, /^rke2_calico_cluster_verdict\{cluster="sim",cluster_name="sim",verdict="pass"\} 1$/m);
      assert.ok(!/rke2_calico_check_status\{cluster="sim-unreachable",/.test(run.stdout));
    } finally {
      await sim.stop();
    }
  });
});
