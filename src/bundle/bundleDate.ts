/**
 * When a logs-collector bundle was collected, from its `<hostname>-YYYY-MM-DD_HH_MM_SS` folder name. Only a real
 * time is taken: month 1–12, a day the month has, hours, minutes and seconds in range, and not after the time it
 * is read (with a day of slack for clocks). `9999-99-99_99_99_99` would otherwise sort as the newest bundle and its
 * kubectl dumps win over every other node's.
 */
export type BundleDate = { readonly dated: true; readonly at: string } | { readonly dated: false; readonly why: string | undefined };

const FOLDER_DATE = /(\d{4})-(\d{2})-(\d{2})_(\d{2})_(\d{2})_(\d{2})/;
const CLOCK_SLACK_MS = 24 * 60 * 60 * 1000;

export function bundleDate(name: string, now: number = Date.now()): BundleDate {
  const match = FOLDER_DATE.exec(name);
  if (!match) return { dated: false, why: undefined };
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(ms);
  const real = month >= 1 && month <= 12 && hour <= 23 && minute <= 59 && second <= 59 && date.getUTCDate() === day && date.getUTCMonth() === month - 1 && year >= 2000;
  if (!real) return { dated: false, why: `the folder name's date ${match[0]} is not a real time; the bundle's collection time is unknown` };
  if (ms > now + CLOCK_SLACK_MS) return { dated: false, why: `the folder name's date ${match[0]} is in the future; the bundle's collection time is unknown` };
  return { dated: true, at: date.toISOString().replace(/\.000Z$/, 'Z') };
}
