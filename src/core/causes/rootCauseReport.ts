/**
 * Root causes as the check report carries them (`check --format json`, the report page, bundles) and as the text
 * output opens with them: the cause, what it explains, the alternatives the evidence cannot rule out, the first step,
 * and the links that prove the chain (the node, object or log line each rests on).
 */
import type { CheckResult } from '../checks/checkResult';
import type { PodLogEvidence } from '../checks/podLogSelection';
import { findingsOfChecks, type CauseFinding, type LogLineRef } from './causeFinding';
import { bundleCheckFindings, findingsOfLogs, findingsOfNodeLogs, type NodeLogScan } from './logFindings';
import { analyseCauses, type CauseAnalysis } from './rootCauses';

export interface RootCauseLinkJson {
  /** Check id (or `log:<signature>`) of the cause and of the effect. */
  cause: string;
  effect: string;
  rule: string;
  /** What in the evidence links them: the node, object or log line. */
  link: string;
}

export interface RootCauseJson {
  /** The check id of the cause; `log:<signature>` for a line of a component's log. */
  check: string;
  title: string;
  summary: string;
  remediation?: string;
  knownIssue?: string;
  /** For a cause found in a log: the pod, its node and the line. */
  log?: LogLineRef;
  /** Check ids (or `log:<signature>`) this cause explains (its symptoms). */
  explains: string[];
  /** Check ids of causes the evidence cannot tell apart from this one. */
  alternatives: string[];
  /** The links from this cause down to what it explains, each with its evidence (at most 12). */
  links: RootCauseLinkJson[];
}

/** Where the graph's findings come from beyond the checks: the pod logs `check` read, a bundle's node logs. */
export interface CauseInputs {
  readonly podLogs?: readonly PodLogEvidence[];
  readonly nodeLogs?: readonly NodeLogScan[];
  /** The node a single support bundle was collected on: its host checks and logs are about it. */
  readonly bundleNode?: string;
}

const MAX_LINKS = 12;

function idOf(finding: CauseFinding | undefined): string {
  return finding?.check ?? finding?.code ?? '?';
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** The cause graph of one run: its checks' findings and, given the pod logs, the findings of those logs. */
export function analyseRun(results: readonly CheckResult[], inputs: CauseInputs = {}): CauseAnalysis {
  const scans = inputs.nodeLogs ?? [];
  const checks = scans.length > 0 || inputs.bundleNode !== undefined ? bundleCheckFindings(findingsOfChecks(results), scans, inputs.bundleNode) : findingsOfChecks(results);
  const reported = new Set(results.flatMap((check) => (check.id.startsWith('logs.') ? [check.id.slice('logs.'.length)] : [])));
  return analyseCauses([...checks, ...findingsOfLogs(inputs.podLogs ?? [], results), ...findingsOfNodeLogs(scans, reported)]);
}

/** The root causes of one run, most explaining first; none on a cluster with nothing failing or warning. */
export function rootCausesOfChecks(results: readonly CheckResult[], inputs: CauseInputs = {}): RootCauseJson[] {
  const analysis = analyseRun(results, inputs);
  const find = (key: string): CauseFinding | undefined => analysis.findings.get(key);
  return analysis.roots.map((root) => {
    const chain = new Set([root.finding.key, ...root.explains]);
    const links = analysis.links.filter((link) => chain.has(link.cause) && chain.has(link.effect) && link.effect !== root.finding.key);
    return {
      check: idOf(root.finding),
      title: root.finding.title,
      summary: root.finding.summary,
      ...(root.finding.remediation !== undefined ? { remediation: root.finding.remediation } : {}),
      ...(root.finding.knownIssue !== undefined ? { knownIssue: root.finding.knownIssue } : {}),
      ...(root.finding.log !== undefined ? { log: root.finding.log } : {}),
      explains: unique(root.explains.map((key) => idOf(find(key)))).filter((id) => id !== idOf(root.finding)),
      alternatives: unique(root.alternatives.map(idOf)),
      links: links.slice(0, MAX_LINKS).map((link) => ({ cause: idOf(find(link.cause)), effect: idOf(find(link.effect)), rule: link.rule.id, link: link.link })),
    };
  });
}


/** How an explained finding is named in text: its check's title, or a log signature with where it was seen. */
export function explainedTitle(id: string, titleOf: ReadonlyMap<string, string>): string {
  return titleOf.get(id) ?? (id.startsWith('log:') ? `${id.slice('log:'.length)} (in a pod log)` : id);
}
