import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OpenFailureKind } from '../../../src/cluster/kubeGateway';
import { describeProblem, problemFromOpen, problemFromRead } from '../../../src/extension/connectionProblem';
import { NEXT_STEPS } from '../../../src/extension/nextSteps';

const TARGET = { context: 'prod', server: 'https://10.0.0.1:6443' };

describe('connection problems', () => {
  it('give every way opening a kubeconfig fails a title, the whole reason, advice and steps that exist', () => {
    const kinds: OpenFailureKind[] = ['no-kubeconfig', 'unreadable', 'no-contexts', 'unknown-context', 'bad-cluster'];
    for (const kind of kinds) {
      const problem = problemFromOpen({ ok: false, kind, error: `the gateway's words for ${kind}` });
      assert.equal(problem.kind, kind);
      assert.equal(problem.reason, `the gateway's words for ${kind}`);
      assert.ok(problem.title.length > 0 && problem.advice.length > 40, kind);
      assert.ok(problem.steps.includes('showLogs'), `${kind} offers the log`);
      for (const step of problem.steps) assert.ok(NEXT_STEPS[step].command.startsWith('rke2Calico.'), step);
    }
    assert.deepEqual(problemFromOpen({ ok: false, kind: 'unknown-context', error: '' }).steps[0], 'selectContext');
    assert.deepEqual(problemFromOpen({ ok: false, kind: 'unreadable', error: '' }).steps[0], 'selectKubeconfig');
  });

  it('tell an unreachable server from a certificate that does not verify, a rejected token and a timeout', () => {
    const kinds = [
      problemFromRead({ kind: 'unreachable', message: 'ECONNREFUSED: connect ECONNREFUSED 10.0.0.1:6443' }, TARGET),
      problemFromRead({ kind: 'unreachable', cause: 'tls', message: "TLS verification failed (SELF_SIGNED_CERT_IN_CHAIN): the server certificate does not match the kubeconfig's certificate-authority" }, TARGET),
      problemFromRead({ kind: 'unauthorized', message: 'Unauthorized' }, TARGET),
      problemFromRead({ kind: 'timeout', message: 'no answer within 15000 ms' }, TARGET),
    ].map((problem) => [problem?.kind, problem?.steps[0]]);
    assert.deepEqual(kinds, [['unreachable', 'runCheck'], ['tls', 'selectKubeconfig'], ['unauthorized', 'selectKubeconfig'], ['timeout', 'runCheck']]);
  });

  it('leave the failures the checks explain themselves (forbidden, not found, malformed) to the checks', () => {
    for (const kind of ['forbidden', 'not-found', 'malformed', 'cancelled'] as const) assert.equal(problemFromRead({ kind, message: 'x' }, TARGET), undefined, kind);
  });

  it('read as one paragraph, the server named', () => {
    const problem = problemFromRead({ kind: 'timeout', message: 'no answer within 15000 ms.' }, TARGET);
    assert.ok(problem);
    assert.equal(describeProblem(problem), 'The API server did not answer in time: no answer within 15000 ms. Check the network to https://10.0.0.1:6443 (context prod), or raise rke2Calico.requestTimeoutSeconds for a slow or distant cluster.');
  });
});
