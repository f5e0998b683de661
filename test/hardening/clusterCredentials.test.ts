/**
 * Exec credential plugins (kubeconfig `users[].user.exec`), as tiny shell scripts: one that counts its runs, one
 * that hangs (with a child of its own), one that prints secrets on stderr and fails, one whose credential expires.
 * The built CLI runs in a child process; the expiry case drives the gateway in-process with a fake clock.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openCluster, DEFAULT_TUNING } from '../../src/cluster/kubeGateway';
import { PATHS } from '../../src/core/checks/calicoObjects';
import { assertExit, assertNoPass, assertNotPrinted, clusterCase, EXIT, reportOf, runCheck, withSim, writeKubeconfig, writeScript } from './clusterHarness';

/** Prints an ExecCredential with $SIM_TOKEN, and an expirationTimestamp read from $EXPIRES_FILE when there is one. */
const CREDENTIAL = `EXPIRES=$(cat "\${EXPIRES_FILE:-/nonexistent}" 2>/dev/null)\nprintf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"%s}}\\n' "$SIM_TOKEN" "\${EXPIRES:+,\\"expirationTimestamp\\":\\"$EXPIRES\\"}"`;

function runs(file: string): number {
  try {
    return readFileSync(file, 'utf8').split('\n').filter((line) => line !== '').length;
  } catch {
    return 0;
  }
}

/** A process that exists and is not a zombie. */
function alive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

describe('exec credential plugins', () => {
  it('run once per check, not once per request (the credential is cached for the check)', async () => {
    await withSim('healthy', [], async (sim) => {
      const { folder, tmp } = clusterCase('exec-counting');
      const counter = join(folder, 'runs');
      const plugin = writeScript(folder, 'count-plugin.sh', `echo run >> "$COUNT_FILE"\n${CREDENTIAL}`);
      const kubeconfig = writeKubeconfig(folder, sim, { user: { exec: { command: plugin, env: { COUNT_FILE: counter, SIM_TOKEN: sim.token } } } });
      const run = await runCheck('exec plugin: runs per check', kubeconfig, ['--format', 'json'], { tmp, folder });
      assertExit(run, EXIT.ok);
      assert.equal(reportOf(run).verdict?.status, 'pass');
      assert.equal(runs(counter), 1, `${runs(counter)} plugin runs for ${sim.requests.length} requests`);
      assertNotPrinted(run, sim.token, 'the plugin token');
    });
  });

  it('a plugin that hangs is stopped at --timeout (with its children): exit 2 within the budget', async () => {
    await withSim('healthy', [], async (sim) => {
      const { folder, tmp } = clusterCase('exec-hanging');
      const pids = join(folder, 'pids');
      // The shell waits on a child of its own, which also holds the plugin's stdout open.
      const plugin = writeScript(folder, 'hang-plugin.sh', `echo $$ >> "${pids}"\nsleep 600 &\necho $! >> "${pids}"\nwait`);
      const kubeconfig = writeKubeconfig(folder, sim, { user: { exec: { command: plugin } } });
      try {
        const run = await runCheck('exec plugin hangs, --timeout 2', kubeconfig, ['--format', 'json', '--timeout', '2'], { tmp, folder, timeoutMs: 20_000 });
        assertExit(run, EXIT.unreachable);
        assert.ok(run.ms < 6000, `${run.ms} ms`);
        assert.match(run.stderr, /could not read the cluster: the exec credential plugin "[^"]+hang-plugin\.sh" did not answer within 2000 ms \(the request timeout\); it was stopped/);
        assertNoPass(reportOf(run), ['nodes.ready', 'identity.known-issues', 'crds.calico']);
        await new Promise((resolve) => setTimeout(resolve, 200));
        const started = readFileSync(pids, 'utf8').split('\n').filter((line) => line !== '').map(Number);
        assert.equal(started.length, 2, 'the plugin ran once, and started its sleep');
        assert.deepEqual(started.filter(alive), [], 'the plugin and its child are gone');
        assert.equal(sim.requests.length, 0, 'no request was sent without a credential');
      } finally {
        // Against an older build (HARDENING_CLI) the plugin outlives the killed CLI: stop what this case started.
        for (const pid of runsOf(pids)) if (alive(pid)) process.kill(pid, 'SIGKILL');
      }
    });
  });

  it('a plugin that prints secrets on stderr and fails: its message is quoted, the secrets are not', async () => {
    await withSim('healthy', [], async (sim) => {
      const { folder, tmp } = clusterCase('exec-stderr-secret');
      const secrets = {
        refresh: 'rt-8fK2mQ9xL4vB7nC1',
        client: 'cs-Z3pW6yT0hJ5dG2sA',
        jwt: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsImV4cCI6MX0.c2lnbmF0dXJlLXNpZ25hdHVyZQ',
        bearer: 'b7e1c0ffee5eed5a1ad',
        environment: 'env-secret-Q7r8S9t0',
      };
      const plugin = writeScript(folder, 'secret-plugin.sh', `echo "oidc: refresh failed: refresh_token=${secrets.refresh} client_secret: ${secrets.client}" >&2\necho "upstream said: Authorization: Bearer ${secrets.bearer}; id token ${secrets.jwt}; key $API_KEY" >&2\nexit 1`);
      const kubeconfig = writeKubeconfig(folder, sim, { user: { exec: { command: plugin, env: { API_KEY: secrets.environment } } } });
      for (const format of ['json', 'text']) {
        const run = await runCheck(`exec plugin prints secrets on stderr (${format})`, kubeconfig, ['--format', format], { tmp, folder });
        assertExit(run, EXIT.unreachable);
        assert.match(run.stderr, /could not read the cluster: the exec credential plugin "[^"]+secret-plugin\.sh" failed \(exit code 1\): oidc: refresh failed: refresh_token=\[redacted\] client_secret: \[redacted\] upstream said: Authorization: Bearer \[redacted\]; id token \[redacted JWT\]; key \[redacted\]/);
        for (const [name, secret] of Object.entries(secrets)) assertNotPrinted(run, secret, name);
        if (format === 'json') assertNoPass(reportOf(run), ['nodes.ready', 'identity.known-issues']);
      }
    });
  });

  it('a credential is reused until its expirationTimestamp, then the plugin runs again; a 401 retires it', async () => {
    await withSim('healthy', [], async (sim) => {
      const { folder } = clusterCase('exec-expiry');
      const counter = join(folder, 'runs');
      const expiresFile = join(folder, 'expires');
      const expires = '2030-01-01T00:00:00Z';
      writeFileSync(expiresFile, expires);
      const plugin = writeScript(folder, 'expiring-plugin.sh', `echo run >> "$COUNT_FILE"\n${CREDENTIAL}`);
      const kubeconfig = writeKubeconfig(folder, sim, { user: { exec: { command: plugin, env: { COUNT_FILE: counter, SIM_TOKEN: sim.token, EXPIRES_FILE: expiresFile } } } });
      let now = Date.parse(expires) - 60_000;
      const opened = openCluster({ paths: [kubeconfig], origin: 'argument' }, undefined, { ...DEFAULT_TUNING, timeoutMs: 5000, now: () => now });
      assert.ok(opened.ok);
      const reader = opened.reader;
      const first = await Promise.all([reader.get(PATHS.clusterInformation), reader.list(PATHS.nodes), reader.get(PATHS.installation)]);
      assert.deepEqual(first.map((outcome) => outcome.kind), ['ok', 'ok', 'ok']);
      assert.equal(runs(counter), 1, 'three reads at once share one run');
      now += 30_000;
      assert.equal((await reader.get(PATHS.clusterInformation)).kind, 'ok');
      assert.equal(runs(counter), 1, 'still valid: reused');
      now += 60_000;
      writeFileSync(expiresFile, '2031-01-01T00:00:00Z');
      assert.equal((await reader.get(PATHS.clusterInformation)).kind, 'ok');
      assert.equal(runs(counter), 2, 'expired: the plugin ran again');
      assert.equal((await reader.get(PATHS.clusterInformation)).kind, 'ok');
      assert.equal(runs(counter), 2, 'the new credential is reused');
      sim.addFault({ path: 'clusterinformations', status: 401, times: 1 });
      assert.equal((await reader.get(PATHS.clusterInformation)).kind, 'unauthorized');
      assert.equal((await reader.get(PATHS.clusterInformation)).kind, 'ok');
      assert.equal(runs(counter), 3, 'a 401 retired the credential');
    });
  });
});

function runsOf(file: string): number[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter((line) => line !== '').map(Number);
  } catch {
    return [];
  }
}
