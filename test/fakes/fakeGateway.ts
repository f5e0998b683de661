/**
 * A stand-in for src/cluster/kubeGateway (what ClusterSession loads on first use): it opens any kubeconfig path
 * except the ones a test marks as failing, and its reader answers every GET from `answer`, reporting each request
 * to the tuning's observer like the real gateway.
 */
import type { GatewayReader, GatewayTuning, OpenFailureKind, OpenResult } from '../../src/cluster/kubeGateway';
import type { KubeconfigChoice } from '../../src/cluster/kubeconfigDiscovery';
import type { ApiResult } from '../../src/core/kube/apiResult';
import type { ListResult } from '../../src/core/kube/clusterReader';

export interface FakeGatewayOptions {
  readonly contexts?: readonly string[];
  /** The answer to a GET of `path`; a list answer must hold `{ items, truncated }`. Default: an empty list. */
  readonly answer?: (path: string) => ApiResult<unknown>;
  /** Kubeconfig paths that cannot be opened, and why. */
  readonly failing?: Readonly<Record<string, { readonly kind: OpenFailureKind; readonly error: string }>>;
}

export interface FakeGateway {
  readonly openCluster: (choice: KubeconfigChoice, context: string | undefined, tuning?: GatewayTuning) => OpenResult;
  readonly DEFAULT_TUNING: GatewayTuning;
  /** Every openCluster call: the path and context asked for. */
  readonly opened: { readonly path: string; readonly context: string | undefined }[];
}

const EMPTY_LIST: ApiResult<ListResult> = { kind: 'ok', value: { items: [], truncated: false } };

export function fakeGateway(options: FakeGatewayOptions = {}): FakeGateway {
  const contexts = options.contexts ?? ['default', 'staging'];
  const answer = options.answer ?? (() => EMPTY_LIST);
  const opened: FakeGateway['opened'] = [];
  const openCluster = (choice: KubeconfigChoice, context: string | undefined, tuning?: GatewayTuning): OpenResult => {
    const path = choice.paths[0] ?? '';
    opened.push({ path, context });
    const failing = options.failing?.[path];
    if (failing) return { ok: false, ...failing };
    if (context !== undefined && !contexts.includes(context)) return { ok: false, kind: 'unknown-context', error: `context "${context}" is not in the kubeconfig (it has: ${contexts.join(', ')})` };
    const chosen = context ?? contexts[0] ?? 'default';
    const read = (path: string): ApiResult<unknown> => {
      const result = answer(path);
      tuning?.observer?.({ method: 'GET', path, ...(result.kind === 'ok' ? { status: 200 } : {}), outcome: result.kind, durationMs: 1, attempts: 1 });
      return result;
    };
    const reader: GatewayReader = {
      identity: { context: chosen, server: `https://${chosen}.example:6443` },
      connection: { insecureSkipTlsVerify: false, certificateAuthority: true },
      bytesReceived: () => 0,
      get: (path) => Promise.resolve(read(path)),
      list: (path) => {
        const result = read(path);
        return Promise.resolve(result.kind === 'ok' ? asList(result.value) : result);
      },
      podLog: (_namespace, pod) => {
        const result = read(`/pods/${pod}/log`);
        return Promise.resolve(result.kind === 'ok' ? { kind: 'ok', value: typeof result.value === 'string' ? result.value : '' } : result);
      },
      followPodLog: () => Promise.resolve({ kind: 'ok', value: undefined }),
    };
    return { ok: true, reader, contexts, context: chosen };
  };
  return { openCluster, DEFAULT_TUNING: { timeoutMs: 1000, retries: 0, maxBytes: 1 << 20, maxBytesInFlight: 1 << 22 }, opened };
}

/** A list answer as given, or an empty list when the answer is not a list. */
function asList(value: unknown): ApiResult<ListResult> {
  const items = (value as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? { kind: 'ok', value: { items, truncated: false } } : EMPTY_LIST;
}
