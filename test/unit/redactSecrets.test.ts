import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactKnownSecrets, redactSecrets } from '../../src/core/report/redactSecrets';

/**
 * The regular expressions redactSecrets used before it became linear: the oracle for its output. One intended
 * difference: a key may now follow `_` (`refresh_token=…`, `client_secret: …`), where `\b` did not match.
 */
const PREVIOUS: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g, '[redacted PEM block]'],
  [/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]'],
  [/(?<![A-Za-z0-9])(token|client-key-data|client-certificate-data|certificate-authority-data|password|secret)(\s*[:=]\s*)("?)[^\s",}]{4,}\3/gi, '$1$2$3[redacted]$3'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, '[redacted JWT]'],
];

function previous(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PREVIOUS) result = result.replace(pattern, replacement);
  return result;
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces that make the patterns match, almost match, and overlap. */
const PIECES = ['eyJ', 'eyJ', 'abcdefghij', 'abc', '-', '.', '_', ' ', '\n', 'x', '-----BEGIN ', '-----END ', 'RSA KEY', 'A', '-----', 'Bearer', 'bearer ', 'token', ':', '=', '"', ',', '}', 'password', 'secret', '0123456789', 'é', 'Zz'];

describe('redactSecrets', () => {
  it('gives the same output as the previous regular expressions on 20,000 generated texts', () => {
    const next = random(7808);
    for (let round = 0; round < 20_000; round++) {
      let text = '';
      const length = 1 + Math.floor(next() * 40);
      for (let index = 0; index < length; index++) text += PIECES[Math.floor(next() * PIECES.length)] ?? '';
      assert.equal(redactSecrets(text), previous(text), JSON.stringify(text));
    }
  });

  it('redacts the documented shapes and leaves ordinary text alone', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJrdWJlcm5ldGVzIn0.c2lnbmF0dXJlc2ln';
    assert.equal(redactSecrets(`a ${jwt} b`), 'a [redacted JWT] b');
    assert.equal(redactSecrets('x -----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY----- y'), 'x [redacted PEM block] y');
    assert.equal(redactSecrets('Authorization: Bearer abcdefgh12345678'), 'Authorization: Bearer [redacted]');
    assert.equal(redactSecrets('token: "abcdef"'), 'token: "[redacted]"');
    assert.equal(redactSecrets('oidc: refresh_token=r3fr3sh-abc, client_secret: s3cr3t-xyz'), 'oidc: refresh_token=[redacted], client_secret: [redacted]');
    assert.equal(redactSecrets('calico-node ready 5/5 on server-1'), 'calico-node ready 5/5 on server-1');
  });

  it('replaces known secrets wherever they appear, longest first', () => {
    const token = '0f3a9c1d2e4b5a6978c1d2e3f4a5b6c7';
    assert.equal(redactKnownSecrets(`User cannot list nodes (token ${token}, again ${token})`, [token, token.slice(0, 8)]), 'User cannot list nodes (token [redacted], again [redacted])');
    assert.equal(redactKnownSecrets('abc', ['abc']), 'abc', 'secrets shorter than 4 characters are not looked for');
  });

  it('stays linear: 10 MB adversarial inputs each take well under 2 s', () => {
    const size = 10 * 1024 * 1024;
    const fill = (unit: string): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
    const inputs: Record<string, string> = {
      'eyJ- run (34 s for 256 KB before)': fill('eyJ-'),
      'eyJ run with dots': fill('eyJabcdefghijk.'),
      'BEGIN headers without END': fill('-----BEGIN A-----'),
      'END lines without BEGIN': fill('-----END A-----'),
      'BEGIN then invalid ENDs': `-----BEGIN A-----${fill('-----END a')}`,
      'Bearer repeated': fill('Bearer '),
      'Bearer then whitespace': `Bearer${' '.repeat(size)}`,
      'open quotes after token:': fill('token:"aaaa '),
      'token then whitespace': `token${' '.repeat(size)}`,
      'keywords glued by dashes': fill('token-'),
      'keywords glued by underscores': fill('_token_secret'),
      'random text': Array.from({ length: size / 16 }, (_, index) => (index * 2654435761).toString(36).padEnd(16, ' ')).join(''),
    };
    const timings: string[] = [];
    for (const [name, text] of Object.entries(inputs)) {
      const started = performance.now();
      redactSecrets(text);
      const ms = performance.now() - started;
      timings.push(`${name}: ${ms.toFixed(0)} ms`);
      assert.ok(ms < 2000, `${name}: ${ms.toFixed(0)} ms for ${text.length} characters`);
    }
    if (process.env.REDACT_TIMINGS) process.stdout.write(`${timings.join('\n')}\n`);
  });
});
