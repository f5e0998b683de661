import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TriggerSearch } from '../../../src/core/logs/triggerSearch';

function hits(search: TriggerSearch, text: string, from: number, to: number): [string, number][] {
  const found: [string, number][] = [];
  search.search(text, from, to, (trigger, at) => found.push([trigger, at]));
  return found;
}

describe('trigger search', () => {
  // Short triggers (under the 8-character anchor) are found with indexOf, long ones through their anchors.
  const search = new TriggerSearch(['panic: ', 'FATA[', 'connection refused', 'Unauthorized']);
  const text = 'x panic: a\nFATA[0001] connection refused\nok\npanic: b Unauthorized\nFATA[';

  it('finds in a range exactly the occurrences that lie wholly inside it, as in the whole text', () => {
    const whole = hits(search, text, 0, text.length);
    assert.deepEqual(whole.map(([trigger]) => trigger), ['panic: ', 'FATA[', 'connection refused', 'panic: ', 'Unauthorized', 'FATA[']);
    for (let from = 0; from <= text.length; from++) {
      for (let to = from; to <= text.length; to++) {
        const expected = whole.filter(([trigger, at]) => at >= from && at + trigger.length <= to);
        assert.deepEqual(hits(search, text, from, to), expected, `${from}..${to}`);
      }
    }
  });
});
