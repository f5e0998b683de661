/**
 * The one test of "is this binary, not text?", for every reader of files: the linter, workspace facts, the log
 * scanner (CLI, editor, support bundles). Of the characters looked at, more than one in ten being a control
 * character (other than tab, line feed, carriage return and form feed), a C1 control or U+FFFD (what invalid UTF-8
 * decodes to) makes the content binary.
 *
 * NUL characters depend on the format: logs that were preallocated or cut short by a crash start with runs of NULs
 * and are still text, so for them NULs are left out of the count; YAML forbids NUL outright (its printable set
 * excludes it), so one NUL makes a YAML file binary.
 */
const BINARY_RATIO = 0.1;
/** How many characters (not NUL) decide. */
const SAMPLE_CHARS = 65_536;
/** One line that held a trigger word is judged on its own, and only when it is mostly control characters. */
const BINARY_LINE_RATIO = 0.3;
const LINE_SAMPLE_CHARS = 4096;

/** Whether NUL characters are tolerated (logs) or make the content binary (YAML). */
export type NulPolicy = 'ignored' | 'binary';

/** How many characters of a sample count, and how many of those look binary. */
interface ControlCount {
  readonly counted: number;
  readonly control: number;
}

function countControlCharacters(sample: string): ControlCount {
  let counted = 0;
  let control = 0;
  for (let index = 0; index < sample.length; index++) {
    const code = sample.charCodeAt(index);
    if (code === 0) continue;
    counted++;
    if ((code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13) || (code >= 0x7f && code <= 0x9f) || code === 0xfffd) control++;
  }
  return { counted, control };
}

/**
 * Whether a text held whole (a file, a document) is binary, judged on its first SAMPLE_CHARS characters. A text of
 * nothing but NULs is not decided under the log policy: false.
 */
export function looksBinary(text: string, nul: NulPolicy = 'ignored'): boolean {
  if (nul === 'binary' && text.includes('\u0000')) return true;
  const sniffer = new BinarySniffer();
  sniffer.push(text);
  return sniffer.binary;
}

/** Whether one log line that held a trigger word is noise from binary data rather than a log line. */
export function isBinaryLine(line: string): boolean {
  const { counted, control } = countControlCharacters(line.length > LINE_SAMPLE_CHARS ? line.slice(0, LINE_SAMPLE_CHARS) : line);
  return counted > 0 && control / counted > BINARY_LINE_RATIO;
}

/**
 * The same test over a stream (NULs ignored, as for logs): it looks at the first SAMPLE_CHARS characters that are
 * not NUL, however they arrive, and decides once it has seen them (or at the end of the input).
 */
export class BinarySniffer {
  private counted = 0;
  private control = 0;

  /** True once enough text was seen to decide. */
  get decided(): boolean {
    return this.counted >= SAMPLE_CHARS;
  }

  get binary(): boolean {
    return this.counted > 0 && this.control / this.counted > BINARY_RATIO;
  }

  /** Looks at more text; says 'binary' or 'text' once decided, 'undecided' before. */
  push(text: string): 'binary' | 'text' | 'undecided' {
    if (!this.decided) {
      const counts = countControlCharacters(text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text);
      this.counted += counts.counted;
      this.control += counts.control;
    }
    if (!this.decided) return 'undecided';
    return this.binary ? 'binary' : 'text';
  }
}
