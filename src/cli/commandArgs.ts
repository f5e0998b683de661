import { choiceOption, parseArgv, type ParsedArgs } from './argv';
import { EXIT_OK, EXIT_USAGE, type CliIo } from './cliIo';
import { examplesSection } from './commandExamples';
import { terminalLine } from '../core/text/terminalText';

export interface CommandSpec<F extends string> {
  readonly name: string;
  readonly usage: string;
  /** Options that take a value, besides --format. */
  readonly values: readonly string[];
  /** Options that are flags, besides --help. */
  readonly flags?: readonly string[];
  /** Output formats; the first is the default. */
  readonly formats: readonly [F, ...F[]];
}

export type CommandStart<F extends string> = { readonly ok: true; readonly args: ParsedArgs; readonly format: F } | { readonly ok: false; readonly code: number };

/** The synopsis of a usage text: its lines up to the first blank line. */
export function synopsis(usage: string): string {
  return usage.split('\n\n')[0] ?? usage;
}

/** A command's full --help: its usage text, then its examples. */
export function commandHelp(name: string, usage: string): string {
  return `${usage}\n${examplesSection(name)}`;
}

/**
 * Bad usage, said short on stderr: the error, the command's synopsis and where the rest is (the full help would
 * push the error off screen). Bad usage always exits 2.
 */
export function usageError(io: CliIo, spec: Pick<CommandSpec<string>, 'name' | 'usage'>, message: string): number {
  io.stderr(`rke2-calico-diag ${spec.name}: ${terminalLine(message)}\n${synopsis(spec.usage)}\nRun "rke2-calico-diag ${spec.name} --help" for its options and examples.\n`);
  return EXIT_USAGE;
}

/** The part every command shares: parse the arguments, answer --help, and read --format. */
export function startCommand<F extends string>(argv: readonly string[], io: CliIo, spec: CommandSpec<F>): CommandStart<F> {
  const parsed = parseArgv(argv, [...spec.values, 'format'], [...(spec.flags ?? []), 'help']);
  if (!parsed.ok) return { ok: false, code: usageError(io, spec, parsed.error) };
  if (parsed.args.options.has('help')) {
    io.stdout(commandHelp(spec.name, spec.usage) + '\n');
    return { ok: false, code: EXIT_OK };
  }
  const format = choiceOption(parsed.args, 'format', spec.formats, spec.formats[0]);
  if (!format.ok) return { ok: false, code: usageError(io, spec, format.error) };
  return { ok: true, args: parsed.args, format: format.value };
}
