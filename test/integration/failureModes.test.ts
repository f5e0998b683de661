import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult, CheckStatus } from '../../src/core/checks/checkResult';
import { collectClusterEvidence } from '../../src/core/checks/clusterEvidence';
import { runClusterChecks } from '../../src/core/checks/runClusterChecks';
import { assertReadOnly, connect, guardRejections } from './simHarness';

interface Expectation {
  readonly scenario: string;
  /** Scenario second to look at. */
  readonly at?: number;
  readonly check: string;
  readonly status: CheckStatus;
  readonly summary: RegExp;
  readonly knownIssue?: string;
  /** Something the evidence or remediation must say. */
  readonly says?: RegExp;
  /** Other checks and the status they must have in the same run. */
  readonly also?: Readonly<Record<string, CheckStatus>>;
}

/** One simulated cluster per failure mode, and the check that must name it. */
const FAILURE_MODES: readonly Expectation[] = [
  { scenario: 'upgrade-failed', check: 'install.upgrade', status: 'fail', summary: /created outside this Helm release/, says: /invalid ownership metadata/, also: { 'crds.calico': 'fail', 'operator.installation': 'fail' } },
  { scenario: 'ip-autodetect', check: 'nodes.calico-addresses', status: 'warn', summary: /agent-1/, says: /agent-1: Calico uses 172\.17\.0\.1, InternalIP is 192\.168\.50\.13[\s\S]*agent-2: no Calico address/ },
  { scenario: 'ipam-exhausted', check: 'ipam.blocks', status: 'fail', summary: /out of blocks: 2 node\(s\) hold none/, says: /agent-old-7 \(1\)/ },
  { scenario: 'ebpf-kube-proxy', check: 'dataplane.mode', status: 'fail', summary: /still runs kube-proxy/, says: /disable-kube-proxy: true/ },
  { scenario: 'no-kube-proxy', check: 'dataplane.mode', status: 'fail', summary: /No kube-proxy/, says: /rancher\/rke2#8006/ },
  { scenario: 'nftables-early', check: 'dataplane.mode', status: 'warn', summary: /predates RKE2's \(experimental\) nftables support/, says: /v1\.36\.3\+rke2r1/ },
  { scenario: 'vxlan-offload', check: 'dataplane.vxlan-offload', status: 'warn', summary: /kernel 6\.12/, knownIssue: 'projectcalico/calico#11435', also: { 'identity.known-issues': 'warn' } },
  { scenario: 'mtu-jumbo', check: 'dataplane.mtu', status: 'warn', summary: /MTU ≥ 1550/ },
  { scenario: 'airgap-images', check: 'workloads.images', status: 'fail', summary: /mirrored-calico-goldmane:v3\.30\.2/, knownIssue: 'rancher/rke2#8621', says: /system-default-registry/, also: { 'identity.known-issues': 'warn' } },
  { scenario: 'stuck-deletion', check: 'operator.stuck-deletion', status: 'fail', summary: /stuck in deletion/, knownIssue: 'projectcalico/calico#9066', says: /tigera\.io\/operator-cleanup/ },
  { scenario: 'operator-rbac', check: 'rbac.denials', status: 'fail', summary: /calico-kube-controllers/, knownIssue: 'tigera/operator#4855', says: /cannot get resource "ipamconfigs"/, also: { 'identity.known-issues': 'warn' } },
  { scenario: 'windows-node', check: 'nodes.windows', status: 'fail', summary: /start-up race/, knownIssue: 'rancher/rke2#9276', also: { 'identity.known-issues': 'fail', 'workloads.calico-node': 'pass' } },
];

async function run(scenario: string, at: number): Promise<Map<string, CheckResult>> {
  const done = guardRejections();
  const { sim, reader } = await connect(scenario, { startAt: at });
  try {
    const results = runClusterChecks(await collectClusterEvidence(reader));
    assertReadOnly(sim);
    assert.ok(sim.requests.length <= 40, `${scenario}: ${sim.requests.length} requests`);
    return new Map(results.map((entry) => [entry.id, entry]));
  } finally {
    await sim.stop();
    done();
  }
}

describe('failure modes beyond #7808: each simulated cluster turns its check red for the right reason (GET only)', () => {
  for (const expected of FAILURE_MODES) {
    it(`${expected.scenario}: ${expected.check} is ${expected.status}`, async () => {
      const results = await run(expected.scenario, expected.at ?? 0);
      const found = results.get(expected.check);
      assert.ok(found, `no ${expected.check}`);
      assert.equal(found.status, expected.status, `${found.summary}\n${found.evidence.join('\n')}`);
      assert.match(found.summary, expected.summary);
      if (expected.knownIssue) assert.equal(found.knownIssue?.id, expected.knownIssue);
      if (expected.says) assert.match(`${found.evidence.join('\n')}\n${found.remediation ?? ''}`, expected.says);
      if (found.status === 'fail' || found.status === 'warn') assert.ok(found.remediation, 'a failing check says what to do');
      for (const [id, status] of Object.entries(expected.also ?? {})) assert.equal(results.get(id)?.status, status, `${id}: ${results.get(id)?.summary ?? 'missing'}`);
    });
  }

  it('the known-issue check takes preconditions from the cluster: a Linux-only cluster is not told about the Windows race', async () => {
    const results = await run('healthy', 0);
    const knownIssues = results.get('identity.known-issues');
    assert.ok(knownIssues);
    assert.equal(knownIssues.status, 'pass');
    assert.doesNotMatch(knownIssues.evidence.join('\n'), /rke2#9276|calico#8746|calico#11435/);
  });
});
