import { isScalar } from 'yaml';
import { LineIndex, type Position } from '../text/lineIndex';
import { parseYaml } from '../yaml/parseYaml';
import { documentRoot, manifestType, mapGet, mapPath, nodeSpan } from '../yaml/yamlNodes';
import type { FileFindings } from '../findings/locatedFinding';
import { classifyFile } from './fileKinds';
import { lintFile, looksBinary } from './lintFile';
import type { ContextFact, LintContext } from './lintContext';
import { rancherClusterCni } from './manifests/lintRancherCluster';
import { sliceItems } from './rke2Config/sliceValues';

export interface WorkspaceFile {
  readonly path: string;
  readonly text: string;
  readonly forceRke2Config?: boolean;
  /** How messages name the file (a workspace-relative path); `path` by default. */
  readonly label?: string;
}

const FACT_SOURCES = /provisioning\.cattle\.io\/v1|upgrade\.cattle\.io\/v1/;

/** The origin of a fact: `label:line` for messages, and the exact range for editors. */
function located(file: WorkspaceFile, span: { start: number; end: number }): { source: string; file: string; span: { start: number; end: number }; range: { start: Position; end: Position } } {
  const index = new LineIndex(file.text);
  const start = index.positionAt(span.start);
  return { source: `${file.label ?? file.path}:${start.line + 1}`, file: file.path, span, range: { start, end: index.positionAt(span.end) } };
}

/**
 * Gathers the facts other files state: the RKE2 version (a Rancher Cluster's `kubernetesVersion` when it selects
 * Calico, else a Plan's `spec.version`) and RKE2's `cluster-cidr` (the last config file that sets it wins, as in
 * RKE2's own merge order). A stated setting (`fromSettings`) takes precedence over files.
 */
export function gatherWorkspaceContext(files: readonly WorkspaceFile[], fromSettings: LintContext = {}): LintContext {
  let clusterVersion: ContextFact<string> | undefined;
  let planVersion: ContextFact<string> | undefined;
  let clusterCidr: ContextFact<readonly string[]> | undefined;
  const configFiles = [...files].sort((a, b) => a.path.localeCompare(b.path));
  for (const file of configFiles) {
    const kind = classifyFile(file.path, file.text, file.forceRke2Config);
    // Only config files, Rancher Clusters and Plans state facts; other manifests are not parsed twice.
    if (kind === 'unrelated' || looksBinary(file.text) || (kind === 'manifests' && !FACT_SOURCES.test(file.text))) continue;
    for (const document of parseYaml(file.text).documents) {
      if (kind === 'rke2-config') {
        const pair = mapGet(documentRoot(document), 'cluster-cidr');
        if (pair) {
          const span = nodeSpan(pair.value, nodeSpan(pair.keyNode, { start: 0, end: 0 }));
          const value = sliceItems(pair.value).map((item) => item.value);
          if (value.length > 0) clusterCidr = { value, ...located(file, span) };
        }
        continue;
      }
      const type = manifestType(document);
      const isCluster = type?.apiVersion === 'provisioning.cattle.io/v1' && type.kind === 'Cluster';
      const isPlan = type?.apiVersion === 'upgrade.cattle.io/v1' && type.kind === 'Plan';
      if (!isCluster && !isPlan) continue;
      const node = mapPath(documentRoot(document), ['spec', isCluster ? 'kubernetesVersion' : 'version'])?.value;
      if (!isScalar(node) || typeof node.value !== 'string' || !node.range) continue;
      const span = { start: node.range[0], end: node.range[1] };
      const fact = { value: node.value, ...located(file, span) };
      if (isCluster && rancherClusterCni(document)?.includes('calico') !== false) clusterVersion ??= fact;
      if (isPlan) planVersion ??= fact;
    }
  }
  const rke2Version = fromSettings.rke2Version ?? clusterVersion ?? planVersion;
  const cidr = fromSettings.clusterCidr ?? clusterCidr;
  return { ...(rke2Version ? { rke2Version } : {}), ...(cidr ? { clusterCidr: cidr } : {}) };
}

/** Lints a set of files together: facts are gathered across them first, then each file is linted with them. */
export function lintWorkspace(files: readonly WorkspaceFile[], fromSettings: LintContext = {}): FileFindings[] {
  const context = gatherWorkspaceContext(files, fromSettings);
  return files.map((file) => ({ file: file.path, text: file.text, findings: lintFile(file.path, file.text, { context, forceRke2Config: file.forceRke2Config ?? false }).findings }));
}
