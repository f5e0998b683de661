import { NO_COLOUR } from '../../src/cli/palette';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { NO_SIGNALS } from '../../src/cli/cliIo';
import { runLogsCommand } from '../../src/cli/logsCommand';
import { SILENT_LOGGER } from '../../src/core/log/logger';
import type { LogFindingJson, LogKnownIssueJson, LogSummaryJson } from '../../src/core/report/logFindingsReport';
import { FAILURE_LINES, HEALTHY_LINES } from '../fixtures/logLines';
import { runBuiltCli, runInProcess } from './cliHarness';

interface LogsJson {
  source: string;
  findings: LogFindingJson[];
  summary: LogSummaryJson[];
  knownIssues: LogKnownIssueJson[];
  stats: { lines: number; overlongLines: number; binaryLinesSkipped: number; transientLinesQuiet: number };
}

function file(text: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rke2-logs-')), 'typha.log');
  writeFileSync(path, text);
  return path;
}

const TYPHA = FAILURE_LINES.find((entry) => entry.signature === 'typha-unauthorized')?.line ?? '';
const CNI = FAILURE_LINES.find((entry) => entry.signature === 'clusterinformation-not-found' && entry.line.includes('type="calico"'))?.line ?? '';

describe('rke2-calico-diag logs', () => {
  it('prints one JSON document: findings, summary, the #7808 verdict with its reason, stats; exit 1 on errors', async () => {
    const lines = [HEALTHY_LINES[0], TYPHA, `2025-02-19T14:25:19.914Z stderr F ${CNI}`, HEALTHY_LINES[6], TYPHA.replace('14:25:19.914', '14:26:23.401')];
    const run = await runInProcess(['logs', file(lines.join('\n')), '--format', 'json']);
    assert.equal(run.code, 1, run.stderr);
    const json = JSON.parse(run.stdout) as LogsJson;
    // Streamed: the first line names the issue only once its pair (line 3) has been seen.
    assert.deepEqual(json.findings.map((finding) => [finding.line, finding.code, finding.severity, finding.knownIssue ?? null]), [
      [2, 'typha-unauthorized', 'error', null],
      [3, 'clusterinformation-not-found', 'error', 'rancher/rke2#7808'],
      [5, 'typha-unauthorized', 'error', 'rancher/rke2#7808'],
    ]);
    assert.deepEqual(json.summary.find((entry) => entry.code === 'typha-unauthorized'), { code: 'typha-unauthorized', severity: 'error', count: 2, first: '2025-02-19 14:25:19.914', last: '2025-02-19 14:26:23.401', firstLine: 2, lastLine: 5 });
    assert.deepEqual(json.knownIssues.map((issue) => [issue.id, issue.codes]), [['rancher/rke2#7808', ['clusterinformation-not-found', 'typha-unauthorized']]]);
    assert.match(json.knownIssues[0]?.because ?? '', /pair of symptoms/);
    assert.deepEqual(json.stats, { lines: 5, overlongLines: 0, binaryLinesSkipped: 0, transientLinesQuiet: 0 });
    assert.ok(json.findings[0]?.text.includes('Failed to get Typha endpoint'));
  });

  it('names no known issue for a symptom alone, and names it with --rke2-version when that release is affected', async () => {
    const path = file(`${CNI}\n`);
    const alone = JSON.parse((await runInProcess(['logs', path, '--format', 'json'])).stdout) as LogsJson;
    assert.deepEqual([alone.findings[0]?.knownIssue, alone.knownIssues], [undefined, []]);
    const versioned = JSON.parse((await runInProcess(['logs', path, '--format', 'json', '--rke2-version', 'v1.31.7+rke2r1'])).stdout) as LogsJson;
    assert.equal(versioned.findings[0]?.knownIssue, 'rancher/rke2#7808');
    assert.match(versioned.knownIssues[0]?.because ?? '', /command line.*v1\.31\.7\+rke2r1/);
    assert.equal((await runInProcess(['logs', path, '--rke2-version', 'banana'])).code, 2);
  });

  it('writes JSON Lines for pipelines: findings, then summary, known issues and stats records', async () => {
    const run = await runInProcess(['logs', file(`${TYPHA}\n${CNI}\n`), '--format', 'jsonl']);
    const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; code?: string; id?: string });
    assert.deepEqual(records.map((record) => [record.type, record.code ?? record.id ?? null]), [
      ['finding', 'typha-unauthorized'], ['finding', 'clusterinformation-not-found'],
      ['summary', 'typha-unauthorized'], ['summary', 'clusterinformation-not-found'],
      ['knownIssue', 'rancher/rke2#7808'], ['stats', null],
    ]);
  });

  it('exits 0 when only warnings or nothing is found, and says why start-up lines were not reported', async () => {
    assert.equal((await runInProcess(['logs', file(HEALTHY_LINES.join('\n'))])).code, 0);
    const waiting = 'time="2024-02-23T07:07:15Z" level=info msg="Waiting to retrieve kube-proxy configuration; server is not ready: https://127.0.0.1:9345/v1-rke2/readyz: 500 Internal Server Error"';
    const run = await runInProcess(['logs', file(`${waiting}\n${waiting.replace('07:07:15', '07:07:20')}\n`)]);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /2 start-up line\(s\) not reported: they are normal unless they persist for more than 5 minutes/);
  });

  it('reads standard input', async () => {
    let stdout = '';
    const code = await runLogsCommand(['-', '--format', 'json'], { stdout: (text) => (stdout += text), stderr: () => undefined, log: SILENT_LOGGER, signals: NO_SIGNALS, palette: NO_COLOUR }, 'test', { stdin: Readable.from([Buffer.from(`${FAILURE_LINES.find((entry) => entry.signature === 'clusterinformation-crd-missing')?.line ?? ''}\n`)]) });
    assert.equal(code, 1);
    assert.equal((JSON.parse(stdout) as LogsJson).findings[0]?.code, 'clusterinformation-crd-missing');
  });

  it('reports binary input and bad usage with exit code 2, but scans a log that merely starts with NULs', async () => {
    const binary = await runInProcess(['logs', file(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0, 4, 5, 6, 7]))]);
    assert.equal(binary.code, 2);
    assert.match(binary.stderr, /looks like binary data/);
    assert.equal(binary.stdout, '');
    const nulStart = await runInProcess(['logs', file(Buffer.concat([Buffer.alloc(200_000), Buffer.from(`\n${TYPHA}\n`)]))]);
    assert.equal(nulStart.code, 1, nulStart.stderr);
    assert.match(nulStart.stdout, /:2: error typha-unauthorized/);
    const missing = await runInProcess(['logs', '/no/such.log']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read \/no\/such\.log/);
    assert.equal((await runInProcess(['logs'])).code, 2);
    assert.equal((await runInProcess(['logs', 'a', 'b'])).code, 2);
  });

  it('strips terminal control sequences from what it prints as text', async () => {
    const name = join(mkdtempSync(join(tmpdir(), 'rke2-logs-')), 'evil\u001b]52;c;aGk=\u0007.log');
    writeFileSync(name, `${TYPHA}\n`);
    const run = await runInProcess(['logs', name]);
    assert.ok(!run.stdout.includes('\u001b'), 'no ESC reaches the terminal');
  });

  it('runs from the built bundle on a file', () => {
    const run = runBuiltCli(['logs', file(FAILURE_LINES.map((entry) => entry.line).join('\n'))]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, new RegExp(`${FAILURE_LINES.length} known failure line\\(s\\)`));
  });
});
