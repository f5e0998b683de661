import { EXIT_OK, EXIT_USAGE, type CliIo } from './cliIo';
import { runBundleCommand } from './bundleCommand';
import { runCheckCommand } from './checkCommand';
import { runLintCommand } from './lintCommand';
import { runLogsCommand } from './logsCommand';
import { runRbacCommand } from './rbacCommand';
import { runSchemaCommand } from './schemaCommand';
import { runVersionsCommand } from './versionsCommand';

export const CLI_USAGE = `Usage: rke2-calico-diag <command> [options]

Commands:
  versions <version>   Does this RKE2 / Calico / rke2-calico chart / tigera-operator version carry a known issue?
  lint <paths...>      Check RKE2 config, HelmChartConfig, HelmChart, Rancher Cluster and Plan files.
  check                Run the Calico readiness checks against a cluster (and this node).
  logs <file|->        Find and explain known Calico/RKE2 failure lines in a log.
  bundle <path>        Analyse a Rancher logs collector support bundle (.tar.gz or folder) offline.
  schema               Print the JSON Schema of RKE2's config.yaml.
  rbac                 Print the least-privilege RBAC for running check --in-cluster.

Run "rke2-calico-diag <command> --help" for a command's options.`;

type Command = (argv: readonly string[], io: CliIo, productVersion: string) => number | Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  versions: runVersionsCommand,
  lint: runLintCommand,
  check: (argv, io, version) => runCheckCommand(argv, io, version, { onInterrupt: interruptHandler }),
  schema: runSchemaCommand,
  logs: runLogsCommand,
  bundle: runBundleCommand,
  rbac: runRbacCommand,
};

/** Ctrl-C cancels a running check (its requests are aborted) instead of killing the process mid-output. */
function interruptHandler(cancel: () => void): () => void {
  process.on('SIGINT', cancel);
  return () => process.off('SIGINT', cancel);
}

/** Dispatches to a command and returns the process exit code; never throws for bad input. */
export async function runCli(argv: readonly string[], io: CliIo, productVersion: string): Promise<number> {
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
    io.stderr(`rke2-calico-diag: unknown command "${name}"\n\n${CLI_USAGE}\n`);
    return EXIT_USAGE;
  }
  return command(rest, io, productVersion);
}
