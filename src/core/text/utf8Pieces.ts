import { isAscii } from 'node:buffer';

/** Stretches of this many bytes are told apart as ASCII or not. */
const BLOCK = 4096;
/**
 * Pieces are at most this many bytes: a string this size is allocated where short-lived objects are, while a
 * 1 MiB one takes fresh pages of its own each time (slower to make, and to give back).
 */
const MAX_PIECE = 64 * 1024;

/**
 * Decodes a byte stream chunk by chunk into text pieces, exactly as one streaming UTF-8 decode of the whole stream
 * would (invalid bytes become U+FFFD), but fast: real logs are ASCII but for a few characters (a quote, an arrow,
 * a localised month), and one such character makes a whole chunk slow to decode and twice as large in memory. The
 * stretches of ASCII blocks are read as Latin-1 (a copy), only the blocks with other bytes go through the decoder.
 */
export class Utf8Pieces {
  private readonly decoder = new TextDecoder('utf-8');
  /** The decoder was last given bytes, and may hold the start of an unfinished character. */
  private decoding = false;

  /** The text of `bytes`, in order, as one or more pieces (some possibly empty). */
  decode(bytes: Buffer): string[] {
    const pieces: string[] = [];
    const length = bytes.length;
    let start = 0;
    while (start < length) {
      let end = start;
      while (end < length && end - start < MAX_PIECE && isAscii(bytes.subarray(end, Math.min(end + BLOCK, length)))) end = Math.min(end + BLOCK, length);
      if (end > start) {
        // An unfinished character before ASCII is invalid: the decoder's flush says so (U+FFFD), as it would in a stream.
        if (this.decoding) pieces.push(this.decoder.decode());
        this.decoding = false;
        pieces.push(bytes.toString('latin1', start, end));
        start = end;
        continue;
      }
      while (end < length && end - start < MAX_PIECE && !isAscii(bytes.subarray(end, Math.min(end + BLOCK, length)))) end = Math.min(end + BLOCK, length);
      pieces.push(this.decoder.decode(bytes.subarray(start, end), { stream: true }));
      this.decoding = true;
      start = end;
    }
    return pieces;
  }

  /** What the decoder still holds at the end of the stream (U+FFFD for an unfinished character, or nothing). */
  end(): string {
    this.decoding = false;
    return this.decoder.decode();
  }
}
