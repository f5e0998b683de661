/**
 * Files a kubeconfig names, and the kubeconfig itself, as a new user's machine may present them: /dev/zero,
 * /dev/urandom, a FIFO nobody writes to, an empty file, binary junk. Before, they were read without bound (1 GiB in
 * 5 s) or blocked forever, deaf to SIGTERM. Now each is refused in one line, at once, by fstat on the open handle.
 * Also the auth-providers client-node served: gcp's helper ran on every request past --timeout; OIDC could not
 * refresh. Each case runs the built CLI and asserts the exit code, the one-line message, time and peak RSS.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assertExit, assertNotPrinted, clusterCase, EXIT, reportOf, runCheck, withSim, writeScript } from './clusterHarness';
import { recordMeasurement, startCli, type CliOutcome } from './bundleRun';
import type { RunningSim } from '../sim/simServer';

const caData = (sim: RunningSim): string => Buffer.from(sim.caPem).toString('base64');

/** A kubeconfig for the sim whose cluster and user entries are given as YAML lines. */
function kubeconfig(sim: RunningSim, cluster: readonly string[], user: readonly string[]): string {
  return ['apiVersion: v1', 'kind: Config', 'clusters:', '- name: c', '  cluster:', `    server: ${sim.url}`, ...cluster.map((line) => `    ${line}`), 'users:', '- name: u', '  user:', ...user.map((line) => `    ${line}`), 'contexts:', '- name: x', '  context: {cluster: c, user: u}', 'current-context: x', ''].join('\n');
}

function fifo(folder: string, name: string): string {
  const path = join(folder, name);
  execFileSync('mkfifo', [path]);
  return path;
}

/** Exit 2 with one line on stderr, fast and small. */
function assertRefusedInOneLine(run: CliOutcome, message: RegExp): void {
  assertExit(run, EXIT.unreachable);
  assert.match(run.stderr, message);
  assert.equal(run.stderr.trimEnd().split('\n').length, 1, `one line: ${run.stderr}`);
  assert.ok(run.ms < 5000, `${run.ms} ms`);
  assert.ok(run.peakRssMiB < 200, `peak RSS ${run.peakRssMiB} MiB`);
}

describe('kubeconfig files that are not regular files', () => {
  for (const device of ['/dev/zero', '/dev/urandom']) {
    it(`--kubeconfig ${device}: refused as a character device, not read`, async () => {
      const { folder, tmp } = clusterCase(`kubeconfig-${device.slice(5)}`);
      const run = await runCheck(`--kubeconfig ${device}`, device, ['--timeout', '5'], { tmp, folder, timeoutMs: 20_000 });
      assertRefusedInOneLine(run, new RegExp(`^rke2-calico-diag check: error loading config file "${device}": not a regular file: a character device\\n$`));
    });
  }

  it('--kubeconfig a FIFO nobody writes to: refused at once, not waited on', async () => {
    const { folder, tmp } = clusterCase('kubeconfig-fifo');
    const path = fifo(folder, 'kubeconfig.fifo');
    const run = await runCheck('--kubeconfig FIFO', path, ['--timeout', '5'], { tmp, folder, timeoutMs: 20_000 });
    assertRefusedInOneLine(run, /error loading config file ".*kubeconfig\.fifo": not a regular file: a FIFO \(named pipe\)/);
  });

  it('an empty kubeconfig and a binary one: one line each, as kubectl says it, no parser excerpt', async () => {
    const { folder, tmp } = clusterCase('kubeconfig-empty-binary');
    const empty = join(folder, 'empty.yaml');
    writeFileSync(empty, '');
    const binary = join(folder, 'binary.yaml');
    writeFileSync(binary, Buffer.from([0x1b, 0x5b, 0x32, 0x4a, 0x00, 0xff, 0xfe, 0x07, 0x9b, 0x41]));
    const notYaml = join(folder, 'not-yaml.yaml');
    writeFileSync(notYaml, 'clusters: [\n  - {name: x\n\u001b]52;c;aGk=\u0007 token: s3cr3t-t0k3n-value\n');
    assertRefusedInOneLine(await runCheck('empty kubeconfig', empty, [], { tmp, folder }), /error loading config file ".*empty\.yaml": the file is empty\n$/);
    assertRefusedInOneLine(await runCheck('binary kubeconfig', binary, [], { tmp, folder }), /error loading config file ".*binary\.yaml": it holds binary data, not a kubeconfig \(YAML\)\n$/);
    const garbage = await runCheck('kubeconfig that is not YAML', notYaml, [], { tmp, folder });
    assertRefusedInOneLine(garbage, /error loading config file ".*not-yaml\.yaml": not valid YAML: /);
    assert.ok(!garbage.stderr.includes('s3cr3t-t0k3n-value') && !garbage.stderr.includes('\u001b'), 'no excerpt of the file');
  });
});

describe('files a kubeconfig names', () => {
  const cases: readonly { name: string; cluster: (sim: RunningSim, folder: string) => string[]; user: (sim: RunningSim, folder: string) => string[]; message: RegExp }[] = [
    { name: 'certificate-authority /dev/zero', cluster: () => ['certificate-authority: /dev/zero'], user: (sim) => [`token: ${sim.token}`], message: /the certificate-authority "\/dev\/zero" of cluster "c" cannot be read: not a regular file: a character device/ },
    { name: 'certificate-authority FIFO', cluster: (_sim, folder) => [`certificate-authority: ${fifo(folder, 'ca.fifo')}`], user: (sim) => [`token: ${sim.token}`], message: /the certificate-authority ".*ca\.fifo" of cluster "c" cannot be read: not a regular file: a FIFO/ },
    { name: 'client-certificate FIFO', cluster: (sim) => [`certificate-authority-data: ${caData(sim)}`], user: (_sim, folder) => [`client-certificate: ${fifo(folder, 'cert.fifo')}`, 'client-key: /dev/urandom'], message: /the client-certificate ".*cert\.fifo" of user "u" cannot be read: not a regular file: a FIFO/ },
    { name: 'client-key /dev/urandom', cluster: (sim) => [`certificate-authority-data: ${caData(sim)}`], user: (sim) => [`client-certificate-data: ${caData(sim)}`, 'client-key: /dev/urandom'], message: /the client-key "\/dev\/urandom" of user "u" cannot be read: not a regular file: a character device/ },
    { name: 'token-file /dev/zero', cluster: (sim) => [`certificate-authority-data: ${caData(sim)}`], user: () => ['token-file: /dev/zero'], message: /the token-file "\/dev\/zero" of user "u" cannot be read/ },
    { name: 'auth-provider tokenFile FIFO', cluster: (sim) => [`certificate-authority-data: ${caData(sim)}`], user: (_sim, folder) => ['auth-provider:', '  name: tokenFile', '  config:', `    tokenFile: ${fifo(folder, 'token.fifo')}`], message: /could not read the cluster: cannot read the token file .*token\.fifo: not a regular file: a FIFO/ },
  ];
  for (const entry of cases) {
    it(`${entry.name}: refused in one line, within a second`, async () => {
      await withSim('healthy', [], async (sim) => {
        const { folder, tmp } = clusterCase(`referenced-${entry.name.replace(/\W+/g, '-')}`);
        const path = join(folder, 'kubeconfig.yaml');
        writeFileSync(path, kubeconfig(sim, entry.cluster(sim, folder), entry.user(sim, folder)), { mode: 0o600 });
        const run = await runCheck(entry.name, path, ['--format', 'json', '--timeout', '5'], { tmp, folder, timeoutMs: 20_000 });
        assertRefusedInOneLine(run, entry.message);
        assert.equal(sim.requests.length, 0, 'nothing was sent');
      });
    });
  }
});

describe('auth-providers', () => {
  const helperOutput = (token: string): string => `printf '{"credential":{"access_token":"%s","token_expiry":"2099-01-01T00:00:00Z"}}' "${token}"`;
  const gcp = (command: string): string[] => ['auth-provider:', '  name: gcp', '  config:', `    cmd-path: ${command}`, '    cmd-args: config config-helper --format=json', "    token-key: '{.credential.access_token}'", "    expiry-key: '{.credential.token_expiry}'"];

  it('gcp: the helper runs once for the whole check and its token is cached to its expiry', async () => {
    await withSim('healthy', [], async (sim) => {
      const { folder, tmp } = clusterCase('gcp-helper-once');
      const counter = join(folder, 'runs');
      const helper = writeScript(folder, 'gcloud.sh', `echo run >> "${counter}"\n${helperOutput(sim.token)}`);
      const path = join(folder, 'kubeconfig.yaml');
      writeFileSync(path, kubeconfig(sim, [`certificate-authority-data: ${caData(sim)}`], gcp(helper)), { mode: 0o600 });
      const run = await runCheck('gcp auth-provider helper', path, ['--format', 'json'], { tmp, folder });
      assertExit(run, EXIT.ok);
      assert.equal(reportOf(run).verdict?.status, 'pass');
      assert.equal(readFileSync(counter, 'utf8').trim().split('\n').length, 1, `one run for ${sim.requests.length} requests`);
      assertNotPrinted(run, sim.token, 'the helper token');
    });
  });

  it('gcp: a helper that hangs is stopped at --timeout, then SIGTERM is not needed; exit 2 within the budget', async () => {
    await withSim('healthy', [], async (sim) => {
      const { folder, tmp } = clusterCase('gcp-helper-hangs');
      const helper = writeScript(folder, 'gcloud-hang.sh', 'sleep 600 &\nwait');
      const path = join(folder, 'kubeconfig.yaml');
      writeFileSync(path, kubeconfig(sim, [`certificate-authority-data: ${caData(sim)}`], gcp(helper)), { mode: 0o600 });
      const run = await runCheck('gcp auth-provider helper hangs, --timeout 2', path, ['--format', 'json', '--timeout', '2'], { tmp, folder, timeoutMs: 20_000 });
      assertExit(run, EXIT.unreachable);
      assert.ok(run.ms < 6000, `${run.ms} ms`);
      assert.match(run.stderr, /the gcp auth-provider helper "[^"]+gcloud-hang\.sh" did not answer within 2000 ms \(the request timeout\); it was stopped/);
      assert.equal(sim.requests.length, 0);
    });
  });

  it('oidc with an expired id-token: said plainly, with what to do; no request is sent', async () => {
    await withSim('healthy', [], async (sim) => {
      const { folder, tmp } = clusterCase('oidc-expired');
      const payload = Buffer.from(JSON.stringify({ sub: 'admin', exp: 1_600_000_000 })).toString('base64url');
      const idToken = `eyJhbGciOiJSUzI1NiJ9.${payload}.c2lnbmF0dXJl`;
      const path = join(folder, 'kubeconfig.yaml');
      writeFileSync(path, kubeconfig(sim, [`certificate-authority-data: ${caData(sim)}`], ['auth-provider:', '  name: oidc', '  config:', `    id-token: ${idToken}`, '    refresh-token: rt-secret-value-123', '    client-id: k8s', '    idp-issuer-url: https://127.0.0.1:1/']), { mode: 0o600 });
      const run = await runCheck('oidc id-token expired', path, ['--format', 'json', '--timeout', '5'], { tmp, folder });
      assertExit(run, EXIT.unreachable);
      assert.match(run.stderr, /the oidc auth-provider's id-token expired at 2020-09-13T12:26:40\.000Z; this tool does not refresh OIDC tokens: refresh it with kubectl \(or use kubelogin as an exec plugin\) and run again/);
      assertNotPrinted(run, 'rt-secret-value-123', 'the refresh token');
      assert.equal(sim.requests.length, 0);
    });
  });
});

describe('a signal always ends the process', () => {
  it('SIGTERM while an exec plugin hangs (with --timeout 60): exit 143 at once, the plugin killed with the CLI', async () => {
    await withSim('healthy', [], async (sim) => {
      const { folder, tmp } = clusterCase('sigterm-plugin');
      const pids = join(folder, 'pids');
      const plugin = writeScript(folder, 'hang.sh', `echo $$ >> "${pids}"\nsleep 600 &\necho $! >> "${pids}"\nwait`);
      const path = join(folder, 'kubeconfig.yaml');
      writeFileSync(path, kubeconfig(sim, [`certificate-authority-data: ${caData(sim)}`], ['exec:', '  apiVersion: client.authentication.k8s.io/v1', `  command: ${plugin}`]), { mode: 0o600 });
      const started = startCli(['check', '--kubeconfig', path, '--host-root', '/nonexistent-host-root', '--timeout', '60'], { tmp, timeoutMs: 20_000 });
      await new Promise((resolve) => setTimeout(resolve, 800));
      started.child.kill('SIGTERM');
      const run = await started.done;
      recordMeasurement('SIGTERM while an exec plugin hangs', run);
      assert.equal(run.killedBy, undefined);
      assert.ok(run.code === 143 || run.signal === 'SIGTERM', `exit ${String(run.code)} / ${String(run.signal)}`);
      assert.ok(run.ms < 8000, `${run.ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const alive = readFileSync(pids, 'utf8').trim().split('\n').map(Number).filter((pid) => {
        try {
          return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
        } catch {
          return false;
        }
      });
      for (const pid of alive) process.kill(pid, 'SIGKILL');
      assert.deepEqual(alive, [], 'the plugin and its child are gone');
    });
  });
});

