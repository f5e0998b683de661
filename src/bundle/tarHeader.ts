import { BundleError } from './bundleError';

export const BLOCK = 512;

/** The fields of a ustar / GNU tar header block that extraction needs. */
export interface TarHeader {
  /** `name`, with the ustar `prefix` in front when the header is POSIX ustar. */
  readonly name: string;
  /** The typeflag: '0' file, '5' folder, '2' symlink, 'x' PAX, 'L' GNU long name, … */
  readonly type: string;
  readonly size: number;
}

function text(header: Buffer, start: number, length: number): string {
  const slice = header.subarray(start, start + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end === -1 ? slice.length : end).toString('utf8');
}

/** A NUL-terminated name, as a GNU long-name record holds it. */
export function nulTerminated(data: Buffer): string {
  return text(data, 0, data.length);
}

function octal(header: Buffer, start: number, length: number): number {
  const field = header.subarray(start, start + length);
  // GNU base-256 encoding for large sizes: high bit of the first byte set.
  if ((field[0] ?? 0) & 0x80) {
    let value = (field[0] ?? 0) & 0x7f;
    for (let index = 1; index < field.length; index++) value = value * 256 + (field[index] ?? 0);
    return value;
  }
  const digits = text(header, start, length).trim();
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits)) throw new BundleError('corrupt tar archive: a header field is not a number');
  return parseInt(digits, 8);
}

/** Unsigned sum as POSIX says, or the signed sum some old tars wrote; GNU tar accepts both. */
function checksumOk(header: Buffer): boolean {
  let unsigned = 0;
  let signed = 0;
  for (let index = 0; index < BLOCK; index++) {
    const byte = index >= 148 && index < 156 ? 32 : (header[index] ?? 0);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  const recorded = octal(header, 148, 8);
  return recorded === unsigned || recorded === signed;
}

export function isZeroBlock(block: Buffer): boolean {
  return block.every((byte) => byte === 0);
}

/** Parses one 512-byte header block; a corrupt one raises BundleError. */
export function parseTarHeader(block: Buffer): TarHeader {
  if (!checksumOk(block)) throw new BundleError('corrupt tar archive: header checksum mismatch');
  const name = text(block, 0, 100);
  // Only POSIX ustar has a prefix field; old GNU headers keep access times in those bytes.
  const posix = block.subarray(257, 263).toString('latin1') === 'ustar\0';
  const prefix = posix ? text(block, 345, 155) : '';
  return { name: prefix ? `${prefix}/${name}` : name, type: String.fromCharCode(block[156] ?? 48), size: octal(block, 124, 12) };
}
