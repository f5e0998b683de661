import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Utf8Pieces } from '../../src/core/text/utf8Pieces';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

function decodedInChunks(bytes: Buffer, sizes: () => number): string {
  const decoder = new Utf8Pieces();
  let text = '';
  for (let start = 0; start < bytes.length;) {
    const end = Math.min(bytes.length, start + sizes());
    text += decoder.decode(bytes.subarray(start, end)).join('');
    start = end;
  }
  return text + decoder.end();
}

describe('UTF-8 pieces', () => {
  it('decodes exactly as one streaming decode, whatever the chunks, for valid and invalid UTF-8', () => {
    const next = random(7);
    // Mostly ASCII log text, with characters of 2, 3 and 4 bytes, stray continuation bytes, cut sequences and overlongs.
    const odd = [Buffer.from('é→мая😀', 'utf8'), Buffer.from([0x80]), Buffer.from([0xe2, 0x86]), Buffer.from([0xf0, 0x9f]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xff])];
    for (let round = 0; round < 12; round++) {
      const parts: Buffer[] = [];
      // Longer than a piece (64 KiB), in ASCII stretches and in stretches with other bytes.
      for (let size = 0; size < 200_000;) {
        const part = next() < (round % 2 === 0 ? 0.02 : 0.4) ? (odd[Math.floor(next() * odd.length)] ?? Buffer.alloc(0)) : Buffer.from('2025-02-19 14:25:19.914 [INFO][1] felix/x.go 1: line\n'.slice(0, 1 + Math.floor(next() * 60)), 'latin1');
        parts.push(part);
        size += part.length;
      }
      const bytes = Buffer.concat(parts);
      const expected = new TextDecoder().decode(bytes);
      const sizes = [() => bytes.length, () => 4096, () => 1 + Math.floor(next() * 9000), () => 1 + Math.floor(next() * 5)];
      for (const size of sizes) assert.equal(decodedInChunks(bytes, size), expected, `round ${round}`);
    }
  });

  it('says an unfinished character is invalid where it is, when ASCII follows it in the next chunk', () => {
    const decoder = new Utf8Pieces();
    const text = decoder.decode(Buffer.from([0x61, 0xe2, 0x86])).join('') + decoder.decode(Buffer.from('bc')).join('') + decoder.end();
    assert.equal(text, 'a\ufffdbc');
  });
});
