import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLUSTER_CHECKS, runClusterChecks } from '../../../src/core/checks/runClusterChecks';
import { healthyEvidence, otherCni } from '../../builders/clusterEvidence';

describe('every cluster check', () => {
  it('passes on the healthy evidence the per-check tests start from (Windows is skipped: no Windows node)', () => {
    const notPassing = runClusterChecks(healthyEvidence()).filter((check) => check.status !== 'pass').map((check) => `${check.id}: ${check.status}`);
    assert.deepEqual(notPassing, ['nodes.windows: skipped']);
  });

  it('is skipped, saying why, when another CNI is deployed, except the ones that matter to any CNI', () => {
    const results = runClusterChecks(healthyEvidence(otherCni('rke2-cilium')));
    assert.equal(results.length, CLUSTER_CHECKS.length);
    for (const { definition, calicoOnly } of CLUSTER_CHECKS) {
      const result = results.find((check) => check.id === definition.id);
      assert.ok(result, definition.id);
      if (calicoOnly) {
        assert.deepEqual([result.status, result.summary, result.evidence, result.remediation], ['skipped', "skipped: Calico is not this cluster's CNI (rke2-cilium)", [], undefined], definition.id);
      } else {
        assert.notEqual(result.summary, "skipped: Calico is not this cluster's CNI (rke2-cilium)", definition.id);
      }
    }
    assert.deepEqual(CLUSTER_CHECKS.filter((check) => !check.calicoOnly).map((check) => check.definition.id), ['identity.versions', 'install.cni', 'nodes.ready']);
  });
});
