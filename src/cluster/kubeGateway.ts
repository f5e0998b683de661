import type * as https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import type { ApiResult } from '../core/kube/apiResult';
import type { ClusterReader, ListQuery, ListResult, LogQuery, ReadOptions } from '../core/kube/clusterReader';
import { httpGet, httpGetStream, type RawResult } from './httpGet';
import type { KubeconfigChoice } from './kubeconfigDiscovery';

export interface GatewayTuning {
  /** Per request. */
  readonly timeoutMs: number;
  /** Extra attempts on 429/5xx. */
  readonly retries: number;
  readonly maxBytes: number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_TUNING: GatewayTuning = { timeoutMs: 15_000, retries: 3, maxBytes: 256 * 1024 * 1024 };

export type OpenResult =
  | { readonly ok: true; readonly reader: ClusterReader; readonly contexts: readonly string[]; readonly context: string }
  | { readonly ok: false; readonly error: string };

function loadKubeConfig(choice: KubeconfigChoice): KubeConfig {
  const config = new KubeConfig();
  // Several KUBECONFIG files are merged the way kubectl merges them; client-node does that from the environment.
  if (choice.origin === 'KUBECONFIG' && choice.paths.length > 1) config.loadFromDefault();
  else config.loadFromFile(choice.paths[0] ?? '');
  return config;
}

/**
 * Opens the cluster of a kubeconfig context for reading. The kubeconfig is only read (client-node handles tokens,
 * client certificates, exec plugins and proxies); nothing is written back.
 */
export function openCluster(choice: KubeconfigChoice, context: string | undefined, tuning: GatewayTuning = DEFAULT_TUNING): OpenResult {
  let config: KubeConfig;
  try {
    config = loadKubeConfig(choice);
  } catch (error) {
    return { ok: false, error: `cannot load kubeconfig ${choice.paths.join(', ')}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const contexts = config.getContexts().map((entry) => entry.name);
  if (contexts.length === 0) return { ok: false, error: `kubeconfig ${choice.paths.join(', ')} has no contexts` };
  if (context !== undefined) {
    if (!contexts.includes(context)) return { ok: false, error: `context "${context}" is not in the kubeconfig (it has: ${contexts.join(', ')})` };
    config.setCurrentContext(context);
  }
  const cluster = config.getCurrentCluster();
  if (!cluster) return { ok: false, error: `context "${config.getCurrentContext()}" names no cluster` };
  let server: URL;
  try {
    server = new URL(cluster.server);
  } catch {
    return { ok: false, error: `the server URL of context "${config.getCurrentContext()}" is not a URL` };
  }
  if (server.protocol !== 'https:') return { ok: false, error: `only https API servers are supported (got ${server.protocol})` };
  return { ok: true, reader: new KubeReader(config, server, tuning), contexts, context: config.getCurrentContext() };
}

function withQuery(path: string, parameters: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${text}`;
}

class KubeReader implements ClusterReader {
  readonly identity: { readonly context: string; readonly server: string };

  constructor(
    private readonly config: KubeConfig,
    private readonly server: URL,
    private readonly tuning: GatewayTuning,
  ) {
    this.identity = { context: config.getCurrentContext(), server: server.origin };
  }

  private async request(path: string): Promise<https.RequestOptions | { kind: 'unauthorized'; message: string }> {
    const request: https.RequestOptions = {
      protocol: 'https:',
      hostname: this.server.hostname.replace(/^\[|\]$/g, ''),
      port: this.server.port === '' ? 443 : Number(this.server.port),
      path: `${this.server.pathname.replace(/\/$/, '')}${path}`,
      headers: { Accept: 'application/json' },
    };
    try {
      await this.config.applyToHTTPSOptions(request);
    } catch (error) {
      return { kind: 'unauthorized', message: `could not get credentials from the kubeconfig: ${error instanceof Error ? error.message : String(error)}` };
    }
    return request;
  }

  private tuningFor(options: ReadOptions | undefined): Parameters<typeof httpGet>[1] {
    return { timeoutMs: this.tuning.timeoutMs, retries: this.tuning.retries, maxBytes: this.tuning.maxBytes, ...(options?.signal ? { signal: options.signal } : {}), ...(this.tuning.sleep ? { sleep: this.tuning.sleep } : {}) };
  }

  private async raw(path: string, options: ReadOptions | undefined): Promise<RawResult> {
    const request = await this.request(path);
    if ('kind' in request) return request;
    return httpGet(request, this.tuningFor(options));
  }

  private async json(path: string, options: ReadOptions | undefined): Promise<ApiResult<unknown> | { kind: 'gone'; message: string }> {
    const outcome = await this.raw(path, options);
    if (outcome.kind !== 'ok') return outcome;
    try {
      return { kind: 'ok', value: JSON.parse(outcome.value) as unknown };
    } catch {
      return { kind: 'malformed', message: `the API answered ${path} with a body that is not JSON` };
    }
  }

  async get(path: string, options?: ReadOptions): Promise<ApiResult<unknown>> {
    const outcome = await this.json(path, options);
    return outcome.kind === 'gone' ? { kind: 'http-error', status: 410, message: outcome.message } : outcome;
  }

  /** Follows `continue` tokens; a 410 (expired token) restarts the list once from the beginning. */
  async list(path: string, query: ListQuery = {}, options?: ReadOptions): Promise<ApiResult<ListResult>> {
    const maxItems = query.maxItems ?? Number.POSITIVE_INFINITY;
    let restarted = false;
    let items: unknown[] = [];
    let token: string | undefined;
    for (;;) {
      const page = await this.json(withQuery(path, { labelSelector: query.labelSelector, fieldSelector: query.fieldSelector, limit: query.limit ?? 500, continue: token }), options);
      if (page.kind === 'gone') {
        if (restarted || token === undefined) return { kind: 'http-error', status: 410, message: page.message };
        restarted = true;
        items = [];
        token = undefined;
        continue;
      }
      if (page.kind !== 'ok') return page;
      const body = page.value as { items?: unknown; metadata?: { continue?: unknown } } | null;
      if (body === null || typeof body !== 'object' || !Array.isArray(body.items)) return { kind: 'malformed', message: `the API answered ${path} without an items list` };
      items.push(...(body.items as unknown[]));
      const next = body.metadata?.continue;
      token = typeof next === 'string' && next !== '' ? next : undefined;
      if (items.length >= maxItems) return { kind: 'ok', value: { items: items.slice(0, maxItems), truncated: token !== undefined || items.length > maxItems } };
      if (token === undefined) return { kind: 'ok', value: { items, truncated: false } };
    }
  }

  async followPodLog(namespace: string, pod: string, query: LogQuery, onText: (text: string) => void, options?: ReadOptions): Promise<ApiResult<undefined>> {
    const request = await this.request(`${logPath(namespace, pod, query)}&follow=true`);
    if ('kind' in request) return request;
    return httpGetStream(request, this.tuningFor(options), onText);
  }

  async podLog(namespace: string, pod: string, query: LogQuery, options?: ReadOptions): Promise<ApiResult<string>> {
    const path = logPath(namespace, pod, query);
    const outcome = await this.raw(path, options);
    return outcome.kind === 'gone' ? { kind: 'http-error', status: 410, message: outcome.message } : outcome;
  }
}

/** `…/pods/NAME/log?container=…` with the query; always has a `?` so more parameters can follow. */
function logPath(namespace: string, pod: string, query: LogQuery): string {
  return withQuery(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log?timestamps=false`, {
    container: query.container,
    previous: query.previous === true ? true : undefined,
    tailLines: query.tailLines,
    sinceSeconds: query.sinceSeconds,
    limitBytes: query.limitBytes,
  });
}
