import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject, ObjectStore } from './clusterModel';

/**
 * A cluster served exactly as a set of raw Kubernetes objects (a case of test/corpus/clusters/): every object under
 * its group/plural, the pod logs of its logs/ folder, and only the resources the source showed; every other read is
 * refused (403), as a user without access to them would see it.
 */
export interface RawCluster {
  readonly objects: readonly KubeObject[];
  /** Resource plurals that may be read ("pods", "ippools", "pods/log"); undefined: everything. */
  readonly shown: readonly string[] | undefined;
  /**
   * Plurals the source showed only in part (filtered by grep, one namespace, a few names): an object of them that is
   * not here may still exist, so a read by name of one and a list that would come back empty answer 403.
   */
  readonly partial: readonly string[];
  /** Pod logs by `namespace/pod/container`. */
  readonly logs: ReadonlyMap<string, string>;
}

/** Built-in API groups: their resources exist whatever CRDs a cluster has. */
const BUILT_IN_GROUPS = new Set(['', 'apps', 'batch', 'rbac.authorization.k8s.io', 'apiextensions.k8s.io', 'policy', 'networking.k8s.io', 'storage.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io', 'events.k8s.io']);

/** The API group of an apiVersion: `apps/v1` → apps, `v1` → the core group ''. */
export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
}

/** The resource plural of a kind, as the API server names it (IPPool → ippools, TigeraStatus → tigerastatuses). */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower === 'endpoints') return lower;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

/** Objects of a multi-document YAML file; `kind: List` documents (kubectl get -o yaml) are flattened. */
export function parseObjects(text: string): KubeObject[] {
  const objects: KubeObject[] = [];
  const add = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (typeof record.kind === 'string' && record.kind.endsWith('List') && Array.isArray(record.items)) {
      for (const item of record.items) add(item);
      return;
    }
    if (typeof record.kind !== 'string' || typeof record.apiVersion !== 'string') return;
    const metadata = (record.metadata ?? {}) as KubeObject['metadata'];
    if (typeof metadata.name !== 'string') return;
    objects.push(record as KubeObject);
  };
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) throw new Error(`objects.yaml: ${document.errors[0]?.message ?? 'YAML error'}`);
    add(document.toJS());
  }
  return objects;
}

/** The object store of a raw cluster: objects by `group/plural`, the key the simulated server looks up. */
export function rawStore(raw: RawCluster): ObjectStore {
  const resources = new Map<string, KubeObject[]>();
  for (const object of raw.objects) {
    const key = `${groupOf(String(object.apiVersion))}/${pluralOf(String(object.kind))}`;
    resources.set(key, [...(resources.get(key) ?? []), object]);
  }
  return { resources, extraPods: { count: 0, namespaceOf: () => '', make: () => { throw new Error("no generated pods in a raw cluster"); } } };
}

/**
 * Whether the API serves this resource at all: built-in groups always; a custom resource only when the objects hold
 * its CRD (`plural.group`) or objects of it — a kubeadm cluster has no helm.cattle.io, so it answers 404.
 */
export function servesResource(raw: RawCluster, group: string, plural: string): boolean {
  if (BUILT_IN_GROUPS.has(group)) return true;
  return raw.objects.some((object) => (object.kind === 'CustomResourceDefinition' && object.metadata.name === `${plural}.${group}`) || (groupOf(String(object.apiVersion)) === group && pluralOf(String(object.kind)) === plural));
}

/** Loads objects.yaml, logs/<namespace>_<pod>_<container>.log and the shown resources of a case folder. */
export function loadRawCluster(folder: string, shown: readonly string[] | undefined, partial: readonly string[] = []): RawCluster {
  const objects = parseObjects(readFileSync(join(folder, 'objects.yaml'), 'utf8'));
  const logs = new Map<string, string>();
  const logFolder = join(folder, 'logs');
  if (existsSync(logFolder)) {
    for (const file of readdirSync(logFolder).filter((entry) => entry.endsWith('.log'))) {
      const [namespace, pod, container] = file.slice(0, -'.log'.length).split('_');
      if (namespace && pod && container) logs.set(`${namespace}/${pod}/${container}`, readFileSync(join(logFolder, file), 'utf8'));
    }
  }
  return { objects, shown, partial, logs };
}
