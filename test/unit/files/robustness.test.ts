import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lintFile } from '../../../src/core/files/lintFile';

/** A small deterministic generator, so a failing input can be reproduced from the seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIXTURES = join(__dirname, '../../../../test/fixtures/workspace');
function fixtureTexts(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? fixtureTexts(path) : [readFileSync(path, 'utf8')];
  });
}

const PIECES = ['\n', ' ', '  ', ':', '- ', '[', ']', '{', '}', '"', "'", '|', '>', '&a', '*a', '!!str ', '#', ',', '\t', '\u0000', 'cni', 'calico', 'v1.36.5', 'valuesContent: |-\n', 'kind: HelmChartConfig\n', 'apiVersion: helm.cattle.io/v1\n', '+', '%', '@', '`', '\r\n', '\uFEFF', '\uD800'];
const PATHS = ['/etc/rancher/rke2/config.yaml', '/m/rke2-calico-config.yaml', '/r/cluster.yaml'];

function mutate(text: string, next: () => number): string {
  let result = text;
  const edits = 1 + Math.floor(next() * 8);
  for (let edit = 0; edit < edits; edit++) {
    const position = Math.floor(next() * (result.length + 1));
    const choice = next();
    if (choice < 0.4) result = result.slice(0, position) + (PIECES[Math.floor(next() * PIECES.length)] ?? '') + result.slice(position);
    else if (choice < 0.7) result = result.slice(0, position) + result.slice(position + 1 + Math.floor(next() * 20));
    else if (choice < 0.85) {
      const lines = result.split('\n');
      const line = Math.floor(next() * lines.length);
      lines.splice(line, 0, lines[Math.floor(next() * lines.length)] ?? '');
      result = lines.join('\n');
    } else result = result.slice(0, position) + String.fromCharCode(Math.floor(next() * 0xffff)) + result.slice(position);
  }
  return result;
}

/** A generous bound that only a hang or catastrophic backtracking would break; speed itself is measured in bench/. */
const HANG_GUARD_MS = 2000;

function lintTimed(path: string, text: string): void {
  const started = performance.now();
  const result = lintFile(path, text, { context: { rke2Version: { value: 'v1.31.7+rke2r1', source: 'fuzz' }, clusterCidr: { value: ['10.42.0.0/16'], source: 'fuzz' } } });
  const elapsed = performance.now() - started;
  assert.ok(elapsed < HANG_GUARD_MS, `${path} took ${elapsed.toFixed(0)} ms for ${JSON.stringify(text.slice(0, 200))}`);
  for (const finding of result.findings) {
    assert.ok(finding.span.start >= 0 && finding.span.end <= text.length + 1 && finding.span.start <= finding.span.end, 'span within the text');
  }
}

describe('linting never throws and finishes quickly', () => {
  it('on 3,000 mutated fixture documents', () => {
    const seeds = fixtureTexts(FIXTURES);
    const next = random(7808);
    for (let round = 0; round < 3000; round++) {
      const base = seeds[round % seeds.length] ?? '';
      lintTimed(PATHS[round % PATHS.length] ?? '', mutate(base, next));
    }
  });

  it('on 1,000 random documents made of YAML pieces', () => {
    const next = random(3292);
    for (let round = 0; round < 1000; round++) {
      const length = Math.floor(next() * 200);
      const text = Array.from({ length }, () => PIECES[Math.floor(next() * PIECES.length)] ?? '').join('');
      lintTimed(PATHS[round % PATHS.length] ?? '', text);
    }
  });

  it('on binary input, alias bombs and deep nesting', () => {
    const binary = String.fromCharCode(...Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256));
    const bomb = ['apiVersion: helm.cattle.io/v1', 'kind: HelmChartConfig', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 40 }, (_, index) => `a${index + 1}: &a${index + 1} [${Array(10).fill(`*a${index}`).join(', ')}]`), ''].join('\n');
    const deepFlow = `apiVersion: helm.cattle.io/v1\nkind: HelmChartConfig\nx: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`;
    const deepBlock = `cni: calico\n${Array.from({ length: 2000 }, (_, index) => `${' '.repeat(index)}k${index}:`).join('\n')}\n`;
    const deepImage = `image: mirrored-calico-node:v3.29.2\nx: ${'['.repeat(20_000)}\n`;
    for (const text of [binary, bomb, deepFlow, deepBlock, deepImage]) {
      for (const path of PATHS) lintTimed(path, text);
    }
  });

  it('caps a flood of syntax errors with one summary', () => {
    const syntax = lintFile('/etc/rancher/rke2/config.yaml', `cni: ${'['.repeat(2000)}`).findings.filter((finding) => finding.code === 'yaml-syntax');
    assert.equal(syntax.length, 51);
    assert.ok(syntax.some((finding) => /\d+ more YAML syntax errors follow/.test(finding.message)));
  });
});
