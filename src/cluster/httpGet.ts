import type { IncomingMessage } from 'node:http';
import * as https from 'node:https';
import type { ApiResult } from '../core/kube/apiResult';
import { sleepWithSignal } from '../core/kube/sleepWithSignal';

export interface HttpGetOptions {
  readonly timeoutMs: number;
  readonly retries: number;
  readonly signal?: AbortSignal;
  /** Largest body accepted; a larger one is reported as malformed rather than exhausting memory. */
  readonly maxBytes: number;
  /** Waits between retries; injected so tests need not sleep. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** A raw successful response body, or a typed failure; 410 Gone is kept apart for list restarts. */
export type RawResult = ApiResult<string> | { readonly kind: 'gone'; readonly message: string };
export type Attempt = RawResult & { readonly retryAfterMs?: number };

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

/** Status message from a Kubernetes Status body, or the start of the body; never request headers or tokens. */
function statusMessage(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not a Status object: quote a little of the body below.
  }
  return body.trim().slice(0, 200) || `HTTP ${status}`;
}

/** A finished response as a typed result: 2xx ok, 401/403/404/410 by meaning, anything else an HTTP error. */
export function classify(status: number, body: string, retryAfterHeader: string | undefined): Attempt {
  if (status >= 200 && status < 300) return { kind: 'ok', value: body };
  const message = statusMessage(status, body);
  if (status === 401) return { kind: 'unauthorized', message };
  if (status === 403) return { kind: 'forbidden', message };
  if (status === 404) return { kind: 'not-found', message };
  if (status === 410) return { kind: 'gone', message };
  const retryAfter = Number(retryAfterHeader);
  return { kind: 'http-error', status, message, ...(retryAfterHeader !== undefined && Number.isFinite(retryAfter) ? { retryAfterMs: retryAfter * 1000 } : {}) };
}

export function networkFailure(error: NodeJS.ErrnoException): { readonly kind: 'unreachable'; readonly message: string } {
  const code = error.code ?? '';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code) || /certificate/i.test(error.message)) {
    return { kind: 'unreachable', message: `TLS verification failed (${code || error.message}): the server certificate does not match the kubeconfig's certificate-authority` };
  }
  if (code === 'ECONNRESET' || /socket hang up/i.test(error.message)) return { kind: 'unreachable', message: 'the connection was dropped by the server' };
  return { kind: 'unreachable', message: `${code || 'network error'}: ${error.message}` };
}

interface Settle<T> {
  /** Settles the request's promise; later calls are ignored. */
  readonly finish: (value: T) => void;
  /** The response has started: stop the timeout (used by streams, whose body may last indefinitely). */
  readonly stopTimer: () => void;
}

/**
 * The wiring every GET shares: the method is fixed to GET, the wait is bounded by the timeout, an abort settles with
 * `aborted`, socket errors become `unreachable`, and the promise settles exactly once whatever happens first.
 */
function runGet<T>(request: https.RequestOptions, options: HttpGetOptions, aborted: T, onResponse: (response: IncomingMessage, settle: Settle<T | Attempt>) => void): Promise<T | Attempt> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: T | Attempt): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const outgoing = https.request({ ...request, method: 'GET' }, (response) => {
      onResponse(response, { finish, stopTimer: () => clearTimeout(timer) });
    });
    const timer = setTimeout(() => {
      finish({ kind: 'timeout', message: `no answer within ${options.timeoutMs} ms` });
      outgoing.destroy();
    }, options.timeoutMs);
    const onAbort = (): void => {
      finish(aborted);
      outgoing.destroy();
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      finish(networkFailure(error));
    });
    outgoing.end();
  });
}

/** One attempt: the whole body is read (bounded by `maxBytes`) and classified. */
function once(request: https.RequestOptions, options: HttpGetOptions): Promise<Attempt> {
  const cancelled: Attempt = { kind: 'cancelled', message: 'cancelled' };
  return runGet(request, options, cancelled, (response, { finish }) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.maxBytes) {
        finish({ kind: 'malformed', message: `response larger than ${options.maxBytes} bytes` });
        response.destroy();
        return;
      }
      chunks.push(chunk);
    });
    response.on('error', (error: NodeJS.ErrnoException) => {
      finish(networkFailure(error));
    });
    response.on('aborted', () => {
      finish({ kind: 'unreachable', message: 'the connection was dropped by the server' });
    });
    response.on('end', () => {
      const header: string | string[] | undefined = response.headers['retry-after'];
      finish(classify(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), typeof header === 'string' ? header : header?.[0]));
    });
  });
}

/**
 * One GET with a timeout, cancellation, and bounded retries with exponential backoff on 429 and 5xx (honouring
 * Retry-After, capped at 5 s). The method is fixed: this product never writes to a cluster.
 */
export async function httpGet(request: https.RequestOptions, options: HttpGetOptions): Promise<RawResult> {
  const sleep = options.sleep ?? sleepWithSignal;
  let attempt = 0;
  for (;;) {
    const outcome = await once(request, options);
    const retryable = outcome.kind === 'http-error' && RETRYABLE.has(outcome.status);
    if (!retryable || attempt >= options.retries || options.signal?.aborted) {
      if (outcome.kind === 'http-error' && retryable) return { kind: 'http-error', status: outcome.status, message: `${outcome.message} (after ${attempt + 1} attempts)` };
      return outcome;
    }
    const backoff = Math.min(outcome.retryAfterMs ?? 250 * 2 ** attempt, 5000);
    attempt++;
    await sleep(backoff, options.signal);
  }
}

/**
 * A streaming GET (log follow): the status is checked like any GET, then body text is handed to `onText` as it
 * arrives. Only connecting is bounded by the timeout; an open stream lasts until it ends or `signal` aborts it.
 */
export async function httpGetStream(request: https.RequestOptions, options: HttpGetOptions, onText: (text: string) => void): Promise<ApiResult<undefined>> {
  const stopped: ApiResult<undefined> = { kind: 'ok', value: undefined };
  const outcome = await runGet(request, options, stopped, (response, { finish, stopTimer }) => {
    stopTimer();
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        finish(classify(status, Buffer.concat(chunks).toString('utf8'), undefined));
      });
      return;
    }
    const decoder = new TextDecoder('utf-8');
    response.on('data', (chunk: Buffer) => {
      onText(decoder.decode(chunk, { stream: true }));
    });
    response.on('end', () => {
      finish(stopped);
    });
    response.on('error', (error: NodeJS.ErrnoException) => {
      finish(networkFailure(error));
    });
  });
  if (outcome.kind === 'gone') return { kind: 'http-error', status: 410, message: outcome.message };
  return outcome.kind === 'ok' ? stopped : outcome;
}
