import type { IncomingMessage } from 'node:http';
import * as https from 'node:https';
import type { ApiResult } from '../core/kube/apiResult';
import type { RequestObserver } from '../core/kube/requestEvent';
import { sleepWithSignal } from '../core/kube/sleepWithSignal';

/** How the gateway reads: one set of numbers for the reader and for each of its GETs. */
export interface GatewayTuning {
  /**
   * The time budget of one read, every attempt and every wait between attempts included: a retry (or a server's
   * Retry-After) that would end past it is not made, so retries never make a read outlive its budget. It also bounds
   * an exec credential plugin.
   */
  readonly timeoutMs: number;
  /** Extra attempts on 429/5xx. */
  readonly retries: number;
  /** Largest body accepted; a larger one is reported as malformed rather than exhausting memory. */
  readonly maxBytes: number;
  /** Largest number of body bytes held at once by all the responses of a reader being received. */
  readonly maxBytesInFlight: number;
  /** Waits between retries; injected so tests need not sleep. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock of time budgets and credential expiry; injected by tests. */
  readonly now?: () => number;
  /** Told about every settled read (method, path, outcome, time, attempts): never headers or bodies. */
  readonly observer?: RequestObserver;
}

/** What one read shares with the other reads of its reader, and what stops it. */
export interface ReadContext {
  readonly signal?: AbortSignal;
  /**
   * Shared by every response of a reader that is being received: bytes are taken from it as they arrive and given
   * back when the response is settled, so several large answers at once cannot exceed it together.
   */
  readonly budget?: ByteBudget;
}

/** Bytes held by responses being received, over all requests in flight. */
export interface ByteBudget {
  readonly limit: number;
  /** Takes `bytes` when they fit under the limit together with what is held; false (and nothing taken) otherwise. */
  take(bytes: number): boolean;
  give(bytes: number): void;
}

export function byteBudget(limit: number): ByteBudget {
  let held = 0;
  return {
    limit,
    take: (bytes) => {
      if (held + bytes > limit) return false;
      held += bytes;
      return true;
    },
    give: (bytes) => {
      held = Math.max(0, held - bytes);
    },
  };
}

/** The body of an error answer is only read for its message: no more than this is kept. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** Options of one GET: the reader's tuning and what this read shares with the others. */
type GetOptions = GatewayTuning & ReadContext;

/** One attempt's outcome, with the server's Retry-After when it gave one. */
type Attempt = ApiResult<string> & { readonly retryAfterMs?: number };

/** The HTTP status of the last answer a read saw, for its request event. */
interface Seen {
  status: number | undefined;
}

/** Retry-After as seconds or as an HTTP date, in milliseconds from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: number = Date.now()): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${Math.round(ms)} ms`;
}

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

/**
 * A finished response as a typed result: 2xx ok, 401/403/404 by meaning, anything else an HTTP error with its
 * status. This is the one place statuses are mapped: a 410 (an expired `continue` token) is an HTTP error 410 like
 * any other, which the list reader recognises to restart.
 */
function classify(status: number, body: string, retryAfterHeader: string | undefined): Attempt {
  if (status >= 200 && status < 300) return { kind: 'ok', value: body };
  const message = statusMessage(status, body);
  if (status === 401) return { kind: 'unauthorized', message };
  if (status === 403) return { kind: 'forbidden', message };
  if (status === 404) return { kind: 'not-found', message };
  const retryAfter = retryAfterMs(retryAfterHeader);
  return { kind: 'http-error', status, message, ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}) };
}

function networkFailure(error: NodeJS.ErrnoException): Extract<ApiResult<never>, { kind: 'unreachable' }> {
  const code = error.code ?? '';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code) || /certificate/i.test(error.message)) {
    return { kind: 'unreachable', cause: 'tls', message: `TLS verification failed (${code || error.message}): the server certificate does not match the kubeconfig's certificate-authority` };
  }
  if (code === 'ECONNRESET' || /socket hang up/i.test(error.message)) return { kind: 'unreachable', message: 'the connection was dropped by the server' };
  return { kind: 'unreachable', message: `${code || 'network error'}: ${error.message}` };
}

/** Tells the observer about a settled read; an observer that throws must not change the read's outcome. */
function report(options: GetOptions, request: https.RequestOptions, outcome: ApiResult<unknown>, seen: Seen, started: number, attempts: number, stream?: boolean): void {
  if (!options.observer) return;
  try {
    options.observer({
      method: 'GET',
      path: request.path ?? '/',
      ...(seen.status !== undefined ? { status: seen.status } : {}),
      outcome: outcome.kind,
      durationMs: (options.now ?? Date.now)() - started,
      attempts,
      ...(stream ? { stream } : {}),
    });
  } catch {
    // Logging is best effort.
  }
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
function runGet<T>(request: https.RequestOptions, options: GetOptions, timeoutMs: number, seen: Seen, aborted: T, onResponse: (response: IncomingMessage, settle: Settle<T | Attempt>) => void, onSettled?: () => void): Promise<T | Attempt> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: T | Attempt): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      onSettled?.();
      resolve(value);
    };
    const outgoing = https.request({ ...request, method: 'GET' }, (response) => {
      seen.status = response.statusCode;
      onResponse(response, { finish, stopTimer: () => clearTimeout(timer) });
    });
    const timer = setTimeout(() => {
      finish({ kind: 'timeout', message: timeoutMs < options.timeoutMs ? `no answer within the ${options.timeoutMs} ms time budget of this read` : `no answer within ${options.timeoutMs} ms` });
      outgoing.destroy();
    }, timeoutMs);
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

/**
 * One attempt: the whole body is read (bounded by `maxBytes`, and by the shared byte budget while it arrives) and
 * classified. Error bodies are only read up to MAX_ERROR_BODY_BYTES, for their message.
 */
function once(request: https.RequestOptions, options: GetOptions, timeoutMs: number, seen: Seen): Promise<Attempt> {
  const cancelled: Attempt = { kind: 'cancelled', message: 'cancelled' };
  let held = 0;
  let done = false;
  let chunks: Buffer[] = [];
  const release = (): void => {
    done = true;
    options.budget?.give(held);
    held = 0;
    chunks = [];
  };
  return runGet(request, options, timeoutMs, seen, cancelled, (response, { finish }) => {
    const status = response.statusCode ?? 0;
    const success = status >= 200 && status < 300;
    const header: string | string[] | undefined = response.headers['retry-after'];
    const retryAfter = typeof header === 'string' ? header : header?.[0];
    const declared = Number(response.headers['content-length']);
    if (success && Number.isFinite(declared) && declared > options.maxBytes) {
      finish({ kind: 'malformed', message: `response of ${declared} bytes is larger than the ${options.maxBytes}-byte limit` });
      response.destroy();
      return;
    }
    const limit = success ? options.maxBytes : MAX_ERROR_BODY_BYTES;
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        if (success) {
          finish({ kind: 'malformed', message: `response larger than ${options.maxBytes} bytes` });
        } else {
          // Enough of an error body for its message.
          chunks.push(chunk.subarray(0, Math.max(0, chunk.length - (size - limit))));
          finish(classify(status, Buffer.concat(chunks).toString('utf8'), retryAfter));
        }
        response.destroy();
        return;
      }
      if (options.budget && !options.budget.take(chunk.length)) {
        finish({ kind: 'malformed', message: `the API's answers being received together exceed the ${options.budget.limit}-byte memory budget (this one had reached ${size} bytes)` });
        response.destroy();
        return;
      }
      held += chunk.length;
      chunks.push(chunk);
    });
    response.on('error', (error: NodeJS.ErrnoException) => {
      finish(networkFailure(error));
    });
    response.on('aborted', () => {
      finish({ kind: 'unreachable', message: 'the connection was dropped by the server' });
    });
    response.on('end', () => {
      if (done) return;
      const body = Buffer.concat(chunks, size);
      chunks = [];
      finish(classify(status, body.toString('utf8'), retryAfter));
    });
  }, release);
}

/**
 * One GET with a time budget, cancellation, and bounded retries with exponential backoff on 429 and 5xx, honouring
 * Retry-After (seconds or a date). Every attempt and every wait fits in the budget (`timeoutMs`): a wait that would
 * end too late to leave the next attempt a fair share of it is not made, and the read ends with the error it has.
 * The method is fixed: this product never writes to a cluster. The observer hears of the read once it is settled.
 */
export async function httpGet(request: https.RequestOptions, tuning: GatewayTuning, context: ReadContext = {}): Promise<ApiResult<string>> {
  const options: GetOptions = { ...tuning, ...context };
  const now = options.now ?? Date.now;
  const started = now();
  const seen: Seen = { status: undefined };
  let attempts = 0;
  const outcome = await withRetries(request, options, started, seen, () => attempts++);
  report(options, request, outcome, seen, started, attempts);
  return outcome;
}

async function withRetries(request: https.RequestOptions, options: GetOptions, started: number, seen: Seen, counted: () => void): Promise<ApiResult<string>> {
  const sleep = options.sleep ?? sleepWithSignal;
  const now = options.now ?? Date.now;
  /** A retry needs at least this much of the budget left after its wait. */
  const attemptFloor = Math.min(1000, options.timeoutMs / 5);
  let attempt = 0;
  for (;;) {
    const left = options.timeoutMs - (now() - started);
    counted();
    seen.status = undefined;
    const { retryAfterMs: retryAfter, ...outcome } = await once(request, options, attempt === 0 ? options.timeoutMs : Math.max(1, left), seen);
    const retryable = outcome.kind === 'http-error' && RETRYABLE.has(outcome.status);
    if (!retryable || options.signal?.aborted) return outcome;
    const attempts = `${attempt + 1} attempt${attempt === 0 ? '' : 's'}`;
    if (attempt >= options.retries) return { kind: 'http-error', status: outcome.status, message: `${outcome.message} (after ${attempts})` };
    const wait = retryAfter ?? 250 * 2 ** attempt;
    const remaining = options.timeoutMs - (now() - started);
    if (wait + attemptFloor > remaining) {
      const asked = retryAfter !== undefined ? `the server asked to retry after ${seconds(wait)}` : `the next retry was due in ${seconds(wait)}`;
      return { kind: 'http-error', status: outcome.status, message: `${outcome.message} (not retried: ${asked}, past the ${seconds(options.timeoutMs)} time budget of this read; ${attempts})` };
    }
    attempt++;
    await sleep(wait, options.signal);
  }
}

/**
 * A streaming GET (log follow): the status is checked like any GET, then body text is handed to `onText` as it
 * arrives. Only connecting is bounded by the timeout; an open stream lasts until it ends or `signal` aborts it.
 */
export async function httpGetStream(request: https.RequestOptions, tuning: GatewayTuning, context: ReadContext, onText: (text: string) => void): Promise<ApiResult<undefined>> {
  const options: GetOptions = { ...tuning, ...context };
  const started = (options.now ?? Date.now)();
  const seen: Seen = { status: undefined };
  const stopped: ApiResult<undefined> = { kind: 'ok', value: undefined };
  const outcome = await runGet(request, options, options.timeoutMs, seen, stopped, (response, { finish, stopTimer }) => {
    stopTimer();
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (): void => {
        finish(classify(status, Buffer.concat(chunks).toString('utf8').slice(0, MAX_ERROR_BODY_BYTES), undefined));
      };
      response.on('data', (chunk: Buffer) => {
        if (size >= MAX_ERROR_BODY_BYTES) return;
        size += chunk.length;
        chunks.push(chunk);
        if (size >= MAX_ERROR_BODY_BYTES) {
          done();
          response.destroy();
        }
      });
      response.on('end', done);
      response.on('error', done);
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
  const settled: ApiResult<undefined> = outcome.kind === 'ok' ? stopped : outcome;
  report(options, request, settled, seen, started, 1, true);
  return settled;
}
