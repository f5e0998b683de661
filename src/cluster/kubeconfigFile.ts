import { dirname, isAbsolute, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { readBoundedFile } from './boundedFile';

/**
 * Reads kubeconfig files as kubectl does, without client-node's unbounded reads: each file (and each CA, client
 * certificate, client key and token file it names) is a regular file read with a size cap (readBoundedFile), and
 * the files it names are inlined as `…-data` so client-node never opens them. What cannot be loaded is said in one
 * line, in kubectl's words: `error loading config file "x": …`, never with a parser excerpt.
 */

/** Kubeconfigs Rancher generates for hundreds of clusters stay well under this. */
export const MAX_KUBECONFIG_BYTES = 16 * 1024 * 1024;
/** A CA bundle, a certificate, a key or a token: the system CA bundle is some 200 KB. */
const MAX_REFERENCED_FILE_BYTES = 4 * 1024 * 1024;

export type LoadedKubeconfig = { readonly ok: true; readonly config: KubeConfig } | { readonly ok: false; readonly error: string };

type Json = Record<string, unknown>;

/** File references that could not be read, by the cluster or user entry that holds them: said when that one is used. */
const problems = new WeakMap<KubeConfig, ReadonlyMap<string, string>>();

const clusterKey = (name: string): string => `cluster\u0000${name}`;
const userKey = (name: string): string => `user\u0000${name}`;

/** Why the cluster or user of `config`'s current context cannot be used (a file it names is unreadable). */
export function kubeconfigProblem(config: KubeConfig): string | undefined {
  const found = problems.get(config);
  if (!found) return undefined;
  const context = config.getContextObject(config.getCurrentContext());
  return (context ? found.get(clusterKey(context.cluster)) : undefined) ?? (context?.user !== undefined ? found.get(userKey(context.user)) : undefined);
}

/** A copy of `config` (another KubeConfig for one context) keeps the file problems of the original. */
export function keepKubeconfigProblems(from: KubeConfig, to: KubeConfig): void {
  const found = problems.get(from);
  if (found) problems.set(to, found);
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

/** Binary content: a NUL byte, or bytes that are not UTF-8. */
function isBinary(data: Buffer): boolean {
  if (data.includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return false;
  } catch {
    return true;
  }
}

/** The first line of a YAML parser's message, without the excerpt of the file it appends. */
function parserReason(error: unknown): string {
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  return first.replace(/:\s*$/, '').slice(0, 200);
}

/** Inlines the files named by the entries of `list` (`clusters` or `users`), recording those that cannot be read. */
function inlineFiles(document: Json, listKey: 'clusters' | 'users', entryKey: 'cluster' | 'user', fields: readonly (readonly [string, string])[], folder: string, found: Map<string, string>): void {
  const list = document[listKey];
  if (!Array.isArray(list)) return;
  for (const item of list) {
    if (!isObject(item) || !isObject(item[entryKey])) continue;
    const entry = item[entryKey];
    const name = typeof item.name === 'string' ? item.name : '';
    for (const [fileField, dataField] of fields) {
      const path = entry[fileField];
      if (typeof path !== 'string' || path === '') continue;
      Reflect.deleteProperty(entry, fileField);
      if (typeof entry[dataField] === 'string' && entry[dataField] !== '') continue;
      const full = isAbsolute(path) ? path : join(folder, path);
      const read = readBoundedFile(full, MAX_REFERENCED_FILE_BYTES);
      if (!read.ok) {
        const key = (entryKey === 'cluster' ? clusterKey : userKey)(name);
        // The first file that cannot be read is the one named.
        if (!found.has(key)) found.set(key, `the ${fileField} "${full}" of ${entryKey} "${name}" cannot be read: ${read.error}`);
        continue;
      }
      entry[dataField] = dataField === 'token' ? read.data.toString('utf8').trim() : read.data.toString('base64');
    }
    // client-node's in-cluster token file: made absolute here, read (bounded) by the gateway's auth-provider source.
    const provider = entry['auth-provider'];
    if (isObject(provider) && isObject(provider.config) && typeof provider.config.tokenFile === 'string' && !isAbsolute(provider.config.tokenFile)) {
      provider.config.tokenFile = join(folder, provider.config.tokenFile);
    }
  }
}

/** One file, parsed, checked for the shape of a kubeconfig, its referenced files inlined. */
function readOne(path: string, found: Map<string, string>): { ok: true; document: Json } | { ok: false; error: string } {
  const fail = (why: string): { ok: false; error: string } => ({ ok: false, error: `error loading config file "${path}": ${why}` });
  const read = readBoundedFile(path, MAX_KUBECONFIG_BYTES);
  if (!read.ok) return fail(read.error);
  if (isBinary(read.data)) return fail('it holds binary data, not a kubeconfig (YAML)');
  const text = read.data.toString('utf8');
  if (text.trim() === '') return fail('the file is empty');
  let document: unknown;
  try {
    document = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    return fail(`not valid YAML: ${parserReason(error)}`);
  }
  if (!isObject(document)) return fail(`not a kubeconfig: the file holds ${describeValue(document)}, not a mapping with clusters, contexts and users`);
  for (const key of ['clusters', 'contexts', 'users']) {
    if (document[key] !== undefined && document[key] !== null && !Array.isArray(document[key])) return fail(`not a kubeconfig: ${key} is ${describeValue(document[key])}, not a list`);
  }
  const folder = dirname(path);
  inlineFiles(document, 'clusters', 'cluster', [['certificate-authority', 'certificate-authority-data']], folder, found);
  inlineFiles(document, 'users', 'user', [['client-certificate', 'client-certificate-data'], ['client-key', 'client-key-data'], ['token-file', 'token']], folder, found);
  return { ok: true, document };
}

/** Entries of every file by name, the first file that names one winning (kubectl's merge rule). */
function merged(documents: readonly Json[], key: string): unknown[] {
  const seen = new Set<string>();
  const entries: unknown[] = [];
  for (const document of documents) {
    const list = document[key];
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const name = isObject(entry) && typeof entry.name === 'string' ? entry.name : undefined;
      if (name !== undefined && seen.has(name)) continue;
      if (name !== undefined) seen.add(name);
      entries.push(entry);
    }
  }
  return entries;
}

/** The kubeconfig of one or several files (KUBECONFIG's list, merged as kubectl merges it). */
export function loadKubeconfigFiles(paths: readonly string[]): LoadedKubeconfig {
  const found = new Map<string, string>();
  const documents: Json[] = [];
  for (const path of paths) {
    const one = readOne(path, found);
    if (!one.ok) return one;
    documents.push(one.document);
  }
  const current = documents.map((document) => document['current-context']).find((value) => typeof value === 'string' && value !== '');
  const config = new KubeConfig();
  try {
    config.loadFromString(JSON.stringify({ clusters: merged(documents, 'clusters'), contexts: merged(documents, 'contexts'), users: merged(documents, 'users'), ...(current !== undefined ? { 'current-context': current } : {}) }));
  } catch (error) {
    return { ok: false, error: `error loading config file "${paths.join(', ')}": ${parserReason(error)}` };
  }
  problems.set(config, found);
  return { ok: true, config };
}
