import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { kubeconfigProblem, loadKubeconfigFiles } from '../../src/cluster/kubeconfigFile';

const folder = mkdtempSync(join(tmpdir(), 'kubeconfig-file-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(folder, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const config = (context: string, server: string, extra = ''): string => `apiVersion: v1
kind: Config
clusters:
- name: ${context}
  cluster:
    server: ${server}
${extra}users:
- name: ${context}
  user: {token: t-${context}}
contexts:
- name: ${context}
  context: {cluster: ${context}, user: ${context}}
- name: shared
  context: {cluster: ${context}, user: ${context}}
current-context: ${context}
`;

describe('loadKubeconfigFiles', () => {
  it('merges KUBECONFIG files as kubectl does: the first file to name an entry, and the first current-context, win', () => {
    const loaded = loadKubeconfigFiles([file('a.yaml', config('a', 'https://a.example:6443')), file('b.yaml', config('b', 'https://b.example:6443'))]);
    assert.ok(loaded.ok);
    assert.deepEqual(loaded.config.getContexts().map((context) => context.name), ['a', 'shared', 'b']);
    assert.equal(loaded.config.getCurrentContext(), 'a');
    assert.equal(loaded.config.getContextObject('shared')?.cluster, 'a');
  });

  it('inlines a relative certificate-authority, resolved against the kubeconfig folder', () => {
    file('nested/ca.crt', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const loaded = loadKubeconfigFiles([file('nested/config', config('c', 'https://c.example:6443', '    certificate-authority: ca.crt\n'))]);
    assert.ok(loaded.ok);
    const cluster = loaded.config.getCurrentCluster();
    assert.equal(cluster?.caFile, undefined);
    assert.match(Buffer.from(cluster?.caData ?? '', 'base64').toString('utf8'), /BEGIN CERTIFICATE/);
    assert.equal(kubeconfigProblem(loaded.config), undefined);
  });

  it('a missing file of one entry is said when that entry is used, not before', () => {
    const loaded = loadKubeconfigFiles([file('missing-ca.yaml', config('d', 'https://d.example:6443', '    certificate-authority: /no/such/ca.crt\n'))]);
    assert.ok(loaded.ok);
    assert.equal(kubeconfigProblem(loaded.config), 'the certificate-authority "/no/such/ca.crt" of cluster "d" cannot be read: no such file');
  });

  it('a list where a mapping belongs, a scalar document, an entry without a server: one line each', () => {
    const cases: readonly (readonly [string, RegExp])[] = [
      ['clusters: {a: 1}\n', /: not a kubeconfig: clusters is a mapping, not a list$/],
      ['just text\n', /: not a kubeconfig: the file holds a string, not a mapping with clusters, contexts and users$/],
      ['clusters:\n- name: x\n  cluster: {}\n', /: clusters\[0\]\.cluster\.server is missing$/],
    ];
    for (const [text, message] of cases) {
      const loaded = loadKubeconfigFiles([file('bad.yaml', text)]);
      assert.ok(!loaded.ok);
      assert.match(loaded.error, message);
      assert.ok(!loaded.error.includes('\n'));
    }
  });
});
