/**
 * The real-world log corpus (test/corpus/logs): excerpts people pasted into public issues, with provenance and hand
 * labels. Shared by the scoring test and the benchmark.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOG_CORPUS = join(__dirname, '../../../test/corpus/logs');

export interface LogExcerpt {
  readonly id: string;
  readonly source: string;
  readonly component: string;
  readonly kind: 'problem' | 'healthy';
  readonly path: string;
  /** Labelled line → family code. */
  readonly labels: ReadonlyMap<number, string>;
}

function tsv(path: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const names = (header ?? '').split('\t');
  return rows.map((row) => {
    const cells = row.split('\t');
    return Object.fromEntries(names.map((name, index) => [name, cells[index] ?? '']));
  });
}

/** Sealed batches: each labelled and committed before the scanner saw it (test/corpus/logs-sealed/batch-N). */
export const SEALED_LOG_BATCHES = join(__dirname, '../../../test/corpus/logs-sealed');

export function readLogCorpus(folder = LOG_CORPUS): LogExcerpt[] {
  const labels = tsv(join(folder, 'LABELS.tsv'));
  return tsv(join(folder, 'PROVENANCE.tsv')).map((row) => ({
    id: row.id ?? '',
    source: row.source ?? '',
    component: row.component ?? '',
    kind: row.kind === 'healthy' ? 'healthy' : 'problem',
    path: join(folder, `${row.id ?? ''}.log`),
    labels: new Map(labels.filter((label) => label.id === row.id).map((label) => [Number(label.line), label.family ?? ''])),
  }));
}

/**
 * The labels name failure families; the catalog names finer signatures. This maps each signature to the family a
 * labeller would use for its lines (signatures not listed are their own family).
 */
export const FAMILY_OF_SIGNATURE: Readonly<Record<string, string>> = {
  'cni-unauthorized': 'calico-unauthorized',
  'felix-datastore-unauthorized': 'calico-unauthorized',
  'network-unavailable-unauthorized': 'calico-unauthorized',
  'typha-count-unauthorized': 'typha-unauthorized',
  'typha-connection-limit-fallback': 'typha-unauthorized',
  'typha-forbidden': 'calico-forbidden',
  'calico-tiers-forbidden': 'calico-forbidden',
  'cni-token-forbidden': 'calico-forbidden',
  'calico-ipam-forbidden': 'calico-forbidden',
  'operator-migration-stuck': 'operator-failed',
  'etcd-join-failed': 'etcd-not-ready',
  'rke2-supervisor-not-ready': 'startup-transient',
  'rke2-runtime-core-not-ready': 'startup-transient',
  'apiserver-not-ready': 'startup-transient',
};
