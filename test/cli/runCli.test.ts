/* eslint-disable no-control-regex -- the output's colour escapes are what these tests look for */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EXIT_INTERNAL } from '../../src/cli/cliIo';
import { CLI_USAGE, runCli } from '../../src/cli/runCli';
import { runBuiltCli, runInProcess } from './cliHarness';

/** Runs the CLI with a stdout that fails the way a closed pipe does. */
async function withBrokenStdout(argv: readonly string[], error: Error): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await runCli(argv, {
    stdout: () => {
      throw error;
    },
    stderr: (text) => (stderr += text),
  }, 'test');
  return { code, stderr };
}

describe('rke2-calico-diag usage', () => {
  const listed = [...CLI_USAGE.split('\nCommands:\n')[1]?.split('\n\n')[0]?.matchAll(/^ {2}(\w+)/gm) ?? []].map((match) => match[1] ?? '');

  it('lists every command of the table, each of which answers --help', async () => {
    assert.deepEqual(listed, ['versions', 'lint', 'check', 'logs', 'bundle', 'schema', 'explain', 'rbac']);
    for (const name of listed) {
      const run = await runInProcess([name, '--help']);
      assert.equal(run.code, 0, `${name} --help: ${run.stderr}`);
      assert.match(run.stdout, new RegExp(`^Usage: rke2-calico-diag ${name}`));
    }
  });

  it('documents the exit codes, --verbose included, and keeps to 118 columns', () => {
    assert.match(CLI_USAGE, /--verbose +Write the log to stderr/);
    assert.match(CLI_USAGE, /--color=WHEN +Colour the text output/);
    assert.match(CLI_USAGE, /70 internal error/);
    assert.match(CLI_USAGE, /130\/143 interrupted/);
    assert.ok(CLI_USAGE.split('\n').every((line) => line.length <= 118), 'no line longer than 118 characters');
  });

  it('prints it for no command (exit 2) and for --help (exit 0); an unknown command is a usage error', async () => {
    assert.deepEqual([(await runInProcess([])).code, (await runInProcess(['--help'])).code], [2, 0]);
    const unknown = await runInProcess(['chek']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "chek"; did you mean "check"\?/);
    assert.doesNotMatch(unknown.stderr, /Exit codes/, 'a usage error is short: the whole help would push it off screen');
  });

  it('answers an unknown option in a few lines (the error, the synopsis, where the help is), exit 2', async () => {
    for (const argv of [['lint', '.', '--quiet'], ['check', '--watchh', '5'], ['versions', 'v1.32.4+rke2r1', '--colour'], ['schema', '--pretty'], ['rbac', '--ns', 'x']]) {
      const run = await runInProcess(argv);
      assert.equal(run.code, 2, argv.join(' '));
      assert.match(run.stderr, /unknown option --/);
      assert.match(run.stderr, /^Usage: rke2-calico-diag /m);
      assert.match(run.stderr, /Run "rke2-calico-diag \w+ --help" for its options and examples\.\n$/);
      assert.ok(run.stderr.split('\n').length <= 7, `${argv.join(' ')}: ${run.stderr}`);
    }
    assert.match((await runInProcess(['check', '--watchh', '5'])).stderr, /unknown option --watchh; did you mean --watch\?/);
  });

  it('ends every command\'s --help with runnable examples', async () => {
    for (const name of listed) {
      const run = await runInProcess([name, '--help']);
      const examples = run.stdout.split('\nExamples:\n')[1] ?? '';
      assert.match(examples, new RegExp(`^ {2}(.*\\| )?rke2-calico-diag ${name}\\b`, 'm'), `${name} --help has examples of ${name}`);
    }
  });
});

describe('--color and NO_COLOR', () => {
  const run = async (argv: readonly string[], isTerminal: boolean, environment: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTerminal, environment }, 'test');
    return { code, stdout, stderr };
  };
  const lint = ['lint', join(__dirname, '../../../test/fixtures/workspace')];
  const ESCAPE = /\u001b\[/;

  it('colours a terminal by default, never a pipe, and never with NO_COLOR or TERM=dumb', async () => {
    assert.match((await run(lint, true, {})).stdout, ESCAPE);
    assert.doesNotMatch((await run(lint, false, {})).stdout, ESCAPE);
    assert.doesNotMatch((await run(lint, true, { NO_COLOR: '1' })).stdout, ESCAPE);
    assert.doesNotMatch((await run(lint, true, { TERM: 'dumb' })).stdout, ESCAPE);
    assert.match((await run(lint, true, { NO_COLOR: '' })).stdout, ESCAPE, 'an empty NO_COLOR is unset (no-color.org)');
  });

  it('--color=always|never overrides, anywhere before --; a bad value is a usage error', async () => {
    assert.match((await run(['--color=always', ...lint], false, { NO_COLOR: '1' })).stdout, ESCAPE);
    assert.match((await run([...lint, '--color'], false, {})).stdout, ESCAPE);
    assert.doesNotMatch((await run([...lint, '--color=never'], true, {})).stdout, ESCAPE);
    assert.doesNotMatch((await run([...lint, '--no-color'], true, {})).stdout, ESCAPE);
    const bad = await run([...lint, '--color=sometimes'], true, {});
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--color must be one of auto, always, never/);
  });

  it('colours the verdict of versions, and leaves its text otherwise the same', async () => {
    const coloured = (await run(['versions', 'v1.31.7+rke2r1', '--color=always'], false, {})).stdout;
    assert.match(coloured, /\u001b\[31mVerdict: affected\.\u001b\[39m/);
    assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), (await run(['versions', 'v1.31.7+rke2r1'], false, {})).stdout);
  });

  it('never colours JSON or SARIF', async () => {
    assert.doesNotMatch((await run([...lint, '--format', 'json', '--color=always'], true, {})).stdout, ESCAPE);
    assert.doesNotMatch((await run([...lint, '--format', 'sarif', '--color=always'], true, {})).stdout, ESCAPE);
  });
});

describe('--verbose', () => {
  it('may stand before or after the command; it writes the log to stderr and leaves stdout to the answer', async () => {
    for (const argv of [['--verbose', 'versions', 'v1.32.2+rke2r1', '--format', 'json'], ['versions', 'v1.32.2+rke2r1', '--format', 'json', '--verbose']]) {
      const run = await runInProcess(argv);
      assert.equal(run.code, 1);
      assert.equal((JSON.parse(run.stdout) as { rke2: string }).rke2, 'v1.32.2+rke2r1');
      assert.match(run.stderr, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[debug\] rke2-calico-diag test on Node v\d+/);
    }
    const quiet = await runInProcess(['versions', 'v1.32.2+rke2r1']);
    assert.equal(quiet.stderr, '', 'without --verbose nothing is logged');
  });

  it('after --, it is an argument like any other', async () => {
    const run = await runInProcess(['logs', '--', '--verbose']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /cannot read --verbose/);
  });

  it('logs the lint time and the log-scan time', async () => {
    const lint = await runInProcess(['lint', 'test/fixtures/workspace', '--verbose']);
    assert.match(lint.stderr, /\[info\] lint \d+ file\(s\): \d+ finding\(s\) in \d+ ms/);
    const logs = runBuiltCli(['logs', '-', '--verbose'], '2025-02-19 14:24:47.322 [ERROR][1] typha/lookup.go 66: Failed to get Typha endpoint from Kubernetes error=Unauthorized\n');
    assert.match(logs.stderr, /\[info\] log scan <stdin>: 1 finding\(s\) in 1 line\(s\), \d+ ms/);
  });
});

describe('an internal error', () => {
  it('exits 70 (not the usage code 2) and says so once, with a hint to --verbose', async () => {
    const run = await withBrokenStdout(['versions', 'v1.32.2+rke2r1'], new Error('write EPIPE'));
    assert.equal(run.code, EXIT_INTERNAL);
    assert.equal(run.stderr, 'rke2-calico-diag versions: internal error: write EPIPE (run with --verbose for the stack)\n');
  });

  it('under --verbose, logs the error and its stack; a secret in the message is redacted everywhere', async () => {
    const run = await withBrokenStdout(['--verbose', 'versions', 'v1.32.2+rke2r1'], new Error('proxy said: Authorization: Bearer sekret-0123456789abcdef'));
    assert.equal(run.code, EXIT_INTERNAL);
    assert.match(run.stderr, /\[error\] versions failed: proxy said: Authorization: Bearer \[redacted\]\n/);
    assert.match(run.stderr, /\[debug\] Error: proxy said: Authorization: Bearer \[redacted\]\n +at /);
    assert.match(run.stderr, /internal error: proxy said: Authorization: Bearer \[redacted\]\n$/);
    assert.ok(!run.stderr.includes('sekret-0123456789abcdef'));
  });
});
