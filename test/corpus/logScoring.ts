/**
 * Scores the log scanner on labelled excerpts: line recall and precision, incidents found (a problem excerpt with
 * at least one labelled line found), healthy excerpts with findings; and the same with every rule that was written
 * from one source taken away while that source's excerpts are scored (leave-one-source-out), so the figure says how
 * the rules do on a thread they were not written from.
 */
import { readFileSync } from 'node:fs';
import { BENIGN_LINES } from '../../src/core/logs/benignLines';
import { LOG_SIGNATURES } from '../../src/core/logs/logSignatures';
import { scanText } from '../../src/core/logs/scanText';
import { SignatureMatcher } from '../../src/core/logs/signatureMatcher';
import { VERSION_PROBES } from '../../src/core/logs/versionProbes';
import type { LogExcerpt } from './logCorpus';

export interface LogScore {
  readonly excerpts: number;
  readonly problems: number;
  readonly incidentsFound: number;
  readonly labelled: number;
  readonly truePositives: number;
  readonly falsePositives: readonly string[];
  readonly missed: readonly string[];
  readonly healthyWithFindings: readonly string[];
}

export interface FoundLine {
  readonly line: number;
  readonly code: string;
}

/** `owner/repo#N` citations of a text; a bare `#N` after one belongs to the same repository. */
export function citedIssues(text: string): Set<string> {
  const cited = new Set<string>();
  let repo: string | undefined;
  for (const match of text.matchAll(/([\w.-]+\/[\w.-]+)?#(\d+)/g)) {
    repo = match[1] ?? repo;
    if (repo !== undefined) cited.add(`${repo}#${match[2] ?? ''}`);
  }
  return cited;
}

export function scoreExcerpts(excerpts: readonly LogExcerpt[], scan: (excerpt: LogExcerpt) => readonly FoundLine[]): LogScore {
  let truePositives = 0;
  let incidentsFound = 0;
  const falsePositives: string[] = [];
  const missed: string[] = [];
  const healthyWithFindings: string[] = [];
  for (const excerpt of excerpts) {
    const found = new Map(scan(excerpt).map((finding) => [finding.line, finding.code]));
    if (excerpt.kind === 'healthy' && found.size > 0) healthyWithFindings.push(`${excerpt.id}:${[...found].map(([line, code]) => `${line} ${code}`).join(', ')}`);
    let hit = false;
    for (const [line, code] of found) {
      if (excerpt.labels.has(line)) {
        truePositives++;
        hit = true;
      } else {
        falsePositives.push(`${excerpt.id}:${line} ${code}`);
      }
    }
    if (hit) incidentsFound++;
    for (const [line, family] of excerpt.labels) if (!found.has(line)) missed.push(`${excerpt.id}:${line} ${family}`);
  }
  const problems = excerpts.filter((excerpt) => excerpt.kind === 'problem' && excerpt.labels.size > 0).length;
  return { excerpts: excerpts.length, problems, incidentsFound, labelled: truePositives + missed.length, truePositives, falsePositives, missed, healthyWithFindings };
}

export function recall(score: LogScore): number {
  return score.labelled === 0 ? 1 : score.truePositives / score.labelled;
}

export function precision(score: LogScore): number {
  const reported = score.truePositives + score.falsePositives.length;
  return reported === 0 ? 1 : score.truePositives / reported;
}

export function describeScore(name: string, score: LogScore): string {
  const percent = (value: number): string => `${(value * 100).toFixed(1)} %`;
  return `${name}: incidents ${score.incidentsFound}/${score.problems} (${percent(score.problems === 0 ? 1 : score.incidentsFound / score.problems)}), ` +
    `line recall ${percent(recall(score))} (${score.truePositives}/${score.labelled}), precision ${percent(precision(score))}, ` +
    `healthy excerpts with findings ${score.healthyWithFindings.length}`;
}

/** The scanner as it would be without the rules (signatures and benign wordings) that cite `source`. */
function matcherWithout(source: string): SignatureMatcher {
  const cites = (text: string): boolean => citedIssues(text).has(source);
  return new SignatureMatcher(
    LOG_SIGNATURES.filter((signature) => !cites(signature.source)),
    VERSION_PROBES,
    BENIGN_LINES.filter((line) => !cites(line.source)),
  );
}

/**
 * What counts as a finding: warnings and errors. An info finding is a start-up line the log gives no time for,
 * reported as possibly transient; it is a note, not a claim that something failed.
 */
function scanWith(matcher: SignatureMatcher | undefined, excerpt: LogExcerpt): FoundLine[] {
  const result = scanText(readFileSync(excerpt.path, 'utf8'), matcher ? { matcher } : {});
  return result.findings.filter((finding) => finding.signature.severity !== 'info').map((finding) => ({ line: finding.line, code: finding.signature.id }));
}

/** In-sample: the whole catalog on every excerpt. */
export function scoreInSample(excerpts: readonly LogExcerpt[]): LogScore {
  return scoreExcerpts(excerpts, (excerpt) => scanWith(undefined, excerpt));
}

/** Leave-one-source-out: each excerpt scored by the catalog without the rules that cite the excerpt's own thread. */
export function scoreLeaveOneSourceOut(excerpts: readonly LogExcerpt[]): LogScore {
  const matchers = new Map<string, SignatureMatcher>();
  return scoreExcerpts(excerpts, (excerpt) => {
    let matcher = matchers.get(excerpt.source);
    if (!matcher) {
      matcher = matcherWithout(excerpt.source);
      matchers.set(excerpt.source, matcher);
    }
    return scanWith(matcher, excerpt);
  });
}
