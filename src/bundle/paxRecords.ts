import { BundleError } from './bundleError';

/** What extraction takes from a PAX extended header; every other key (linkpath, mtime, comment, …) is ignored. */
export interface PaxAttributes {
  readonly path?: string;
  readonly size?: number;
}

const SPACE = 0x20;
const NEWLINE = 0x0a;
const EQUALS = 0x3d;

function malformed(why: string): BundleError {
  return new BundleError(`corrupt tar archive: malformed PAX extended header (${why})`);
}

/**
 * Reads PAX records the way GNU tar does: `<decimal length> <key>=<value>\n`, where the length counts the whole
 * record, so a value may hold newlines and text inside one record (a `comment`) is never taken for another record.
 * A later record of the same key wins. Trailing NUL padding is tolerated.
 */
export function parsePaxRecords(data: Buffer): PaxAttributes {
  let path: string | undefined;
  let size: number | undefined;
  let at = 0;
  while (at < data.length) {
    if (data.subarray(at).every((byte) => byte === 0)) break;
    let cursor = at;
    let length = 0;
    while (cursor < data.length && (data[cursor] ?? 0) >= 0x30 && (data[cursor] ?? 0) <= 0x39) {
      length = length * 10 + ((data[cursor] ?? 0) - 0x30);
      if (length > data.length) throw malformed('a record is longer than the header');
      cursor++;
    }
    if (cursor === at) throw malformed('missing length');
    if (data[cursor] !== SPACE) throw malformed('missing blank after length');
    const end = at + length;
    if (end > data.length || end <= cursor + 1) throw malformed('record length out of range');
    if (data[end - 1] !== NEWLINE) throw malformed('missing newline at the end of a record');
    const equals = data.indexOf(EQUALS, cursor + 1);
    if (equals === -1 || equals >= end - 1) throw malformed('missing equal sign');
    const key = data.subarray(cursor + 1, equals).toString('utf8');
    const value = data.subarray(equals + 1, end - 1).toString('utf8');
    if (key === 'path') path = value;
    else if (key === 'size') {
      if (!/^\d+$/.test(value)) throw malformed('size is not a number');
      size = Number(value);
    }
    at = end;
  }
  return { ...(path !== undefined ? { path } : {}), ...(size !== undefined ? { size } : {}) };
}
