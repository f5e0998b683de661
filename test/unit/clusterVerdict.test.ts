import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryAfterMs } from '../../src/cluster/httpGet';
import { execConfigOf, parseCredential } from '../../src/cluster/execCredential';
import { PATHS } from '../../src/core/checks/calicoObjects';
import { collectClusterEvidence, MAX_EVIDENCE_BYTES, type ClusterEvidence, type EvidenceSource } from '../../src/core/checks/clusterEvidence';
import { checkHelmJobs } from '../../src/core/checks/installChecks';
import { runClusterChecks } from '../../src/core/checks/runClusterChecks';
import type { ApiResult } from '../../src/core/kube/apiResult';

const job = (status: Record<string, unknown>): unknown => ({ metadata: { name: 'job' }, status });
const helmCharts = (...names: string[]): ApiResult<{ items: unknown[]; truncated: boolean }> => ({ kind: 'ok', value: { items: names.map((name) => ({ metadata: { name } })), truncated: false } });

/** Evidence from a fake reader: `answers` by path (lists by path without query), 404 otherwise. */
async function evidenceFrom(answers: Record<string, ApiResult<unknown>>, extra: Partial<EvidenceSource> = {}): Promise<ClusterEvidence> {
  const notFound: ApiResult<never> = { kind: 'not-found', message: 'not found' };
  const reader: EvidenceSource = {
    identity: { context: 'fake', server: 'https://fake' },
    get: (path) => Promise.resolve(answers[path] ?? notFound),
    list: (path) => Promise.resolve((answers[path] as ApiResult<{ items: unknown[]; truncated: boolean }> | undefined) ?? { kind: 'ok', value: { items: [], truncated: false } }),
    podLog: () => Promise.resolve(notFound),
    followPodLog: () => Promise.resolve(notFound),
    ...extra,
  };
  return collectClusterEvidence(reader);
}

describe('helm-install jobs', () => {
  const base = (jobs: Record<string, ApiResult<unknown>>, charts = helmCharts('rke2-calico', 'rke2-calico-crd')): Promise<ClusterEvidence> => evidenceFrom({ [PATHS.helmCharts]: charts, [PATHS.helmJob('rke2-calico')]: jobs.calico ?? { kind: 'not-found', message: '' }, [PATHS.helmJob('rke2-calico-crd')]: jobs.crd ?? { kind: 'not-found', message: '' } });
  const complete = { kind: 'ok', value: job({ succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] }) } as const;

  it('pass only when both Jobs completed', async () => {
    assert.equal(checkHelmJobs(await base({ calico: complete, crd: complete })).status, 'pass');
  });

  it('a Job that gave up (Failed=True) fails', async () => {
    const failed = { kind: 'ok', value: job({ failed: 6, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] }) } as const;
    const result = checkHelmJobs(await base({ calico: failed, crd: complete }));
    assert.equal(result.status, 'fail');
    assert.equal(result.summary, 'helm-install-rke2-calico failed (BackoffLimitExceeded: Job has reached the specified backoff limit)');
  });

  it('a Job between attempts (active 0, not complete) is waiting for its next attempt', async () => {
    const result = checkHelmJobs(await base({ calico: { kind: 'ok', value: job({ failed: 2 }) }, crd: complete }));
    assert.equal(result.status, 'warn');
    assert.equal(result.summary, 'helm-install-rke2-calico not complete yet: waiting to start attempt 3, 2 failed so far');
  });

  it('a missing Job fails when its HelmChart is missing too, and is unknown when the HelmCharts cannot be read', async () => {
    const noChart = checkHelmJobs(await base({ crd: complete }, helmCharts('rke2-calico-crd')));
    assert.equal(noChart.status, 'fail');
    assert.equal(noChart.summary, 'helm-install-rke2-calico does not exist (no HelmChart rke2-calico)');
    const unreadable = checkHelmJobs(await base({ crd: complete }, { kind: 'forbidden', message: 'no' }));
    assert.equal(unreadable.status, 'unknown');
    assert.match(unreadable.evidence.join('\n'), /the HelmCharts could not be read either \(forbidden\)/);
  });
});

describe('evidence collection', () => {
  it('records how the connection is secured, and warns first when TLS verification is off', async () => {
    const evidence = await evidenceFrom({}, { connection: { insecureSkipTlsVerify: true, certificateAuthority: false } });
    const [first] = runClusterChecks(evidence);
    assert.equal(first?.id, 'identity.tls');
    assert.equal(first.status, 'warn');
    const verified = runClusterChecks(await evidenceFrom({}, { connection: { insecureSkipTlsVerify: false, certificateAuthority: true } }));
    assert.ok(!verified.some((check) => check.id === 'identity.tls'));
  });

  it('keeps no answer past MAX_EVIDENCE_BYTES in one collection: later reads are "not kept", never a pass', async () => {
    let received = 0;
    const node = { metadata: { name: 'server-1' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    const reader: EvidenceSource = {
      identity: { context: 'fake', server: 'https://fake' },
      bytesReceived: () => received,
      get: () => {
        received += MAX_EVIDENCE_BYTES / 4;
        return Promise.resolve({ kind: 'ok', value: { metadata: { name: 'x' } } });
      },
      list: () => {
        received += MAX_EVIDENCE_BYTES / 4;
        return Promise.resolve({ kind: 'ok', value: { items: [node], truncated: false } });
      },
      podLog: () => Promise.resolve({ kind: 'not-found', message: '' }),
      followPodLog: () => Promise.resolve({ kind: 'not-found', message: '' }),
    };
    const evidence = await collectClusterEvidence(reader);
    const all = [evidence.nodes, evidence.crds, evidence.installation, evidence.sandboxEvents, ...Object.values(evidence.clusterRoles)];
    const notKept = all.filter((answer) => answer.kind === 'malformed');
    assert.ok(notKept.length >= all.length - 4, `${notKept.length} of ${all.length} not kept`);
    assert.match(notKept[0]?.kind === 'malformed' ? notKept[0].message : '', /^not kept: the API's answers to this check exceed 268435456 bytes in total$/);
  });
});

describe('gateway helpers', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(retryAfterMs('2'), 2000);
    assert.equal(retryAfterMs('100000'), 100_000_000);
    assert.equal(retryAfterMs('Wed, 01 Jan 2031 00:00:10 GMT', Date.parse('2031-01-01T00:00:00Z')), 10_000);
    assert.equal(retryAfterMs('soon'), undefined);
    assert.equal(retryAfterMs(undefined), undefined);
  });

  it('reads an ExecCredential, and never quotes its output when it is not one', () => {
    assert.deepEqual(parseCredential('{"status":{"token":"abc","expirationTimestamp":"2030-01-01T00:00:00Z"}}', 'p'), { ok: true, credential: { token: 'abc', expiresAt: Date.parse('2030-01-01T00:00:00Z') } });
    const notJson = parseCredential('token: s3cr3t-value', 'the plugin');
    assert.deepEqual(notJson, { ok: false, message: 'the plugin did not print an ExecCredential (its output is not JSON)' });
    assert.equal(parseCredential('{"status":{"token":"abc","expirationTimestamp":"tomorrow"}}', 'p').ok, false);
    assert.equal(parseCredential('{"status":{}}', 'p').ok, false);
  });

  it('reads the exec stanza of a kubeconfig user loosely', () => {
    assert.deepEqual(execConfigOf({ command: 'aws', args: ['eks', 'get-token', 1], env: [{ name: 'A', value: 'b' }, { name: 2 }], apiVersion: 'client.authentication.k8s.io/v1' }), { command: 'aws', args: ['eks', 'get-token'], env: [{ name: 'A', value: 'b' }], apiVersion: 'client.authentication.k8s.io/v1' });
    assert.equal(execConfigOf(null), undefined);
    assert.equal(execConfigOf({ args: [] }), undefined);
  });
});
