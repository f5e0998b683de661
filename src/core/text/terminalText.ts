/**
 * Text from outside (log lines, node conditions, event messages, file names) printed to a terminal must not carry
 * control sequences: an OSC 52 clipboard write, a title change or `ESC[2J` would act on the user's terminal.
 * C0 controls other than tab and line feed, DEL and the C1 range (which some terminals read as CSI/OSC) are
 * replaced by U+FFFD, so the reader sees that something was there.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HAS_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function stripControlCharacters(text: string): string {
  return HAS_CONTROL.test(text) ? text.replace(CONTROLS, '\ufffd') : text;
}
