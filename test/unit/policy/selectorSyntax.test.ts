import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSelector, parseSelector, selectorMatches, type Selector } from '../../../src/core/policy/selectorSyntax';

function parsed(text: string): Selector {
  const result = parseSelector(text);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.selector;
}

describe('Calico selector language', () => {
  const labels = { app: 'web', tier: 'frontend', 'k8s.io/role': 'edge' };

  it('evaluates every operator with Calico semantics', () => {
    const cases: [string, boolean][] = [
      ['', true],
      ['all()', true],
      ['has(app)', true],
      ['!has(app)', false],
      ["app == 'web'", true],
      ['app == "db"', false],
      ["app != 'db'", true],
      ["missing != 'x'", true],
      ["app in {'web', 'api'}", true],
      ["missing in {'x'}", false],
      ["missing not in {'x'}", true],
      ["app not in {'web'}", false],
      ["tier contains 'front'", true],
      ["tier starts with 'fr'", true],
      ["tier ends with 'end'", true],
      ["k8s.io/role == 'edge' && (app == 'db' || tier == 'frontend')", true],
      ["!(app == 'web') || has(nothing)", false],
      ['global()', false],
    ];
    for (const [text, expected] of cases) assert.equal(selectorMatches(parsed(text), labels), expected, text);
  });

  it('rejects invalid expressions with where and why', () => {
    for (const text of ["app = 'web'", "app == web", 'has(app', "app in {'a'", '&& x', "app == 'x' ||", "app =='x' foo"]) {
      const result: { ok: boolean; error?: string } = parseSelector(text);
      assert.equal(result.ok, false, text);
      assert.match(result.error ?? '', /at offset \d+/);
    }
    const single = parseSelector("app = 'web'");
    assert.ok(!single.ok && single.error.includes('=='));
  });

  it('refuses hostile nesting and long inputs without exhausting the stack', () => {
    const deep = parseSelector(`${'('.repeat(100_000)}a == 'b'${')'.repeat(100_000)}`);
    assert.equal(deep.ok, false);
    const negations = parseSelector(`${'!'.repeat(100_000)}has(a)`);
    assert.equal(negations.ok, false);
    const wide = parseSelector(Array.from({ length: 10_000 }, (_unused, index) => `k${index} == 'v'`).join(' && '));
    assert.ok(wide.ok);
  });

  it('prints a selector back in Calico syntax', () => {
    assert.equal(formatSelector(parsed("a == 'x' && (b == 'y' || !has(c))")), "a == 'x' && (b == 'y' || !has(c))");
  });
});
