import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { runInProcess } from './cliHarness';

const CORPUS = join(__dirname, '../../../test/corpus/files');
/** The docs examples are independent snippets: each is linted on its own, not as one repository. */
const DOCS = 'rancher/rke2-docs';
const TEMPLATE = /\.(?:j2|jinja2?|tpl|tftpl|tmpl|gotmpl)$|[\\/]templates[\\/]/;

interface Found {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

function tsv(path: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const names = (header ?? '').split('\t');
  return rows.map((row) => Object.fromEntries(row.split('\t').map((cell, index) => [names[index] ?? '', cell])));
}

async function lint(target: string): Promise<Found[]> {
  const run = await runInProcess(['lint', target, '--format', 'json']);
  assert.ok(run.code === 0 || run.code === 1, `lint ${target}: exit ${run.code} ${run.stderr}`);
  const json = JSON.parse(run.stdout) as { findings: { file: string; line: number; code: string }[] };
  return json.findings.map((finding) => ({ file: relative(CORPUS, finding.file), line: finding.line, code: finding.code }));
}

function repositories(): string[] {
  return readdirSync(CORPUS).filter((owner) => statSync(join(CORPUS, owner)).isDirectory()).flatMap((owner) => readdirSync(join(CORPUS, owner)).map((repo) => `${owner}/${repo}`));
}

function filesUnder(folder: string): string[] {
  return readdirSync(join(CORPUS, folder), { recursive: true, encoding: 'utf8' }).map((entry) => `${folder}/${entry}`).filter((path) => statSync(join(CORPUS, path)).isFile());
}

const key = (found: Found): string => `${found.file}:${found.line} ${found.code}`;

describe('the file corpus (test/corpus/files): real files from public repositories and the RKE2 docs', () => {
  it('lints every repository folder as a user would, and every docs example and template file on its own, with exactly the expected findings', async () => {
    const expected = new Set(tsv(join(CORPUS, 'EXPECTED.tsv')).map((row) => `${row.file ?? ''}:${row.line ?? ''} ${row.code ?? ''}`));
    const provenance = tsv(join(CORPUS, 'PROVENANCE.tsv'));
    const seen = new Set<string>();
    const unexpected: string[] = [];
    let runs = 0;
    const record = (found: readonly Found[], label: string): void => {
      for (const finding of found) {
        if (expected.has(key(finding))) seen.add(key(finding));
        else unexpected.push(`${key(finding)} (lint ${label})`);
      }
    };
    for (const repository of repositories()) {
      if (repository === DOCS) continue;
      runs++;
      record(await lint(join(CORPUS, repository)), repository);
    }
    const alone = [...filesUnder(DOCS), ...repositories().filter((repository) => repository !== DOCS).flatMap(filesUnder).filter((path) => TEMPLATE.test(path))];
    for (const file of alone) {
      runs++;
      record(await lint(join(CORPUS, file)), file);
    }
    const missed = [...expected].filter((entry) => !seen.has(entry));
    const repos = new Set(provenance.map((row) => row.repo)).size;
    console.log([
      `file corpus: ${provenance.length} files from ${repos} repositories (${provenance.filter((row) => row.repo === DOCS).length} RKE2 docs examples), ${runs} lint runs`,
      `  expected findings ${expected.size}, found ${seen.size}, unexpected ${unexpected.length}, missed ${missed.length}`,
      ...unexpected.map((entry) => `  unexpected ${entry}`),
      ...missed.map((entry) => `  missed ${entry}`),
    ].join('\n'));
    assert.deepEqual(unexpected, []);
    assert.deepEqual(missed, []);
  });
});
