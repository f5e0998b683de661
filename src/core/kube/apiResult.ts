/**
 * The outcome of one read from the Kubernetes API, typed so that checks can tell "absent" from "not allowed to
 * look" from "could not reach": no exception ever reaches a check.
 */
export type ApiResult<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'not-found'; readonly message: string }
  | { readonly kind: 'forbidden'; readonly message: string }
  | { readonly kind: 'unauthorized'; readonly message: string }
  /** `cause: 'tls'`: the server answered, but its certificate did not verify against the kubeconfig's CA. */
  | { readonly kind: 'unreachable'; readonly message: string; readonly cause?: 'tls' }
  | { readonly kind: 'timeout'; readonly message: string }
  | { readonly kind: 'malformed'; readonly message: string }
  | { readonly kind: 'http-error'; readonly status: number; readonly message: string }
  | { readonly kind: 'cancelled'; readonly message: string }
  /** Offline analysis: the support bundle holds no copy of this object or list. */
  | { readonly kind: 'not-in-bundle'; readonly message: string };

export type ApiFailure = Exclude<ApiResult<never>, { kind: 'ok' }>;

/** A short, human description of a failed read, as the checks quote it ("unknown: forbidden — …"). */
export function describeFailure(failure: ApiFailure): string {
  switch (failure.kind) {
    case 'http-error':
      return `HTTP ${failure.status}: ${failure.message}`;
    case 'not-in-bundle':
      return `not in bundle: ${failure.message}`;
    default:
      return `${failure.kind}: ${failure.message}`;
  }
}
