import { isScalar, type Document } from 'yaml';
import type { Finding } from '../findings/finding';
import type { FileFindings } from '../findings/locatedFinding';
import { parseYaml } from '../yaml/parseYaml';
import { looksBinary } from '../text/binaryContent';
import { maskTemplates } from '../yaml/templateMask';
import { documentRoot, isTemplatedScalar, manifestType, mapPairs, mapPath } from '../yaml/yamlNodes';
import { classifyFile } from './fileKinds';
import type { ContextFact, LintContext } from './lintContext';
import { lintFile } from './lintFile';
import { rancherClusterCni } from './manifests/lintRancherCluster';
import { mergeNode, nodeKey, rangeOf, type ConfigInput, type MergedValue } from './workspace/configMerge';
import { disagreements } from './workspace/configAgreement';
import { ancestors } from './workspace/scopes';
import { estimatedLintMs, measureText, tooComplexToLint } from './lintBudget';

export interface WorkspaceFile {
  readonly path: string;
  readonly text: string;
  readonly forceRke2Config?: boolean;
  /** How messages name the file (a workspace-relative path); `path` by default. */
  readonly label?: string;
  /** The folder the file was found under (a workspace folder, a path given to lint): facts never cross it. */
  readonly root?: string;
}

const FACT_SOURCES = /provisioning\.cattle\.io\/v1|upgrade\.cattle\.io\/v1/;

interface VersionSource {
  readonly path: string;
  readonly fact: ContextFact<string>;
  readonly kind: 'cluster' | 'plan';
}

/** What the workspace's files state, each fact kept with the folder it applies to. */
export interface WorkspaceFacts {
  /** The facts that apply to one file: those of the nearest enclosing folder that holds a config (or a Cluster/Plan). */
  contextFor(path: string): LintContext;
  /** Findings that need several files: values lost in a node's merge, configs of one cluster that disagree. */
  readonly crossFileFindings: ReadonlyMap<string, readonly Finding[]>;
}

function located(file: WorkspaceFile, span: { start: number; end: number }): Omit<ContextFact<never>, 'value'> {
  const range = rangeOf(file.text, span);
  return { source: `${file.label ?? file.path}:${range.start.line + 1}`, file: file.path, span, range };
}

function versionSources(file: WorkspaceFile, documents: readonly Document[]): VersionSource[] {
  const sources: VersionSource[] = [];
  for (const document of documents) {
    const type = manifestType(document);
    const isCluster = type?.apiVersion === 'provisioning.cattle.io/v1' && type.kind === 'Cluster';
    const isPlan = type?.apiVersion === 'upgrade.cattle.io/v1' && type.kind === 'Plan';
    if (!isCluster && !isPlan) continue;
    const node = mapPath(documentRoot(document), ['spec', isCluster ? 'kubernetesVersion' : 'version'])?.value;
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range || isTemplatedScalar(node)) continue;
    // Only RKE2 releases say anything about RKE2's Calico: a K3s cluster or an OS-patch plan does not.
    if (!/[+-]rke2r\d+$/.test(node.value)) continue;
    if (isCluster && rancherClusterCni(document)?.includes('calico') === false) continue;
    sources.push({ path: file.path, kind: isCluster ? 'cluster' : 'plan', fact: { value: node.value, ...located(file, { start: node.range[0], end: node.range[1] }) } });
  }
  return sources;
}

const SERVER_ONLY_KEYS = /^(cni|cluster-cidr|service-cidr|tls-san|disable|cluster-init|write-kubeconfig-mode|etcd-[a-z-]+|kube-apiserver-arg)\+?$/;

/** A config without `server:` starts a cluster; one with it is a server when it sets server-only flags. */
function looksLikeServerConfig(root: unknown): boolean {
  const keys = mapPairs(root).map((pair) => pair.key);
  return !keys.includes('server') || keys.some((key) => SERVER_ONLY_KEYS.test(key));
}

/** `disable-kube-proxy` of the configs under a folder: true where one sets it, false where configs exist but none does. */
function kubeProxyFact(inputs: readonly ConfigInput[], files: ReadonlyMap<string, WorkspaceFile>): ContextFact<boolean> | undefined {
  for (const input of inputs) {
    for (const document of input.documents) {
      const pair = mapPath(documentRoot(document), ['disable-kube-proxy']);
      const value = isScalar(pair?.value) ? pair.value.value : undefined;
      const file = files.get(input.path);
      if ((value === true || value === 'true') && file && pair?.keyNode.range) {
        return { value: true, ...located(file, { start: pair.keyNode.range[0], end: pair.keyNode.range[1] }) };
      }
    }
  }
  // disable-kube-proxy is a server flag: only configs that look like a server's can say it is off.
  const first = inputs.find((input) => input.documents.some((document) => looksLikeServerConfig(documentRoot(document))));
  if (!first) return undefined;
  const file = files.get(first.path);
  return { value: false, source: inputs.length === 1 ? `${first.label}, which does not set disable-kube-proxy: true,` : `none of the ${inputs.length} RKE2 configs here sets disable-kube-proxy: true, so it`, ...(file ? { file: file.path, span: { start: 0, end: 0 } } : {}) };
}

function cidrFact(value: MergedValue | undefined, files: ReadonlyMap<string, WorkspaceFile>): ContextFact<readonly string[]> | undefined {
  if (!value || value.items.length === 0) return undefined;
  const file = files.get(value.path);
  if (!file) return undefined;
  return { value: value.items.map((item) => item.value), ...located(file, value.span) };
}

/** The sources of facts under each folder: every source is listed under each of its ancestors (depth × sources). */
function indexByFolder<T>(sources: readonly T[], pathOf: (source: T) => string): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const source of sources) {
    for (const folder of ancestors(pathOf(source))) {
      const list = index.get(folder);
      if (list) list.push(source);
      else index.set(folder, [source]);
    }
  }
  return index;
}

/** The deepest folder above `path` (within `root`) that holds a source of facts. */
function deepestScope(path: string, index: ReadonlyMap<string, unknown>, root?: string): string | undefined {
  return ancestors(path, root).find((folder) => index.has(folder));
}

/**
 * Gathers the facts files state and where they apply, one file at a time (`add`: so the editor can yield between
 * files), then all at once (`finish`). A config's `cluster-cidr` (after RKE2's merge of config.yaml and
 * config.yaml.d) and a Rancher Cluster's or Plan's RKE2 version apply to the files of the nearest enclosing folder
 * that holds a config (or a Cluster/Plan), so `lint repoA repoB` never compares repoA's pool with repoB's cidr. A
 * stated setting (`fromSettings`) takes precedence over files everywhere. Every step is linear in the files (times
 * their folder depth): a config.yaml.d of 20,000 drop-ins is no worse than 20,000 files.
 */
export class WorkspaceFactsCollector {
  private readonly byPath = new Map<string, WorkspaceFile>();
  private readonly nodes = new Map<string, ConfigInput[]>();
  private readonly versions: VersionSource[] = [];

  constructor(private readonly fromSettings: LintContext = {}) {}

  /**
   * Reads what one file states; its cost is that of parsing the file. With `maxLintMs` (the editor), a file whose
   * parse is expected to take longer states nothing.
   */
  add(file: WorkspaceFile, maxLintMs?: number): void {
    if (maxLintMs !== undefined && estimatedLintMs(measureText(file.text)) > maxLintMs) return;
    this.byPath.set(file.path, file);
    const masked = maskTemplates(file.text).text;
    const { kind } = classifyFile(file.path, masked, file.forceRke2Config);
    // Only config files, Rancher Clusters and Plans state facts; other manifests are not parsed twice.
    if (kind === 'unrelated' || kind === 'config-writer' || looksBinary(file.text, 'binary') || (kind === 'manifests' && !FACT_SOURCES.test(masked))) return;
    if (tooComplexToLint(masked) !== undefined) return;
    const documents = parseYaml(masked).documents;
    if (kind === 'rke2-config') {
      const key = nodeKey(file.path);
      const input = { path: file.path, label: file.label ?? file.path, text: file.text, documents };
      const inputs = this.nodes.get(key);
      if (inputs) inputs.push(input);
      else this.nodes.set(key, [input]);
    } else {
      this.versions.push(...versionSources(file, documents));
    }
  }

  finish(): WorkspaceFacts {
    const { byPath, nodes, versions, fromSettings } = this;
    const crossFileFindings = new Map<string, Finding[]>();
    const add = (path: string, found: readonly Finding[]): void => {
      if (found.length > 0) crossFileFindings.set(path, [...(crossFileFindings.get(path) ?? []), ...found]);
    };
    const merged = [...nodes.entries()].map(([key, inputs]) => {
      const result = mergeNode(inputs, { acrossFilesOnly: true });
      for (const [path, found] of result.findings) add(path, found);
      return { key, values: result.values, declared: inputs.every((input) => byPath.get(input.path)?.forceRke2Config === true), inputs };
    });
    for (const [path, found] of disagreements(merged, byPath)) add(path, found);
    const configsUnder = indexByFolder(merged, (node) => node.key);
    const versionsUnder = indexByFolder(versions, (source) => source.path);
    const configFacts = new Map<string, Pick<LintContext, 'clusterCidr' | 'kubeProxyDisabled'>>();
    const factsOfConfigs = (scope: string): Pick<LintContext, 'clusterCidr' | 'kubeProxyDisabled'> => {
      const known = configFacts.get(scope);
      if (known) return known;
      const inScope = configsUnder.get(scope) ?? [];
      const cidrs = inScope.map((node) => cidrFact(node.values.get('cluster-cidr'), byPath)).filter((fact) => fact !== undefined);
      // Configs of one folder that disagree say nothing for certain; their disagreement is reported on them instead.
      const distinct = new Set(cidrs.map((fact) => fact.value.join(',')));
      const clusterCidr = distinct.size === 1 ? cidrs[cidrs.length - 1] : undefined;
      const kubeProxyDisabled = kubeProxyFact(inScope.flatMap((node) => node.inputs), byPath);
      const facts = { ...(clusterCidr ? { clusterCidr } : {}), ...(kubeProxyDisabled ? { kubeProxyDisabled } : {}) };
      configFacts.set(scope, facts);
      return facts;
    };
    return {
      crossFileFindings,
      contextFor(path: string): LintContext {
        const root = byPath.get(path)?.root;
        const configScope = deepestScope(path, configsUnder, root);
        const fromConfigs = configScope === undefined ? {} : factsOfConfigs(configScope);
        const clusterCidr = fromSettings.clusterCidr ?? fromConfigs.clusterCidr;
        const versionScope = deepestScope(path, versionsUnder, root);
        const inScope = versionScope === undefined ? [] : (versionsUnder.get(versionScope) ?? []);
        const rke2Version = fromSettings.rke2Version ?? inScope.find((source) => source.kind === 'cluster')?.fact ?? inScope.find((source) => source.kind === 'plan')?.fact;
        const kubeProxyDisabled = fromSettings.kubeProxyDisabled ?? fromConfigs.kubeProxyDisabled;
        return { ...(rke2Version ? { rke2Version } : {}), ...(clusterCidr ? { clusterCidr } : {}), ...(kubeProxyDisabled ? { kubeProxyDisabled } : {}) };
      },
    };
  }
}

/** Gathers the facts of a set of files at once (the CLI; the editor adds files one by one with yields between). */
export function gatherWorkspaceFacts(files: readonly WorkspaceFile[], fromSettings: LintContext = {}): WorkspaceFacts {
  const collector = new WorkspaceFactsCollector(fromSettings);
  for (const file of files) collector.add(file);
  return collector.finish();
}

/** Lints a set of files together: facts are gathered across them first, then each file is linted with its own. */
export function lintWorkspace(files: readonly WorkspaceFile[], fromSettings: LintContext = {}): FileFindings[] {
  const facts = gatherWorkspaceFacts(files, fromSettings);
  return files.map((file) => {
    const own = lintFile(file.path, file.text, { context: facts.contextFor(file.path), forceRke2Config: file.forceRke2Config ?? false }).findings;
    const cross = facts.crossFileFindings.get(file.path) ?? [];
    return { file: file.path, text: file.text, findings: [...own, ...cross].sort((a, b) => a.span.start - b.span.start) };
  });
}
