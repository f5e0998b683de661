import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { CheckReportJson } from '../../src/core/checks/checkReport';

/**
 * One replayed cluster state of test/corpus/clusters/<case-id>/: objects.yaml (raw Kubernetes objects), case.yaml
 * (this), source.md (where it comes from) and optional logs/<namespace>_<pod>_<container>.log.
 */
export interface ClusterCase {
  readonly id: string;
  readonly source: string;
  readonly url: string;
  /** Resource plurals the source showed; every other read is answered 403 Forbidden. */
  readonly shown: readonly string[];
  readonly expected: {
    readonly verdict: 'pass' | 'warn' | 'fail' | 'unknown';
    /** Checks that must be fail or warn; every other check must be neither. */
    readonly failing: readonly string[];
    /** Known issues that must be named. */
    readonly knownIssues: readonly string[];
    /** Known issues that must not be named. */
    readonly mustNotName: readonly string[];
    readonly rootCause: string;
  };
}

export interface CaseFolder {
  readonly folder: string;
  readonly spec: ClusterCase;
  /** A synthetic fixture of the harness (under _fixtures/), not a corpus case. */
  readonly fixture: boolean;
}

const strings = (value: unknown, what: string): string[] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) throw new Error(`${what} must be a list of strings`);
  return value;
};

/** Reads and validates case.yaml; a malformed case throws with its folder named. */
export function readCase(folder: string): ClusterCase {
  const raw = parse(readFileSync(join(folder, 'case.yaml'), 'utf8')) as Record<string, unknown> | null;
  const expected = (raw?.expected ?? {}) as Record<string, unknown>;
  const verdict = expected.verdict;
  if (typeof raw?.id !== 'string' || !['pass', 'warn', 'fail', 'unknown'].includes(String(verdict))) throw new Error(`${folder}/case.yaml: needs id and expected.verdict pass|warn|fail|unknown`);
  return {
    id: raw.id,
    source: typeof raw.source === 'string' ? raw.source : '',
    url: typeof raw.url === 'string' ? raw.url : '',
    shown: strings(raw.shown, `${folder}: shown`),
    expected: {
      verdict: verdict as ClusterCase['expected']['verdict'],
      failing: strings(expected.failing, `${folder}: expected.failing`),
      knownIssues: strings(expected.knownIssues, `${folder}: expected.knownIssues`),
      mustNotName: strings(expected.mustNotName, `${folder}: expected.mustNotName`),
      rootCause: typeof expected.rootCause === 'string' ? expected.rootCause : '',
    },
  };
}

/** Every case folder under `root` (a folder with case.yaml and objects.yaml), the fixtures of _fixtures/ marked. */
export function caseFolders(root: string): CaseFolder[] {
  if (!existsSync(root)) return [];
  const found: CaseFolder[] = [];
  const visit = (folder: string, fixture: boolean): void => {
    if (existsSync(join(folder, 'case.yaml')) && existsSync(join(folder, 'objects.yaml'))) {
      found.push({ folder, spec: readCase(folder), fixture });
      return;
    }
    for (const entry of readdirSync(folder, { withFileTypes: true }).filter((item) => item.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
      visit(join(folder, entry.name), fixture || entry.name === '_fixtures');
    }
  };
  visit(root, false);
  return found;
}

export interface CaseOutcome {
  readonly agrees: boolean;
  readonly verdict: string;
  /** What disagrees, one line each. */
  readonly differences: readonly string[];
  /** Checks that are fail or warn on a case expected healthy (verdict pass). */
  readonly healthyRed: readonly string[];
  /** Known issues named although mustNotName lists them. */
  readonly wronglyNamed: readonly string[];
}

/** The known issues a report names: a check's knownIssue, or the id in a fail/warn summary. */
export function namedIssues(report: CheckReportJson): Set<string> {
  const named = new Set<string>();
  for (const check of report.checks) {
    if (check.knownIssue) named.add(check.knownIssue.id);
    if (check.status === 'fail' || check.status === 'warn') for (const match of check.summary.matchAll(/[\w.-]+\/[\w.-]+#\d+/g)) named.add(match[0]);
  }
  return named;
}

/** Compares a `check --format json` report with a case's expectations. */
export function judgeCase(spec: ClusterCase, report: CheckReportJson): CaseOutcome {
  const differences: string[] = [];
  const status = report.verdict?.status ?? 'unknown';
  const verdict = status === 'could-not-verify' ? 'unknown' : status;
  if (verdict !== spec.expected.verdict) differences.push(`verdict ${verdict}, expected ${spec.expected.verdict}`);
  const red = report.checks.filter((check) => check.status === 'fail' || check.status === 'warn');
  for (const id of spec.expected.failing) if (!red.some((check) => check.id === id)) differences.push(`${id} is ${report.checks.find((check) => check.id === id)?.status ?? 'absent'}, expected fail or warn`);
  for (const check of red) if (!spec.expected.failing.includes(check.id)) differences.push(`${check.id} is ${check.status}: ${check.summary}`);
  const named = namedIssues(report);
  for (const id of spec.expected.knownIssues) if (!named.has(id)) differences.push(`${id} not named`);
  const wronglyNamed = spec.expected.mustNotName.filter((id) => named.has(id));
  for (const id of wronglyNamed) differences.push(`${id} named, but its preconditions do not hold`);
  const healthyRed = spec.expected.verdict === 'pass' ? red.map((check) => check.id) : [];
  return { agrees: differences.length === 0, verdict, differences, healthyRed, wronglyNamed };
}
