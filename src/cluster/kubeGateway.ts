import type * as https from 'node:https';
import { dirname } from 'node:path';
import { KubeConfig, type User } from '@kubernetes/client-node';
import type { ConnectionFacts } from '../core/checks/clusterEvidence';
import type { ApiResult } from '../core/kube/apiResult';
import type { ClusterReader, ListQuery, ListResult, LogQuery, ReadOptions } from '../core/kube/clusterReader';
import { redactKnownSecrets, redactSecrets } from '../core/report/redactSecrets';
import { authProviderSource } from './authProviders';
import { execConfigOf, ExecCredentialSource, execSecrets, type CredentialOutcome, type CredentialSource, type ExecCredential } from './execCredential';
import { kubeconfigProblem, loadKubeconfigFiles, type LoadedKubeconfig } from './kubeconfigFile';
import { reuseConnections } from './connectionReuse';
import { byteBudget, httpGet, httpGetStream, type ByteBudget, type GatewayTuning, type ReadContext } from './httpGet';
import type { KubeconfigChoice } from './kubeconfigDiscovery';
// Fleet sources (kubeconfig contexts, the pod's service account, Rancher's cluster proxy) build their KubeConfig
// there and are bundled with this module, so client-node stays in the lazily loaded cluster.js.
export { contextKubeConfig, inClusterKubeConfig, rancherProxyKubeConfig } from './kubeConfigSources';

export type { GatewayTuning } from './httpGet';

/**
 * 64 MiB is some 3× the largest page a real cluster answers (1,000 nodes with their image lists); 128 MiB in flight
 * lets two such answers arrive at once.
 */
export const DEFAULT_TUNING: GatewayTuning = { timeoutMs: 15_000, retries: 3, maxBytes: 64 * 1024 * 1024, maxBytesInFlight: 96 * 1024 * 1024 };

/** What a reader opened by the gateway also tells: how the connection is secured, and how much it has received. */
export type GatewayReader = ClusterReader & { readonly connection: ConnectionFacts; readonly bytesReceived: () => number };

/**
 * Why a cluster could not be opened, so the editor can offer the next step: no kubeconfig found (discovery's answer,
 * never openCluster's), a file that cannot be loaded, no contexts, a context it lacks, or a cluster entry that cannot
 * be used (no cluster, no URL, not https).
 */
export type OpenFailureKind = 'no-kubeconfig' | 'unreadable' | 'no-contexts' | 'unknown-context' | 'bad-cluster';

export type OpenResult =
  | { readonly ok: true; readonly reader: GatewayReader; readonly contexts: readonly string[]; readonly context: string }
  | { readonly ok: false; readonly kind: OpenFailureKind; readonly error: string };

/** The answer to a `continue` token that expired: the list starts again. */
const GONE = 410;

/**
 * A list is read in at most this many pages, this many items and twice the per-answer byte limit: a server that
 * always answers with a new `continue` token would otherwise be paged without end (thousands of GETs a second,
 * memory without bound). 200 pages of 500 are 100,000 objects, above any list a check makes.
 */
const MAX_LIST_PAGES = 200;
const MAX_LIST_ITEMS = 100_000;
/** A real continue token is a few hundred characters; a longer one would be sent back in every request's URL. */
const MAX_CONTINUE_TOKEN_CHARS = 16 * 1024;

/** Messages quoted from outside (a server's Status, an exec plugin's stderr) are cut to this length. */
const MAX_MESSAGE_CHARS = 1000;

/** The kubeconfig of a choice: one file, or KUBECONFIG's files merged the way kubectl merges them. */
export function loadKubeConfig(choice: KubeconfigChoice): LoadedKubeconfig {
  const loaded = loadKubeconfigFiles(choice.origin === 'KUBECONFIG' ? choice.paths : choice.paths.slice(0, 1));
  // A message may quote a value of the file: redacted like everything from outside.
  return loaded.ok ? loaded : { ok: false, error: shorten(redactSecrets(loaded.error)) };
}

/**
 * Opens the cluster of a kubeconfig context for reading. The kubeconfig is only read (client-node handles tokens,
 * client certificates, exec plugins and proxies); nothing is written back.
 */
export function openCluster(choice: KubeconfigChoice, context: string | undefined, tuning: GatewayTuning = DEFAULT_TUNING): OpenResult {
  const loaded = loadKubeConfig(choice);
  if (!loaded.ok) return { ok: false, kind: 'unreadable', error: loaded.error };
  return openKubeConfig(loaded.config, { label: `kubeconfig ${choice.paths.join(', ')}`, ...(choice.paths.length === 1 && choice.paths[0] ? { baseDirectory: dirname(choice.paths[0]) } : {}) }, context, tuning);
}

/**
 * Opens a context of a kubeconfig already in memory (a file, the pod's service account, Rancher's cluster proxy).
 * `label` names where it came from in messages; `baseDirectory` resolves an exec plugin's relative command.
 */
export function openKubeConfig(config: KubeConfig, source: { readonly label: string; readonly baseDirectory?: string }, context: string | undefined, tuning: GatewayTuning = DEFAULT_TUNING): OpenResult {
  const contexts = config.getContexts().map((entry) => entry.name);
  if (contexts.length === 0) return { ok: false, kind: 'no-contexts', error: `${source.label} has no contexts` };
  if (context !== undefined) {
    if (!contexts.includes(context)) return { ok: false, kind: 'unknown-context', error: `context "${context}" is not in the kubeconfig (it has: ${contexts.join(', ')})` };
    config.setCurrentContext(context);
  }
  const problem = kubeconfigProblem(config);
  if (problem !== undefined) return { ok: false, kind: 'unreadable', error: problem };
  const cluster = config.getCurrentCluster();
  if (!cluster) return { ok: false, kind: 'bad-cluster', error: `context "${config.getCurrentContext()}" names no cluster` };
  let server: URL;
  try {
    server = new URL(cluster.server);
  } catch {
    return { ok: false, kind: 'bad-cluster', error: `the server URL of context "${config.getCurrentContext()}" is not a URL` };
  }
  if (server.protocol !== 'https:') return { ok: false, kind: 'bad-cluster', error: `only https API servers are supported (got ${server.protocol})` };
  const connection: ConnectionFacts = { insecureSkipTlsVerify: cluster.skipTLSVerify, certificateAuthority: Boolean(cluster.caData ?? cluster.caFile) };
  const user = config.getCurrentUser();
  const exec = execConfigOf(user?.exec);
  const helperOptions = { timeoutMs: tuning.timeoutMs, ...(source.baseDirectory !== undefined ? { baseDirectory: source.baseDirectory } : {}), ...(tuning.now ? { now: tuning.now } : {}) };
  const provider = exec ? undefined : authProviderSource(user?.authProvider, helperOptions);
  if (provider && !provider.ok) return { ok: false, kind: 'unreadable', error: `user "${user?.name ?? ''}": ${provider.message}` };
  let credentials: CredentialSource | undefined;
  if (user && (exec || provider)) {
    // Plugins and auth-provider helpers are run by this gateway (cached, bounded by the timeout), never by
    // client-node, which runs them once per request and, for gcp and azure, synchronously.
    const withoutHelper: User = { ...user, exec: undefined, authProvider: undefined };
    config.loadFromOptions({ clusters: config.clusters, contexts: config.contexts, users: config.users.map((entry) => (entry === user ? withoutHelper : entry)), currentContext: config.currentContext });
    credentials = exec ? new ExecCredentialSource(exec, helperOptions) : provider?.source;
  }
  const secrets = [user?.token, user?.password, user?.keyData, ...(exec ? execSecrets(exec) : []), ...(provider?.ok ? provider.secrets : [])].filter((value): value is string => typeof value === 'string' && value !== '');
  return { ok: true, reader: new KubeReader(config, server, tuning, connection, credentials, secrets), contexts, context: config.getCurrentContext() };
}

function shorten(message: string): string {
  return message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}…` : message;
}

function withQuery(path: string, parameters: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${text}`;
}

/** A prepared GET, with the exec credential it carries (so a 401 can retire it). */
interface Prepared {
  readonly request: https.RequestOptions;
  readonly credential: ExecCredential | undefined;
}

class KubeReader implements GatewayReader {
  readonly identity: { readonly context: string; readonly server: string };
  private readonly budget: ByteBudget;
  private readonly listBudget: ByteBudget;
  private received = 0;
  /** Credentials this reader sends or was given: never quoted in anything it returns. */
  private readonly secrets: Set<string>;

  constructor(
    private readonly config: KubeConfig,
    private readonly server: URL,
    private readonly tuning: GatewayTuning,
    readonly connection: ConnectionFacts,
    private readonly credentials: CredentialSource | undefined,
    secrets: readonly string[],
  ) {
    this.identity = { context: config.getCurrentContext(), server: server.origin };
    this.budget = byteBudget(tuning.maxBytesInFlight);
    this.listBudget = byteBudget(2 * tuning.maxBytes);
    this.secrets = new Set(secrets);
  }

  /** Body bytes (characters) of the successful answers received so far. */
  readonly bytesReceived = (): number => this.received;

  private remember(secret: string | undefined): void {
    if (secret !== undefined && secret.length >= 4) this.secrets.add(secret);
  }

  /** A failure's message as it may be shown: known secrets and secret-looking text redacted, and cut short. */
  private scrub<T extends { readonly kind: string }>(outcome: T): T {
    if (!('message' in outcome) || typeof outcome.message !== 'string') return outcome;
    return { ...outcome, message: shorten(redactKnownSecrets(outcome.message, this.secrets)) };
  }

  /** Text the cluster sent (a body, log text): only the secrets this reader knows are taken out. */
  private withoutSecrets(text: string): string {
    let result = text;
    for (const secret of this.secrets) if (result.includes(secret)) result = result.split(secret).join('[redacted]');
    return result;
  }

  /** The exec credential, unless the read is cancelled first (the plugin itself is bounded by the timeout). */
  private credential(source: CredentialSource, signal: AbortSignal | undefined): Promise<CredentialOutcome | undefined> {
    if (!signal) return source.get();
    if (signal.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const stop = (): void => {
        resolve(undefined);
      };
      signal.addEventListener('abort', stop, { once: true });
      void source.get().then((outcome) => {
        signal.removeEventListener('abort', stop);
        resolve(outcome);
      });
    });
  }

  private async request(path: string, signal?: AbortSignal): Promise<Prepared | { kind: 'unauthorized' | 'cancelled'; message: string }> {
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
      return this.scrub({ kind: 'unauthorized' as const, message: `could not get credentials from the kubeconfig: ${error instanceof Error ? error.message : String(error)}` });
    }
    const headers = request.headers as Record<string, string | undefined>;
    let credential: ExecCredential | undefined;
    if (this.credentials) {
      const outcome = await this.credential(this.credentials, signal);
      if (outcome === undefined) return { kind: 'cancelled', message: 'cancelled' };
      if (!outcome.ok) return this.scrub({ kind: 'unauthorized' as const, message: outcome.message });
      credential = outcome.credential;
      this.remember(credential.token);
      this.remember(credential.clientKeyData);
      // As client-node: a static token of the same user wins over the plugin's.
      if (credential.token !== undefined && headers.Authorization === undefined) headers.Authorization = `Bearer ${credential.token}`;
      if (credential.clientCertificateData !== undefined && credential.clientKeyData !== undefined) {
        request.cert = credential.clientCertificateData;
        request.key = credential.clientKeyData;
      }
    }
    this.remember(/^Bearer\s+(.+)$/i.exec(headers.Authorization ?? '')?.[1]);
    reuseConnections(request, Boolean(this.config.getCurrentCluster()?.proxyUrl));
    return { request, credential };
  }

  private context(options: ReadOptions | undefined): ReadContext {
    return { budget: this.budget, ...(options?.signal ? { signal: options.signal } : {}) };
  }

  private async raw(path: string, options: ReadOptions | undefined): Promise<ApiResult<string>> {
    const prepared = await this.request(path, options?.signal);
    if ('kind' in prepared) return prepared;
    const outcome = await httpGet(prepared.request, this.tuning, this.context(options));
    if (outcome.kind === 'unauthorized' && prepared.credential) this.credentials?.rejected(prepared.credential);
    if (outcome.kind !== 'ok') return this.scrub(outcome);
    this.received += outcome.value.length;
    return { kind: 'ok', value: this.withoutSecrets(outcome.value) };
  }

  async get(path: string, options?: ReadOptions): Promise<ApiResult<unknown>> {
    const outcome = await this.raw(path, options);
    if (outcome.kind !== 'ok') return outcome;
    try {
      return { kind: 'ok', value: JSON.parse(outcome.value) as unknown };
    } catch {
      return { kind: 'malformed', message: `the API answered ${path} with a body that is not JSON` };
    }
  }

  /**
   * Follows `continue` tokens; a 410 (expired token) restarts the list once from the beginning. A list stops with an
   * error past MAX_LIST_PAGES, MAX_LIST_ITEMS or twice the per-answer byte limit, or at a token it was given before.
   */
  async list(path: string, query: ListQuery = {}, options?: ReadOptions): Promise<ApiResult<ListResult>> {
    const maxItems = query.maxItems ?? Number.POSITIVE_INFINITY;
    const maxBytes = 2 * this.tuning.maxBytes;
    let restarted = false;
    let items: unknown[] = [];
    let token: string | undefined;
    const seenTokens = new Set<string>();
    let bytes = 0;
    // The pages of every list being read at once share one budget, so eight endless lists cannot each fill theirs.
    let held = 0;
    try {
    for (let pages = 0; ; pages++) {
      if (pages >= MAX_LIST_PAGES || items.length > MAX_LIST_ITEMS || bytes > maxBytes) {
        return { kind: 'malformed', message: `the API kept answering ${path} with further pages (${pages} pages, ${items.length} items, ${bytes} bytes); stopped at the limit of ${MAX_LIST_PAGES} pages, ${MAX_LIST_ITEMS} items or ${maxBytes} bytes per list` };
      }
      const pagePath = withQuery(path, { labelSelector: query.labelSelector, fieldSelector: query.fieldSelector, limit: query.limit ?? 500, continue: token });
      const raw = await this.raw(pagePath, options);
      if (raw.kind === 'http-error' && raw.status === GONE && token !== undefined && !restarted) {
        restarted = true;
        items = [];
        token = undefined;
        bytes = 0;
        seenTokens.clear();
        continue;
      }
      if (raw.kind !== 'ok') return raw;
      bytes += raw.value.length;
      if (!this.listBudget.take(raw.value.length)) return { kind: 'malformed', message: `the lists being read together exceed the ${this.listBudget.limit}-byte budget of list pages (${path} had reached ${bytes} bytes in ${pages + 1} pages)` };
      held += raw.value.length;
      let body: { items?: unknown; metadata?: { continue?: unknown } } | null;
      try {
        body = JSON.parse(raw.value) as typeof body;
      } catch {
        return { kind: 'malformed', message: `the API answered ${pagePath} with a body that is not JSON` };
      }
      if (body === null || typeof body !== 'object' || !Array.isArray(body.items)) return { kind: 'malformed', message: `the API answered ${path} without an items list` };
      items.push(...(body.items as unknown[]));
      const next = body.metadata?.continue;
      token = typeof next === 'string' && next !== '' ? next : undefined;
      if (token !== undefined) {
        if (token.length > MAX_CONTINUE_TOKEN_CHARS) return { kind: 'malformed', message: `the API answered ${path} with a continue token of ${token.length} characters; not sent back` };
        if (seenTokens.has(token)) return { kind: 'malformed', message: `the API answered ${path} with a continue token it had already given: the list would never end; stopped` };
        seenTokens.add(token);
      }
      if (items.length >= maxItems) return { kind: 'ok', value: { items: items.slice(0, maxItems), truncated: token !== undefined || items.length > maxItems } };
      if (token === undefined) return { kind: 'ok', value: { items, truncated: false } };
    }
    } finally {
      this.listBudget.give(held);
    }
  }

  async followPodLog(namespace: string, pod: string, query: LogQuery, onText: (text: string) => void, options?: ReadOptions): Promise<ApiResult<undefined>> {
    const prepared = await this.request(`${logPath(namespace, pod, query)}&follow=true`, options?.signal);
    if ('kind' in prepared) return prepared;
    const outcome = await httpGetStream(prepared.request, this.tuning, this.context(options), (text) => {
      onText(this.withoutSecrets(text));
    });
    return outcome.kind === 'ok' ? outcome : this.scrub(outcome);
  }

  podLog(namespace: string, pod: string, query: LogQuery, options?: ReadOptions): Promise<ApiResult<string>> {
    return this.raw(logPath(namespace, pod, query), options);
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
