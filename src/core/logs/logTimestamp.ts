/**
 * Timestamps as milliseconds, only to measure how long something lasted within one log. Formats without a year
 * (klog `0219 14:25:19.914512`, journald `Feb 19 14:25:19`) are placed in a fixed leap year; comparing them with
 * each other is right except across New Year. Anything unreadable gives undefined, never an exception.
 */
const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
const YEARLESS = 2000;

const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;
const KLOG = /^(\d{2})-?(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;
const JOURNALD = /^([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2})$/;
const NUMERIC = /^\d{9,19}(?:\.\d+)?$/;

function fraction(digits: string | undefined): number {
  return digits === undefined ? 0 : Number(`0.${digits}`) * 1000;
}

function finite(value: number): number | undefined {
  return Number.isFinite(value) ? value : undefined;
}

/** Epoch seconds, milliseconds, microseconds or nanoseconds, told apart by magnitude. */
export function epochNumberToMs(value: number): number | undefined {
  if (!Number.isFinite(value) || value <= 0) return undefined;
  if (value < 1e11) return value * 1000;
  if (value < 1e14) return value;
  if (value < 1e17) return value / 1000;
  return value / 1e6;
}

/**
 * A moment on one of four clocks that cannot be compared with each other: absolute (a date with a year), year-less
 * (klog, journald), relative (logrus terminal output `INFO[0039]`: seconds since the process started) or ago (an
 * event table's age column: seconds before the table was printed, as negative milliseconds).
 */
export interface LogClock {
  readonly ms: number;
  readonly domain: 'absolute' | 'yearless' | 'relative' | 'ago';
}

export function timestampToClock(text: string | undefined): LogClock | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (/^\d{1,8}$/.test(trimmed)) return { ms: Number(trimmed) * 1000, domain: 'relative' };
  const ms = timestampToMs(trimmed);
  if (ms === undefined) return undefined;
  return { ms, domain: KLOG.test(trimmed) || JOURNALD.test(trimmed) ? 'yearless' : 'absolute' };
}

export function timestampToMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (NUMERIC.test(trimmed)) return epochNumberToMs(Number(trimmed));
  const iso = ISO_LIKE.exec(trimmed);
  if (iso) {
    const [, year, month, day, hour, minute, second, digits, zone] = iso;
    let ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)) + fraction(digits);
    if (zone && zone !== 'Z') {
      const sign = zone.startsWith('-') ? -1 : 1;
      const hours = Number(zone.slice(1, 3));
      const minutes = Number(zone.slice(-2));
      ms -= sign * (hours * 60 + minutes) * 60_000;
    }
    return finite(ms);
  }
  const klog = KLOG.exec(trimmed);
  if (klog) {
    const [, month, day, hour, minute, second, digits] = klog;
    return finite(Date.UTC(YEARLESS, Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)) + fraction(digits));
  }
  const journald = JOURNALD.exec(trimmed);
  if (journald) {
    const [, monthName, day, hour, minute, second] = journald;
    const month = MONTHS[monthName ?? ''];
    if (month === undefined) return undefined;
    return finite(Date.UTC(YEARLESS, month, Number(day), Number(hour), Number(minute), Number(second)));
  }
  return undefined;
}

/** kubectl's human durations (apimachinery duration.HumanDuration): `32s`, `3m28s`, `5h`, `3d4h`, `2y`. */
const DURATION = String.raw`(?:\d{1,6}[ydhms]){1,4}`;
const EVENT_SPAN = new RegExp(String.raw`(?:(${DURATION}) )?\(x(\d{1,9}) over (${DURATION})\)`);
/** `kubectl describe`'s Events table: Type, Reason, Age (when last seen), From, Message. */
const DESCRIBE_AGE = new RegExp(String.raw`(?:^|\s)(?:Warning|Normal)\s+[A-Z][A-Za-z]{1,80}\s+(${DURATION})(?=[\s(]|$)`);
/** `kubectl get events`: LAST SEEN first, then TYPE and REASON. */
const GET_EVENTS_AGE = new RegExp(String.raw`^\s*(${DURATION})(?: \(x\d{1,9} over ${DURATION}\))?\s+(?:Warning|Normal)\s`);
const SPAN_UNITS: Record<string, number> = { y: 31_536_000, d: 86_400, h: 3600, m: 60, s: 1 };

/** Seconds in a kubectl duration (`3m27s`, `2d4h`, `85s`). */
export function durationSeconds(text: string | undefined): number {
  let seconds = 0;
  for (const part of (text ?? '').matchAll(/(\d+)([ydhms])/g)) seconds += Number(part[1]) * (SPAN_UNITS[part[2] ?? 's'] ?? 1);
  return seconds;
}

/**
 * How long a repeated Kubernetes event has been going on, from its `25s (x61 over 25m)` (kubectl describe and get
 * events print when it was last seen, then how long ago it was first seen): the event's own evidence that a condition
 * persisted, even without per-line timestamps. Taken from the first sighting until the table was printed, as the
 * corpus labels read it: a series that started long ago and repeated is not a start-up blip, though its last sighting
 * may be a while back.
 */
export function eventSpanSeconds(line: string): number | undefined {
  const match = EVENT_SPAN.exec(line.length > 400 ? line.slice(0, 400) : line);
  if (!match) return undefined;
  return durationSeconds(match[3]);
}

/**
 * How long ago an event row was last seen, from its Age (describe) or LAST SEEN (get events) column: two rows of one
 * table can be placed in time relative to each other by it.
 */
export function eventAgeSeconds(line: string): number | undefined {
  const head = line.length > 400 ? line.slice(0, 400) : line;
  const age = GET_EVENTS_AGE.exec(head) ?? DESCRIBE_AGE.exec(head);
  return age ? durationSeconds(age[1]) : undefined;
}
