import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { LogScanner, type LogFinding } from '../../../src/core/logs/logScanner';
import { scanText } from '../../../src/core/logs/scanText';
import { readLogCorpus } from '../../corpus/logCorpus';
import { FAILURE_LINES, HEALTHY_LINES, TRANSIENT_LINES } from '../../fixtures/logLines';

/** Everything a finding says, signature by id. */
function described(findings: readonly LogFinding[]): unknown[] {
  return findings.map((finding) => ({ ...finding, signature: `${finding.signature.id}|${finding.signature.severity}|${finding.signature.meaning}` }));
}

function scanned(text: string, repeatedLineCache: boolean, piece = text.length): unknown {
  const findings: LogFinding[] = [];
  const scanner = new LogScanner({ repeatedLineCache, onFinding: (finding) => findings.push(finding) });
  for (let start = 0; start < text.length; start += piece) scanner.push(text.slice(start, start + piece));
  scanner.end();
  return { findings: described(findings), summary: scanner.summary.entries(), stats: scanner.scanStats, context: scanner.context };
}

describe('repeated-line cache', () => {
  it('finds exactly what a scan without it finds, on the whole corpus repeated, in any chunking', () => {
    const corpus = readLogCorpus().map((excerpt) => readFileSync(excerpt.path, 'utf8')).join('');
    const text = corpus.repeat(3);
    const reference = scanned(text, false);
    assert.deepEqual(scanned(text, true), reference);
    assert.deepEqual(scanned(text, true, 65_536), reference);
    assert.deepEqual(scanned(text, true, 4099), reference);
  });

  it('keeps state-dependent lines right: start-up lines, versions, retries, CRLF, a lone surrogate, binary lines', () => {
    const lines = [
      ...TRANSIENT_LINES.map((entry) => entry.line),
      ...FAILURE_LINES.map((entry) => entry.line),
      'panic: runtime error: invalid memory address or nil pointer dereference',
      '2025-02-19 14:25:19.914 [WARNING][1] felix/table.go 100: Failed to program iptables, will retry error=exit status 1',
      '2025-02-19 14:25:20.914 [INFO][1] felix/table.go 100: Succeeded after retry.',
      '2025-02-19 14:25:19.914 [ERROR][1] felix/x.go 1: lone \ud800 surrogate error=Unauthorized',
      '2025-02-19 14:25:19.914 [ERROR][1] felix/x.go 1: lone \ufffd surrogate error=Unauthorized',
      `\u0001\u0002\u0003\u0004\u0005\u0006 [ERROR][ \u0007\u0008\u000e\u000f\u0010\u0011\u0012\u0013\u0014`,
    ];
    // Every line many times, in a changing order, with CRLF line ends on some.
    const text = Array.from({ length: 40 }, (_, round) => lines.map((line, index) => ((index + round) % 3 === 0 ? `${line}\r` : line)).reverse().slice(round % 5).join('\n')).join('\n');
    assert.deepEqual(scanned(text, true), scanned(text, false));
    assert.deepEqual(scanned(text, true, 333), scanned(text, false));
  });

  it('pauses itself on lines that never repeat, and finds the same lines there and after', () => {
    // 30,000 long lines that never repeat, more than one pause (16 MiB) of them: the cache pauses, tries again and
    // pauses again; then repeated lines (it resumes). Failures throughout.
    const padding = ' id='.padEnd(600, 'x');
    const unique = Array.from({ length: 30_000 }, (_, index) => (index % 50 === 0 ? `${FAILURE_LINES[index % FAILURE_LINES.length]?.line ?? ''} #${index}` : `${HEALTHY_LINES[index % HEALTHY_LINES.length] ?? ''}${padding} #${index}`));
    const repeated = Array.from({ length: 30_000 }, (_, index) => (index % 50 === 0 ? FAILURE_LINES[index % FAILURE_LINES.length]?.line ?? '' : HEALTHY_LINES[index % HEALTHY_LINES.length] ?? ''));
    const text = [...unique, ...repeated, ...unique].join('\n');
    const reference = scanned(text, false);
    assert.deepEqual(scanned(text, true), reference);
    assert.deepEqual(scanned(text, true, 1 << 18), reference);
  });

  it('leaves scanText\'s result as it was', () => {
    const text = FAILURE_LINES.map((entry) => entry.line).join('\n').repeat(5);
    assert.deepEqual(scanText(text), scanText(text, { repeatedLineCache: false }));
  });
});
