import { KNOWN_ISSUES } from '../knowledge/knownIssues';
import { isBinaryLine } from '../text/binaryContent';
import { NOTHING_READ, readLine, type LineReading } from './lineReading';
import { LineReadingCache, MAX_CACHED_LINE_CHARS, ownCopy } from './lineReadingCache';
import { LogContext, type ExternalFacts, type IssueSupport } from './logContext';
import { parseLogLine } from './logLine';
import type { LogSignature, TransientRule } from './logSignature';
import { LogSummary } from './logSummary';
import { eventAgeSeconds, timestampToClock, type LogClock } from './logTimestamp';
import { MultiLineRecords, opensKlogValue } from './multiLineRecords';
import { catalogMatcher, type SignatureMatcher, type TriggerHit } from './signatureMatcher';
import { familyFinding } from './structure/failureFamilies';
import { KUBELET_AWAITS_KUBEADM, type StructuralContext } from './structure/structuralJudge';
import { failureAtLineStart, LINE_START_TRIGGER } from './structure/structuralTriggers';

/** One line that matched a known signature. Lines are 1-based; offsets are into the scanned text. */
export interface LogFinding {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly signature: LogSignature;
  readonly timestamp: string | undefined;
  /** The line, cut at 2,000 characters. */
  readonly text: string;
  /** The known issue this line is evidence of, when the context supports it at this line. */
  readonly knownIssue?: IssueSupport;
  /** For a start-up line that persisted: how long, by the log's own timestamps. */
  readonly persistedSeconds?: number;
  /**
   * A start-up line the log gives no time for (no timestamp, no event span): whether it persisted cannot be told, so
   * it is reported at info severity as possibly transient rather than hidden.
   */
  readonly possiblyTransient?: true;
  /** For a start-up line without times that repeated so often that the repeats are the evidence it persists. */
  readonly repeats?: number;
}

export interface LogScanStats {
  /** Complete lines read (a last line without a line break counts too). */
  readonly lines: number;
  /** Lines longer than the scanner's line window, scanned in windows. */
  readonly overlongLines: number;
  /** Lines that held a trigger but were mostly control bytes: skipped, not judged. */
  readonly binaryLinesSkipped: number;
  /** Start-up lines not reported because they did not persist past their grace period (or had no timestamp). */
  readonly transientLinesQuiet: number;
}

export interface LogScanOptions {
  readonly matcher?: SignatureMatcher;
  /** Versions known from outside the log (a flag, the workspace, the connected cluster). */
  readonly facts?: ExternalFacts;
  /** Each finding as soon as its line is complete; the scanner keeps none of them. */
  readonly onFinding?: (finding: LogFinding) => void;
  /**
   * Whether a line repeated word for word takes its reading from a cache (default true). Off, every line is searched
   * and read: the same findings, for tests and benchmarks that compare the two.
   */
  readonly repeatedLineCache?: boolean;
}

/** A line longer than this is scanned in windows and never held whole. */
export const MAX_LINE_CHARS = 1 << 20;
/** Kept from one window of an over-long line to the next, so a wording cut by the window edge is still seen. */
const WINDOW_OVERLAP = 8192;
const FINDING_TEXT_CHARS = 2000;
/**
 * A start-up line without any time that repeats this often in one log is taken as persisting: Calico, RKE2 and the
 * kubelet retry such failures every few seconds, so this many repeats span longer than a normal start.
 */
export const REPEATS_AS_PERSISTENCE = 10;
/** Retry warnings held at most, waiting for a success line; more are reported (a retry storm is a failure). */
const MAX_HELD_RETRIES = 256;
/** How far below a failed installer task its `...ignoring` line may come (Ansible prints it on the next line; a wrapped JSON result can push it one further). */
const IGNORED_TASK_LINES = 2;

/**
 * The trace a helm-install job's entry script writes (k3s-io/klipper-helm `entry` runs under `set -x`): `+ helm_v3
 * upgrade …`, `++ helm_v3 ls …`, `+ helm_update install …`.
 */
const HELM_JOB_TRACE = /^\++ (?:helm_v[23]|helm_update|helm_repo_init)\b/;

const POSSIBLY_TRANSIENT = new Map<string, LogSignature>();

/** The info-severity form of a start-up signature, for a line the log gives no time for. */
function possiblyTransient(signature: LogSignature): LogSignature {
  let info = POSSIBLY_TRANSIENT.get(signature.id);
  if (!info) {
    info = {
      ...signature,
      severity: 'info',
      meaning: `Possibly a start-up transient: healthy start-ups print this for up to ${Math.round((signature.transient?.graceSeconds ?? 0) / 60)} min, and this log gives no time for the line, so whether it persisted cannot be told. ${signature.meaning}`,
    };
    POSSIBLY_TRANSIENT.set(signature.id, info);
  }
  return info;
}

/** Signature id → ids of the known issues its lines can be evidence of (from the knowledge base). */
const ISSUES_BY_SIGNATURE = new Map<string, string[]>();
for (const issue of KNOWN_ISSUES) {
  for (const id of issue.logSignatures) ISSUES_BY_SIGNATURE.set(id, [...(ISSUES_BY_SIGNATURE.get(id) ?? []), issue.id]);
}

/** Copies a short string out of the chunk it was sliced from, so keeping it does not keep the chunk alive. */
function detached(text: string | undefined): string | undefined {
  return text === undefined ? undefined : Buffer.from(text, 'utf8').toString('utf8');
}

/** The moment of a line, from its most complete timestamp (an outer CRI prefix has the year and zone). */
function lineClock(line: string, fallback: string | undefined): LogClock | undefined {
  const cri = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) (?:stdout|stderr) /.exec(line.slice(0, 64));
  return timestampToClock(cri?.[1] ?? fallback);
}

/** An event row's age (`32s`, `10m (x2 over 10m)`) on the "ago" clock: rows of one table compare by it. */
function eventAgeClock(line: string): LogClock | undefined {
  const seconds = eventAgeSeconds(line);
  return seconds === undefined ? undefined : { ms: -seconds * 1000, domain: 'ago' };
}

/** A line longer than MAX_LINE_CHARS being scanned in windows: where it started, how long so far, its head. */
interface LongLine {
  readonly start: number;
  length: number;
  readonly head: string;
  reported: boolean;
}

/**
 * Scans a log arriving in pieces (a file stream, stdin, an editor document in slices, a followed pod log) with exact
 * global line numbers and offsets, in memory bounded by the largest piece plus one line window, whatever the input
 * size or the number of findings: findings go to `onFinding` (or a caller-kept list), the summary keeps counts.
 *
 * Per line: the pre-filter finds trigger literals; the first signature whose wording matches names the line;
 * start-up transients are held back until they persist; recovery lines end their episode; version statements feed
 * the context that decides whether a line names a known issue.
 */
export class LogScanner {
  readonly summary = new LogSummary();
  readonly context: LogContext;
  private readonly matcher: SignatureMatcher;
  private readonly onFinding: (finding: LogFinding) => void;
  private carry = '';
  /** Global offset of `carry`'s first character, and the number of complete lines before it. */
  private carryOffset = 0;
  private linesBefore = 0;
  private longLine: LongLine | undefined;
  private readonly episodes = new Map<string, number>();
  /** Start-up lines without any time, counted per signature (repeats as evidence of persistence). */
  private readonly untimed = new Map<string, number>();
  /**
   * What the structural tier reads from the log so far: Calico-format lines were seen (a bare Go panic is Calico's),
   * a helm-install job's trace was seen (`+ helm_v3 upgrade …`). Replaced, not mutated, when either changes.
   */
  private structuralContext: StructuralContext = { calicoSeen: false, helmJobSeen: false };
  /** Records that run over several lines: event messages, klog multi-line values, `systemctl status`. */
  private readonly records = new MultiLineRecords();
  /** A start line (one that states a component's version as it starts) was seen. */
  private startSeen = false;
  /** Retry warnings held until the log says whether the retry succeeded (dropped) or something else happens (reported). */
  private retries: Parameters<LogScanner['emit']>[] = [];
  private stats = { lines: 0, overlongLines: 0, binaryLinesSkipped: 0, transientLinesQuiet: 0 };
  private readonly readings: LineReadingCache;

  constructor(options: LogScanOptions = {}) {
    this.matcher = options.matcher ?? catalogMatcher();
    this.context = new LogContext(options.facts ?? {});
    this.onFinding = options.onFinding ?? (() => undefined);
    this.readings = new LineReadingCache(options.repeatedLineCache ?? true);
  }

  get scanStats(): LogScanStats {
    return { ...this.stats, lines: this.linesBefore };
  }

  push(piece: string): void {
    if (piece === '') return;
    if (this.longLine) {
      const end = piece.indexOf('\n');
      const part = end === -1 ? piece : piece.slice(0, end);
      this.longLine.length += part.length;
      this.scanLongWindow(this.longLine, this.carry + part);
      if (end === -1) return;
      this.finishLongLine(this.longLine, 1);
      piece = piece.slice(end + 1);
      if (piece === '') return;
    }
    // The carried partial line and the first line of the piece are joined (a short string); the rest of the piece
    // is scanned where it is, so a large piece is never copied.
    const firstBreak = piece.indexOf('\n');
    if (firstBreak === -1) {
      this.carry += piece;
    } else {
      const head = this.carry + piece.slice(0, firstBreak + 1);
      this.scanLines(head, 0, head.length);
      this.carryOffset += head.length;
      const cut = piece.lastIndexOf('\n') + 1;
      if (cut > firstBreak + 1) {
        this.scanLines(piece, firstBreak + 1, cut);
        this.carryOffset += cut - firstBreak - 1;
      }
      this.carry = piece.slice(cut);
    }
    if (this.carry.length > MAX_LINE_CHARS) {
      this.longLine = { start: this.carryOffset, length: this.carry.length, head: detached(this.carry.slice(0, FINDING_TEXT_CHARS)) ?? '', reported: false };
      this.stats.overlongLines++;
      this.scanLongWindow(this.longLine, this.carry);
    }
    this.detachState();
  }

  /** Scans what is left after the last line break (the final line without one). */
  end(): void {
    this.endLines();
    // Retries the log never saw succeed are failures.
    this.flushRetries();
  }

  private endLines(): void {
    if (this.longLine) {
      this.finishLongLine(this.longLine, 0);
      return;
    }
    const rest = this.carry;
    this.carry = '';
    if (rest !== '') {
      this.scanLines(rest, 0, rest.length);
      this.linesBefore++;
      this.carryOffset += rest.length;
    }
  }

  /**
   * Scans the complete lines of `text` between `from` and `to`; `carryOffset` is the global offset of `from`. A line
   * read before word for word takes its reading from the cache; the lines between such lines are scanned as one run.
   */
  private scanLines(text: string, from: number, to: number): void {
    const cache = this.readings;
    let line = this.linesBefore + 1;
    let runStart = -1;
    let runLine = line;
    // The run's lines that were looked up and missed, as [start, end) pairs: their readings are kept once made.
    let missed: number[] = [];
    const flush = (end: number): void => {
      if (runStart === -1) return;
      line = runLine + this.scanRun(text, runStart, end, runLine, from, missed);
      runStart = -1;
      missed = [];
    };
    for (let start = from; start < to;) {
      const paused = cache.pausedChars();
      if (paused > 0) {
        // Lines that do not repeat: scanned as before, without lookups, up to the end of a line past the pause.
        let until = to;
        if (start + paused < to) {
          const next = text.indexOf('\n', start + paused - 1);
          if (next !== -1 && next < to) until = next + 1;
        }
        cache.skip(until - start);
        if (runStart === -1) {
          runStart = start;
          runLine = line;
        }
        flush(until);
        start = until;
        continue;
      }
      const lineBreak = text.indexOf('\n', start);
      const end = lineBreak === -1 || lineBreak >= to ? to : lineBreak;
      const textEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      const reading = textEnd - start <= MAX_CACHED_LINE_CHARS ? cache.get(text.slice(start, textEnd)) : undefined;
      if (reading === undefined) {
        if (runStart === -1) {
          runStart = start;
          runLine = line;
        }
        if (textEnd - start <= MAX_CACHED_LINE_CHARS) missed.push(start, textEnd);
      } else {
        flush(start);
        if (reading !== NOTHING_READ) this.applyReading(reading, text.slice(start, textEnd), line, this.carryOffset + start - from);
      }
      if (end === to) break;
      line++;
      start = end + 1;
    }
    flush(to);
    this.linesBefore = line - 1;
  }

  /**
   * Scans the lines of `text` between `runFrom` and `runTo` (line `firstLine` starts at `runFrom`) with the trigger
   * search, and keeps the readings of the `missed` lines in the cache. Returns the number of line breaks in the run.
   */
  private scanRun(text: string, runFrom: number, runTo: number, firstLine: number, from: number, missed: readonly number[]): number {
    let line = firstLine;
    let counted = runFrom;
    let lineStart = -1;
    let lineEnd = -1;
    let hits: TriggerHit[] = [];
    let nextMissed = 0;
    // Lines of the run with no trigger read as nothing, and are kept so.
    const keepNothingBefore = (position: number): void => {
      for (; nextMissed < missed.length && (missed[nextMissed] ?? position) < position; nextMissed += 2) {
        this.readings.set(ownCopy(text.slice(missed[nextMissed], missed[nextMissed + 1])), NOTHING_READ);
      }
    };
    const judge = (): void => {
      const lineText = text.charCodeAt(lineEnd - 1) === 13 ? text.slice(lineStart, lineEnd - 1) : text.slice(lineStart, lineEnd);
      keepNothingBefore(lineStart);
      let reading: LineReading;
      if (missed[nextMissed] === lineStart) {
        // Read from the cache's own copy, so what the reading keeps (its timestamp, versions) does not pin the chunk.
        const own = ownCopy(lineText);
        reading = readLine(this.matcher, own, hits);
        this.readings.set(own, reading);
        nextMissed += 2;
      } else {
        reading = readLine(this.matcher, lineText, hits);
      }
      if (reading !== NOTHING_READ) this.applyReading(reading, lineText, line, this.carryOffset + lineStart - from);
    };
    const onTrigger = (trigger: string, at: number): void => {
      if (at >= lineEnd) {
        if (hits.length > 0) judge();
        lineStart = Math.max(runFrom, text.lastIndexOf('\n', at) + 1);
        lineEnd = text.indexOf('\n', at);
        if (lineEnd === -1 || lineEnd > runTo) lineEnd = runTo;
        for (let next = text.indexOf('\n', counted); next !== -1 && next < lineStart; next = text.indexOf('\n', next + 1)) line++;
        counted = lineStart;
        hits = [];
      }
      // Every trigger on this line, so a later, more specific signature is not missed.
      hits.push({ trigger, at: at - lineStart });
    };
    // One pass over the line starts counts the lines and finds those whose format marks a failure at the start;
    // they join the literal search's hits in text order.
    const lineStarts: number[] = [];
    let lines = 0;
    for (let start = runFrom; start < runTo;) {
      if (failureAtLineStart(text, start)) lineStarts.push(start);
      const next = text.indexOf('\n', start);
      if (next === -1 || next >= runTo) break;
      lines++;
      start = next + 1;
    }
    let pending = 0;
    this.matcher.search.search(text, runFrom, runTo, (trigger, at) => {
      while (pending < lineStarts.length && (lineStarts[pending] ?? runTo) <= at) onTrigger(LINE_START_TRIGGER, lineStarts[pending++] ?? runTo);
      onTrigger(trigger, at);
    });
    while (pending < lineStarts.length) onTrigger(LINE_START_TRIGGER, lineStarts[pending++] ?? runTo);
    if (hits.length > 0) judge();
    keepNothingBefore(runTo + 1);
    return lines;
  }

  /** Applies what a line says by itself to the log's state, and reports the finding it makes, if any. */
  private applyReading(reading: LineReading, lineText: string, line: number, offset: number): void {
    const { match, parsed } = reading;
    // A reading without a parse is a binary line's.
    if (reading.binary || parsed === undefined) {
      this.stats.binaryLinesSkipped++;
      return;
    }
    for (const version of match.versions) this.context.noteVersion(version.component, version.version);
    for (const signature of match.recovers) {
      for (const domain of ['absolute', 'yearless', 'relative', 'ago']) this.episodes.delete(`${signature.id}|${domain}`);
      this.summary.recover(signature.id, line);
    }
    if (match.versions.length > 0) this.startSeen = true;
    if (!this.structuralContext.calicoSeen && (parsed.format === 'calico' || match.versions.some((version) => version.component === 'calico'))) {
      this.structuralContext = { ...this.structuralContext, calicoSeen: true };
    }
    if (reading.retrySucceeded) {
      // The retries before this line went through: they were not failures.
      this.retries = [];
      return;
    }
    if (reading.installerIgnored) {
      // The installer's task just before failed on purpose (a probe the playbook ignores).
      const last = this.retries[this.retries.length - 1];
      if (last !== undefined && last[1] >= line - IGNORED_TASK_LINES) this.retries.pop();
      return;
    }
    if (!this.structuralContext.helmJobSeen && HELM_JOB_TRACE.test(lineText)) this.structuralContext = { ...this.structuralContext, helmJobSeen: true };
    if (this.structuralContext.kubeletAwaitsKubeadm !== true && KUBELET_AWAITS_KUBEADM.test(lineText)) this.structuralContext = { ...this.structuralContext, kubeletAwaitsKubeadm: true };
    const structural = reading.structural(this.structuralContext);
    const eventSpan = this.records.eventSpan(lineText, line);
    const signature = match.signature ?? structural?.signature;
    if (!signature) {
      const service = this.records.serviceStatus(lineText, line);
      if (service === 'down') this.emit(familyFinding('crash', true), line, offset, lineText.length, lineText.slice(0, FINDING_TEXT_CHARS), parsed.timestamp, {});
      if (service !== undefined) return;
      if (parsed.format === 'klog') {
        this.records.klogLine(parsed.level === 'error' && opensKlogValue(lineText) ? { line, offset, length: lineText.length, text: detached(lineText.slice(0, FINDING_TEXT_CHARS)) ?? '', timestamp: detached(parsed.timestamp) } : undefined);
      }
      return;
    }
    // A finding inside the value a klog error line opened: the opener reports the same failure (a start-up one aside).
    const opener = this.records.takeBlockOpener(line);
    if (opener && !signature.transient) this.emit(signature, opener.line, opener.offset, opener.length, opener.text, opener.timestamp, {});
    if (structural?.retrying === true) {
      this.retries.push([signature, line, offset, lineText.length, detached(lineText.slice(0, FINDING_TEXT_CHARS)) ?? '', detached(parsed.timestamp), {}]);
      if (this.retries.length > MAX_HELD_RETRIES) this.flushRetries();
      return;
    }
    // A family finding in a log that shows no start is not known to be a start-up one; an event carries its own span.
    // (The catalog's start-up wordings keep their grace: healthy starts print them with the start line out of view.)
    const notAtStart = signature.transient?.onlyAfterStart === true && !this.startSeen && structural?.structure.format !== 'event';
    if (!signature.transient || notAtStart) {
      this.emit(signature, line, offset, lineText.length, lineText.slice(0, FINDING_TEXT_CHARS), parsed.timestamp, {});
      return;
    }
    const clock = lineClock(lineText, parsed.timestamp) ?? eventAgeClock(lineText);
    const span = eventSpan;
    const persistedSeconds = this.persisted(signature.id, signature.transient, clock, span);
    if (persistedSeconds !== undefined) {
      this.emit(signature, line, offset, lineText.length, lineText.slice(0, FINDING_TEXT_CHARS), parsed.timestamp, { persistedSeconds });
      return;
    }
    if (clock !== undefined || span !== undefined) {
      // Placed in time, and still within the start-up grace.
      this.stats.transientLinesQuiet++;
      return;
    }
    const repeats = (this.untimed.get(signature.id) ?? 0) + 1;
    this.untimed.set(signature.id, repeats);
    const persisting = repeats >= REPEATS_AS_PERSISTENCE;
    this.emit(persisting ? signature : possiblyTransient(signature), line, offset, lineText.length, lineText.slice(0, FINDING_TEXT_CHARS), parsed.timestamp, persisting ? { repeats } : { possiblyTransient: true });
  }

  /**
   * Seconds a start-up line has persisted when past its grace period; undefined while it is still normal. A repeated
   * event's own span (`x61 over 25m`) counts as well as the log's timestamps.
   */
  private persisted(id: string, rule: TransientRule, clock: LogClock | undefined, eventSpan: number | undefined): number | undefined {
    if (eventSpan !== undefined && eventSpan >= rule.graceSeconds) return eventSpan;
    if (clock === undefined) return undefined;
    // A relative clock (`ERRO[1700]`) counts seconds since the process started: past the grace, it is no start-up.
    if (clock.domain === 'relative' && clock.ms / 1000 >= rule.graceSeconds) return Math.round(clock.ms / 1000);
    // Episodes are kept per clock: a year-less klog time and a dated JSON time in one log cannot be subtracted.
    const key = `${id}|${clock.domain}`;
    const first = this.episodes.get(key);
    if (first === undefined || clock.ms < first) {
      // A first occurrence, or the clock went back (another boot in the same file): a new episode.
      this.episodes.set(key, clock.ms);
      return undefined;
    }
    const seconds = (clock.ms - first) / 1000;
    return seconds >= rule.graceSeconds ? Math.round(seconds) : undefined;
  }

  /** Reports the held retry warnings (no success followed them), in line order before anything later. */
  private flushRetries(): void {
    const held = this.retries;
    this.retries = [];
    for (const args of held) this.report(...args);
  }

  private emit(signature: LogSignature, line: number, start: number, length: number, text: string, timestamp: string | undefined, persistence: Pick<LogFinding, 'persistedSeconds' | 'possiblyTransient' | 'repeats'>): void {
    if (this.retries.length > 0) this.flushRetries();
    this.report(signature, line, start, length, text, timestamp, persistence);
  }

  private report(signature: LogSignature, line: number, start: number, length: number, text: string, timestamp: string | undefined, persistence: Pick<LogFinding, 'persistedSeconds' | 'possiblyTransient' | 'repeats'>): void {
    this.context.noteSignature(signature.id);
    let knownIssue: IssueSupport | undefined;
    for (const id of ISSUES_BY_SIGNATURE.get(signature.id) ?? []) {
      knownIssue = this.context.support(id);
      if (knownIssue) break;
    }
    this.summary.add(signature, line, timestamp);
    this.onFinding({
      line,
      start,
      end: start + length,
      signature,
      timestamp,
      text,
      ...(knownIssue ? { knownIssue } : {}),
      ...persistence,
    });
  }

  /** One window of an over-long line: triggers are matched inside it; the line is reported once at most. */
  private scanLongWindow(long: LongLine, window: string): void {
    if (!long.reported) {
      const hits = this.matcher.triggersIn(window);
      if (hits.length > 0) {
        const match = this.matcher.match(window, hits);
        for (const version of match.versions) this.context.noteVersion(version.component, version.version);
        if (match.signature && !match.signature.transient && !isBinaryLine(window)) {
          long.reported = true;
          this.emit(match.signature, this.linesBefore + 1, long.start, long.head.length, long.head, parseLogLine(long.head).timestamp, {});
        }
      }
    }
    // Only the overlap is kept; the offset of the line's start stays where the line began.
    this.carry = window.length > WINDOW_OVERLAP ? window.slice(-WINDOW_OVERLAP) : window;
    this.carry = detached(this.carry) ?? '';
  }

  /** The over-long line ended, followed by `lineBreak` (1, or 0 at the end of the input) line-break characters. */
  private finishLongLine(long: LongLine, lineBreak: number): void {
    this.longLine = undefined;
    this.linesBefore++;
    this.carry = '';
    this.carryOffset = long.start + long.length + lineBreak;
  }

  /** Keeps long-lived small strings from pinning the chunk they were cut from. */
  private detachState(): void {
    this.summary.detach(detached);
  }
}
