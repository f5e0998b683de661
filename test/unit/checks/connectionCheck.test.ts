import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkConnection } from '../../../src/core/checks/connectionCheck';
import { runClusterChecks } from '../../../src/core/checks/runClusterChecks';
import { healthyEvidence } from '../../builders/clusterEvidence';
import { assertResult } from './checkAssertions';

describe('identity.tls', () => {
  it('adds nothing when the server certificate is verified, or the evidence has no connection (a bundle)', () => {
    assert.equal(checkConnection(healthyEvidence({ connection: { insecureSkipTlsVerify: false, certificateAuthority: true } })), undefined);
    assert.equal(checkConnection(healthyEvidence()), undefined);
  });

  it('warns, first of all checks, when insecure-skip-tls-verify is set, and says a CA next to it is ignored', () => {
    const evidence = healthyEvidence({ connection: { insecureSkipTlsVerify: true, certificateAuthority: true } });
    const result = checkConnection(evidence);
    assert.ok(result);
    assertResult(result, {
      status: 'warn',
      summary: /^TLS verification is off: the kubeconfig sets insecure-skip-tls-verify: true, and the certificate-authority next to it is ignored$/,
      evidence: [/^kubeconfig cluster entry: insecure-skip-tls-verify: true/, /^certificate-authority\(-data\) is set but not used/, /^the bearer token is sent to whoever answers at this address/],
      remediation: /^Remove insecure-skip-tls-verify from the kubeconfig's cluster entry and set certificate-authority-data/,
    });
    assert.equal(runClusterChecks(evidence)[0]?.id, 'identity.tls');
    const withoutCa = checkConnection(healthyEvidence({ connection: { insecureSkipTlsVerify: true, certificateAuthority: false } }));
    assert.equal(withoutCa?.evidence.length, 2);
  });

});
