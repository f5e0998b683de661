import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeText } from '../../../src/core/kube/describeText';
import { pod } from '../../builders/kubeObjects';

describe('describeText (the editor\'s Describe)', () => {
  it('shows a pod\'s node, containers with their waiting reason and restarts, conditions, and its events oldest first', () => {
    const stuck = pod({ name: 'calico-node-7xk2d', namespace: 'calico-system', nodeName: 'agent-1', waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' }, restarts: 4, lastTerminated: 'Error' });
    const events = [
      { type: 'Warning', reason: 'BackOff', count: 20, lastTimestamp: '2026-06-30T09:12:00Z', source: { component: 'kubelet' }, message: 'Back-off pulling image "calico/node:v3.29.2"' },
      { type: 'Normal', reason: 'Scheduled', lastTimestamp: '2026-06-30T09:00:00Z', source: { component: 'default-scheduler' }, message: 'Successfully assigned calico-system/calico-node-7xk2d to agent-1' },
    ];
    const text = describeText(stuck, events);
    assert.match(text, /^Name: {7}calico-node-7xk2d\nNamespace: {2}calico-system\nKind: {7}Pod\n/);
    assert.match(text, /Node: {7}agent-1/);
    assert.match(text, /Waiting \(ImagePullBackOff\): Back-off pulling image, ready no, restarts 4, last terminated: Error/);
    assert.match(text, /Conditions:\n {2}Ready=False/);
    const scheduled = text.indexOf('Scheduled');
    const backOff = text.indexOf('BackOff (x20)');
    assert.ok(scheduled > 0 && backOff > scheduled, 'events oldest first, with their count');
  });

  it('says when an object has no events', () => {
    assert.match(describeText({ kind: 'Node', metadata: { name: 'agent-1' } }, []), /Events:\n {2}<none>\n$/);
  });
});
