import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IncrementalScanner } from '../../../src/core/logs/chunkedScan';
import { parseLogLine } from '../../../src/core/logs/logLine';
import { LOG_SIGNATURES } from '../../../src/core/logs/logSignatures';
import { looksLikeBinary, scanText, summarizeFindings } from '../../../src/core/logs/scanLog';
import { FAILURE_LINES, HEALTHY_LINES } from '../../fixtures/logLines';

/** The ways the same line reaches a reader: as written, in /var/log/pods (CRI), in journald, via kubectl --prefix. */
const WRAPPERS: readonly [string, (line: string) => string][] = [
  ['plain', (line) => line],
  ['CRI /var/log/pods', (line) => `2025-02-19T14:25:19.914512345Z stderr F ${line}`],
  ['journald', (line) => `Feb 19 14:25:19 server-1 rke2[2126]: ${line}`],
  ['kubectl logs --prefix', (line) => `[pod/calico-typha-6b9c7d8f4-x7k2p/calico-typha] ${line}`],
];

describe('log signatures', () => {
  for (const [wrapper, wrap] of WRAPPERS) {
    it(`recognise every real failure line of the reference (${wrapper})`, () => {
      for (const { line, signature, source } of FAILURE_LINES) {
        const found = scanText(`${wrap(HEALTHY_LINES[0] ?? '')}\n${wrap(line)}\n${wrap(HEALTHY_LINES[1] ?? '')}\n`);
        assert.deepEqual(found.map((finding) => [finding.line, finding.signature.id]), [[2, signature]], `${source}: ${line.slice(0, 80)}`);
      }
    });
  }

  it('cover every signature with at least one real line', () => {
    const covered = new Set(FAILURE_LINES.map((entry) => entry.signature));
    assert.deepEqual(LOG_SIGNATURES.filter((signature) => !covered.has(signature.id)).map((signature) => signature.id), []);
  });

  it('name the two #7808 symptoms with the required ids and link the issue', () => {
    for (const id of ['clusterinformation-not-found', 'typha-unauthorized']) {
      const signature = LOG_SIGNATURES.find((entry) => entry.id === id);
      assert.equal(signature?.knownIssue, 'rancher/rke2#7808', id);
    }
  });

  it('tell 401 Unauthorized from 403 Forbidden', () => {
    const ids = (line: string): string[] => scanText(line).map((finding) => finding.signature.id);
    assert.deepEqual(ids('2025-02-19 14:25:19.914 [ERROR][1] typha/lookup.go 66: Failed to get Typha endpoint from Kubernetes error=Unauthorized'), ['typha-unauthorized']);
    assert.deepEqual(ids('2022-06-02 16:57:03.227 [ERROR][7] lookup.go 61: Failed to get Typha endpoint from Kubernetes error=endpoints "calico-typha" is forbidden: User "x" cannot get resource "endpoints"'), ['typha-forbidden']);
    assert.match(LOG_SIGNATURES.find((entry) => entry.id === 'typha-unauthorized')?.meaning ?? '', /not missing RBAC/);
  });

  it('stay silent on healthy logs', () => {
    assert.deepEqual(scanText(HEALTHY_LINES.join('\n')), []);
  });

  it('keep every trigger a literal of its lines, and no trigger inside another', () => {
    for (const { line, signature } of FAILURE_LINES) {
      const trigger = LOG_SIGNATURES.find((entry) => entry.id === signature)?.trigger ?? '\u0000';
      assert.ok(line.includes(trigger), `${signature}: "${trigger}"`);
    }
    const triggers = [...new Set(LOG_SIGNATURES.map((entry) => entry.trigger))];
    for (const a of triggers) for (const b of triggers) if (a !== b) assert.ok(!a.includes(b), `"${a}" contains "${b}"`);
  });

  it('never spend 50 ms on a 1 MB line in any signature regex', () => {
    for (const signature of LOG_SIGNATURES) {
      const pattern = new RegExp(signature.pattern);
      for (const unit of [`${signature.trigger} `, `${signature.trigger}${'x'.repeat(300)}`, 'a'.repeat(64)]) {
        const line = unit.repeat(Math.ceil((1 << 20) / unit.length)).slice(0, 1 << 20);
        const started = performance.now();
        pattern.test(line);
        const elapsed = performance.now() - started;
        assert.ok(elapsed < 50, `${signature.id} took ${elapsed.toFixed(1)} ms`);
      }
    }
  });

  it('find a failure line at the end of a 1 MB line through the scanner window', () => {
    const line = `${'x'.repeat(1 << 20)} Failed to get Typha endpoint from Kubernetes error=Unauthorized`;
    assert.deepEqual(scanText(line).map((finding) => finding.signature.id), ['typha-unauthorized']);
  });
});

describe('log scanning', () => {
  it('reads timestamps and levels of every format', () => {
    assert.deepEqual(parseLogLine('2025-02-19 14:25:19.914 [ERROR][1] typha/lookup.go 66: x'), { timestamp: '2025-02-19 14:25:19.914', level: 'error', format: 'calico', wrapper: 'none' });
    assert.deepEqual(parseLogLine('E0113 13:33:09.904613      31 memcache.go:287] couldn\'t get resource list'), { timestamp: '01-13 13:33:09.904613', level: 'error', format: 'klog', wrapper: 'none' });
    assert.deepEqual(parseLogLine('Feb 23 07:07:13 host rke2[2126]: time="2024-02-23T07:07:13Z" level=info msg="Waiting"'), { timestamp: '2024-02-23T07:07:13Z', level: 'info', format: 'logrus', wrapper: 'journald' });
    assert.deepEqual(parseLogLine('{"level":"error","ts":1693501949.434095,"msg":"x"}'), { timestamp: '2023-08-31T17:12:29.434Z', level: 'error', format: 'json', wrapper: 'none' });
    assert.deepEqual(parseLogLine('2025-02-19T14:25:19.914Z stderr F 2025-02-19 14:25:19.914 [WARNING][1] a.go 1: y'), { timestamp: '2025-02-19 14:25:19.914', level: 'warning', format: 'calico', wrapper: 'cri' });
    assert.deepEqual(parseLogLine('INFO[2024-12-19T12:10:45.398624749-06:00] containerd successfully booted'), { timestamp: '2024-12-19T12:10:45.398624749-06:00', level: 'info', format: 'logrus', wrapper: 'none' });
    assert.equal(parseLogLine('just text').format, 'plain');
  });

  it('summarises count, first and last time seen per signature', () => {
    const text = ['2025-02-19 14:24:47.322 [ERROR][1] typha/lookup.go 66: Failed to get Typha endpoint from Kubernetes error=Unauthorized', 'noise', '2025-02-19 14:26:23.401 [ERROR][1] typha/lookup.go 66: Failed to get Typha endpoint from Kubernetes error=Unauthorized'].join('\n');
    const [summary] = summarizeFindings(scanText(text));
    assert.deepEqual(summary && { id: summary.signature.id, count: summary.count, first: summary.first, last: summary.last, lines: [summary.firstLine, summary.lastLine] }, {
      id: 'typha-unauthorized', count: 2, first: '2025-02-19 14:24:47.322', last: '2025-02-19 14:26:23.401', lines: [1, 3],
    });
  });

  it('gives the same findings whatever the chunking (line numbers and offsets included)', () => {
    const lines: string[] = [];
    for (let index = 0; index < 3000; index++) lines.push(index % 97 === 0 ? (FAILURE_LINES[index % FAILURE_LINES.length]?.line ?? '') : (HEALTHY_LINES[index % HEALTHY_LINES.length] ?? ''));
    const text = lines.join('\r\n');
    const whole = scanText(text).map((finding) => [finding.line, finding.start, finding.end, finding.signature.id]);
    for (const size of [1, 7, 100, 4096, 65_536]) {
      const scanner = new IncrementalScanner();
      for (let start = 0; start < text.length; start += size) scanner.push(text.slice(start, start + size));
      scanner.end();
      assert.deepEqual(scanner.findings.map((finding) => [finding.line, finding.start, finding.end, finding.signature.id]), whole, `chunks of ${size}`);
    }
    assert.equal(whole.length, 31);
  });

  it('recognises binary input', () => {
    assert.ok(looksLikeBinary('\u007fELF\u0002\u0001\u0001\u0000\u0000'));
    assert.ok(!looksLikeBinary(HEALTHY_LINES.join('\n')));
  });
});
