/** How many skipped entries are listed one by one; a hostile archive can hold a million of them. */
const MAX_LISTED = 1000;
/** Names are cut in messages: a PAX path can be 64 KiB long. */
const MAX_NAME_CHARS = 200;

/** Entries that were not extracted or read, each with why; bounded in count and length, one line per path. */
export class SkippedEntries {
  private readonly listed = new Map<string, string>();
  private unlisted = 0;

  add(name: string, reason: string): void {
    if (this.listed.has(name)) return;
    if (this.listed.size >= MAX_LISTED) {
      this.unlisted++;
      return;
    }
    this.listed.set(name, reason);
  }

  list(): string[] {
    const lines = [...this.listed].map(([name, reason]) => `${shortName(name)}: ${reason}`);
    return this.unlisted > 0 ? [...lines, `${this.unlisted} more entries not listed`] : lines;
  }
}

/** A name short enough for a message, with control characters (a newline in a tar name) made visible. */
export function shortName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced here
  const visible = name.replace(/[\u0000-\u001f\u007f]/g, (character) => `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return visible.length > MAX_NAME_CHARS ? `${visible.slice(0, MAX_NAME_CHARS)}… (${visible.length} characters)` : visible;
}
