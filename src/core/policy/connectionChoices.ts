import type { ApiResult } from '../kube/apiResult';
import type { ClusterReader, ListResult } from '../kube/clusterReader';
import { recordAt, stringAt } from './readIssues';

/** What a picker offers; a list cut at this size says so rather than paging through a whole cluster. */
const MAX_CHOICES = 2000;

export interface Choices {
  readonly names: readonly string[];
  /** More existed than were read. */
  readonly truncated: boolean;
}

function namesOf(result: ApiResult<ListResult>): ApiResult<Choices> {
  if (result.kind !== 'ok') return result;
  const names = result.value.items.flatMap((item) => stringAt(recordAt(item, 'metadata'), 'name') ?? []).sort((a, b) => a.localeCompare(b));
  return { kind: 'ok', value: { names, truncated: result.value.truncated } };
}

/** The namespaces to pick a source or destination from (one LIST, no pods read). */
export async function listNamespaceChoices(reader: ClusterReader, signal?: AbortSignal): Promise<ApiResult<Choices>> {
  return namesOf(await reader.list('/api/v1/namespaces', { limit: 500, maxItems: MAX_CHOICES }, signal ? { signal } : {}));
}

/** The pods of one namespace to pick from: only that namespace is listed, never every pod of the cluster. */
export async function listPodChoices(reader: ClusterReader, namespace: string, signal?: AbortSignal): Promise<ApiResult<Choices>> {
  return namesOf(await reader.list(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`, { limit: 500, maxItems: MAX_CHOICES }, signal ? { signal } : {}));
}
