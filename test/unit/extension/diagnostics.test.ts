import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { LintContext } from '../../../src/core/files/lintContext';
import { FileDiagnostics, type LintFacts } from '../../../src/extension/fileDiagnostics';
import { LogDiagnostics } from '../../../src/extension/logDiagnostics';
import { FakeEditor, FakeLogChannel, settle } from '../../fakes/editorApis';
import { until } from '../../until';
import { EventEmitter, Uri } from '../../fakes/vscode';

const FIXTURES = join(__dirname, '../../../../test/fixtures');
const HELM_CHART_CONFIG = readFileSync(join(FIXTURES, 'workspace/server/manifests/rke2-calico-config.yaml'), 'utf8');
const TYPHA_401 = '2025-02-19 14:24:47.322 [ERROR][1] typha/lookup.go 66: Failed to get Typha endpoint from Kubernetes error=Unauthorized\n';

/** Facts of an empty workspace; `context` may be made to fail. */
function facts(context: () => Promise<LintContext> = () => Promise.resolve({})): LintFacts {
  return { context, crossFileFindings: () => Promise.resolve([]), isForcedConfig: () => false, onDidChange: new EventEmitter<void>().event };
}

function fileDiagnostics(lintFacts: LintFacts = facts()): { editor: FakeEditor; log: FakeLogChannel; diagnostics: FileDiagnostics } {
  const editor = new FakeEditor();
  const log = new FakeLogChannel();
  return { editor, log, diagnostics: new FileDiagnostics(editor.workspace, editor.languages, lintFacts, log) };
}

function codeOf(diagnostic: { code?: string | number | { value: string | number } }): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

describe('file diagnostics', () => {
  it('put the affected tigera-operator version in Problems at its exact range, linked to the issue, and log the lint time', async () => {
    const { editor, log } = fileDiagnostics();
    const document = editor.open('server/manifests/rke2-calico-config.yaml', HELM_CHART_CONFIG, 'yaml');
    const diagnostics = await until('the lint', () => {
      const found = editor.collections.find((collection) => collection.name === 'rke2-calico')?.of(document.uri) ?? [];
      return found.length > 0 ? found : undefined;
    });
    const affected = diagnostics.find((diagnostic) => codeOf(diagnostic) === 'calico-affected-version');
    assert.ok(affected, diagnostics.map(codeOf).join(', '));
    assert.deepEqual([affected.range.start.line, affected.range.start.character, affected.range.end.character], [19, 15, 22]);
    assert.equal(typeof affected.code === 'object' ? String(affected.code.target) : '', 'https://github.com/rancher/rke2/issues/7808');
    assert.match(log.text(), new RegExp(`\\[debug\\] lint server/manifests/rke2-calico-config\\.yaml: ${diagnostics.length} finding\\(s\\) in \\d+ ms`));
  });

  it('lint again 250 ms after the last keystroke, and forget a closed document', async () => {
    const { editor } = fileDiagnostics();
    const document = editor.open('server/manifests/rke2-calico-config.yaml', HELM_CHART_CONFIG, 'yaml');
    const collection = editor.collections.find((entry) => entry.name === 'rke2-calico');
    assert.ok(collection);
    await until('the lint', () => (collection.of(document.uri).some((diagnostic) => codeOf(diagnostic) === 'calico-affected-version') ? true : undefined));
    editor.edit(document, HELM_CHART_CONFIG.replace('version: v1.36.5', 'version: v1.36.7'));
    const edited = Date.now();
    await until('the lint after the edit', () => (collection.of(document.uri).some((diagnostic) => codeOf(diagnostic) === 'calico-affected-version') ? undefined : true));
    assert.ok(Date.now() - edited >= 240, 'not before the debounce of 250 ms');
    editor.close(document);
    assert.deepEqual(collection.of(document.uri), []);
  });

  it('leave unrelated YAML alone, without a log line', async () => {
    const { editor, log } = fileDiagnostics();
    const document = editor.open('deploy/app.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n', 'yaml');
    await settle(5);
    assert.deepEqual(editor.collections[0]?.of(document.uri), []);
    assert.ok(!log.text().includes('lint deploy/app.yaml'));
  });

  it('log a lint that failed instead of leaving an unhandled rejection', async () => {
    const rejections: unknown[] = [];
    const listener = (reason: unknown): void => {
      rejections.push(reason);
    };
    process.on('unhandledRejection', listener);
    try {
      const { editor, log } = fileDiagnostics(facts(() => Promise.reject(new Error('EACCES: workspace folder unreadable'))));
      editor.open('etc/rancher/rke2/config.yaml', 'cni: calico\n', 'yaml');
      await until('the failure logged', () => (log.text().includes('[error]') ? true : undefined));
      await settle(10);
      assert.deepEqual(rejections, []);
      assert.match(log.text(), /\[error\] lint \/workspace\/etc\/rancher\/rke2\/config\.yaml: EACCES: workspace folder unreadable\n\[debug\] Error: EACCES/);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});

describe('log diagnostics', () => {
  function logDiagnostics(): { editor: FakeEditor; log: FakeLogChannel; logs: LogDiagnostics } {
    const editor = new FakeEditor();
    const log = new FakeLogChannel();
    return { editor, log, logs: new LogDiagnostics(editor.workspace, editor.languages, log) };
  }

  it('explain the known failure lines of an opened log, and log the scan time', async () => {
    const { editor, log, logs } = logDiagnostics();
    const document = editor.open('podlogs/calico-typha.log', `starting\n${TYPHA_401}${TYPHA_401}`, 'log');
    await until('the scan', () => logs.scanOf(document.uri));
    const diagnostics = editor.collections[0]?.of(document.uri) ?? [];
    assert.deepEqual(diagnostics.map((diagnostic) => [codeOf(diagnostic), diagnostic.range.start.line]), [['typha-unauthorized', 1], ['typha-unauthorized', 2]]);
    assert.equal(logs.scanOf(document.uri)?.summary[0]?.count, 2);
    assert.match(log.text(), /\[debug\] log scan podlogs\/calico-typha\.log: 2 finding\(s\) in 3 line\(s\), \d+ ms/);
  });

  it('do not scan binary content, with the same test as the CLI and bundles', async () => {
    const { editor, log, logs } = logDiagnostics();
    const binary = `${'\u007fELF\u0002\u0001\u0001\u0000\u0003\u0000>\u0000\u0001'.repeat(200)}${TYPHA_401}`;
    const document = editor.open('agent-logs/kubelet.log', binary, 'log');
    await until('the binary test', () => (log.text().includes('binary content') ? true : undefined));
    assert.deepEqual(editor.collections[0]?.of(document.uri), []);
    assert.equal(logs.scanOf(document.uri), undefined);
    assert.match(log.text(), /\[debug\] log scan agent-logs\/kubelet\.log: binary content, not scanned/);
  });

  it('leave documents that are not logs alone, and forget a closed log', async () => {
    const { editor, logs } = logDiagnostics();
    const notLog = editor.open('notes.md', TYPHA_401, 'markdown');
    const document = editor.open('calico-typha.log', TYPHA_401, 'log');
    await until('the scan', () => logs.scanOf(document.uri));
    assert.equal(logs.scanOf(notLog.uri), undefined);
    editor.close(document);
    assert.equal(logs.scanOf(document.uri), undefined);
    assert.deepEqual(editor.collections[0]?.of(Uri.file('/workspace/calico-typha.log')), []);
  });
});
