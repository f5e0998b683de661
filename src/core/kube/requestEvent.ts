import type { ApiResult } from './apiResult';

/**
 * One settled read from the Kubernetes API, as the gateway reports it to whoever watches (the extension's log, the
 * CLI's --verbose). It carries what a support question needs and nothing the request was authenticated with: no
 * headers, no credentials, no body.
 */
export interface RequestEvent {
  readonly method: 'GET';
  /** The API path with its query (selectors, limit, continue, tailLines…). */
  readonly path: string;
  /** HTTP status of the last answer; absent when none came (unreachable, timeout, cancelled). */
  readonly status?: number;
  /** `ok`, or the failure kind the read ended with. */
  readonly outcome: ApiResult<unknown>['kind'];
  readonly durationMs: number;
  /** 1, or more when 429/5xx answers were retried. */
  readonly attempts: number;
  /** A followed log: the duration is how long the stream stayed open. */
  readonly stream?: boolean;
}

export type RequestObserver = (event: RequestEvent) => void;

/** `GET /api/v1/nodes?limit=1000 → 200 ok in 35 ms` (attempts and stream noted when they matter). */
export function describeRequest(event: RequestEvent): string {
  const status = event.status === undefined ? event.outcome : event.outcome === 'ok' ? String(event.status) : `${event.status} ${event.outcome}`;
  const extra = [event.attempts > 1 ? `${event.attempts} attempts` : '', event.stream ? 'stream' : ''].filter((part) => part !== '');
  return `${event.method} ${event.path} → ${status} in ${Math.round(event.durationMs)} ms${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
}
