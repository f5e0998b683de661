import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type * as vscode from 'vscode';
import type { LintContext } from '../../../src/core/files/lintContext';
import { FileDiagnostics } from '../../../src/extension/fileDiagnostics';
import { Hovers } from '../../../src/extension/hovers';
import { QuickFixes } from '../../../src/extension/quickFixes';
import { FakeEditor, FakeLogChannel } from '../../fakes/editorApis';
import { CodeActionKind, EventEmitter, type CodeAction, type Hover } from '../../fakes/vscode';
import { until } from '../../until';

const WORKSPACE = join(__dirname, '../../../../test/fixtures/workspace');
const CONFIG = readFileSync(join(WORKSPACE, 'etc/rancher/rke2/config.yaml'), 'utf8');
const HELM_CHART_CONFIG = readFileSync(join(WORKSPACE, 'server/manifests/rke2-calico-config.yaml'), 'utf8');

function facts(context: LintContext = {}): ConstructorParameters<typeof FileDiagnostics>[2] {
  return { context: () => Promise.resolve(context), crossFileFindings: () => Promise.resolve([]), isForcedConfig: () => false, onDidChange: new EventEmitter<void>().event };
}

async function opened(path: string, text: string, context: LintContext = {}): Promise<{ diagnostics: FileDiagnostics; document: vscode.TextDocument; found: readonly vscode.Diagnostic[] }> {
  const editor = new FakeEditor();
  const diagnostics = new FileDiagnostics(editor.workspace, editor.languages, facts(context), new FakeLogChannel());
  const document = editor.open(path, text, 'yaml') as unknown as vscode.TextDocument;
  const found = await until('the lint', () => {
    const list = editor.collections.find((collection) => collection.name === 'rke2-calico')?.of(document.uri) ?? [];
    return list.length > 0 ? list : undefined;
  });
  return { diagnostics, document, found: found };
}

function fixesFor(diagnostics: FileDiagnostics, document: vscode.TextDocument, found: readonly vscode.Diagnostic[]): CodeAction[] {
  const context = { diagnostics: found, only: CodeActionKind.QuickFix, triggerKind: 1 } as unknown as vscode.CodeActionContext;
  return new QuickFixes(diagnostics).provideCodeActions(document, found[0]?.range as vscode.Range, context) as unknown as CodeAction[];
}

describe('hovers and quick fixes', () => {
  it('a known issue\'s hover adds the explanation, not the diagnostic\'s message a second time', async () => {
    const { diagnostics, document, found } = await opened('server/manifests/rke2-calico-config.yaml', HELM_CHART_CONFIG);
    const affected = found.find((diagnostic) => diagnostic.message.startsWith('tigeraOperator.version'));
    assert.ok(affected);
    const hover = new Hovers(diagnostics).provideHover(document, affected.range.start) as unknown as Hover | undefined;
    const markdown = (hover?.contents)?.value ?? '';
    assert.match(markdown, /rancher\/rke2\/issues\/7808/);
    assert.ok(!markdown.includes(affected.message.slice(0, 60)), 'the warning shows once, as the diagnostic');
    diagnostics.dispose();
  });

  it('every "Did you mean" and "Use key+" message has a code action that makes the change', async () => {
    const config = await opened('etc/rancher/rke2/config.yaml', CONFIG);
    const values = await opened('server/manifests/rke2-calico-config.yaml', HELM_CHART_CONFIG);
    for (const { diagnostics, document, found } of [config, values]) {
      const asking = found.filter((diagnostic) => /Did you mean "|Use "[a-z-]+\+"/.test(diagnostic.message));
      assert.ok(asking.length > 0);
      for (const diagnostic of asking) {
        const actions = fixesFor(diagnostics, document, [diagnostic]);
        const wanted = /Did you mean "([^"]+)"|Use "([^"]+)"/.exec(diagnostic.message);
        const newText = actions[0]?.edit?.replacements[0]?.newText ?? '';
        assert.equal(newText.replace(/^"|"$/g, ''), wanted?.[1] ?? wanted?.[2], diagnostic.message);
      }
      diagnostics.dispose();
    }
  });

  it('"Change to" on a tigera-operator pin says when it mixes releases, and is then not the preferred fix', async () => {
    const pinned = (context: LintContext): Promise<CodeAction | undefined> => opened('server/manifests/rke2-calico-config.yaml', HELM_CHART_CONFIG, context).then(({ diagnostics, document, found }) => {
      const affected = found.filter((diagnostic) => diagnostic.message.startsWith('tigeraOperator.version'));
      const action = fixesFor(diagnostics, document, affected)[0];
      diagnostics.dispose();
      return action;
    });
    const mixed = await pinned({ rke2Version: { value: 'v1.31.7+rke2r1', source: 'setting rke2Calico.rke2Version' } });
    assert.equal(mixed?.title, 'Change to v1.36.7 (mixes Calico releases unless RKE2 is v1.31.8+rke2r1)');
    assert.equal(mixed.isPreferred, false);
    const unknownRke2 = await pinned({});
    assert.match(unknownRke2?.title ?? '', /mixes Calico releases unless RKE2 is v1\.\d+\.\d+\+rke2r1/);
    const matching = await pinned({ rke2Version: { value: 'v1.31.8+rke2r1', source: 'setting rke2Calico.rke2Version' } });
    assert.ok(matching === undefined || !/mixes/.test(matching.title), 'no warning where RKE2 already ships that operator\'s Calico');
  });
});
