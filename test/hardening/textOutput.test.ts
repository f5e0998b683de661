/**
 * Text from files and clusters that reaches a terminal or Markdown: `lint`'s text output printed OSC 52 (clipboard
 * write), OSC 8 and ESC[2J from file content and names, a file name with a line break forged a finding line, and
 * bidi overrides and invisible characters printed raw; a lone carriage return broke the Markdown exports' tables.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CheckReportJson } from '../../src/core/checks/checkReport';
import { fleetReportToMarkdown } from '../../src/core/fleet/fleetMarkdown';
import { buildFleetReport } from '../../src/core/fleet/fleetReport';
import { buildReadinessReport, readinessReportToMarkdown } from '../../src/core/report/readinessReport';
import { recordMeasurement, runCli } from './bundleRun';
import { clusterCase } from './clusterHarness';

const ESCAPES = '\u001b]52;c;cm0gLXJmIH4K\u0007\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007\u001b[2J';
const INVISIBLE = '\u202e\u200b\u2028\u2066';
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const RAW_INVISIBLE = /[\u202e\u200b\u2028\u2066]/;

describe('lint: terminal-safe text output', () => {
  it('escape sequences and invisible characters in content and file names; a line break in a name forges no line', async () => {
    const { folder, tmp } = clusterCase('lint-escapes');
    const configs = join(folder, 'repo', 'etc', 'rancher', 'rke2', 'config.yaml.d');
    mkdirSync(configs, { recursive: true });
    // A file name holds no slash: the forged line names a relative path, as the start of a finding line would.
    const forgedName = `a\nconfig.yaml:1:1: error forged-finding: all good\u001b]52;c;cm0gLXJmIH4K\u0007\u001b[2J${INVISIBLE}.yaml`;
    writeFileSync(join(configs, forgedName), `cni: "calico${ESCAPES}${INVISIBLE}"\n`);
    writeFileSync(join(configs, 'plain.yaml'), `cni: "canal${ESCAPES}"\nnode-label${INVISIBLE}: x\n`);
    const run = await runCli(['lint', join(folder, 'repo')], { tmp });
    recordMeasurement('lint: escapes and invisible characters (text)', run);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(CONTROL.exec(run.stdout), null, 'no control character on stdout');
    assert.equal(CONTROL.exec(run.stderr), null, 'no control character on stderr');
    assert.equal(RAW_INVISIBLE.exec(run.stdout), null, 'no raw bidi or invisible character');
    assert.match(run.stdout, /<U\+202E><U\+200B><U\+2028><U\+2066>/);
    const lines = run.stdout.trimEnd().split('\n');
    assert.ok(!lines.some((line) => line.includes('forged-finding') && !line.includes(' ⏎ ')), 'the forged finding stays inside the file name');
    // Grouped output: a file's path, then its findings indented under it, a blank line, and the summary at the end.
    assert.ok(lines.slice(0, -1).every((line) => line === '' || /^\/.*\.yaml$/.test(line) || /^ {2}\d+:\d+ +(error|warning|info) +[a-z-]+ +\S/.test(line)), lines.join('\n'));
    const compact = await runCli(['lint', join(folder, 'repo'), '--format', 'compact'], { tmp });
    const compactLines = compact.stdout.trimEnd().split('\n');
    assert.ok(compactLines.slice(0, -1).every((line) => /^\/.*:\d+:\d+: (error|warning|info) [a-z-]+: /.test(line)), compactLines.join('\n'));
    const json = await runCli(['lint', join(folder, 'repo'), '--format', 'json'], { tmp });
    assert.equal(CONTROL.exec(json.stdout.replace(/\n/g, '')), null, 'JSON escapes every control character');
    assert.equal(RAW_INVISIBLE.exec(json.stdout), null, 'JSON escapes bidi and invisible characters');
    assert.ok(JSON.parse(json.stdout));
  });
});

describe('Markdown exports: cluster text stays in its cell', () => {
  const hostile = `prod\rinjected | row | ![x](https://evil.example/p.png) <img src=x>\u2028next`;
  const report: CheckReportJson = {
    cluster: { context: hostile, server: 'https://10.0.0.1:6443', rke2: 'v1.32.4+rke2r1`oops', calico: null, containerd: null },
    checks: [{ id: 'operator.tigerastatus', area: 'Operator', title: 'TigeraStatus', status: 'fail', summary: hostile, evidence: [hostile], remediation: hostile }],
    summary: { pass: 0, warn: 0, fail: 1, unknown: 0, skipped: 0 },
    generatedAt: '2025-02-19T14:30:00.000Z',
  };

  /** Every line of a table has the header's number of unescaped pipes. */
  function assertTablesIntact(markdown: string): void {
    const lines = markdown.split('\n');
    const pipes = (line: string): number => line.replace(/\\\|/g, '').split('|').length;
    for (let index = 0; index < lines.length; index++) {
      if (!lines[index]?.startsWith('|')) continue;
      const header = pipes(lines[index] ?? '');
      for (; index < lines.length && lines[index]?.startsWith('|'); index++) assert.equal(pipes(lines[index] ?? ''), header, lines[index]);
    }
    assert.ok(!/[\r\u2028\u2029\u0085]/.test(markdown), 'no line break but LF');
    // Escaped (`\<img`, `\!\[`), they show as text; unescaped, they would render.
    assert.ok(!/(^|[^\\])(!\[|\]\(|<img)/.test(markdown), 'no image, link or HTML from the cluster');
  }

  it('the readiness report', () => {
    assertTablesIntact(readinessReportToMarkdown(buildReadinessReport(report, [], [])));
  });

  it('the fleet report', () => {
    const fleet = buildFleetReport('rancher https://rancher.example', [{ target: { name: hostile, source: 'rancher', rancherId: 'c-m-1' }, outcome: { kind: 'checked', report: { ...report, verdict: { status: 'fail', label: 'fail', reason: hostile } } } }]);
    assertTablesIntact(fleetReportToMarkdown(fleet));
  });
});
