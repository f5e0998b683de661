import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import type { LogFinding } from '../../src/core/logs/logScanner';
import { scanText } from '../../src/core/logs/scanText';
import { findingJsonText } from '../../src/core/report/findingJsonText';
import { findingToJson, logReportWriter, type LogOutputFormat } from '../../src/core/report/logFindingsReport';
import { readLogCorpus } from '../corpus/logCorpus';
import { FAILURE_LINES } from '../fixtures/logLines';

function report(format: LogOutputFormat, findings: readonly LogFinding[], bytes: boolean): string {
  let text = '';
  const chunks: Buffer[] = [];
  const writer = logReportWriter(format, 'a "log"\u0007', (chunk) => (text += chunk), bytes ? (chunk) => chunks.push(Buffer.from(chunk)) : undefined);
  for (const finding of findings) writer.finding(finding);
  writer.end({ summary: [], knownIssues: [], stats: { lines: 1, overlongLines: 0, binaryLinesSkipped: 0, transientLinesQuiet: 0 } });
  return bytes ? text + Buffer.concat(chunks).toString('utf8') : text;
}

describe('log findings report', () => {
  const base = scanText(FAILURE_LINES.map((entry) => entry.line).join('\n')).findings;
  const first = base[0];
  assert.ok(first);
  // Every optional key, and texts JSON must escape: quotes, control characters, a lone surrogate, non-Latin-1.
  const varied: LogFinding[] = [
    ...base,
    { ...first, timestamp: undefined, text: 'quote " backslash \\ tab \t nul \u0000 lone \ud800 arrow → мая' },
    { ...first, knownIssue: { id: 'rke2-7808', because: 'x' }, persistedSeconds: 301, repeats: 12, possiblyTransient: true },
    { ...first, persistedSeconds: 0, repeats: 0 },
  ];

  it('writes each finding exactly as JSON.stringify of its public JSON shape', () => {
    for (const finding of varied) assert.equal(findingJsonText(finding), JSON.stringify(findingToJson(finding)));
  });

  it('writes the same output as bytes as it does as text, in every format', () => {
    // Enough findings for several 1 MiB buffers, with non-ASCII text in between.
    const many = Array.from({ length: 4000 }, (_, index) => varied[index % varied.length] ?? first);
    for (const format of ['json', 'jsonl', 'text'] as const) assert.equal(report(format, many, true), report(format, many, false), format);
  });

  it('writes valid JSON and JSON Lines that keep every finding of a real excerpt', () => {
    const excerpt = readLogCorpus().find((entry) => entry.kind === 'problem');
    assert.ok(excerpt);
    const findings = scanText(readFileSync(excerpt.path, 'utf8')).findings;
    const json = JSON.parse(report('json', findings, true)) as { findings: unknown[] };
    assert.deepEqual(json.findings, findings.map(findingToJson));
    const lines = report('jsonl', findings, true).trim().split('\n').map((line) => JSON.parse(line) as { type: string });
    assert.deepEqual(lines.filter((line) => line.type === 'finding'), findings.map((finding) => ({ type: 'finding', source: 'a "log"\u0007', ...findingToJson(finding) })));
  });
});
