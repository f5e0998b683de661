import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument, isMap, isPair, isScalar, type Scalar } from 'yaml';
import { cidrsOverlap, hasHostBits, parseCidr } from '../../src/core/net/cidr';
import { didYouMean } from '../../src/core/text/didYouMean';
import { globToRegExp, matchesAnyGlob } from '../../src/core/text/glob';
import { LineIndex } from '../../src/core/text/lineIndex';
import { ScalarSourceMap } from '../../src/core/yaml/scalarSourceMap';

describe('CIDRs', () => {
  it('parses IPv4 and IPv6, rejects malformed ones with a reason', () => {
    const v6 = parseCidr('2001:cafe:42::/56');
    assert.ok(v6.ok);
    assert.equal(v6.cidr.family, 6);
    assert.ok(parseCidr('::ffff:10.0.0.0/104').ok);
    for (const bad of ['10.42.0.0', '10.42.0/16', '10.42.0.256/16', '10.42.0.0/33', '2001::cafe::/64', 'x/8', '010.1.1.1/8']) {
      const result = parseCidr(bad);
      assert.equal(result.ok, false, bad);
    }
  });

  it('finds overlaps and host bits', () => {
    const cidr = (text: string) => {
      const result = parseCidr(text);
      assert.ok(result.ok, text);
      return result.cidr;
    };
    assert.ok(cidrsOverlap(cidr('10.42.0.0/16'), cidr('10.42.128.0/20')));
    assert.ok(!cidrsOverlap(cidr('10.42.0.0/16'), cidr('10.43.0.0/16')));
    assert.ok(!cidrsOverlap(cidr('10.42.0.0/16'), cidr('2001:cafe::/56')));
    assert.ok(hasHostBits(cidr('10.42.0.1/16')));
    assert.ok(!hasHostBits(cidr('fd00::/8')));
  });
});

describe('text helpers', () => {
  it('suggests plausible typos only', () => {
    assert.equal(didYouMean('kubelet-args', ['kubelet-arg', 'kube-proxy-arg']), 'kubelet-arg');
    assert.equal(didYouMean('Cluster_CIDR', ['cluster-cidr']), 'cluster-cidr');
    assert.equal(didYouMean('banana', ['cluster-cidr', 'cni']), undefined);
  });

  it('maps offsets and positions both ways', () => {
    const index = new LineIndex('a\nbc\r\n\nd');
    assert.deepEqual(index.positionAt(3), { line: 1, character: 1 });
    assert.equal(index.offsetAt({ line: 3, character: 0 }), 7);
    assert.equal(index.lineText(1), 'bc');
    assert.equal(index.lineCount, 4);
  });

  it('matches settings globs', () => {
    assert.ok(matchesAnyGlob('ansible/files/rke2-server.yaml', ['ansible/files/rke2-*.yaml']));
    assert.ok(matchesAnyGlob('deep/er/config.yaml', ['**/config.yaml']));
    assert.ok(matchesAnyGlob('x/y.yml', ['*.{yaml,yml}']));
    assert.ok(!matchesAnyGlob('ansible/files/sub/rke2-server.yaml', ['ansible/files/rke2-*.yaml']));
    assert.ok(globToRegExp('a?c').test('abc'));
  });
});

describe('scalar source map', () => {
  function valueScalar(text: string): Scalar {
    const root = parseDocument(text).contents;
    assert.ok(isMap(root));
    const pair = root.items[0];
    assert.ok(isPair(pair) && isScalar(pair.value));
    return pair.value;
  }

  for (const [name, text] of [
    ['literal', 'v: |\n  ab: c\n\n  de: f\n'],
    ['literal with CRLF', 'v: |\r\n  ab: c\r\n  de: f\r\n'],
    ['folded', 'v: >\n  ab\n  cd\n\n  de: f\n'],
    ['indented folded', 'v: >-\n      first line\n        more indented\n      de: f\n'],
    ['double-quoted', 'v: "de f"'],
  ] as const) {
    it(`puts every character of a ${name} scalar back at its source position`, () => {
      const scalar = valueScalar(text);
      const value = String(scalar.value);
      const map = new ScalarSourceMap(text, scalar, value);
      for (let index = 0; index < value.length; index++) {
        const character = value[index];
        if (character === '\n' || character === ' ') continue;
        assert.equal(text[map.toFileOffset(index)], character, `${name}: character ${index}`);
      }
    });
  }
});
