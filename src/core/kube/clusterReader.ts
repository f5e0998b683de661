import type { ApiResult } from './apiResult';

export interface ListQuery {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Page size; the reader follows `continue` tokens until `maxItems` objects are read. */
  readonly limit?: number;
  /** Stop after this many objects (the list is then marked truncated). */
  readonly maxItems?: number;
}

export interface ListResult {
  readonly items: readonly unknown[];
  /** More objects existed than `maxItems` allowed to read. */
  readonly truncated: boolean;
}

export interface ReadOptions {
  readonly signal?: AbortSignal;
}

export interface LogQuery {
  readonly container?: string;
  readonly previous?: boolean;
  readonly tailLines?: number;
  readonly sinceSeconds?: number;
  readonly limitBytes?: number;
}

/**
 * Everything the product reads from a cluster, and nothing else: GET of one object, paged LIST, and pod logs.
 * There is deliberately no way to write. Paths are Kubernetes API paths (`/api/v1/nodes`).
 */
export interface ClusterReader {
  get(path: string, options?: ReadOptions): Promise<ApiResult<unknown>>;
  list(path: string, query?: ListQuery, options?: ReadOptions): Promise<ApiResult<ListResult>>;
  podLog(namespace: string, pod: string, query: LogQuery, options?: ReadOptions): Promise<ApiResult<string>>;
  /**
   * Follows a pod log (GET …/log?follow=true): `onText` receives text as it arrives until the stream ends or
   * `options.signal` aborts it. Resolves ok when the stream ended or was stopped.
   */
  followPodLog(namespace: string, pod: string, query: LogQuery, onText: (text: string) => void, options?: ReadOptions): Promise<ApiResult<undefined>>;
  /** Which cluster this is, for reports: context name and server URL (never credentials). */
  readonly identity: { readonly context: string; readonly server: string };
}
