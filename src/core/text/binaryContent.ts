/**
 * One test of "is this binary, not text?", shared by the linter and the log scanner. NUL characters are left out of
 * the count: logs that were preallocated or cut short by a crash start with runs of NULs and are still text. Of the
 * rest, more than one character in ten being a control character (other than tab, line feed, carriage return and
 * form feed), a C1 control or U+FFFD (what invalid UTF-8 decodes to) makes the content binary.
 */
const BINARY_RATIO = 0.1;

/** How many characters of a sample count, and how many of those look binary. */
export interface ControlCount {
  readonly counted: number;
  readonly control: number;
}

export function countControlCharacters(sample: string): ControlCount {
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

/** Whether a sample (the start of a file) is binary. A sample of nothing but NULs is not decided: false. */
export function looksBinary(sample: string): boolean {
  const { counted, control } = countControlCharacters(sample.length > 65_536 ? sample.slice(0, 65_536) : sample);
  return counted > 0 && control / counted > BINARY_RATIO;
}

/**
 * The same test over a stream: it looks at the first `budget` characters that are not NUL, however they arrive, and
 * decides once it has seen them (or at the end of the input).
 */
export class BinarySniffer {
  private counted = 0;
  private control = 0;

  constructor(private readonly budget = 65_536) {}

  /** True once enough text was seen to decide. */
  get decided(): boolean {
    return this.counted >= this.budget;
  }

  get binary(): boolean {
    return this.counted > 0 && this.control / this.counted > BINARY_RATIO;
  }

  /** Looks at more text; says 'binary' or 'text' once decided, 'undecided' before. */
  push(text: string): 'binary' | 'text' | 'undecided' {
    if (!this.decided) {
      const counts = countControlCharacters(text.length > this.budget ? text.slice(0, this.budget) : text);
      this.counted += counts.counted;
      this.control += counts.control;
    }
    if (!this.decided) return 'undecided';
    return this.binary ? 'binary' : 'text';
  }
}
