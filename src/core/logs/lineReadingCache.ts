import type { LineReading } from './lineReading';

/** Lines kept at most; a log's templates repeat, and a full cache starts over. */
const CAPACITY = 4096;
/** Longer lines are read each time: they rarely repeat, and they would make the cache heavy. */
export const MAX_CACHED_LINE_CHARS = 2048;
/** Lookups per round; a round that hits less than MIN_HIT_SHARE of its lines pauses the cache for PAUSE_CHARS of text. */
const ROUND = 8192;
const MIN_HIT_SHARE = 0.4;
const PAUSE_CHARS = 16 << 20;

/**
 * Copies a line out of the chunk it was sliced from (a cached key must not keep a 1 MiB chunk alive), code unit for
 * code unit: a round trip through UTF-8 would turn a lone surrogate into U+FFFD, and two different lines into one key.
 */
export function ownCopy(line: string): string {
  return Buffer.from(line, 'utf16le').toString('utf16le');
}

/**
 * Line text → its reading, for lines that repeat word for word (the same message printed every few seconds, a
 * retry loop, an event table, a log pasted twice). Bounded in lines and in each line's length. A log whose lines do
 * not repeat (every line stamped with its own time) would only pay for the lookups, so the cache watches its hit
 * share and pauses itself while it stays low, trying again later.
 */
export class LineReadingCache {
  private readonly readings = new Map<string, LineReading>();
  private lookups = 0;
  private hits = 0;
  private paused: number;

  /** A cache that is not `enabled` is paused for good. */
  constructor(enabled: boolean) {
    this.paused = enabled ? 0 : Number.POSITIVE_INFINITY;
  }

  /** How much text is still to be scanned without lookups. */
  pausedChars(): number {
    return this.paused;
  }

  /** `chars` of text were scanned without lookups. */
  skip(chars: number): void {
    this.paused = Math.max(0, this.paused - chars);
  }

  get(line: string): LineReading | undefined {
    const reading = this.readings.get(line);
    this.lookups++;
    if (reading !== undefined) this.hits++;
    if (this.lookups === ROUND) {
      if (this.hits < ROUND * MIN_HIT_SHARE) this.paused = PAUSE_CHARS;
      this.lookups = 0;
      this.hits = 0;
    }
    return reading;
  }

  /** `line` must be the scanner's own copy (ownCopy). */
  set(line: string, reading: LineReading): void {
    if (this.readings.size >= CAPACITY) this.readings.clear();
    this.readings.set(line, reading);
  }
}
