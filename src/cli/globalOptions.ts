import type { ColourMode } from './palette';

/** Options every command takes, wherever they stand before a `--`: taken out before the command parses the rest. */
export interface GlobalOptions {
  readonly argv: string[];
  readonly verbose: boolean;
  readonly colour: ColourMode;
}

export type GlobalOptionsResult = { readonly ok: true; readonly options: GlobalOptions } | { readonly ok: false; readonly error: string };

const COLOUR_MODES: readonly ColourMode[] = ['auto', 'always', 'never'];

/** `--verbose`, `--color[=auto|always|never]` and `--no-color`; the last one given wins. */
export function takeGlobalOptions(argv: readonly string[]): GlobalOptionsResult {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  const kept: string[] = [];
  let verbose = false;
  let colour: ColourMode = 'auto';
  for (const word of options) {
    const match = /^--color(?:=(.*))?$/.exec(word);
    if (word === '--verbose') verbose = true;
    else if (word === '--no-color') colour = 'never';
    else if (match) {
      const value = match[1] ?? 'always';
      if (!(COLOUR_MODES as readonly string[]).includes(value)) return { ok: false, error: `--color must be one of ${COLOUR_MODES.join(', ')}` };
      colour = value as ColourMode;
    } else kept.push(word);
  }
  return { ok: true, options: { argv: [...kept, ...(end === -1 ? [] : argv.slice(end))], verbose, colour } };
}
