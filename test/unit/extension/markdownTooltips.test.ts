import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkdownString } from 'vscode';
import type { CheckResult } from '../../../src/core/checks/checkResult';
import { ClusterSession } from '../../../src/extension/clusterSession';
import { Config } from '../../../src/extension/config';
import { ResultSources } from '../../../src/extension/resultSources';
import { PrerequisitesView } from '../../../src/extension/prerequisitesView';
import { FakeEditor, FakeLogChannel } from '../../fakes/editorApis';
import { fakeGateway } from '../../fakes/fakeGateway';

/** A TigeraStatus message as a hostile cluster may write it: a remote image, a phishing link, raw HTML. */
const HOSTILE = 'Degraded: see ![x](https://evil.example/pixel.png) or [the docs](https://evil.example/login) <img src="https://evil.example/i.png"> <a href="https://evil.example">here</a>';

describe('tooltips quote the cluster as text', () => {
  it('a check summary, evidence and remediation with an image, a link and HTML render none of them', () => {
    const check: CheckResult = { id: 'operator.tigerastatus', area: 'Operator', title: 'TigeraStatus', status: 'fail', summary: HOSTILE, evidence: [HOSTILE], remediation: HOSTILE };
    const editor = new FakeEditor();
    const log = new FakeLogChannel();
    const session = new ClusterSession(new Config(editor.workspace, log), log, () => Promise.resolve(fakeGateway()));
    session.startRun().finish({ results: [check] });
    const view = new PrerequisitesView(new ResultSources(session));
    const tooltip = view.getTreeItem({ type: 'check', check }).tooltip as MarkdownString;
    const markdown = tooltip.value;
    // Escaped (`\<img`, `\!\[`), they show as text; unescaped, they would render.
    assert.ok(!/(^|[^\\])(!\[|\]\(|<img|<a )/.test(markdown), markdown);
    assert.match(markdown, /\\!\\\[x\\\]\\\(https:\/\/evil\.example\/pixel\.png\\\)/);
    assert.notEqual(tooltip.isTrusted, true);
    assert.notEqual(tooltip.supportHtml, true);
  });
});
