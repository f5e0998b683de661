/**
 * Terminal escape sequences in untrusted text: node conditions and events served by the simulated cluster
 * (`check`), log lines and a file name in a support bundle (`bundle`). Text output must carry no C0/C1 control
 * character besides tab and line feed (they become U+FFFD); JSON output keeps them, escaped by JSON.stringify.
 * Cluster text that looks like a credential (a JWT, "Bearer …") is redacted in both. calico-node stays ready, so the
 * NotReady nodes are a root cause of their own and the text output prints their evidence in full.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { healthyFolder } from './bundleFixtures';
import { recordMeasurement, runCli } from './bundleRun';
import { assertExit, clusterCase, EXIT, reportOf, runCheck, scenarioWith, withSim, writeKubeconfig } from './clusterHarness';

/** OSC 52 (clipboard write), OSC 0 (window title), CSI 2J (clear screen), BEL, and CSI/OSC in their C1 forms. */
const ATTACK = '\u001b]52;c;cm0gLXJmIH4K\u0007\u001b]0;owned\u0007\u001b[2J\u009b31m\u009d0;owned\u009c\r';
/** Every character text output may not contain: C0 but tab and line feed, DEL, C1. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06YWRtaW4ifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

function assertNoControl(text: string, where: string): void {
  const found = CONTROL.exec(text);
  assert.equal(found, null, `${where} carries U+${(found?.[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0')} at ${String(found?.index)}`);
}

describe('escape sequences in cluster text (check)', () => {
  const scenario = scenarioWith('healthy', { nodesReady: 3, calicoNodeReady: 5, notReadyMessage: `kubelet stopped posting node status ${ATTACK} token ${JWT}` }, {
    events: [{ at: 0, namespace: 'kube-system', pod: `evil${ATTACK}`, count: 3, message: `failed (add): error getting ClusterInformation: ${ATTACK} Authorization: Bearer abcdefgh12345678` }],
  });

  it('text output: no control characters (U+FFFD instead), a line break cannot forge a line, credentials redacted', async () => {
    await withSim(scenario, [], async (sim) => {
      const { folder, tmp } = clusterCase('escapes-check-text');
      const run = await runCheck('escape sequences in node conditions and events (text)', writeKubeconfig(folder, sim), [], { tmp, folder });
      assertExit(run, EXIT.findings);
      assertNoControl(run.stdout, 'stdout');
      assertNoControl(run.stderr, 'stderr');
      assert.match(run.stdout, /agent-1 NotReady: kubelet stopped posting node status \ufffd\]52;c;cm0gLXJmIH4K\ufffd\ufffd\]0;owned\ufffd\ufffd\[2J\ufffd31m\ufffd0;owned\ufffd\ufffd token \[redacted JWT\]/);
      assert.match(run.stdout, /kube-system\/evil\ufffd\]52;.* ×3: failed \(add\): error getting ClusterInformation: .*Authorization: Bearer \[redacted\]/);
      assert.ok(!run.stdout.includes(JWT) && !run.stdout.includes('abcdefgh12345678'), 'credential-looking text redacted');
    });
  });

  it('JSON output: the same text, escaped by JSON.stringify, never raw', async () => {
    await withSim(scenario, [], async (sim) => {
      const { folder, tmp } = clusterCase('escapes-check-json');
      const run = await runCheck('escape sequences in node conditions and events (json)', writeKubeconfig(folder, sim), ['--format', 'json'], { tmp, folder });
      assertExit(run, EXIT.findings);
      // C1 characters are legal in JSON strings; the C0 ones (ESC, BEL, CR) must be escaped.
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      assert.equal(/[\u0000-\u0008\u000b-\u001f]/.exec(run.stdout), null, 'no raw C0 control character');
      assert.ok(run.stdout.includes('\\u001b]52;c;cm0gLXJmIH4K\\u0007'), 'escaped OSC 52');
      const nodes = reportOf(run).checks.find((check) => check.id === 'nodes.ready');
      assert.ok(nodes?.evidence.some((line) => line.includes(ATTACK)), 'the JSON keeps the text itself');
      assert.ok(!run.stdout.includes(JWT), 'credential-looking text redacted');
    });
  });
});

describe('escape sequences in bundle text (bundle)', () => {
  it('a log line and a log file name with escape sequences: text output has none, JSON escapes them', async () => {
    const { input, tmp } = clusterCase('escapes-bundle');
    const root = healthyFolder(input);
    const line = `2025-02-19 14:25:19.914 [ERROR][1] typha/lookup.go 66: Failed to get Typha endpoint from Kubernetes error=Unauthorized ${ATTACK}\n`;
    writeFileSync(join(root, 'rke2', 'podlogs', `calico-system-calico-typha-x${ATTACK.replace(/\r/g, '')}`), line.repeat(3));
    const text = await runCli(['bundle', root], { tmp });
    recordMeasurement('escape sequences in bundle log lines and names (text)', text);
    assert.equal(text.code, EXIT.findings, text.stderr);
    assertNoControl(text.stdout, 'stdout');
    assertNoControl(text.stderr, 'stderr');
    assert.match(text.stdout, /rke2\/podlogs\/calico-system-calico-typha-x\ufffd\]52;c;cm0gLXJmIH4K\ufffd.*:1: .*error=Unauthorized \ufffd\]52;/);
    const json = await runCli(['bundle', root, '--format', 'json'], { tmp });
    recordMeasurement('escape sequences in bundle log lines and names (json)', json);
    assert.equal(json.code, EXIT.findings, json.stderr);
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    assert.equal(/[\u0000-\u0008\u000b-\u001f]/.exec(json.stdout), null, 'no raw C0 control character in JSON');
    assert.ok(json.stdout.includes('\\u001b]52;'), 'escaped in JSON');
  });
});
