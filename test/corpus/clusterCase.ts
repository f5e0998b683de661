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
  /** Plurals shown only in part (grep, one namespace): what is not in objects.yaml may exist, so it answers 403. */
  readonly partial: readonly string[];
  readonly expected: {
    readonly verdict: 'pass' | 'warn' | 'fail' | 'unknown';
    /** Checks that must be fail or warn; every other check must be neither. */
    readonly failing: readonly string[];
    /** Known issues that must be named. */
    readonly knownIssues: readonly string[];
    /** Known issues that must not be named. */
    readonly mustNotName: readonly string[];
    readonly rootCause: string;
    /**
     * The check id an expert names first as the root cause (batch 2 on): `none` on a healthy case, `not-a-check`
     * where no check covers the concluded cause; undefined where the batch did not label it.
     */
    readonly firstCause?: string;
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
    partial: strings(raw.partial, `${folder}: partial`),
    expected: {
      verdict: verdict as ClusterCase['expected']['verdict'],
      failing: strings(expected.failing, `${folder}: expected.failing`),
      knownIssues: strings(expected.knownIssues, `${folder}: expected.knownIssues`),
      mustNotName: strings(expected.mustNotName, `${folder}: expected.mustNotName`),
      rootCause: typeof expected.rootCause === 'string' ? expected.rootCause : '',
      ...(typeof expected.firstCause === 'string' ? { firstCause: expected.firstCause } : {}),
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
  /** Verdict, failing checks and named known issues all as expected. */
  readonly agrees: boolean;
  /**
   * The issue's three tests only: no fail or warning on a healthy case, the expected failing checks red and the
   * verdict red where a fault was expected, no known issue named whose preconditions do not hold. A healthy case the
   * product calls "could not verify" passes them: it claimed nothing untrue (the strict `agrees` still counts it).
   */
  readonly meetsGoal: boolean;
  readonly verdict: string;
  /** What disagrees, one line each. */
  readonly differences: readonly string[];
  /** Checks that are fail or warn on a case expected healthy (verdict pass). */
  readonly healthyRed: readonly string[];
  /** Known issues named although mustNotName lists them. */
  readonly wronglyNamed: readonly string[];
  /** The first root cause the report names (`none` when it names none). */
  readonly firstCause: string;
  /** Whether it is the labelled one; undefined where the case has no firstCause label or it is `not-a-check`. */
  readonly firstCauseRight: boolean | undefined;
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

const RED = new Set(['fail', 'warn']);

/** Compares a `check --format json` report with a case's expectations. */
export function judgeCase(spec: ClusterCase, report: CheckReportJson): CaseOutcome {
  const differences: string[] = [];
  const status = report.verdict?.status ?? 'unknown';
  const verdict = status === 'could-not-verify' ? 'unknown' : status;
  if (verdict !== spec.expected.verdict) differences.push(`verdict ${verdict}, expected ${spec.expected.verdict}`);
  const red = report.checks.filter((check) => RED.has(check.status));
  const missingRed: string[] = [];
  for (const id of spec.expected.failing) {
    if (!red.some((check) => check.id === id)) missingRed.push(`${id} is ${report.checks.find((check) => check.id === id)?.status ?? 'absent'}, expected fail or warn`);
  }
  differences.push(...missingRed);
  const extraRed = red.filter((check) => !spec.expected.failing.includes(check.id));
  for (const check of extraRed) differences.push(`${check.id} is ${check.status}: ${check.summary}`);
  const named = namedIssues(report);
  const unnamed = spec.expected.knownIssues.filter((id) => !named.has(id));
  for (const id of unnamed) differences.push(`${id} not named`);
  const wronglyNamed = spec.expected.mustNotName.filter((id) => named.has(id));
  for (const id of wronglyNamed) differences.push(`${id} named, but its preconditions do not hold`);
  const healthy = spec.expected.verdict === 'pass';
  const healthyRed = healthy ? red.map((check) => check.id) : [];
  const verdictMeetsGoal = healthy ? verdict === 'pass' || verdict === 'unknown' : spec.expected.verdict === 'unknown' ? verdict === 'unknown' : RED.has(verdict);
  const meetsGoal = verdictMeetsGoal && healthyRed.length === 0 && missingRed.length === 0 && unnamed.length === 0 && wronglyNamed.length === 0;
  const firstCause = report.rootCauses?.[0]?.check ?? 'none';
  const label = spec.expected.firstCause;
  const firstCauseRight = label === undefined || label === 'not-a-check' ? undefined : firstCause === label;
  return { agrees: differences.length === 0, meetsGoal, verdict, differences, healthyRed, wronglyNamed, firstCause, firstCauseRight };
}
