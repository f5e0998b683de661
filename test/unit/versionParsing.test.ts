import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCalicoVersion, parseCalicoVersion } from '../../src/core/versions/calicoVersion';
import { formatChartVersion, parseChartVersion } from '../../src/core/versions/chartVersion';
import { formatContainerdVersion, parseContainerdVersion } from '../../src/core/versions/containerdVersion';
import { parseOperatorVersion } from '../../src/core/versions/operatorVersion';
import { compareRke2Versions, formatRke2Version, parseRke2Version, type Rke2Version } from '../../src/core/versions/rke2Version';

function rke2(text: string): Rke2Version {
  const result = parseRke2Version(text);
  assert.ok(result.ok, `expected ${text} to parse`);
  return result.value;
}

describe('RKE2 versions', () => {
  it('reads GA, RC and re-spin versions with or without the leading v', () => {
    assert.deepEqual(rke2('v1.32.2+rke2r1'), { kubernetes: { major: 1, minor: 32, patch: 2 }, rc: undefined, revision: 1 });
    assert.deepEqual(rke2('v1.32.2-rc3+rke2r1'), { kubernetes: { major: 1, minor: 32, patch: 2 }, rc: 3, revision: 1 });
    assert.deepEqual(rke2('1.30.14+rke2r4'), { kubernetes: { major: 1, minor: 30, patch: 14 }, rc: undefined, revision: 4 });
    assert.deepEqual(rke2(' v1.32.2 '), { kubernetes: { major: 1, minor: 32, patch: 2 }, rc: undefined, revision: undefined });
  });

  it('formats canonically', () => {
    assert.equal(formatRke2Version(rke2('1.32.2-rc3+rke2r1')), 'v1.32.2-rc3+rke2r1');
    assert.equal(formatRke2Version(rke2('V1.30.14+rke2r4')), 'v1.30.14+rke2r4');
  });

  it('orders RCs before their GA build and revisions after it', () => {
    const ordered = ['v1.31.6-rc1+rke2r1', 'v1.31.6-rc2+rke2r1', 'v1.31.6+rke2r1', 'v1.31.7+rke2r1', 'v1.31.14+rke2r1', 'v1.31.14-rc1+rke2r2', 'v1.31.14+rke2r2', 'v1.32.0+rke2r1'];
    const shuffled = [...ordered].reverse().map(rke2).sort(compareRke2Versions).map(formatRke2Version);
    assert.deepEqual(shuffled, ordered);
  });

  for (const bad of ['', 'v1.32', '1.32.2+rke2', 'v2.0.0+rke2r1', 'v01.32.2+rke2r1', 'v1.32.2+rke2r1x', 'v1.32.2-rc+rke2r1', 'latest', 'v1.32.2+k3s1', 'v1.3a.2']) {
    it(`rejects ${JSON.stringify(bad)} with a reason instead of guessing`, () => {
      const result = parseRke2Version(bad);
      assert.ok(!result.ok);
      assert.match(result.reason, /RKE2|malformed/);
    });
  }
});

describe('Calico, chart, operator and containerd versions', () => {
  it('reads Calico versions', () => {
    const result = parseCalicoVersion('v3.29.2');
    assert.ok(result.ok);
    assert.equal(formatCalicoVersion(result.value), 'v3.29.2');
    for (const bad of ['v3.29.200', 'v1.36.5', 'v3.29', 'three']) assert.equal(parseCalicoVersion(bad).ok, false, bad);
  });

  it('maps chart versions to the Calico release and package revision', () => {
    const cases: [string, string, number][] = [['v3.29.200', 'v3.29.2', 0], ['v3.27.002', 'v3.27.0', 2], ['v3.30.401', 'v3.30.4', 1], ['3.29.101', 'v3.29.1', 1]];
    for (const [text, calico, revision] of cases) {
      const result = parseChartVersion(text);
      assert.ok(result.ok, text);
      assert.equal(formatCalicoVersion(result.value.calico), calico);
      assert.equal(result.value.packageRevision, revision);
      assert.equal(formatChartVersion(result.value), text.startsWith('v') ? text : `v${text}`);
    }
    for (const bad of ['v3.29.2', 'v1.36.500', 'v3.29.0200']) assert.equal(parseChartVersion(bad).ok, false, bad);
  });

  it('reads operator versions', () => {
    assert.deepEqual(parseOperatorVersion('v1.36.5'), { ok: true, value: { major: 1, minor: 36, patch: 5 } });
    assert.equal(parseOperatorVersion('v3.29.2').ok, false);
  });

  it('reads containerd versions as the matrix and node status write them', () => {
    for (const [text, canonical] of [['v2.0.2-k3s1', 'v2.0.2-k3s1'], ['containerd://2.0.2-k3s2', 'v2.0.2-k3s2'], ['v2.0.2-k3s1-build20250120', 'v2.0.2-k3s1'], ['1.7.23-k3s2', 'v1.7.23-k3s2']]) {
      const result = parseContainerdVersion(text ?? '');
      assert.ok(result.ok, text);
      assert.equal(formatContainerdVersion(result.value), canonical);
    }
    assert.equal(parseContainerdVersion('containerd://').ok, false);
  });
});
