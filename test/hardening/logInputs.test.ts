/**
 * Hostile and huge logs for `rke2-calico-diag logs`: the headline symptom at scale, timestamps in microseconds, NUL
 * bytes, hundreds of megabytes on standard input, one line of hundreds of megabytes. Each case runs the built CLI in a
 * child process and asserts the exit code, the findings and a peak-RSS bound (the goal: 200 MB at any size).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { scratchFolder } from './bundleFixtures';
import { caseFolders, recordMeasurement, runCli } from './bundleRun';

const scratch = scratchFolder('logs');
const RSS_GOAL_MIB = 200;
const TYPHA_401 = '2025-02-19 14:25:19.914 [ERROR][1] typha/lookup.go 66: Failed to get Typha endpoint from Kubernetes error=Unauthorized\n';
const HEALTHY = '2025-05-02 09:14:05.410 [INFO][54] felix/int_dataplane.go 1954: Received *proto.WorkloadEndpointUpdate update from calculation graph msg=id:<orchestrator_id:"k8s" workload_id:"kube-system/coredns-6799fbcd5-8vztx" endpoint_id:"eth0" >\n';

/** A stream of `bytes` bytes made of `unit` repeated (the last piece cut), generated as it is read. */
function repeated(unit: string, bytes: number, tail = ''): () => NodeJS.ReadableStream {
  return () => {
    const block = unit.repeat(Math.max(1, Math.floor((1 << 20) / unit.length)));
    let sent = 0;
    let tailSent = false;
    return new Readable({
      read() {
        if (sent < bytes) {
          const piece = block.slice(0, Math.min(block.length, bytes - sent));
          sent += piece.length;
          this.push(piece);
        } else if (!tailSent) {
          tailSent = true;
          if (tail) this.push(tail);
          else this.push(null);
        } else this.push(null);
      },
    });
  };
}

interface JsonTally {
  findings: number;
  tail: string;
}

/** Counts findings in a streamed `--format json` or jsonl output without keeping it. */
function tally(): { tallyOf: JsonTally; onStdout: (chunk: Buffer) => void } {
  const tallyOf: JsonTally = { findings: 0, tail: '' };
  let carry = '';
  return {
    tallyOf,
    onStdout: (chunk) => {
      const text = carry + chunk.toString('utf8');
      const lines = text.split('\n');
      carry = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('    {"line":')) tallyOf.findings++;
      tallyOf.tail = (tallyOf.tail + text).slice(-400);
    },
  };
}

describe('logs: hostile and huge input, bounded memory', () => {
  it('16 MB of the headline Typha 401 line: every line found, exit 1, no stack overflow', async () => {
    const { folder, tmp } = caseFolders(scratch, 'typha-16mb');
    const path = join(folder, 'typha.log');
    writeFileSync(path, TYPHA_401.repeat(Math.ceil((16 << 20) / TYPHA_401.length)));
    const lines = Math.ceil((16 << 20) / TYPHA_401.length);
    const { tallyOf, onStdout } = tally();
    const outcome = await runCli(['logs', path, '--format', 'json'], { tmp, onStdout, timeoutMs: 60_000 });
    recordMeasurement('logs: 16 MB of Typha 401 lines', outcome);
    assert.equal(outcome.code, 1, outcome.stderr);
    assert.equal(tallyOf.findings, lines);
    assert.match(tallyOf.tail, /"stats": \{"lines":\d+/);
    assert.ok(outcome.peakRssMiB < RSS_GOAL_MIB, `peak RSS ${outcome.peakRssMiB} MiB`);
  });

  it('a microsecond JSON timestamp and NUL bytes neither abort the scan nor hide what follows', async () => {
    const { folder, tmp } = caseFolders(scratch, 'odd-lines');
    const path = join(folder, 'operator.log');
    writeFileSync(path, Buffer.concat([Buffer.alloc(4096), Buffer.from(`\n{"level":"error","ts":1739975119914000,"msg":"problem running manager","error":"x"}\nab\u0000cd\n${TYPHA_401}`)]));
    const outcome = await runCli(['logs', path, '--format', 'json'], { tmp });
    assert.equal(outcome.code, 1, outcome.stderr);
    const json = JSON.parse(outcome.stdout) as { findings: { line: number; code: string; timestamp: string | null }[] };
    assert.deepEqual(json.findings.map((finding) => [finding.line, finding.code, finding.timestamp]), [[2, 'operator-failed', '2025-02-19T14:25:19.914Z'], [4, 'typha-unauthorized', '2025-02-19 14:25:19.914']]);
  });

  it('512 MB on standard input, one failure line in 8: constant memory, one valid JSON document', async () => {
    const { tmp } = caseFolders(scratch, 'stdin-512mb');
    const unit = TYPHA_401 + HEALTHY.repeat(7);
    const { tallyOf, onStdout } = tally();
    const outcome = await runCli(['logs', '-', '--format', 'json'], { tmp, input: repeated(unit, 512 << 20), onStdout, timeoutMs: 120_000 });
    recordMeasurement('logs: 512 MB on stdin, 1 line in 8 failing', outcome);
    assert.equal(outcome.code, 1, outcome.stderr);
    const expected = Math.floor((512 << 20) / unit.length);
    assert.ok(Math.abs(tallyOf.findings - expected) <= 1, `${tallyOf.findings} findings, expected about ${expected}`);
    assert.match(tallyOf.tail, /\}\n$/);
    assert.ok(outcome.peakRssMiB < RSS_GOAL_MIB, `peak RSS ${outcome.peakRssMiB} MiB`);
  });

  it('one line of 600 MB is scanned in windows and reported, never fatal', async () => {
    const { tmp } = caseFolders(scratch, 'line-600mb');
    const outcome = await runCli(['logs', '-', '--format', 'json'], { tmp, input: repeated('x', 600 << 20, ` ${TYPHA_401}`), timeoutMs: 120_000 });
    recordMeasurement('logs: one 600 MB line', outcome);
    assert.equal(outcome.code, 1, outcome.stderr);
    const json = JSON.parse(outcome.stdout) as { findings: { line: number; code: string }[]; stats: { overlongLines: number; lines: number } };
    assert.deepEqual(json.findings.map((finding) => [finding.line, finding.code]), [[1, 'typha-unauthorized']]);
    assert.equal(json.stats.overlongLines, 1);
    assert.ok(outcome.peakRssMiB < RSS_GOAL_MIB, `peak RSS ${outcome.peakRssMiB} MiB`);
  });
});

describe('logs: a device is not a log', () => {
  it('`logs /dev/zero` is refused by its kind at once (before, it read NUL bytes without end); a FIFO is still read', async () => {
    const { folder, tmp } = caseFolders(scratch, 'device');
    const zero = await runCli(['logs', '/dev/zero'], { tmp, timeoutMs: 20_000 });
    recordMeasurement('logs: /dev/zero', zero);
    assert.equal(zero.killedBy, undefined);
    assert.equal(zero.code, 2);
    assert.equal(zero.stderr, 'rke2-calico-diag logs: /dev/zero: a device, not a log file\n');
    assert.ok(zero.ms < 5000, `${zero.ms} ms`);
    const fifo = join(folder, 'typha.fifo');
    execFileSync('mkfifo', [fifo]);
    const started = runCli(['logs', fifo], { tmp, timeoutMs: 20_000 });
    const writer = createWriteStream(fifo);
    writer.end('2025-02-19 14:25:19.914 [ERROR][1] typha/lookup.go 66: Failed to get Typha endpoint from Kubernetes error=Unauthorized\n');
    const piped = await started;
    assert.equal(piped.code, 1, piped.stderr);
  });
});
