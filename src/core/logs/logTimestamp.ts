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
 * A moment on one of three clocks that cannot be compared with each other: absolute (a date with a year), year-less
 * (klog, journald) or relative (logrus terminal output `INFO[0039]`: seconds since the process started).
 */
export interface LogClock {
  readonly ms: number;
  readonly domain: 'absolute' | 'yearless' | 'relative';
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

const EVENT_SPAN = /\(x(\d{1,9}) over ((?:\d{1,6}[dhms]){1,4})\)/;
const SPAN_UNITS: Record<string, number> = { d: 86_400, h: 3600, m: 60, s: 1 };

/**
 * How long a repeated Kubernetes event has been going on, from its `(x61 over 25m)` count (kubectl describe): the
 * event's own proof that a condition persisted, even without per-line timestamps.
 */
export function eventSpanSeconds(line: string): number | undefined {
  const match = EVENT_SPAN.exec(line.length > 400 ? line.slice(0, 400) : line);
  if (!match) return undefined;
  let seconds = 0;
  for (const part of (match[2] ?? '').matchAll(/(\d+)([dhms])/g)) seconds += Number(part[1]) * (SPAN_UNITS[part[2] ?? 's'] ?? 1);
  return seconds;
}
