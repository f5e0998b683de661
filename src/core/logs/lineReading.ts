import { isBinaryLine } from '../text/binaryContent';
import { parseLogLine, type ParsedLogLine } from './logLine';
import type { LineMatch, SignatureMatcher, TriggerHit } from './signatureMatcher';
import { INSTALLER_IGNORED, judgeStructure, RETRY_SUCCEEDED, type StructuralContext, type StructuralVerdict } from './structure/structuralJudge';

/**
 * What one line says by itself, before the log's state (versions seen, start-up episodes, held retries) is applied:
 * a function of the line's text alone, so a line that repeats word for word is read once (lineReadingCache.ts).
 */
export interface LineReading {
  readonly match: LineMatch;
  /** Mostly control bytes: skipped, not judged. */
  readonly binary: boolean;
  readonly parsed: ParsedLogLine | undefined;
  /** A structural line saying that the retries before it went through. */
  readonly retrySucceeded: boolean;
  /** Ansible's `...ignoring`: the failed task just before it does not count. */
  readonly installerIgnored: boolean;
  /** The structural tier's verdict, by whether Calico lines were seen before (a bare Go panic is Calico's only then). */
  readonly structural: (context: StructuralContext) => StructuralVerdict | undefined;
}

const NO_STRUCTURE = (): undefined => undefined;
const UNJUDGED = Symbol('not judged yet');

/** A line without any trigger, or whose triggers lead nowhere. */
export const NOTHING_READ: LineReading = {
  match: { signature: undefined, recovers: [], versions: [], structural: false },
  binary: false,
  parsed: undefined,
  retrySucceeded: false,
  installerIgnored: false,
  structural: NO_STRUCTURE,
};

export function readLine(matcher: SignatureMatcher, lineText: string, hits: readonly TriggerHit[]): LineReading {
  const match = matcher.match(lineText, hits);
  if (match.signature === undefined && match.recovers.length === 0 && match.versions.length === 0 && !match.structural) return NOTHING_READ;
  if (isBinaryLine(lineText)) return { ...NOTHING_READ, match, binary: true };
  const retrySucceeded = match.structural && lineText.includes(RETRY_SUCCEEDED);
  const installerIgnored = match.structural && INSTALLER_IGNORED.test(lineText);
  const judged = match.signature === undefined && match.structural && !retrySucceeded && !installerIgnored;
  // Judged on first need, once per value of what the judge reads from the log's state.
  const verdicts = Array.from({ length: 8 }, (): StructuralVerdict | undefined | typeof UNJUDGED => UNJUDGED);
  const structural = judged
    ? (context: StructuralContext): StructuralVerdict | undefined => {
      const key = (context.calicoSeen ? 1 : 0) + (context.helmJobSeen ? 2 : 0) + (context.kubeletAwaitsKubeadm === true ? 4 : 0);
      const known = verdicts[key];
      if (known !== UNJUDGED) return known;
      const verdict = judgeStructure(lineText, context);
      verdicts[key] = verdict;
      return verdict;
    }
    : NO_STRUCTURE;
  return { match, binary: false, parsed: parseLogLine(lineText), retrySucceeded, installerIgnored, structural };
}
