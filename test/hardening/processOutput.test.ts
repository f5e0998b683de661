/**
 * The process's own edges: stdout closed by its reader (`… | head -1`), stdout on a full disk (`> /dev/full`), and a
 * TMPDIR that does not exist or is not a folder. Before, the first two ended with an "Unhandled 'error' event" stack
 * and exit 1 (the "findings" code), and `bundle` exited 70 (internal error) for the third.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { healthyFolder, scratchFolder } from './bundleFixtures';
import { CLI, caseFolders, recordMeasurement, runCli } from './bundleRun';

const scratch = scratchFolder('process');
const TYPHA = '2025-02-19 14:25:19.914 [ERROR][1] typha/lookup.go 66: Failed to get Typha endpoint from Kubernetes error=Unauthorized';

/** Runs a bash pipeline; resolves with its stderr and the exit status of the CLI's stage (PIPESTATUS). */
function pipeline(script: string): Promise<{ stderr: string; status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile('bash', ['-c', script], { env: { ...process.env, CLI, LINE: TYPHA }, timeout: 30_000 }, (_error, stdout, stderr) => {
      const status = Number(/status=(\d+)/.exec(stdout)?.[1] ?? -1);
      resolve({ stderr, status, ms: Math.round(performance.now() - started) });
    });
  });
}

describe('output that cannot be written', () => {
  it('`logs … | head -1` (text and JSON): the closed pipe ends the process quietly, 141 as SIGPIPE would', async () => {
    for (const format of ['text', 'json']) {
      const run = await pipeline(`yes "$LINE" | head -200000 | node "$CLI" logs - --format ${format} | head -1 >/dev/null; echo "status=\${PIPESTATUS[2]}"`);
      assert.equal(run.status, 141, `${format}: ${run.stderr}`);
      assert.equal(run.stderr, '', `${format}: nothing said on stderr`);
      assert.ok(run.ms < 20_000, `${run.ms} ms`);
    }
  });

  it('`> /dev/full`: one line on stderr and exit 2, no stack', async () => {
    const run = await pipeline(`yes "$LINE" | head -200000 | node "$CLI" logs - > /dev/full; echo "status=\${PIPESTATUS[2]}"`);
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stderr, 'rke2-calico-diag: cannot write the output: no space left on the device (ENOSPC)\n');
    const schema = await pipeline(`node "$CLI" schema > /dev/full; echo "status=$?"`);
    assert.equal(schema.status, 2, schema.stderr);
    assert.equal(schema.stderr.split('\n').filter((line) => line !== '').length, 1);
  });
});

describe('bundle with an unusable TMPDIR', () => {
  it('a TMPDIR that does not exist, or is a file: exit 2 with the folder and the reason, not 70', async () => {
    const { folder } = caseFolders(scratch, 'tmpdir');
    const parent = join(folder, 'bundle');
    healthyFolder(parent);
    const archive = join(folder, 'bundle.tar.gz');
    execFileSync('tar', ['czf', archive, '-C', parent, '.']);
    const file = join(folder, 'not-a-folder');
    writeFileSync(file, '');
    for (const [label, tmp, code] of [['missing', join(folder, 'no-such-tmp'), 'ENOENT'], ['a file', file, 'ENOTDIR']] as const) {
      const run = await runCli(['bundle', archive], { tmp });
      recordMeasurement(`bundle: TMPDIR ${label}`, run);
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stderr, `rke2-calico-diag bundle: cannot extract bundle.tar.gz: no private temporary folder can be made in ${tmp} (${code}); set TMPDIR to a writable folder\n`);
    }
  });
});
