/* eslint-disable no-control-regex -- the output's colour escapes are what these tests look for */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkToText } from '../../src/cli/checkText';
import { COLOUR, NO_COLOUR } from '../../src/cli/palette';
import type { CheckReportJson } from '../../src/core/checks/checkReport';

type Check = CheckReportJson['checks'][number];

function check(id: string, status: Check['status'], evidence: string[] = []): Check {
  return { id, area: id.split('.')[0] ?? 'Area', title: `title of ${id}`, status, summary: `summary of ${id}`, evidence };
}

function report(checks: Check[], verdict: CheckReportJson['verdict']): CheckReportJson {
  const summary = { pass: 0, warn: 0, fail: 0, unknown: 0, skipped: 0 };
  for (const entry of checks) summary[entry.status]++;
  return { cluster: { rke2: null, calico: null, containerd: null, context: 'lab', server: 'https://10.0.0.1:6443' }, checks, summary, rootCauses: [], ...(verdict ? { verdict } : {}), generatedAt: '2026-01-01T00:00:00Z' };
}

describe('check text', () => {
  const mixed = report([check('nodes.ready', 'pass'), check('workloads.typha', 'fail', ['typha 0/1']), check('ipam.blocks', 'warn'), check('crds.present', 'pass')], { status: 'fail', label: '1 failing', reason: '1 check(s) fail' });

  it('--problems keeps the verdict and the counts, and drops the passing rows', () => {
    const text = checkToText(mixed, { palette: NO_COLOUR, problemsOnly: true });
    assert.match(text, /^Verdict: 1 failing/m);
    assert.match(text, /FAIL {4}title of workloads\.typha/);
    assert.match(text, /WARN {4}title of ipam\.blocks/);
    assert.doesNotMatch(text, /PASS/);
    assert.match(text, /^2 pass, 1 warn, 1 fail, 0 unknown, 0 skipped$/m);
    const healthy = checkToText(report([check('nodes.ready', 'pass')], { status: 'pass', label: 'ready', reason: 'every check passes' }), { palette: NO_COLOUR, problemsOnly: true });
    assert.match(healthy, /No problems: every check passes/);
  });

  it('colours marks and the verdict only when the palette does, leaving the text the same', () => {
    const plain = checkToText(mixed, { palette: NO_COLOUR, problemsOnly: false });
    const coloured = checkToText(mixed, { palette: COLOUR, problemsOnly: false });
    assert.doesNotMatch(plain, /\u001b/);
    assert.match(coloured, /\u001b\[31mFAIL\u001b\[39m/);
    assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), plain);
  });

  it('says an unreachable cluster in one line per cause, not a row of unknown per check', () => {
    const refused = (what: string): string => `${what}: unreachable: ECONNREFUSED: connect ECONNREFUSED 10.0.0.1:6443`;
    const unreachable = report([
      check('identity.tls', 'warn', ['insecure-skip-tls-verify: true']),
      ...Array.from({ length: 25 }, (_, index) => check(`area${index}.check`, 'unknown', [refused(`object ${index}`)])),
      check('rbac.denied', 'unknown', ['ClusterRole calico-kube-controllers: not read (unreachable)']),
    ], { status: 'could-not-verify', label: 'could not verify', reason: '26 of 27 checks are unknown' });
    const text = checkToText(unreachable, { palette: NO_COLOUR, problemsOnly: false, unreachable: { kind: 'unreachable', message: 'ECONNREFUSED: connect ECONNREFUSED 10.0.0.1:6443' } });
    assert.equal(text.match(/ECONNREFUSED/g)?.length, 2, 'the cause once (its message quotes the code twice)');
    assert.match(text, /^Verdict: unreachable — the cluster could not be read, so 26 of 27 checks could not run$/m);
    assert.doesNotMatch(text, /could not verify/);
    assert.match(text, /→ Is the API server up and reachable at https:\/\/10\.0\.0\.1:6443\? Try: kubectl --context lab get --raw \/readyz/);
    assert.match(text, /WARN {4}title of identity\.tls/, 'checks that did not need the cluster are still shown');
    assert.doesNotMatch(text, /UNKNOWN/);
    assert.ok(text.split('\n').length <= 12, text);
  });
});
