/**
 * A finding of any source, as the cause graph sees it: what it is, how bad, and the things it is about (objects,
 * nodes), so a rule can say that two findings are linked by the evidence and not only present side by side.
 */
import type { CheckResult, ObjectRef } from '../checks/checkResult';
import { nodeTrouble } from './nodeTrouble';

export type CauseSource = 'check' | 'log';

/** The line of a component's log a log finding stands on. */
export interface LogLineRef {
  readonly namespace: string;
  readonly pod: string;
  readonly node: string | undefined;
  readonly line: string;
}

export interface CauseFinding {
  /** Unique within one analysis: `check:<id>`, `check:<id>#<part>`, `log:<pod>:<signature>`. */
  readonly key: string;
  readonly source: CauseSource;
  /** The code the rules are written for: a check id, a part of a check (`nodes.down`), or `log:<signature id>`. */
  readonly code: string;
  /** The check that reported it; undefined for a log finding. */
  readonly check: string | undefined;
  readonly title: string;
  readonly summary: string;
  readonly severity: 'fail' | 'warn';
  /** `Kind/namespace/name` of the objects it is about, and `Node/<name>` of the nodes. */
  readonly subjects: ReadonlySet<string>;
  /** The nodes it concerns (pods' nodes, the Nodes themselves); empty when it names none. */
  readonly nodes: ReadonlySet<string>;
  /** Its summary and evidence, for rules that link by a value both quote (a CIDR). */
  readonly text: string;
  readonly remediation: string | undefined;
  /** A known issue the finding names (a check that names rancher/rke2#7808). */
  readonly knownIssue: string | undefined;
  /** For a log finding: the line that proves it. */
  readonly log?: LogLineRef;
}

export function subjectOf(kind: string, name: string, namespace: string | undefined): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** The code of the part of nodes.ready whose nodes are NotReady for a reason of their own (see nodeTrouble.ts). */
export const NODES_DOWN = 'nodes.down';
const NODES_CHECK = 'nodes.ready';

function finding(check: CheckResult, objects: readonly ObjectRef[], part?: { code: string; title: string; summary: string }): CauseFinding {
  return {
    key: part && part.code !== check.id ? `check:${check.id}#${part.code}` : `check:${check.id}`,
    source: 'check',
    code: part?.code ?? check.id,
    check: check.id,
    title: part?.title ?? check.title,
    summary: part?.summary ?? check.summary,
    severity: check.status === 'fail' ? 'fail' : 'warn',
    subjects: new Set(objects.map((object) => subjectOf(object.kind, object.name, object.namespace))),
    nodes: new Set(objects.flatMap((object) => (object.node ? [object.node] : []))),
    text: [check.summary, ...check.evidence.slice(0, 40)].join('\n'),
    remediation: check.remediation,
    knownIssue: check.knownIssue?.id,
  };
}

/**
 * nodes.ready points two ways: nodes without network are symptoms of calico-node, nodes down for their own reason
 * are causes. Each direction becomes its own finding, so neither borrows the other's links.
 */
function nodeFindings(check: CheckResult): CauseFinding[] {
  const nodes = (check.objects ?? []).filter((object) => object.kind === 'Node');
  if (nodes.length === 0) return [finding(check, check.objects ?? [])];
  const own = nodes.filter((object) => nodeTrouble(object.condition ?? '') === 'own');
  const network = nodes.filter((object) => !own.includes(object));
  const found: CauseFinding[] = [];
  if (network.length > 0) found.push(finding(check, network, own.length > 0 ? { code: NODES_CHECK, title: check.title, summary: `${network.length} node(s) without pod network, e.g. ${network[0]?.name ?? ''}: ${network[0]?.condition ?? ''}` } : undefined));
  const first = own[0];
  if (first !== undefined) {
    found.push(finding(check, own, { code: NODES_DOWN, title: check.title, summary: `${own.length === 1 ? `${first.name} is` : `${own.length} node(s) are`} NotReady for a reason of their own${own.length === 1 ? '' : `, e.g. ${first.name}`}: ${first.condition ?? ''}` }));
  }
  return found;
}

/** The failing and warning checks of a run; passing, unknown and skipped checks explain nothing and need nothing explained. */
export function findingsOfChecks(results: readonly CheckResult[]): CauseFinding[] {
  return results.flatMap((check): CauseFinding[] => {
    if (check.status !== 'fail' && check.status !== 'warn') return [];
    return check.id === NODES_CHECK ? nodeFindings(check) : [finding(check, check.objects ?? [])];
  });
}
