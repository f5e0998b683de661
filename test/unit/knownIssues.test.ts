import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateKnownIssues, type KnownIssueMatch } from '../../src/core/knowledge/knownIssueVerdict';
import { KNOWN_ISSUES } from '../../src/core/knowledge/knownIssues';
import { PRECONDITIONS } from '../../src/core/knowledge/preconditions';
import { findBuild } from '../../src/core/knowledge/releaseIndex';
import { RELEASE_MATRIX } from '../../src/core/knowledge/releaseMatrix';
import { lookUpVersion, type VersionReport } from '../../src/core/versionLookup';
import { parseRke2Version } from '../../src/core/versions/rke2Version';

function report(input: string): VersionReport {
  const outcome = lookUpVersion(input);
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
  return outcome.report;
}

const ids = (matches: readonly KnownIssueMatch[]): string[] => matches.map((match) => match.issue.id);

function isRecorded(rke2: string): boolean {
  const version = parseRke2Version(rke2);
  return version.ok && findBuild(version.value) !== undefined;
}

describe('known-issue catalog', () => {
  it('gives every issue sources, symptoms, mitigations and a fixed-in statement, and only known preconditions', () => {
    for (const issue of KNOWN_ISSUES) {
      assert.ok(issue.sources.length > 0 && issue.symptoms.length > 0 && issue.mitigations.length > 0, issue.id);
      assert.ok(Array.isArray(issue.fixedIn), issue.id);
      for (const id of issue.preconditions ?? []) assert.ok(PRECONDITIONS[id], `${issue.id}: ${id}`);
    }
  });

  it('names only recorded RKE2 releases in its rules and upgrade targets, and targets are GA', () => {
    for (const issue of KNOWN_ISSUES) {
      for (const rule of issue.rules) for (const rke2 of rule.when.rke2 ?? []) assert.ok(isRecorded(rke2), `${issue.id}: ${rke2}`);
      for (const target of issue.upgradeTargets) {
        assert.ok(RELEASE_MATRIX.some((record) => record.rke2 === target.target), `${issue.id}: ${target.target}`);
      }
    }
  });
});

describe('known issues by version and precondition', () => {
  it('rancher/rke2#10494 applies to the v3.32.002 release candidates only, with the +rke2r2 GA as target', () => {
    const rc = report('v1.36.1-rc2+rke2r2');
    assert.deepEqual(ids(rc.knownIssues), ['rancher/rke2#10494']);
    assert.equal(rc.upgradeTo, 'v1.36.1+rke2r2');
    assert.ok(!ids(report('v1.36.1+rke2r2').knownIssues).includes('rancher/rke2#10494'));
    assert.ok(!ids(report('v1.36.1+rke2r1').knownIssues).includes('rancher/rke2#10494'));
  });

  it('tigera/operator#4855 follows operator v1.42.0 and waits for its LoadBalancer precondition', () => {
    const affected = report('v1.35.6+rke2r1');
    assert.ok(ids(affected.conditional).includes('tigera/operator#4855'));
    assert.ok(!ids(affected.knownIssues).includes('tigera/operator#4855'));
    assert.ok(!ids(report('v1.35.7+rke2r1').conditional).includes('tigera/operator#4855'));
    const facts = { operator: 'v1.42.0', calico: 'v3.32.0' };
    assert.ok(ids(evaluateKnownIssues(facts, { 'loadbalancer-ip-pool': true }).applies).includes('tigera/operator#4855'));
    const ruledOut = evaluateKnownIssues(facts, { 'loadbalancer-ip-pool': false });
    assert.ok(![...ruledOut.applies, ...ruledOut.conditional].some((match) => match.issue.id === 'tigera/operator#4855'));
  });

  it('rancher/rke2#7454 needs chart v3.29.100 and an IPv6-only cluster', () => {
    for (const rke2 of ['v1.29.12+rke2r1', 'v1.30.8+rke2r1', 'v1.31.4+rke2r1', 'v1.32.0+rke2r1']) {
      assert.ok(ids(report(rke2).conditional).includes('rancher/rke2#7454'), rke2);
    }
    assert.ok(!ids(report('v1.32.1+rke2r1').conditional).includes('rancher/rke2#7454'));
    const verdict = evaluateKnownIssues({ chart: 'v3.29.100' }, { 'ipv6-only': true });
    assert.deepEqual(ids(verdict.applies), ['rancher/rke2#7454']);
  });

  it('rancher/rke2#8621 lists the Calico v3.30 releases without goldmane images and stops at the fixes', () => {
    assert.ok(ids(report('v1.32.8+rke2r1').conditional).includes('rancher/rke2#8621'));
    assert.equal(report('v1.30.14+rke2r4').conditional.find((match) => match.issue.id === 'rancher/rke2#8621')?.openPreconditions[0], 'private-registry-with-goldmane-or-whisker');
    for (const fixed of ['v1.31.13+rke2r1', 'v1.32.9+rke2r1', 'v1.33.5+rke2r1', 'v1.34.1+rke2r1']) {
      assert.ok(!ids(report(fixed).conditional).includes('rancher/rke2#8621'), fixed);
    }
  });

  it('rancher/rke2#9276 needs a Windows node and names the November 2025 release candidates', () => {
    const rc = report('v1.31.14-rc1+rke2r1');
    assert.ok(ids(rc.conditional).includes('rancher/rke2#9276'));
    assert.ok(!ids(report('v1.31.14+rke2r1').conditional).includes('rancher/rke2#9276'));
    const verdict = evaluateKnownIssues({ rke2: 'v1.33.6-rc1+rke2r1' }, { 'windows-node': true });
    assert.deepEqual(ids(verdict.applies), ['rancher/rke2#9276']);
    assert.deepEqual(ids(evaluateKnownIssues({ rke2: 'v1.33.6-rc1+rke2r1' }, { 'windows-node': false }).conditional), []);
  });

  it('VXLAN offload issues skip Calico v3.28.1 and need the override dropped; the kernel one needs kernel 6.12', () => {
    assert.ok(!ids(evaluateKnownIssues({ calico: 'v3.28.1' }).conditional).includes('projectcalico/calico#8746'));
    assert.ok(ids(evaluateKnownIssues({ calico: 'v3.28.2' }).conditional).includes('projectcalico/calico#8746'));
    assert.ok(!ids(evaluateKnownIssues({ calico: 'v3.27.3' }).conditional).includes('projectcalico/calico#8746'));
    const offloadOn = { 'checksum-offload-override-dropped': true, 'vxlan-encapsulation': true } as const;
    const oldKernel = evaluateKnownIssues({ calico: 'v3.29.3' }, { ...offloadOn, 'kernel-6.12-or-later': false });
    assert.deepEqual(ids(oldKernel.applies), ['projectcalico/calico#8746']);
    const newKernel = evaluateKnownIssues({ calico: 'v3.31.2' }, { ...offloadOn, 'kernel-6.12-or-later': true });
    assert.deepEqual(ids(newKernel.applies).sort(), ['projectcalico/calico#11435', 'projectcalico/calico#8746']);
    const rke2Default = evaluateKnownIssues({ calico: 'v3.31.2' }, { 'checksum-offload-override-dropped': false });
    assert.ok(![...rke2Default.applies, ...rke2Default.conditional].some((match) => match.issue.id.includes('#8746') || match.issue.id.includes('#11435')));
  });

  it('nftables notes appear only from the releases with nftables support', () => {
    assert.ok(ids(report('v1.36.3+rke2r1').conditional).includes('rancher/rke2-docs#594'));
    assert.ok(!ids(report('v1.36.2+rke2r1').conditional).includes('rancher/rke2-docs#594'));
    const verdict = evaluateKnownIssues({ rke2: 'v1.36.3+rke2r1', calico: 'v3.32.1' }, { 'nftables-dataplane': true, 'nftables-foreign-rules': true });
    assert.deepEqual(ids(verdict.applies).sort(), ['projectcalico/calico#13579', 'rancher/rke2-docs#594']);
  });

  it('records the release candidates after v1.36.3 with operator v1.42.3, clear of #4855', () => {
    const rc = report('v1.36.4-rc1+rke2r1');
    assert.equal(rc.operator, 'v1.42.3');
    assert.equal(rc.containerd, 'v2.3.4-k3s1.36');
    assert.ok(!ids(rc.conditional).includes('tigera/operator#4855'));
  });
});
