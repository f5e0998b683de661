import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkJoinBurst, checkSandboxEvents } from '../../../src/core/checks/raceChecks';
import type { ApiResult } from '../../../src/core/kube/apiResult';
import type { ListResult } from '../../../src/core/kube/clusterReader';
import { FORBIDDEN, found, healthyEvidence, listed, NOT_FOUND, otherCni } from '../../builders/clusterEvidence';
import { clusterInformation, event, installation, node } from '../../builders/kubeObjects';
import { assertResult, resultOf } from './checkAssertions';

const SANDBOX_FAILURE = 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "9c2be71d0a44": plugin type="calico" failed (add): error getting ClusterInformation: resource does not exist: ClusterInformation(default)';

describe('race.sandbox-events', () => {
  it('passes without recent sandbox failures that quote ClusterInformation', () => {
    assertResult(checkSandboxEvents(healthyEvidence()), { status: 'pass', summary: /^No recent sandbox failures quoting ClusterInformation$/, evidence: [/^0 FailedCreatePodSandBox event\(s\) read$/], remediation: null });
  });

  it('warns on recent ones (the #7808 race), naming the pods; other causes and old events do not count', () => {
    const events = listed([
      event('kube-system', 'helm-install-rke2-calico-f0x11', 'FailedCreatePodSandBox', SANDBOX_FAILURE, 4, '2026-06-30T09:58:00Z'),
      event('kube-system', 'coredns-1', 'FailedCreatePodSandBox', 'failed to setup network for sandbox: plugin type="calico" failed (add): connection refused', 1, '2026-06-30T09:59:00Z'),
      event('kube-system', 'old-pod', 'FailedCreatePodSandBox', SANDBOX_FAILURE, 1, '2026-06-30T07:00:00Z'),
    ]);
    const v3292 = { clusterInformation: found(clusterInformation({ calicoVersion: 'v3.29.2' })) };
    assertResult(checkSandboxEvents(healthyEvidence({ ...v3292, sandboxEvents: events })), {
      status: 'warn',
      summary: /^1 pod\(s\) failed to get a sandbox because ClusterInformation was missing$/,
      evidence: [/^kube-system\/helm-install-rke2-calico-f0x11 ×4: Failed to create pod sandbox/],
      remediation: /^The rancher\/rke2#7808 race: pods started before calico-node created ClusterInformation default/,
      knownIssue: 'rancher/rke2#7808',
    });
    // On a release the race was not reported against and without its pair of symptoms, the events are said, the issue is not named.
    const unaffected = checkSandboxEvents(healthyEvidence({ sandboxEvents: events }));
    assertResult(unaffected, { status: 'warn', summary: /^1 pod\(s\) failed to get a sandbox/, evidence: [/^kube-system\/helm-install-rke2-calico-f0x11/, /^why it is missing: /], remediation: /^ClusterInformation default is missing because / });
  });

  it('is unknown when events cannot be read; skipped when Calico is not the CNI', () => {
    assertResult(checkSandboxEvents(healthyEvidence({ sandboxEvents: FORBIDDEN })), { status: 'unknown', summary: /^unknown: forbidden — could not read events$/, evidence: [/^events: forbidden/], remediation: /^Grant/ });
    assert.equal(resultOf(healthyEvidence(otherCni('rke2-cilium')), 'race.sandbox-events').status, 'skipped');
  });
});

describe('race.join-burst', () => {
  const joins = (...times: string[]): ApiResult<ListResult> => listed(times.map((created, index) => node({ name: `node-${index}`, created })));

  it('passes when the other nodes joined after ClusterInformation default existed', () => {
    assertResult(checkJoinBurst(healthyEvidence()), { status: 'pass', summary: /^No node joined before Calico was ready$/, evidence: [/^3 node\(s\); ClusterInformation default created 2026-06-30T09:02:00\.000Z$/], remediation: null });
  });

  it('warns on nodes that joined before it existed (the #7808 join pattern), with how early', () => {
    const evidence = healthyEvidence({ nodes: joins('2026-06-30T09:00:00Z', '2026-06-30T09:00:20Z', '2026-06-30T09:00:25Z'), clusterInformation: found(clusterInformation({ created: '2026-06-30T09:01:00Z', calicoVersion: 'v3.29.2' })) });
    assertResult(checkJoinBurst(evidence), {
      status: 'warn',
      summary: /^2 node\(s\) joined before ClusterInformation default existed$/,
      evidence: [/^node-1 joined at \+20 s after node-0, 40 s before ClusterInformation default$/, /^node-2 joined at \+25 s/],
      remediation: /^Join nodes in batches: wait for ClusterInformation default \(datastoreReady: true\)/,
      knownIssue: 'rancher/rke2#7808',
    });
    const v3292 = { installation: found(installation({ calicoVersion: 'v3.29.2' })) };
    const stillMissing = checkJoinBurst(healthyEvidence({ ...v3292, nodes: joins('2026-06-30T09:00:00Z', '2026-06-30T09:00:20Z'), clusterInformation: NOT_FOUND }));
    assertResult(stillMissing, { status: 'warn', summary: /^1 node\(s\) joined before/, evidence: [/^node-1 joined at \+20 s after node-0$/], remediation: /^Join nodes in batches/, knownIssue: 'rancher/rke2#7808' });
  });

  it('is history, not a warning, on a release the race was not reported against once ClusterInformation exists', () => {
    const evidence = healthyEvidence({ nodes: joins('2026-06-30T09:00:00Z', '2026-06-30T09:00:20Z'), clusterInformation: found(clusterInformation({ created: '2026-06-30T09:01:00Z' })) });
    assertResult(checkJoinBurst(evidence), { status: 'pass', summary: /^1 node\(s\) joined before ClusterInformation default existed; it exists now$/, evidence: [/^node-1 joined/, /^rancher\/rke2#7808 not named: /], remediation: null });
  });

  it('is unknown when nodes cannot be read or when it cannot tell when ClusterInformation was created', () => {
    assertResult(checkJoinBurst(healthyEvidence({ nodes: FORBIDDEN })), { status: 'unknown', summary: /^unknown: forbidden — could not read nodes$/, evidence: [/forbidden/], remediation: /^Grant/ });
    assertResult(checkJoinBurst(healthyEvidence({ clusterInformation: FORBIDDEN })), { status: 'unknown', summary: /^unknown: the creation time of ClusterInformation default could not be read$/, evidence: [], remediation: null });
  });

  it('is skipped when Calico is not the CNI', () => {
    assert.equal(resultOf(healthyEvidence(otherCni('rke2-cilium')), 'race.join-burst').status, 'skipped');
  });
});
