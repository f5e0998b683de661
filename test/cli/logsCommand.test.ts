import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { runLogsCommand } from '../../src/cli/logsCommand';
import type { LogFindingsJson } from '../../src/core/report/logFindingsReport';
import { FAILURE_LINES, HEALTHY_LINES } from '../fixtures/logLines';
import { runBuiltCli, runInProcess } from './cliHarness';

function file(text: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rke2-logs-')), 'typha.log');
  writeFileSync(path, text);
  return path;
}

describe('rke2-calico-diag logs', () => {
  it('prints the documented JSON for mixed formats and exits 1 on error findings', async () => {
    const lines = [HEALTHY_LINES[0], FAILURE_LINES[0]?.line, `2025-02-19T14:25:19.914Z stderr F ${FAILURE_LINES[5]?.line ?? ''}`, HEALTHY_LINES[6], FAILURE_LINES[0]?.line.replace('14:25:19.914', '14:26:23.401')];
    const run = await runInProcess(['logs', file(lines.join('\n')), '--format', 'json']);
    assert.equal(run.code, 1, run.stderr);
    const json = JSON.parse(run.stdout) as LogFindingsJson;
    assert.deepEqual(json.findings.map((finding) => [finding.line, finding.code, finding.severity, finding.knownIssue]), [
      [2, 'typha-unauthorized', 'error', 'rancher/rke2#7808'],
      [3, 'clusterinformation-not-found', 'error', 'rancher/rke2#7808'],
      [5, 'typha-unauthorized', 'error', 'rancher/rke2#7808'],
    ]);
    assert.deepEqual(json.summary.find((entry) => entry.code === 'typha-unauthorized'), { code: 'typha-unauthorized', count: 2, first: '2025-02-19 14:25:19.914', last: '2025-02-19 14:26:23.401' });
    assert.ok(json.findings[0]?.text.includes('Failed to get Typha endpoint'));
  });

  it('exits 0 when only warnings or nothing is found', async () => {
    assert.equal((await runInProcess(['logs', file(HEALTHY_LINES.join('\n'))])).code, 0);
    const warningOnly = FAILURE_LINES.find((entry) => entry.signature === 'cni-not-initialized')?.line ?? '';
    const run = await runInProcess(['logs', file(warningOnly)]);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /warning cni-not-initialized/);
  });

  it('reads standard input', async () => {
    let stdout = '';
    const code = await runLogsCommand(['-', '--format', 'json'], { stdout: (text) => (stdout += text), stderr: () => undefined }, 'test', { stdin: Readable.from([Buffer.from(`${FAILURE_LINES[3]?.line ?? ''}\n`)]) });
    assert.equal(code, 1);
    assert.equal((JSON.parse(stdout) as LogFindingsJson).findings[0]?.code, 'clusterinformation-crd-missing');
  });

  it('reports binary input and bad usage with exit code 2', async () => {
    const binary = await runInProcess(['logs', file(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0]))]);
    assert.equal(binary.code, 2);
    assert.match(binary.stderr, /looks like binary data/);
    const missing = await runInProcess(['logs', '/no/such.log']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read \/no\/such\.log/);
    assert.equal((await runInProcess(['logs'])).code, 2);
    assert.equal((await runInProcess(['logs', 'a', 'b'])).code, 2);
  });

  it('runs from the built bundle on a file', () => {
    const run = runBuiltCli(['logs', file(FAILURE_LINES.map((entry) => entry.line).join('\n'))]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /27 known failure line\(s\)/);
  });
});
