/**
 * Text from outside (log lines, node conditions, event messages, file names and content) printed to a terminal must
 * not carry control sequences: an OSC 52 clipboard write, a title change or `ESC[2J` would act on the user's
 * terminal. C0 controls other than tab and line feed, DEL and the C1 range (which some terminals read as CSI/OSC)
 * are replaced by U+FFFD, so the reader sees that something was there. Characters that change how the rest of a
 * line reads without showing themselves (bidi overrides and isolates, zero-width and invisible characters, the
 * Unicode line and paragraph separators) are shown escaped, as `<U+202E>`, so text cannot be made to read as
 * something else.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HAS_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width and bidi marks, separators, bidi embeddings, overrides and isolates, word joiner and invisible operators, BOM. */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
const HAS_INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/;

function codePoint(character: string): string {
  return `<U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;
}

export function stripControlCharacters(text: string): string {
  const visible = HAS_INVISIBLE.test(text) ? text.replace(INVISIBLE, codePoint) : text;
  return HAS_CONTROL.test(visible) ? visible.replace(CONTROLS, '\ufffd') : visible;
}

/** One field on one line of terminal output: safe as above, and a line break inside it cannot forge a line. */
export function terminalLine(text: string): string {
  return stripControlCharacters(text.replace(/\r\n|\n/g, ' ⏎ '));
}

const JSON_UNSAFE = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

/**
 * JSON text as a terminal may show it: JSON.stringify escapes C0 controls but leaves DEL, C1 controls and invisible
 * or bidi characters raw. They are written as `\uXXXX` escapes, which parse back to the same string.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_UNSAFE, (character) => `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}
