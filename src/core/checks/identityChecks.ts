import { list, text, type Json } from '../kube/objectFields';
import { evaluateKnownIssues, type KnownIssueMatch } from '../knowledge/knownIssueVerdict';
import { describePreconditions } from '../knowledge/preconditions';
import { formatChartVersion, parseChartVersion } from '../versions/chartVersion';
import { formatOperatorVersion, parseOperatorVersion } from '../versions/operatorVersion';
import { lookUpVersion } from '../versionLookup';
import { parseContainerdVersion, formatContainerdVersion } from '../versions/containerdVersion';
import { parseRke2Version, formatRke2Version } from '../versions/rke2Version';
import { formatCalicoVersion, parseCalicoVersion } from '../versions/calicoVersion';
import { result, unknownFrom, type CheckDefinition, type CheckResult } from './checkResult';
import type { ClusterEvidence } from './clusterEvidence';
import { imageTag } from './networkSetup';
import { preconditionFacts } from './preconditionFacts';
import { clusterDistribution, nodeDistribution, type Distribution } from './clusterKind';
import { isWindowsNode } from './networkSetup';
import { calicoOfOperator } from '../knowledge/releaseFacts';
import { RKE2_7808 } from '../knowledge/issues/initRace';
import { RACE_ISSUE, raceBlocker, racePassed } from './initRaceConditions';
import { oncePerEvidence } from './oncePerEvidence';

function matchesRaceVersions(calico: string | undefined): boolean {
  return calico !== undefined && RKE2_7808.rules.some((rule) => rule.when.calico?.includes(calico) ?? false);
}

export const IDENTITY: CheckDefinition = { id: 'identity.versions', area: 'Identity', title: 'RKE2, containerd and Calico versions' };
export const KNOWN_ISSUES_CHECK: CheckDefinition = { id: 'identity.known-issues', area: 'Identity', title: 'Known Calico issues for these versions' };

/** The versions a cluster runs, each with where it was read. */
export interface ClusterIdentity {
  /** RKE2 versions of the Linux RKE2 nodes (Windows kubelets report the upstream version without +rke2rN). */
  readonly rke2: readonly string[];
  readonly distribution: Distribution | undefined;
  /** Kubelet versions of the Linux nodes, whatever the distribution. */
  readonly kubernetes: readonly string[];
  readonly containerd: readonly string[];
  readonly calico: string | undefined;
  readonly calicoSource: string | undefined;
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function canonicalCalico(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = parseCalicoVersion(value);
  return parsed.ok ? formatCalicoVersion(parsed.value) : undefined;
}

/** The RKE2 releases the matrix says each node's release should move to. */
function upgradeTargets(identity: ClusterIdentity): string[] {
  return identity.rke2.map((version) => lookUpVersion(version, 'rke2')).flatMap((outcome) => (outcome.ok && outcome.report.upgradeTo ? [outcome.report.upgradeTo] : []));
}

/** The calico-node container's image (Canal's pods run it beside kube-flannel), else the first Calico image. */
function calicoImage(containers: readonly Json[]): string | undefined {
  const named = containers.find((container) => text(container, 'name') === 'calico-node');
  return text(named, 'image') ?? containers.map((container) => text(container, 'image')).find((image) => image?.includes('calico') ?? false);
}

/**
 * calico-node's image: its DaemonSet's (calico-system, else a manifest install's in kube-system), else one of its pods'
 * when no DaemonSet could be read (pods shown without their controller).
 */
function calicoNodeImage(evidence: ClusterEvidence): string | undefined {
  const manifest = evidence.manifestInstall;
  for (const read of [evidence.calicoNodeDaemonSet, manifest?.calicoNodeDaemonSet, manifest?.canalDaemonSet?.read]) {
    const image = read?.kind === 'ok' ? calicoImage(list(read.value, 'spec', 'template', 'spec', 'containers')) : undefined;
    if (image !== undefined) return image;
  }
  for (const pods of [evidence.calicoNodePods, manifest?.calicoNodePods]) {
    for (const pod of pods?.kind === 'ok' ? pods.value.items : []) {
      const image = calicoImage(list(pod, 'spec', 'containers'));
      if (image !== undefined) return image;
    }
  }
  return undefined;
}

/** Reads the versions from node status, ClusterInformation, the Installation and the calico-node image. */
function readIdentity(evidence: ClusterEvidence): ClusterIdentity {
  const nodes = evidence.nodes.kind === 'ok' ? evidence.nodes.value.items : [];
  const { distribution } = clusterDistribution(evidence);
  const rke2 = nodes.flatMap((node) => {
    const release = rke2Release(node);
    return release === undefined ? [] : [release];
  });
  const kubernetes = nodes.filter((node) => !isWindowsNode(node)).flatMap((node) => text(node, 'status', 'nodeInfo', 'kubeletVersion') ?? []);
  const containerd = nodes.flatMap((node) => {
    const parsed = parseContainerdVersion(text(node, 'status', 'nodeInfo', 'containerRuntimeVersion') ?? '');
    return parsed.ok ? [formatContainerdVersion(parsed.value)] : [];
  });
  const fromClusterInformation = evidence.clusterInformation.kind === 'ok' ? canonicalCalico(text(evidence.clusterInformation.value, 'spec', 'calicoVersion')) : undefined;
  const fromInstallation = evidence.installation.kind === 'ok' ? canonicalCalico(text(evidence.installation.value, 'status', 'calicoVersion')) : undefined;
  const nodeImage = calicoNodeImage(evidence);
  const fromImage = canonicalCalico(imageTag(nodeImage));
  const calico = fromClusterInformation ?? fromInstallation ?? fromImage;
  const calicoSource = fromClusterInformation ? 'ClusterInformation default spec.calicoVersion' : fromInstallation ? 'Installation default status.calicoVersion' : fromImage ? `calico-node image ${nodeImage ?? ''}` : undefined;
  return { rke2: [...countBy(rke2).keys()], distribution, kubernetes: [...countBy(kubernetes).keys()], containerd: [...countBy(containerd).keys()], calico, calicoSource };
}

/** Checks ask for the identity many times per run: read once per evidence. */
export const clusterIdentity = oncePerEvidence(readIdentity);

/** The RKE2 release of a Linux RKE2 node; undefined for Windows nodes and other distributions. */
export function rke2Release(node: Json): string | undefined {
  if (isWindowsNode(node) || nodeDistribution(node) !== 'RKE2') return undefined;
  const parsed = parseRke2Version(text(node, 'status', 'nodeInfo', 'kubeletVersion') ?? '');
  return parsed.ok ? formatRke2Version(parsed.value) : undefined;
}

function describeCounts(label: string, nodes: readonly Json[], read: (node: Json) => string | undefined): string {
  const counts = countBy(nodes.map((node) => read(node) ?? 'unknown'));
  return `${label}: ${[...counts].map(([value, count]) => `${value} on ${count} node(s)`).join(', ')}`;
}

export function checkIdentity(evidence: ClusterEvidence): CheckResult {
  if (evidence.nodes.kind !== 'ok') return unknownFrom(IDENTITY, 'nodes', evidence.nodes);
  const identity = clusterIdentity(evidence);
  const nodes = evidence.nodes.value.items;
  const windows = nodes.filter(isWindowsNode);
  const linux = nodes.filter((node) => !isWindowsNode(node));
  const distribution = clusterDistribution(evidence);
  const lines = [
    describeCounts(distribution.distribution === 'RKE2' ? 'RKE2 (node status.nodeInfo.kubeletVersion)' : 'Kubernetes (node status.nodeInfo.kubeletVersion)', linux, (node) => text(node, 'status', 'nodeInfo', 'kubeletVersion')),
    ...(windows.length > 0 ? [describeCounts('kubelet (Windows nodes: left out of version consistency, their kubelet reports no +rke2rN suffix)', windows, (node) => text(node, 'status', 'nodeInfo', 'kubeletVersion'))] : []),
    describeCounts('containerd (status.nodeInfo.containerRuntimeVersion)', nodes, (node) => text(node, 'status', 'nodeInfo', 'containerRuntimeVersion')),
    `Calico: ${identity.calico ?? 'unknown'}${identity.calicoSource ? ` (${identity.calicoSource})` : ''}`,
    `distribution: ${distribution.evidence}`,
  ];
  const rke2Cluster = identity.distribution === 'RKE2';
  const platform = rke2Cluster ? `RKE2 ${identity.rke2.join(', ') || 'unknown'}` : `${identity.distribution ?? 'unknown distribution'} (not RKE2) Kubernetes ${identity.kubernetes.join(', ') || 'unknown'}`;
  const summary = `${platform}, containerd ${identity.containerd.join(', ') || 'unknown'}, Calico ${identity.calico ?? 'unknown'}`;
  const versions = rke2Cluster ? identity.rke2 : identity.kubernetes;
  if (versions.length > 1) {
    return result(IDENTITY, 'warn', `Mixed ${rke2Cluster ? 'RKE2' : 'Kubernetes'} versions: ${summary}`, lines, { remediation: `Finish the upgrade so every node runs the same ${rke2Cluster ? 'RKE2' : 'Kubernetes'} release.` });
  }
  return result(IDENTITY, versions.length === 0 ? 'unknown' : 'pass', summary, lines);
}

/** The tigera-operator version, from the image of Deployment tigera-operator/tigera-operator. */
export function operatorVersion(evidence: ClusterEvidence): string | undefined {
  if (evidence.operatorDeployment.kind !== 'ok') return undefined;
  const image = list(evidence.operatorDeployment.value, 'spec', 'template', 'spec', 'containers').map((container) => text(container, 'image')).find((entry) => entry?.includes('operator') ?? false);
  const parsed = parseOperatorVersion(imageTag(image) ?? '');
  return parsed.ok ? formatOperatorVersion(parsed.value) : undefined;
}

/** The rke2-calico chart version, from the HelmChart's helm.cattle.io/chart-url annotation (or spec.version). */
export function chartVersion(evidence: ClusterEvidence): string | undefined {
  if (evidence.helmCharts.kind !== 'ok') return undefined;
  const chart = evidence.helmCharts.value.items.find((item) => text(item, 'metadata', 'name') === 'rke2-calico');
  const fromUrl = /rke2-calico-(v?\d+\.\d+\.\d+)\.tgz/.exec(text(chart, 'metadata', 'annotations', 'helm.cattle.io/chart-url') ?? '')?.[1];
  const parsed = parseChartVersion(fromUrl ?? text(chart, 'spec', 'version') ?? '');
  return parsed.ok ? formatChartVersion(parsed.value) : undefined;
}

function calicoFromMatrix(rke2: string): string | undefined {
  const outcome = lookUpVersion(rke2, 'rke2');
  return outcome.ok ? outcome.report.calico : undefined;
}

/**
 * The known-issue verdict for every RKE2/containerd combination the nodes run, with the chart and operator the
 * cluster deploys, exactly as the knowledge base says. Preconditions (a Windows node, a kernel, a setting) are
 * read from the evidence: an issue whose precondition the cluster does not meet is left out, one whose
 * precondition could not be decided is listed as "may apply" without changing the status.
 */
export function checkKnownIssues(evidence: ClusterEvidence): CheckResult {
  if (evidence.nodes.kind !== 'ok') return unknownFrom(KNOWN_ISSUES_CHECK, 'nodes', evidence.nodes);
  const identity = clusterIdentity(evidence);
  const preconditions = preconditionFacts(evidence);
  const operator = operatorVersion(evidence);
  const chart = chartVersion(evidence);
  const matches: { match: KnownIssueMatch; facts: string }[] = [];
  const rke2Cluster = identity.distribution === 'RKE2' || identity.distribution === undefined;
  const raceBlocked = raceBlocker(evidence);
  const raceBehind = racePassed(evidence);
  const racesSetAside: KnownIssueMatch[] = [];
  const conditional = new Map<string, KnownIssueMatch>();
  const evidenceLines: string[] = [];
  const combinations = new Set(evidence.nodes.value.items.map((node) => `${rke2Release(node) ?? ''}|${text(node, 'status', 'nodeInfo', 'containerRuntimeVersion') ?? ''}`));
  for (const combination of combinations) {
    const [release = '', runtime = ''] = combination.split('|');
    const containerd = parseContainerdVersion(runtime);
    const rke2Text = release === '' ? undefined : release;
    // RKE2's chart pins Calico's images, so its matrix comes before the release an operator deploys upstream.
    const fromOperator = calicoOfOperator(operator);
    const calico = identity.calico ?? (rke2Text ? calicoFromMatrix(rke2Text) : undefined) ?? fromOperator;
    const facts = { rke2: rke2Text, calico, containerd: containerd.ok ? formatContainerdVersion(containerd.value) : undefined, operator, chart };
    const derived = calico === undefined || identity.calico ? '' : calico === fromOperator && !(rke2Text && calicoFromMatrix(rke2Text)) ? ` (the release tigera-operator ${operator ?? ''} deploys)` : ' (from the release matrix)';
    const description = `${rke2Text || !rke2Cluster ? `RKE2 ${facts.rke2 ?? 'unknown'}` : 'RKE2 unknown'} + containerd ${facts.containerd ?? 'unknown'} + Calico ${calico ?? 'unknown'}${derived}`;
    evidenceLines.push(description);
    const verdict = evaluateKnownIssues(facts, preconditions);
    // Issues of RKE2's own Calico install (its chart, its containerd) say nothing about another distribution.
    const fits = (match: KnownIssueMatch): boolean => rke2Cluster || match.issue.appliesTo !== 'rke2-calico' || match.issue.id.startsWith('tigera/');
    // rancher/rke2#7808 needs more than its versions: an operator that ran and an Installation (initRaceConditions.ts).
    // It is a start-up race, too: a cluster past it is not in it, whatever its versions.
    for (const match of verdict.applies.filter(fits)) {
      const isRace = match.issue.id === RACE_ISSUE.id;
      if (isRace && raceBlocked !== undefined) continue;
      if (isRace && raceBehind !== undefined) racesSetAside.push(match);
      else matches.push({ match, facts: description });
    }
    for (const match of verdict.conditional.filter(fits)) conditional.set(match.issue.id, match);
  }
  evidenceLines.push(`tigera-operator ${operator ?? 'unknown'} (Deployment image), rke2-calico chart ${chart ?? 'unknown'} (HelmChart chart-url)`);
  if (raceBlocked && matchesRaceVersions(identity.calico)) evidenceLines.push(`rancher/rke2#7808 not named: ${raceBlocked.reason}`);
  else if (racesSetAside.length > 0) {
    const moveTo = [...new Set(upgradeTargets(identity))];
    evidenceLines.push(`rancher/rke2#7808, a start-up race of these versions, not named: the cluster is past start-up (${raceBehind ?? ''}); a new cluster of these versions can meet it${moveTo.length > 0 ? ` (upgrade to ${moveTo.join(' / ')} to be rid of it)` : ''}`);
  }
  if (!rke2Cluster) evidenceLines.push(`${identity.distribution} cluster: issues of RKE2's own Calico install are left out`);
  for (const match of conditional.values()) {
    evidenceLines.push(`may apply: ${match.issue.id} (${match.issue.title}) — only if ${describePreconditions(match.openPreconditions)}, which the cluster's objects do not tell`);
  }
  if (matches.length === 0) {
    const known = identity.calico !== undefined || identity.rke2.some((version) => calicoFromMatrix(version) !== undefined) || calicoOfOperator(operator) !== undefined;
    return result(KNOWN_ISSUES_CHECK, known ? 'pass' : 'unknown', known ? 'No known Calico issue applies to these versions and this setup' : 'unknown: the Calico version could not be read and the RKE2 version is not in the matrix', evidenceLines);
  }
  matches.sort((a, b) => (a.match.severity === 'error' ? -1 : 0) - (b.match.severity === 'error' ? -1 : 0));
  const worst = matches[0];
  if (!worst) return result(KNOWN_ISSUES_CHECK, 'pass', 'No known Calico issue applies', evidenceLines);
  const others = [...new Set(matches.map((entry) => entry.match.issue.id))].filter((id) => id !== worst.match.issue.id);
  const upgrade = upgradeTargets(identity);
  const targets = upgrade.length > 0 ? upgrade : worst.match.issue.fixedIn;
  return result(
    KNOWN_ISSUES_CHECK,
    worst.match.severity === 'error' ? 'fail' : 'warn',
    `${worst.match.issue.id}: ${worst.match.issue.title} (${worst.facts})${others.length > 0 ? `; also ${others.join(', ')}` : ''}`,
    [...evidenceLines, ...new Set(matches.map((entry) => `${entry.match.issue.id}: ${entry.match.because}`))],
    {
      remediation: `${targets.length > 0 ? `${upgrade.length > 0 ? 'Upgrade to' : 'Fixed in'} ${[...new Set(targets)].join(' / ')}. ` : ''}${worst.match.issue.mitigations[0] ?? ''}`,
      knownIssue: { id: worst.match.issue.id, url: worst.match.issue.url },
    },
  );
}
