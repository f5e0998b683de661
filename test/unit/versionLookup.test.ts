import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RC_BUILDS } from '../../src/core/knowledge/rcBuilds';
import { RELEASE_MATRIX } from '../../src/core/knowledge/releaseMatrix';
import { lookUpVersion, type VersionKind, type VersionReport } from '../../src/core/versionLookup';

function report(input: string, kind?: VersionKind): VersionReport {
  const outcome = lookUpVersion(input, kind);
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
  return outcome.report;
}

function issueIds(result: VersionReport): string[] {
  return result.knownIssues.map((match) => `${match.issue.id}:${match.severity}`);
}

describe('version lookup: RKE2 releases', () => {
  it('answers every GA release with its Calico version, and #7808 exactly for the v3.29.2 ones', () => {
    for (const record of RELEASE_MATRIX) {
      const result = report(record.rke2);
      assert.equal(result.kind, 'rke2', record.rke2);
      assert.equal(result.calico, record.calico, record.rke2);
      assert.equal(result.containerd, record.containerd, record.rke2);
      assert.deepEqual(issueIds(result), record.calico === 'v3.29.2' ? ['rancher/rke2#7808:warning'] : [], record.rke2);
    }
  });

  it('gives the per-line upgrade target for each affected GA release', () => {
    const expected: Record<string, string> = {
      'v1.29.14+rke2r1': 'v1.30.12+rke2r1', 'v1.29.15+rke2r1': 'v1.30.12+rke2r1',
      'v1.30.10+rke2r1': 'v1.30.12+rke2r1', 'v1.30.11+rke2r1': 'v1.30.12+rke2r1',
      'v1.31.6+rke2r1': 'v1.31.8+rke2r1', 'v1.31.7+rke2r1': 'v1.31.8+rke2r1',
      'v1.32.2+rke2r1': 'v1.32.4+rke2r1', 'v1.32.3+rke2r1': 'v1.32.4+rke2r1',
    };
    for (const [release, target] of Object.entries(expected)) assert.equal(report(release).upgradeTo, target, release);
    assert.equal(report('v1.32.4+rke2r1').upgradeTo, undefined);
    assert.match(report('v1.29.15+rke2r1').notes.join(' '), /v1\.29 has no release without Calico v3\.29\.2/);
  });

  it('rates the RCs built with containerd v2.0.2-k3s1 as errors and the other RCs as warnings', () => {
    for (const record of RC_BUILDS.filter((build) => build.calico === 'v3.29.2')) {
      const result = report(record.rke2);
      assert.equal(result.build, 'rc');
      const expected = record.containerd === 'v2.0.2-k3s1' ? 'error' : 'warning';
      assert.deepEqual(issueIds(result), [`rancher/rke2#7808:${expected}`], record.rke2);
    }
    assert.equal(report('v1.32.2-rc2+rke2r1').upgradeTo, 'v1.32.4+rke2r1');
    assert.equal(report('v1.31.6-rc1+rke2r1').upgradeTo, 'v1.31.8+rke2r1');
  });

  it('takes a version without revision when exactly one release matches, and refuses to guess otherwise', () => {
    const single = report('v1.32.2');
    assert.equal(single.rke2, 'v1.32.2+rke2r1');
    assert.match(single.notes.join(' '), /only RKE2 release/);
    const several = lookUpVersion('v1.30.14');
    assert.ok(!several.ok);
    assert.match(several.error, /v1\.30\.14\+rke2r1, v1\.30\.14\+rke2r2, v1\.30\.14\+rke2r4/);
  });

  it('says "not in the matrix" for well-formed releases it does not know, without a verdict', () => {
    const future = report('v1.37.0+rke2r1');
    assert.equal(future.inMatrix, false);
    assert.equal(future.calico, undefined);
    assert.deepEqual(future.knownIssues, []);
    assert.match(future.notes.join(' '), /newer than v1\.36\.3\+rke2r1/);
    assert.match(report('v1.33.0-rc1+rke2r1').notes.join(' '), /only the release candidates named by known issues/);
    assert.match(report('v1.29.16+rke2r1', 'rke2').notes.join(' '), /no RKE2 release with that version/);
  });
});

describe('version lookup: Calico, chart and operator', () => {
  it('lists the RKE2 releases shipping Calico v3.29.2 and the releases that leave it', () => {
    const result = report('v3.29.2');
    assert.equal(result.kind, 'calico');
    assert.equal(result.operator, 'v1.36.5');
    assert.equal(result.rke2Releases.length, 8);
    assert.deepEqual(issueIds(result), ['rancher/rke2#7808:warning']);
    assert.deepEqual(result.upgradeTargets, ['v1.30.12+rke2r1', 'v1.31.8+rke2r1', 'v1.32.4+rke2r1']);
  });

  it('reads chart versions, including the published-but-unshipped v3.29.201', () => {
    const chart = report('v3.29.200');
    assert.equal(chart.kind, 'chart');
    assert.equal(chart.calico, 'v3.29.2');
    assert.equal(chart.operator, 'v1.36.5');
    assert.equal(chart.rke2Releases.length, 8);
    const unshipped = report('v3.29.201');
    assert.equal(unshipped.calico, 'v3.29.2');
    assert.deepEqual(unshipped.rke2Releases, []);
    assert.deepEqual(issueIds(unshipped), ['rancher/rke2#7808:warning']);
    assert.match(unshipped.notes.join(' '), /no GA RKE2 release ships it/);
  });

  it('resolves v1.36.5 to the tigera-operator version the data knows and names the alternative', () => {
    const result = report('v1.36.5');
    assert.equal(result.kind, 'operator');
    assert.equal(result.calico, 'v3.29.2');
    assert.deepEqual(issueIds(result), ['rancher/rke2#7808:warning']);
    assert.match(result.alternatives.join(' '), /RKE2 version.*--kind rke2/);
  });

  it('prefers the RKE2 reading when both are known, and honours --kind', () => {
    const both = report('v1.32.3');
    assert.equal(both.kind, 'rke2');
    assert.equal(both.rke2, 'v1.32.3+rke2r1');
    assert.match(both.alternatives.join(' '), /tigera-operator version \(it deploys Calico v3\.27\.0\)/);
    const asOperator = report('v1.32.3', 'operator');
    assert.equal(asOperator.kind, 'operator');
    assert.equal(asOperator.calico, 'v3.27.0');
    assert.deepEqual(asOperator.knownIssues, []);
  });

  it('shows the Calico v3.29.0 tiers issue as related context only: RKE2 installs through the operator', () => {
    const result = report('v3.29.0');
    assert.deepEqual(result.knownIssues, []);
    assert.deepEqual(result.related.map((match) => match.issue.id), ['projectcalico/calico#9442']);
  });

  it('knows no verdict for an unknown operator release', () => {
    const result = report('v1.36.6', 'operator');
    assert.equal(result.inMatrix, false);
    assert.equal(result.calico, undefined);
  });
});

describe('version lookup: bad input', () => {
  for (const [input, pattern] of [
    ['', /no version given/],
    ['calico', /not a version this tool reads/],
    ['v2.0.2-k3s1', /containerd version/],
    ['v3.29', /not a version this tool reads/],
    ['v1.32.2+rke2', /not an RKE2 version/],
    ['\u0000\u0001', /not a version/],
  ] as const) {
    it(`explains why ${JSON.stringify(input)} is not a version`, () => {
      const outcome = lookUpVersion(input);
      assert.ok(!outcome.ok);
      assert.match(outcome.error, pattern);
    });
  }

  it('rejects input that does not parse as the forced kind', () => {
    const outcome = lookUpVersion('v3.29.2', 'rke2');
    assert.equal(outcome.ok, false);
  });
});
