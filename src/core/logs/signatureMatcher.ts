import type { LogSignature, SignatureMatch } from './logSignature';
import { LOG_SIGNATURES } from './logSignatures';
import { BENIGN_LINES, type BenignLine } from './benignLines';
import { TriggerSearch } from './triggerSearch';
import { VERSION_PROBES, type VersionProbe } from './versionProbes';
import { LINE_START_TRIGGER, STRUCTURAL_TRIGGERS } from './structure/structuralTriggers';

/** Patterns run only on a window this wide each side of the trigger, so a 1 MB line costs no more than a short one. */
const WINDOW = 2048;

/** What a trigger can lead to: a signature's wording, a recovery line that ends a transient, or a version probe. */
type Entry =
  | { readonly kind: 'benign'; readonly order: number; readonly benign: BenignLine; readonly pattern: RegExp; readonly trigger: string }
  | { readonly kind: 'signature'; readonly order: number; readonly signature: LogSignature; readonly pattern: RegExp; readonly trigger: string }
  | { readonly kind: 'recovery'; readonly order: number; readonly signature: LogSignature; readonly pattern: RegExp; readonly trigger: string }
  | { readonly kind: 'version'; readonly order: number; readonly probe: VersionProbe; readonly pattern: RegExp; readonly trigger: string }
  | { readonly kind: 'structure'; readonly order: number; readonly trigger: string };

/** What one line is, as far as the catalog knows. */
export interface LineMatch {
  readonly signature: LogSignature | undefined;
  /** Transient signatures whose episode this line ends. */
  readonly recovers: readonly LogSignature[];
  readonly versions: readonly { readonly component: VersionProbe['component']; readonly version: string }[];
  /** The line holds a failure-level marker of a known format (and no benign wording): the structural tier judges it. */
  readonly structural: boolean;
}

export interface TriggerHit {
  readonly trigger: string;
  /** Where the trigger starts, relative to the line. */
  readonly at: number;
}

const NOTHING: LineMatch = { signature: undefined, recovers: [], versions: [], structural: false };

/**
 * A compiled catalog: one multi-literal search over every trigger (signatures, recovery lines, version probes, benign
 * wordings), and per trigger the entries that need it (a trigger that contains another brings the shorter one's too).
 */
export class SignatureMatcher {
  readonly search: TriggerSearch;
  private readonly byTrigger = new Map<string, Entry[]>();

  constructor(readonly signatures: readonly LogSignature[] = LOG_SIGNATURES, probes: readonly VersionProbe[] = VERSION_PROBES, benign: readonly BenignLine[] = BENIGN_LINES) {
    const entries: Entry[] = [];
    const add = (match: SignatureMatch, make: (pattern: RegExp, order: number) => Entry): void => {
      entries.push(make(new RegExp(match.pattern), entries.length));
    };
    // Benign wordings come first: a line they match is never named by a signature.
    for (const line of benign) add(line, (pattern, order) => ({ kind: 'benign', order, benign: line, pattern, trigger: line.trigger }));
    for (const signature of signatures) {
      for (const match of signature.matches) add(match, (pattern, order) => ({ kind: 'signature', order, signature, pattern, trigger: match.trigger }));
      for (const match of signature.transient?.recovery ?? []) add(match, (pattern, order) => ({ kind: 'recovery', order, signature, pattern, trigger: match.trigger }));
    }
    for (const probe of probes) add(probe, (pattern, order) => ({ kind: 'version', order, probe, pattern, trigger: probe.trigger }));
    for (const trigger of STRUCTURAL_TRIGGERS) entries.push({ kind: 'structure', order: entries.length, trigger });
    const literals = [...new Set(entries.map((entry) => entry.trigger))].sort((a, b) => b.length - a.length);
    for (const literal of literals) {
      const own = entries.filter((entry) => literal.includes(entry.trigger));
      this.byTrigger.set(literal, own);
    }
    this.search = new TriggerSearch(literals);
    // Not searched for: the scanner hands it over for a line whose start marks a failure (structuralTriggers.ts).
    this.byTrigger.set(LINE_START_TRIGGER, [{ kind: 'structure', order: entries.length, trigger: LINE_START_TRIGGER }]);
  }

  /** Every trigger in `text` with where it starts (relative to the text). */
  triggersIn(text: string): TriggerHit[] {
    const hits: TriggerHit[] = [];
    this.search.search(text, 0, text.length, (trigger, at) => hits.push({ trigger, at }));
    return hits;
  }

  /**
   * What the line is: the first signature in catalog order whose wording matches (none when a benign wording matches
   * first), the transients it ends and the versions it names. Each pattern runs on a window around where its trigger was seen.
   */
  match(line: string, hits: readonly TriggerHit[]): LineMatch {
    const candidates = hits.length === 1
      ? (this.byTrigger.get(hits[0]?.trigger ?? '') ?? [])
      : [...new Set(hits.flatMap((hit) => this.byTrigger.get(hit.trigger) ?? []))].sort((a, b) => a.order - b.order);
    let signature: LogSignature | undefined;
    let benign = false;
    let recovers: LogSignature[] | undefined;
    let versions: { component: VersionProbe['component']; version: string }[] | undefined;
    let structural = false;
    for (const entry of candidates) {
      if (entry.kind === 'structure') {
        structural = true;
        continue;
      }
      if (entry.kind === 'signature' && (signature !== undefined || benign)) continue;
      const at = hits.find((hit) => hit.trigger.includes(entry.trigger))?.at ?? 0;
      const window = line.length <= WINDOW * 2 ? line : line.slice(Math.max(0, at - WINDOW), at + WINDOW);
      const found = entry.pattern.exec(window);
      if (!found) continue;
      if (entry.kind === 'benign') benign = true;
      else if (entry.kind === 'signature') signature = entry.signature;
      else if (entry.kind === 'recovery') (recovers ??= []).push(entry.signature);
      else {
        const version = entry.probe.normalise(found[1] ?? found[0]);
        if (version !== undefined) (versions ??= []).push({ component: entry.probe.component, version });
      }
    }
    structural &&= !benign;
    if (signature === undefined && recovers === undefined && versions === undefined && !structural) return NOTHING;
    return { signature, recovers: recovers ?? [], versions: versions ?? [], structural };
  }
}

let defaultMatcher: SignatureMatcher | undefined;

/** The catalog's matcher, compiled once on first use. */
export function catalogMatcher(): SignatureMatcher {
  defaultMatcher ??= new SignatureMatcher();
  return defaultMatcher;
}
