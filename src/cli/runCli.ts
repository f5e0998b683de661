import { terminalField } from '../core/checks/checkReport';
import { errorMessage, logCaught, SILENT_LOGGER } from '../core/log/logger';
import { redactSecrets } from '../core/report/redactSecrets';
import { didYouMean } from '../core/text/didYouMean';
import { runBundleCommand } from './bundleCommand';
import { runCheckCommand } from './checkCommand';
import { runExplainCommand } from './explainCommand';
import { EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_UNVERIFIED, EXIT_USAGE, NO_SIGNALS, SIGNAL_EXIT_CODES, type CliIo, type CommandIo } from './cliIo';
import { runLintCommand } from './lintCommand';
import { runLogsCommand } from './logsCommand';
import { runRbacCommand } from './rbacCommand';
import { runSchemaCommand } from './schemaCommand';
import { stderrLogger } from './verboseLog';
import { runVersionsCommand } from './versionsCommand';
import { takeGlobalOptions } from './globalOptions';
import { choosePalette } from './palette';

type Command = (argv: readonly string[], io: CommandIo, productVersion: string) => number | Promise<number>;

interface CommandEntry {
  /** The command and its arguments, as the usage lists it. */
  readonly synopsis: string;
  readonly summary: string;
  readonly run: Command;
}

/** Every command, in the order the usage lists them; the usage text is made from this table. */
const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  versions: { synopsis: 'versions <version>', summary: 'Does this RKE2 / Calico / rke2-calico chart / tigera-operator version carry a known issue?', run: runVersionsCommand },
  lint: { synopsis: 'lint <paths...>', summary: 'Check RKE2 config, HelmChartConfig, HelmChart, Rancher Cluster and Plan files.', run: runLintCommand },
  check: { synopsis: 'check', summary: 'Run the Calico readiness checks against a cluster (and this node).', run: runCheckCommand },
  logs: { synopsis: 'logs <file|->', summary: 'Find and explain known Calico/RKE2 failure lines in a log.', run: runLogsCommand },
  bundle: { synopsis: 'bundle <path>', summary: 'Analyse a Rancher logs collector support bundle (.tar.gz or folder) offline.', run: runBundleCommand },
  schema: { synopsis: 'schema', summary: "Print the JSON Schema of RKE2's config.yaml.", run: runSchemaCommand },
  explain: { synopsis: 'explain --from ns/pod --to ns/pod --port 8080/TCP', summary: 'Why can (or cannot) one workload reach another? Walks Calico and Kubernetes policies tier by tier.', run: runExplainCommand },
  rbac: { synopsis: 'rbac', summary: 'Print the least-privilege RBAC for running check --in-cluster.', run: runRbacCommand },
};

/** Options every command takes, besides its own. */
const GLOBAL_OPTIONS: readonly (readonly [string, string])[] = [
  ['--verbose', 'Write the log to stderr: kubeconfig and context, every API request (method, path, status, time, retries), each check, timings, errors with their stack. Never headers or tokens.'],
  ['--color=WHEN', 'Colour the text output: WHEN is auto (the default), always or never; auto colours a terminal unless NO_COLOR is set; --no-color is --color=never.'],
  ['--help', 'This text; "<command> --help" for a command\'s options.'],
  ['--version', 'The version of rke2-calico-diag.'],
];

/** Usage lines stay within this width; longer descriptions wrap under their column. */
const USAGE_WIDTH = 118;

function columns(rows: readonly (readonly [string, string])[]): string[] {
  const indent = Math.max(...rows.map(([left]) => left.length)) + 5;
  return rows.flatMap(([left, right]) => {
    const lines = [''];
    for (const word of right.split(' ')) {
      const last = lines.length - 1;
      if (lines[last] !== '' && indent + (lines[last] ?? '').length + 1 + word.length > USAGE_WIDTH) lines.push(word);
      else lines[last] = lines[last] === '' ? word : `${lines[last] ?? ''} ${word}`;
    }
    return lines.map((line, index) => `${index === 0 ? `  ${left}`.padEnd(indent) : ' '.repeat(indent)}${line}`);
  });
}

export const CLI_USAGE = [
  'Usage: rke2-calico-diag [--verbose] [--color=auto|always|never] <command> [options]',
  '',
  'Commands:',
  ...columns(Object.values(COMMANDS).map((entry) => [entry.synopsis, entry.summary] as const)),
  '',
  'Options:',
  ...columns(GLOBAL_OPTIONS),
  '',
  `Exit codes: ${EXIT_OK} ok, ${EXIT_FINDINGS} findings or a failing check, ${EXIT_USAGE} bad usage or input, or the cluster could not be reached,`,
  `${EXIT_UNVERIFIED} could not verify (check), ${SIGNAL_EXIT_CODES.SIGINT}/${SIGNAL_EXIT_CODES.SIGTERM} interrupted by SIGINT/SIGTERM (check, bundle), ${EXIT_INTERNAL} internal error (a bug: the`,
  'stack is in the --verbose log). Each command\'s --help says what its codes mean for it.',
].join('\n');

/** The first lines of the usage, for a usage error: the rest would push the error off screen. */
const SHORT_USAGE = `Usage: rke2-calico-diag [--verbose] [--color=auto|always|never] <command> [options]
Commands: ${Object.keys(COMMANDS).join(', ')}.
Run "rke2-calico-diag --help" for more, "rke2-calico-diag <command> --help" for a command's options and examples.`;

/**
 * Dispatches to a command and returns the process exit code. Never throws: bad input is a usage error (2), and
 * anything a command throws is an internal error (70), said once on stderr and logged with its stack.
 */
export async function runCli(rawArgv: readonly string[], io: CliIo, productVersion: string): Promise<number> {
  const global = takeGlobalOptions(rawArgv);
  if (!global.ok) {
    io.stderr(`rke2-calico-diag: ${global.error}\n${SHORT_USAGE}\n`);
    return EXIT_USAGE;
  }
  const { argv, verbose, colour } = global.options;
  const log = verbose ? stderrLogger(io.stderr) : SILENT_LOGGER;
  const palette = choosePalette(colour, io.isTerminal ?? false, io.environment ?? process.env);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(CLI_USAGE + '\n');
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version') {
    io.stdout(productVersion + '\n');
    return EXIT_OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    const suggestion = name.startsWith('-') ? undefined : didYouMean(name, Object.keys(COMMANDS));
    io.stderr(`rke2-calico-diag: unknown ${name.startsWith('-') ? 'option' : 'command'} "${terminalField(name)}"${suggestion ? `; did you mean "${suggestion}"?` : ''}\n${SHORT_USAGE}\n`);
    return EXIT_USAGE;
  }
  log.debug(`rke2-calico-diag ${productVersion} on Node ${process.version}: ${name}`);
  try {
    return await command.run(rest, { ...io, log, palette, signals: io.signals ?? NO_SIGNALS }, productVersion);
  } catch (error) {
    logCaught(log, `${name} failed`, error);
    io.stderr(`rke2-calico-diag ${name}: internal error: ${terminalField(redactSecrets(errorMessage(error)))}${verbose ? '' : ' (run with --verbose for the stack)'}\n`);
    return EXIT_INTERNAL;
  }
}
