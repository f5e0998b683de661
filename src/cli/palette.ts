/**
 * Colours for terminal output. Escape sequences are added only around text this tool wrote (marks, verdicts,
 * severities); the fields themselves are made terminal-safe before, so colour cannot be forged by content.
 */
export interface Palette {
  readonly enabled: boolean;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly green: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly underline: (text: string) => string;
}

export type ColourMode = 'auto' | 'always' | 'never';

function sgr(open: number, close: number): (text: string) => string {
  return (text) => (text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`);
}

const plain = (text: string): string => text;

export const NO_COLOUR: Palette = { enabled: false, red: plain, yellow: plain, green: plain, dim: plain, bold: plain, underline: plain };

export const COLOUR: Palette = { enabled: true, red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39), dim: sgr(2, 22), bold: sgr(1, 22), underline: sgr(4, 24) };

/**
 * `--color=always|never` decides; `auto` colours a terminal unless NO_COLOR is set to anything non-empty
 * (no-color.org) or TERM is dumb. FORCE_COLOR (non-empty, not 0) colours a pipe in auto mode, as many tools do.
 */
export function choosePalette(mode: ColourMode, isTerminal: boolean, environment: NodeJS.ProcessEnv): Palette {
  if (mode === 'always') return COLOUR;
  if (mode === 'never') return NO_COLOUR;
  if ((environment.NO_COLOR ?? '') !== '') return NO_COLOUR;
  const forced = environment.FORCE_COLOR;
  if (forced !== undefined && forced !== '' && forced !== '0') return COLOUR;
  return isTerminal && environment.TERM !== 'dumb' ? COLOUR : NO_COLOUR;
}
