/* eslint-disable no-control-regex -- the output's colour escapes are what these tests look for */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FindingsJson } from '../../src/core/report/findingsJson';
import { runCli } from '../../src/cli/runCli';
import { runBuiltCli, runInProcess } from './cliHarness';

const WORKSPACE = join(__dirname, '../../../test/fixtures/workspace');

interface Sarif {
  version: string;
  runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[];
}

describe('rke2-calico-diag lint', () => {
  it('walks a folder and reports findings with 1-based positions in JSON', async () => {
    const run = await runInProcess(['lint', WORKSPACE, '--format', 'json']);
    assert.equal(run.code, 1, run.stderr);
    const json = JSON.parse(run.stdout) as FindingsJson;
    const operator = json.findings.find((finding) => finding.code === 'calico-affected-version' && finding.file.endsWith('rke2-calico-config.yaml'));
    assert.deepEqual(operator && { line: operator.line, column: operator.column, endColumn: operator.endColumn, severity: operator.severity, knownIssue: operator.knownIssue }, {
      line: 20, column: 16, endColumn: 23, severity: 'warning', knownIssue: 'rancher/rke2#7808',
    });
    const files = new Set(json.findings.map((finding) => finding.file.slice(WORKSPACE.length + 1)));
    assert.deepEqual([...files].sort(), ['etc/rancher/rke2/config.yaml', 'etc/rancher/rke2/config.yaml.d/50-network.yaml', 'rancher/cluster.yaml', 'server/manifests/rke2-calico-config.yaml', 'upgrade/plan.yaml']);
    // cni: calico in config.yaml is judged with the RKE2 version from the Rancher Cluster file.
    assert.ok(json.findings.some((finding) => finding.file.endsWith('config.yaml') && finding.code === 'calico-affected-version' && finding.message.includes('rancher/cluster.yaml:7')));
  });

  it('writes valid SARIF 2.1.0', async () => {
    const run = await runInProcess(['lint', WORKSPACE, '--format', 'sarif']);
    const sarif = JSON.parse(run.stdout) as Sarif;
    assert.equal(sarif.version, '2.1.0');
    const [only] = sarif.runs;
    assert.ok(only);
    assert.equal(only.tool.driver.name, 'rke2-calico-diag');
    const ruleIds = new Set(only.tool.driver.rules.map((rule) => rule.id));
    assert.ok(only.results.length > 5);
    for (const result of only.results) {
      assert.ok(ruleIds.has(result.ruleId), result.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(result.level));
      assert.ok(result.message.text.length > 0);
      const location = result.locations[0]?.physicalLocation;
      assert.ok(location && location.region.startLine >= 1 && location.region.startColumn >= 1);
      assert.ok(!location.artifactLocation.uri.includes('\\'));
    }
  });

  it('exits 0 on warnings unless --max-warnings is exceeded, and uses --rke2-version', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rke2-lint-'));
    mkdirSync(join(folder, 'rancher/rke2'), { recursive: true });
    writeFileSync(join(folder, 'rancher/rke2/config.yaml'), 'cni: calico\n');
    assert.equal((await runInProcess(['lint', folder])).code, 0);
    const stated = await runInProcess(['lint', folder, '--rke2-version', 'v1.31.7+rke2r1']);
    assert.equal(stated.code, 0);
    assert.match(stated.stdout, /from --rke2-version/);
    assert.equal((await runInProcess(['lint', folder, '--rke2-version', 'v1.31.7+rke2r1', '--max-warnings', '0'])).code, 1);
    assert.equal((await runInProcess(['lint', folder, '--rke2-version', 'v1.31.6-rc1+rke2r1'])).code, 1);
  });

  it('treats --config files as RKE2 config whatever their name', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rke2-lint-'));
    const file = join(folder, 'server-settings.yml');
    writeFileSync(file, 'kubelet-args: [a]\n');
    const run = await runInProcess(['lint', file, '--config', file, '--format', 'json']);
    assert.deepEqual((JSON.parse(run.stdout) as FindingsJson).findings.map((finding) => finding.code), ['unknown-key']);
  });

  it('explains bad usage with exit code 2', async () => {
    for (const [argv, pattern] of [
      [['lint'], /at least one file or folder/],
      [['lint', '/no/such/path'], /no such file or folder/],
      [['lint', WORKSPACE, '--format', 'xml'], /--format must be one of text, compact, json, sarif/],
      [['lint', WORKSPACE, '--max-warnings', 'many'], /--max-warnings takes a whole number/],
    ] as const) {
      const run = await runInProcess(argv);
      assert.equal(run.code, 2, argv.join(' '));
      assert.match(run.stderr, pattern);
    }
  });

  it('runs from the built bundle with text output', () => {
    const run = runBuiltCli(['lint', WORKSPACE]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^\/.*\/server\/manifests\/rke2-calico-config\.yaml$/m, 'the file heads its findings');
    assert.match(run.stdout, /^ {2}20:16 +warning +calico-affected-version /m);
    assert.match(run.stdout, /^✖ 5 file\(s\) checked: \d+ error\(s\)/m);
    assert.doesNotMatch(run.stdout, /\u001b\[/, 'no colour on a pipe');
    const compact = runBuiltCli(['lint', WORKSPACE, '--format', 'compact']);
    assert.match(compact.stdout, /rke2-calico-config\.yaml:20:16: warning calico-affected-version/);
  });

  it('gives the same findings however the folder is spelled: ., ./, an absolute path, ../x', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'rke2-lint-spelling-'));
    const demo = join(scratch, 'demo');
    cpSync(WORKSPACE, demo, { recursive: true });
    mkdirSync(join(scratch, 'elsewhere'));
    const lintFrom = async (cwd: string, spelled: string): Promise<string[]> => {
      const before = process.cwd();
      process.chdir(cwd);
      try {
        const json = JSON.parse((await runInProcess(['lint', spelled, '--format', 'json'])).stdout) as FindingsJson;
        // The same finding names its file (and files it cites) with the spelling's prefix; strip it to compare.
        const prefix = spelled.replace(/\/?$/, '/').replace(/^\.\/$/, '');
        const unspell = (text: string): string => (prefix === '' ? text : text.split(prefix).join(''));
        return json.findings.map((finding) => `${unspell(finding.file)}:${finding.line}:${finding.column} ${finding.severity} ${finding.code} ${unspell(finding.message)}`).sort();
      } finally {
        process.chdir(before);
      }
    };
    const dot = await lintFrom(demo, '.');
    assert.ok(dot.some((line) => line.includes('ippool-cidr-mismatch')), 'the IP pool is judged against config.yaml\'s cluster-cidr');
    assert.ok(dot.some((line) => line.startsWith('etc/rancher/rke2/config.yaml:') && line.includes('calico-affected-version')), 'config.yaml is judged with the Rancher Cluster\'s version');
    assert.deepEqual(await lintFrom(demo, './'), dot);
    assert.deepEqual(await lintFrom(scratch, demo), dot);
    assert.deepEqual(await lintFrom(join(scratch, 'elsewhere'), '../demo'), dot);
    assert.deepEqual(await lintFrom(scratch, 'demo/'), dot);
  });
});

describe('rke2-calico-diag lint: grouped text', () => {
  it('groups findings under their file, wraps messages within a terminal and colours only when asked', async () => {
    let stdout = '';
    // From the workspace's folder, as users run it: messages that cite another file cite it by a short path.
    const before = process.cwd();
    process.chdir(WORKSPACE);
    const code = await runCli(['lint', '.', '--color=always'], { stdout: (text) => (stdout += text), stderr: () => undefined, isTerminal: true, columns: 100, environment: {} }, 'test').finally(() => process.chdir(before));
    assert.equal(code, 1);
    const plain = stdout.replace(/\u001b\[\d+m/g, '');
    assert.notEqual(plain, stdout, 'coloured with --color=always');
    assert.ok(plain.split('\n').every((line) => line.length <= 100), 'no line wider than the terminal');
    assert.match(plain, /^ {2}\d+:\d+ +error +invalid-value +egress-selector-mode/m);
    const noColour = await runCli(['lint', WORKSPACE], { stdout: (text) => (stdout = text), stderr: () => undefined, isTerminal: true, environment: { NO_COLOR: '1' } }, 'test');
    assert.equal(noColour, 1);
    assert.doesNotMatch(stdout, /\u001b\[/, 'NO_COLOR is honoured on a terminal');
  });
});
