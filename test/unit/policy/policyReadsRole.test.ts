import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECK_READS, CLUSTER_READS, combineReads, readsAllow, type ClusterRead } from '../../../src/core/checks/clusterReads';
import { POLICY_READS } from '../../../src/core/policy/policyReads';

describe('the policy reads in the product role', () => {
  it('every policy read and every check read is allowed by the combined role; only get and list', () => {
    for (const read of [...CHECK_READS, ...POLICY_READS]) {
      for (const verb of read.verbs) {
        for (const namespace of read.namespaces ?? [undefined]) {
          for (const name of read.names ?? [verb === 'get' ? 'any' : undefined]) {
            assert.ok(readsAllow(CLUSTER_READS, { verb, apiGroup: read.apiGroup, resource: read.resource, namespace, name }), `${verb} ${read.resource} ${namespace ?? ''} ${name ?? ''}`);
          }
        }
      }
    }
    assert.ok(CLUSTER_READS.every((read) => read.verbs.every((verb) => verb === 'get' || verb === 'list')));
  });

  it('a namespaced read a cluster-wide one already grants is folded into it, with its purpose', () => {
    const wide: ClusterRead = { apiGroup: '', resource: 'pods', verbs: ['get', 'list'], usedBy: 'explain' };
    const narrow: ClusterRead = { apiGroup: '', resource: 'pods', verbs: ['list'], namespaces: ['kube-system'], usedBy: 'helm-install pods' };
    const named: ClusterRead = { apiGroup: '', resource: 'configmaps', verbs: ['get'], names: ['x'], namespaces: ['a'], usedBy: 'x' };
    assert.deepEqual(combineReads([narrow, named], [wide]), [named, { ...wide, usedBy: 'explain; helm-install pods' }]);
    // A wider verb set in the namespace keeps its own rule.
    const watch: ClusterRead = { ...narrow, verbs: ['list', 'watch'] };
    assert.equal(combineReads([watch], [wide]).length, 2);
  });
});
