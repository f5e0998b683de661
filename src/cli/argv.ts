import { didYouMean } from '../core/text/didYouMean';

/** Parsed command-line arguments: positional words and `--name value` / `--name=value` / `--flag` options. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  /** The last value of each option (or true for a flag). */
  readonly options: ReadonlyMap<string, string | true>;
  /** Every value of each value option, in order: for options that may repeat (`--config a --config b`). */
  readonly repeated: ReadonlyMap<string, readonly string[]>;
}

export type ArgvResult = { readonly ok: true; readonly args: ParsedArgs } | { readonly ok: false; readonly error: string };

/**
 * A deliberately small parser: each command declares which options take a value and which are flags, and anything
 * else is a usage error rather than being silently ignored.
 */
export function parseArgv(argv: readonly string[], valueOptions: readonly string[], flagOptions: readonly string[]): ArgvResult {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index] ?? '';
    if (word === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (!word.startsWith('--') || word === '-') {
      positionals.push(word);
      continue;
    }
    const equals = word.indexOf('=');
    const name = word.slice(2, equals === -1 ? undefined : equals);
    if (flagOptions.includes(name)) {
      if (equals !== -1) return { ok: false, error: `--${name} takes no value` };
      options.set(name, true);
    } else if (valueOptions.includes(name)) {
      const value = equals === -1 ? argv[++index] : word.slice(equals + 1);
      if (value === undefined || value === '') return { ok: false, error: `--${name} needs a value` };
      options.set(name, value);
      repeated.set(name, [...(repeated.get(name) ?? []), value]);
    } else {
      const suggestion = didYouMean(name, [...valueOptions, ...flagOptions]);
      return { ok: false, error: `unknown option --${name}${suggestion ? `; did you mean --${suggestion}?` : ''}` };
    }
  }
  return { ok: true, args: { positionals, options, repeated } };
}

/** The value of an option restricted to a set of choices, or an error naming them. */
export function choiceOption<T extends string>(
  args: ParsedArgs,
  name: string,
  choices: readonly T[],
  fallback: T,
): { ok: true; value: T } | { ok: false; error: string } {
  const value = args.options.get(name);
  if (value === undefined) return { ok: true, value: fallback };
  if (value !== true && (choices as readonly string[]).includes(value)) return { ok: true, value: value as T };
  return { ok: false, error: `--${name} must be one of ${choices.join(', ')}` };
}
