import { epochNumberToMs } from './logTimestamp';

/** The formats a Calico/RKE2 log line can have, outermost wrapper first (REFERENCE §6.2). */
export type LogFormat = 'calico' | 'klog' | 'logrus' | 'json' | 'plain';

export interface ParsedLogLine {
  /** The timestamp as written by the innermost format that has one (CRI/journald prefixes otherwise). */
  readonly timestamp: string | undefined;
  readonly level: 'error' | 'warning' | 'info' | 'debug' | undefined;
  readonly format: LogFormat;
  /** How the line was wrapped: /var/log/pods CRI prefix, journald prefix, or neither. */
  readonly wrapper: 'cri' | 'journald' | 'none';
}

/** The /var/log/pods prefix: 1 the timestamp. */
export const CRI_PREFIX = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) (?:stdout|stderr) [FP] /;
/** journald's short format, the month in the locale's words (`Mar`, `mai`, `мая`): 1 the timestamp, 2 the unit. */
export const JOURNALD_PREFIX = /^([^\s\d]{2,6}\.? [ \d]\d \d{2}:\d{2}:\d{2}) \S+ ([\w.@-]+?)(?:\[\d+\])?: /;
const CALICO = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}) \[(\w+)\]\[\d+\] /;
const KLOG = /^([IWEF])(\d{2})(\d{2}) (\d{2}:\d{2}:\d{2}\.\d{6})\s+\d+ \S+:\d+\] /;
const LOGRUS = /\btime="([^"]{1,64})"\s+level=(\w+)/;
const LOGRUS_TTY = /^(INFO|WARN|ERRO|FATA|DEBU)\[([^\]]{1,64})\] /;
const JSON_TS = /"(?:ts|time|timestamp)":\s?"?([\d.:TZ+-]{1,40})"?/;
const JSON_LEVEL = /"level":\s?"(\w+)"/;

/**
 * A JSON `ts`/`time`: ISO text as written; a number (seconds, milliseconds, microseconds or nanoseconds since the
 * epoch, told apart by size) as ISO. One that cannot be read is left out, and the scan goes on.
 */
function jsonTimestamp(raw: string | undefined): string | undefined {
  if (raw === undefined || !/^\d+(\.\d+)?$/.test(raw)) return raw;
  const ms = epochNumberToMs(Number(raw));
  return ms === undefined || ms > 8.64e15 ? undefined : new Date(ms).toISOString();
}

/** A level as the formats write it, fatal and panic kept apart from error. */
export type LineLevel = 'panic' | 'fatal' | 'error' | 'warning' | 'info' | 'debug';

const LEVEL_WORDS: Readonly<Record<string, LineLevel>> = {
  panic: 'panic', pani: 'panic', dpanic: 'panic',
  fatal: 'fatal', fata: 'fatal', f: 'fatal',
  error: 'error', erro: 'error', err: 'error', e: 'error',
  warning: 'warning', warn: 'warning', w: 'warning',
  info: 'info', i: 'info',
  debug: 'debug', debu: 'debug', trace: 'debug', trac: 'debug',
};

/** The level of a level word of any format (`E`, `ERRO`, `error`, `FATAL`, `dpanic`…). */
export function levelOf(word: string): LineLevel | undefined {
  return LEVEL_WORDS[word.toLowerCase()];
}

function level(word: string): ParsedLogLine['level'] {
  const found = levelOf(word);
  return found === 'panic' || found === 'fatal' ? 'error' : found;
}

/**
 * Reads a line's timestamp and level: Calico (`2025-02-19 14:25:19.914 [ERROR][1] …`), klog (`E0113 13:33:09.904613
 * …]`), logrus (`time="…" level=…`, or `INFO[…]`), tigera-operator JSON, each possibly behind a /var/log/pods CRI
 * prefix or a journald prefix. Only the start of the line is read, so long lines cost nothing extra.
 */
export function parseLogLine(line: string): ParsedLogLine {
  let text = line.length > 4096 ? line.slice(0, 4096) : line;
  let wrapper: ParsedLogLine['wrapper'] = 'none';
  let outerTimestamp: string | undefined;
  const cri = CRI_PREFIX.exec(text);
  if (cri) {
    wrapper = 'cri';
    outerTimestamp = cri[1];
    text = text.slice(cri[0].length);
  } else {
    const journald = JOURNALD_PREFIX.exec(text);
    if (journald) {
      wrapper = 'journald';
      outerTimestamp = journald[1];
      text = text.slice(journald[0].length);
    }
  }
  const calico = CALICO.exec(text);
  if (calico) return { timestamp: calico[1], level: level(calico[2] ?? ''), format: 'calico', wrapper };
  const klog = KLOG.exec(text);
  if (klog) return { timestamp: `${klog[2] ?? ''}-${klog[3] ?? ''} ${klog[4] ?? ''}`, level: level(klog[1] ?? ''), format: 'klog', wrapper };
  if (text.startsWith('{')) {
    const ts = JSON_TS.exec(text);
    const jsonLevel = JSON_LEVEL.exec(text);
    if (ts || jsonLevel) {
      const timestamp = jsonTimestamp(ts?.[1]);
      return { timestamp: timestamp ?? outerTimestamp, level: level(jsonLevel?.[1] ?? ''), format: 'json', wrapper };
    }
  }
  const logrus = LOGRUS.exec(text);
  if (logrus) return { timestamp: logrus[1], level: level(logrus[2] ?? ''), format: 'logrus', wrapper };
  const tty = LOGRUS_TTY.exec(text);
  if (tty) return { timestamp: tty[2], level: level(tty[1] ?? ''), format: 'logrus', wrapper };
  return { timestamp: outerTimestamp, level: undefined, format: 'plain', wrapper };
}
