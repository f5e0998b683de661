import type { ComponentFacts } from '../knowledge/knownIssue';
import { evaluateKnownIssues, findKnownIssue } from '../knowledge/knownIssueVerdict';
import { findBuild } from '../knowledge/releaseIndex';
import { parseRke2Version } from '../versions/rke2Version';
import type { VersionProbe } from './versionProbes';

/** Why a known issue is named for the lines of a log. */
export interface IssueSupport {
  readonly id: string;
  readonly because: string;
}

/** The versions known from outside the log (a flag, the workspace, the connected cluster) and where they come from. */
export interface ExternalFacts extends ComponentFacts {
  readonly source?: string;
}

/** RKE2 facts grow the Calico and containerd versions that release ships, so the issue rules can judge them. */
function withReleaseFacts(facts: ComponentFacts): ComponentFacts {
  if (facts.rke2 === undefined) return facts;
  const parsed = parseRke2Version(facts.rke2);
  const build = parsed.ok ? findBuild(parsed.value)?.record : undefined;
  if (!build) return facts;
  return { rke2: facts.rke2, calico: facts.calico ?? build.calico, containerd: facts.containerd ?? build.containerd };
}

/**
 * What a log (and its surroundings) says about the known issues its failure lines could be evidence of. A line names
 * an issue only when (a) the versions known from outside or stated in the log itself are affected, or (b) the log
 * holds every signature of the issue's pair of symptoms. A symptom alone is just a symptom.
 */
export class LogContext {
  private readonly seenCodes = new Set<string>();
  private readonly logFacts: { -readonly [K in keyof ComponentFacts]: string | undefined } = { rke2: undefined, calico: undefined, containerd: undefined };
  private readonly supportCache = new Map<string, IssueSupport | undefined>();
  private versionSupport: Map<string, string> | undefined;

  constructor(private readonly external: ExternalFacts = {}) {}

  /** A version the log states (the latest statement wins: a log can span an upgrade). */
  noteVersion(component: VersionProbe['component'], version: string): void {
    if (this.logFacts[component] === version) return;
    this.logFacts[component] = version;
    this.versionSupport = undefined;
    this.supportCache.clear();
  }

  noteSignature(id: string): void {
    if (this.seenCodes.has(id)) return;
    this.seenCodes.add(id);
    this.supportCache.clear();
  }

  /** Whether the issue can be named now, and why; undefined when the context does not support it (yet). */
  support(issueId: string): IssueSupport | undefined {
    if (this.supportCache.has(issueId)) return this.supportCache.get(issueId);
    const found = this.decide(issueId);
    this.supportCache.set(issueId, found);
    return found;
  }

  private decide(issueId: string): IssueSupport | undefined {
    const byVersion = this.affectedByVersion().get(issueId);
    if (byVersion !== undefined) return { id: issueId, because: byVersion };
    const issue = findKnownIssue(issueId);
    const pair = issue?.logEvidence;
    if (pair && pair.length > 0 && pair.every((code) => this.seenCodes.has(code))) {
      return { id: issueId, because: `the log shows the issue's pair of symptoms (${pair.join(' and ')})` };
    }
    return undefined;
  }

  private affectedByVersion(): Map<string, string> {
    if (this.versionSupport) return this.versionSupport;
    const support = new Map<string, string>();
    const sources: [ComponentFacts, string][] = [
      [this.external, this.external.source ?? 'the given versions'],
      [{ rke2: this.logFacts.rke2, calico: this.logFacts.calico, containerd: this.logFacts.containerd }, 'the versions this log states'],
    ];
    for (const [facts, source] of sources) {
      if (facts.rke2 === undefined && facts.calico === undefined && facts.containerd === undefined) continue;
      const complete = withReleaseFacts(facts);
      for (const match of evaluateKnownIssues(complete).applies) {
        if (!support.has(match.issue.id)) support.set(match.issue.id, `${source}: ${describe(complete)} — ${match.because}`);
      }
    }
    this.versionSupport = support;
    return support;
  }
}

function describe(facts: ComponentFacts): string {
  return [facts.rke2 && `RKE2 ${facts.rke2}`, facts.calico && `Calico ${facts.calico}`, facts.containerd && `containerd ${facts.containerd}`].filter(Boolean).join(', ');
}
