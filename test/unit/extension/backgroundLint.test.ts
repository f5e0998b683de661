import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import { EDITOR_LINT_BUDGET_MS, fitsLintBudget } from '../../../src/core/files/lintBudget';
import { BackgroundLinter } from '../../../src/extension/backgroundLinter';
import { FileDiagnostics } from '../../../src/extension/fileDiagnostics';
import { loadLintEngine } from '../../../src/extension/loadLintEngine';
import { FakeEditor, FakeLogChannel } from '../../fakes/editorApis';
import { EventEmitter } from '../../fakes/vscode';
import { until } from '../../until';

const HELM_CHART_CONFIG = readFileSync(join(__dirname, '../../../../test/fixtures/workspace/server/manifests/rke2-calico-config.yaml'), 'utf8');

/** A Calico manifest of thousands of lines, as calico.yaml is: the HelmChartConfig after 4,000 ConfigMap entries. */
function largeManifest(): string {
  const filler = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: calico-config\n  namespace: kube-system\ndata:\n${Array.from({ length: 4000 }, (_, index) => `  key${index}: "value ${index}"\n`).join('')}`;
  return `${filler}---\n${HELM_CHART_CONFIG}`;
}

const facts = { context: () => Promise.resolve({}), crossFileFindings: () => Promise.resolve([]), isForcedConfig: () => false, onDidChange: new EventEmitter<void>().event };

describe('large files in the editor', () => {
  it('are linted on the worker thread, small ones at once on the editor\'s own', async () => {
    const text = largeManifest();
    assert.ok(!fitsLintBudget(text, EDITOR_LINT_BUDGET_MS), 'the manifest is beyond what the editor lints on its own thread');
    const sent: string[] = [];
    const linter = new (class extends BackgroundLinter {
      override lint(...args: Parameters<BackgroundLinter['lint']>): ReturnType<BackgroundLinter['lint']> {
        sent.push(args[0]);
        return super.lint(...args);
      }
    })();
    const editor = new FakeEditor();
    const diagnostics = new FileDiagnostics(editor.workspace, editor.languages, facts, new FakeLogChannel(), undefined, linter);
    // Loading the engine is a one-time cost of the first lint (as in the session), not the one measured here.
    loadLintEngine();
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    const large = editor.open('server/manifests/calico.yaml', text, 'yaml');
    const small = editor.open('server/manifests/rke2-calico-config.yaml', HELM_CHART_CONFIG, 'yaml');
    const of = (document: typeof large): readonly { message: string }[] => editor.collections.find((collection) => collection.name === 'rke2-calico')?.of(document.uri) ?? [];
    const found = await until('the lint on the worker', () => (of(large).length > 0 && of(small).length > 0 ? of(large) : undefined), 30_000);
    histogram.disable();
    diagnostics.dispose();
    assert.deepEqual(sent, [large.uri.path], 'only the large file goes to the worker');
    assert.ok(found.some((diagnostic) => /rancher\/rke2#7808|tigera-operator/.test(diagnostic.message)), found.map((diagnostic) => diagnostic.message).join('\n'));
    assert.ok(!found.some((diagnostic) => diagnostic.message.startsWith('Not checked in the editor')));
    // Wall-clock delays depend on the machine's load; bench/editorBlockingBench.ts measures them on an idle one.
    process.stdout.write(`# longest event-loop delay while linting ${text.split('\n').length} lines: ${(histogram.max / 1e6).toFixed(1)} ms\n`);
  });

  it('keep only the latest text of a file queued behind another, and survive a crashed worker', async () => {
    const linter = new BackgroundLinter();
    const text = largeManifest();
    const first = linter.lint('/a.yaml', text, {}, false);
    const stale = linter.lint('/b.yaml', text, {}, false);
    const latest = linter.lint('/b.yaml', text.replace('v1.36.5', 'v1.36.7'), {}, false);
    await assert.rejects(stale, /superseded/);
    assert.ok((await first).findings.length > 0);
    assert.equal((await latest).kind, 'manifests');
    linter.dispose();
    await assert.rejects(linter.lint('/c.yaml', text, {}, false), /stopped/);
    const broken = new BackgroundLinter(join(__dirname, 'no-such-worker.js'));
    await assert.rejects(broken.lint('/d.yaml', text, {}, false));
    broken.dispose();
  });
});
