import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BackgroundLinter } from '../../../src/extension/backgroundLinter';
import { Config } from '../../../src/extension/config';
import { FileDiagnostics } from '../../../src/extension/fileDiagnostics';
import { textPositions } from '../../../src/extension/textPositions';
import { WorkspaceLint, type WorkspaceLintLimits } from '../../../src/extension/workspaceLint';
import { FakeEditor, FakeLogChannel } from '../../fakes/editorApis';
import { EventEmitter, Uri } from '../../fakes/vscode';
import { until } from '../../until';

const FIXTURES = join(__dirname, '../../../../test/fixtures/workspace');
const fixture = (path: string): string => readFileSync(join(FIXTURES, path), 'utf8');

const PLAN = '/workspace/upgrade/plan.yaml';
const CONFIG = '/workspace/etc/rancher/rke2/config.yaml';
const CI = '/workspace/.gitlab-ci.yml';
const HUGE = '/workspace/server/manifests/huge-calico.yaml';
const VENDORED = '/workspace/node_modules/chart/etc/rancher/rke2/config.yaml';

const LIMITS: WorkspaceLintLimits = { maxCandidates: 100, maxLinted: 10, maxFileBytes: 64 * 1024, startDelayMs: 0 };

/** A workspace on disk with a Plan, an RKE2 config, a CI file, an oversized manifest and a vendored copy; nothing open. */
function workspace(limits: WorkspaceLintLimits = LIMITS, trusted = true): { editor: FakeEditor; sent: string[]; factsChanged: EventEmitter<void>; lint: WorkspaceLint; dispose: () => void; problems: (path: string) => readonly { message: string; severity: number; range: { start: { line: number } } }[] } {
  const editor = new FakeEditor();
  editor.trusted = trusted;
  editor.disk.set(PLAN, fixture('upgrade/plan.yaml'));
  editor.disk.set(CONFIG, fixture('etc/rancher/rke2/config.yaml'));
  editor.disk.set(CI, 'stages:\n  - test\ntest:\n  script: npm test\n');
  editor.disk.set(HUGE, `${fixture('server/manifests/rke2-calico-config.yaml')}\n${'#'.repeat(70 * 1024)}\n`);
  editor.disk.set(VENDORED, fixture('etc/rancher/rke2/config.yaml'));
  const log = new FakeLogChannel();
  const sent: string[] = [];
  const linter = new (class extends BackgroundLinter {
    override lint(...args: Parameters<BackgroundLinter['lint']>): ReturnType<BackgroundLinter['lint']> {
      sent.push(args[0]);
      return super.lint(...args);
    }
  })();
  const factsChanged = new EventEmitter<void>();
  const facts = { context: () => Promise.resolve({}), crossFileFindings: () => Promise.resolve([]), isForcedConfig: () => false, onDidChange: factsChanged.event, onDidChangeDiskFacts: factsChanged.event };
  const diagnostics = new FileDiagnostics(editor.workspace, editor.languages, facts, log, undefined, linter);
  const lint = new WorkspaceLint(editor.workspace, new Config(editor.workspace, log), facts, diagnostics, log, limits);
  const problems = (path: string): readonly { message: string; severity: number; range: { start: { line: number } } }[] => editor.collections.find((collection) => collection.name === 'rke2-calico')?.of(Uri.file(path)) ?? [];
  return {
    editor,
    sent,
    factsChanged,
    lint,
    problems,
    dispose: () => {
      lint.dispose();
      diagnostics.dispose();
    },
  };
}

describe('the workspace lint', () => {
  it("puts the RKE2 files' problems in Problems without opening them, on the worker, within its caps", async () => {
    const { sent, problems, dispose } = workspace();
    const plan = await until('the Plan linted from disk', () => (problems(PLAN).length > 0 ? problems(PLAN) : undefined));
    await until('the config linted from disk', () => (problems(CONFIG).length > 0 ? true : undefined));
    assert.deepEqual(problems(HUGE), []);
    dispose();
    assert.ok(plan.some((diagnostic) => diagnostic.severity === 0 && /7808|v1\.32\.2/.test(diagnostic.message)), plan.map((diagnostic) => diagnostic.message).join('\n'));
    assert.ok(plan.every((diagnostic) => diagnostic.range.start.line > 0), 'placed on the line of the finding, not at the top');
    assert.deepEqual([...sent].sort(), [CONFIG, PLAN], 'the CI file is not RKE2; the oversized manifest and node_modules are never read');
  });

  it('lints no more files than its limit, and nothing in an untrusted workspace', async () => {
    const capped = workspace({ ...LIMITS, maxLinted: 1 });
    await capped.lint.scan();
    assert.equal(capped.sent.length, 1);
    capped.dispose();
    const untrusted = workspace(LIMITS, false);
    await untrusted.lint.scan();
    untrusted.dispose();
    assert.deepEqual(untrusted.sent, []);
  });

  it("leaves an open file to the editor's lint, lints it from disk again when closed, and forgets a deleted one", async () => {
    const { editor, problems, factsChanged, lint, dispose } = workspace({ ...LIMITS, startDelayMs: 60_000 });
    const document = editor.open('upgrade/plan.yaml', 'apiVersion: v1\nkind: ConfigMap\n', 'yaml');
    await lint.scan();
    assert.deepEqual(problems(PLAN), [], 'the open text (no Plan any more) wins over the file on disk');
    editor.close(document);
    await until('the Plan linted from disk after closing', () => (problems(PLAN).length > 0 ? true : undefined));
    editor.disk.delete(PLAN);
    factsChanged.fire();
    await until('the deleted Plan forgotten', () => (problems(PLAN).length === 0 ? true : undefined));
    await lint.scan();
    assert.ok(problems(CONFIG).length > 0, 'the other files keep theirs');
    dispose();
  });
});

describe('positions in a file that is not open', () => {
  it('maps offsets to lines and columns, clamped to the text', () => {
    const positions = textPositions(Uri.file('/a.yaml'), 'a: 1\nbb: 2\r\n\nc: 3');
    const at = (offset: number): [number, number] => {
      const position = positions.positionAt(offset);
      return [position.line, position.character];
    };
    assert.deepEqual([at(0), at(4), at(5), at(9), at(11), at(12), at(15), at(99), at(-3)], [[0, 0], [0, 4], [1, 0], [1, 4], [1, 6], [2, 0], [3, 2], [3, 4], [0, 0]]);
  });
});
