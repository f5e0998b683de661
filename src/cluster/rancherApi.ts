import type * as https from 'node:https';
import { rancherCluster, type RancherCluster } from '../core/fleet/rancherClusters';
import { describeFailure } from '../core/kube/apiResult';
import { field, list, text } from '../core/kube/objectFields';
import { redactKnownSecrets } from '../core/report/redactSecrets';
import { httpGet, type GatewayTuning } from './httpGet';

export interface RancherConnection {
  /** The Rancher server URL, as users open the UI (`https://rancher.example.com`). */
  readonly url: URL;
  readonly token: string;
  /** PEM bundle to trust (rancherTrust); undefined: Node's default store. */
  readonly caPem: string | undefined;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export type RancherListing = { readonly ok: true; readonly api: 'v1' | 'v3'; readonly clusters: readonly RancherCluster[] } | { readonly ok: false; readonly error: string };

/** Clusters asked for per page; a Rancher with more answers with a next page, which is followed. */
const PAGE_SIZE = 200;
/** A listing of more pages than this is a server that keeps answering "next": stop rather than loop. */
const MAX_PAGES = 500;
/** A page of 200 clusters is a few MB; a bigger answer is not a cluster list. */
const MAX_PAGE_BYTES = 64 * 1024 * 1024;

const API_PATHS = { v1: '/v1/management.cattle.io.clusters', v3: '/v3/clusters' } as const;

type Page = { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly kind: string; readonly error: string };

function requestFor(connection: RancherConnection, target: URL): https.RequestOptions {
  return {
    protocol: 'https:',
    hostname: target.hostname.replace(/^\[|\]$/g, ''),
    port: target.port === '' ? 443 : Number(target.port),
    path: `${target.pathname}${target.search}`,
    headers: { Accept: 'application/json', Authorization: `Bearer ${connection.token}` },
    ...(connection.caPem !== undefined ? { ca: connection.caPem } : {}),
  };
}

/** What went wrong, said for Rancher: an expired token, a URL that is not Rancher's, a proxy in between. */
function explain(kind: string, message: string, url: string): string {
  if (kind === 'unauthorized') return `Rancher rejected the token (401 Unauthorized) at ${url}: it is expired, revoked or not a Rancher API token (${message})`;
  if (kind === 'forbidden') return `Rancher refused to list clusters (403 Forbidden) at ${url}: the token's user may not read clusters (${message})`;
  return `could not list clusters at ${url}: ${message}`;
}

async function getPage(connection: RancherConnection, target: URL): Promise<Page> {
  // One page is one read: its own byte budget is the page limit.
  const tuning: GatewayTuning = { timeoutMs: connection.timeoutMs, retries: 2, maxBytes: MAX_PAGE_BYTES, maxBytesInFlight: MAX_PAGE_BYTES };
  const outcome = await httpGet(requestFor(connection, target), tuning, connection.signal ? { signal: connection.signal } : {});
  const shown = `${target.origin}${target.pathname}`;
  const scrub = (message: string): string => redactKnownSecrets(message, [connection.token]);
  if (outcome.kind !== 'ok') return { ok: false, kind: outcome.kind, error: scrub(explain(outcome.kind, describeFailure(outcome), shown)) };
  if (/^\s*</.test(outcome.value)) {
    return { ok: false, kind: 'html', error: `${shown} answered with an HTML page, not Rancher's JSON API: give the Rancher server URL (as https://rancher.example.com, without /dashboard), and check that no login proxy sits in front of it` };
  }
  try {
    return { ok: true, body: JSON.parse(outcome.value) as unknown };
  } catch {
    return { ok: false, kind: 'malformed', error: `${shown} answered with a body that is not JSON` };
  }
}

/** The next page: `pagination.next` (both APIs) or Steve's `continue` token; only on the Rancher server itself. */
function nextPage(body: unknown, current: URL, base: URL): URL | undefined | string {
  const next = text(body, 'pagination', 'next');
  if (next !== undefined && next !== '') {
    let url: URL;
    try {
      url = new URL(next, current);
    } catch {
      return `pagination.next is not a URL: ${next.slice(0, 200)}`;
    }
    return url.origin === base.origin ? url : `pagination.next points away from the Rancher server (${url.origin}); not followed`;
  }
  const token = text(body, 'continue');
  if (token === undefined || token === '') return undefined;
  const url = new URL(current.href);
  url.searchParams.set('continue', token);
  return url;
}

async function listWith(connection: RancherConnection, api: 'v1' | 'v3'): Promise<RancherListing | { readonly ok: false; readonly notFound: true }> {
  const base = new URL(connection.url.href);
  const prefix = base.pathname.replace(/\/+$/, '');
  let url: URL | undefined = new URL(`${prefix}${API_PATHS[api]}?limit=${PAGE_SIZE}`, base.origin);
  const clusters: RancherCluster[] = [];
  const ids = new Set<string>();
  const seen = new Set<string>();
  for (let pages = 0; url !== undefined; pages++) {
    if (pages >= MAX_PAGES || seen.has(url.href)) return { ok: false, error: `Rancher kept answering with further pages of clusters (${pages} read); stopped` };
    seen.add(url.href);
    const page = await getPage(connection, url);
    if (!page.ok) return page.kind === 'not-found' && pages === 0 ? { ok: false, notFound: true } : { ok: false, error: page.error };
    if (!Array.isArray(field(page.body, 'data'))) return { ok: false, error: `${url.origin}${url.pathname} answered JSON without a "data" list: not Rancher's API` };
    for (const item of list(page.body, 'data')) {
      const cluster = rancherCluster(item);
      // One entry per id: a listing that repeats an id would check (and report) one cluster twice.
      if (cluster && !ids.has(cluster.id)) {
        ids.add(cluster.id);
        clusters.push(cluster);
      }
    }
    const next = nextPage(page.body, url, base);
    if (typeof next === 'string') return { ok: false, error: next };
    url = next;
  }
  return { ok: true, api, clusters };
}

/**
 * Every downstream cluster Rancher manages, from the Steve API (`/v1/management.cattle.io.clusters`), or from the
 * Norman API (`/v3/clusters`) when Steve answers 404 (older Rancher, or a proxy that only passes /v3). GET only,
 * paged. A 401, a 403, an HTML page or anything that is not Rancher's JSON gives one clear message.
 */
export async function listRancherClusters(connection: RancherConnection): Promise<RancherListing> {
  if (connection.url.protocol !== 'https:') return { ok: false, error: `the Rancher URL must be https:// (got ${connection.url.protocol})` };
  const steve = await listWith(connection, 'v1');
  if (steve.ok || !('notFound' in steve)) return steve;
  const norman = await listWith(connection, 'v3');
  if (norman.ok || !('notFound' in norman)) return norman;
  return { ok: false, error: `${connection.url.origin} answered 404 to both ${API_PATHS.v1} and ${API_PATHS.v3}: is it a Rancher server?` };
}
