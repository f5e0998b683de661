import type { FleetEntry } from '../core/fleet/fleetOutcome';
import { buildFleetReport, fleetReportToText } from '../core/fleet/fleetReport';
import { fleetToOpenMetrics } from '../core/fleet/fleetMetrics';
import { runFleet } from '../core/fleet/runFleet';
import { terminalField } from '../core/checks/checkReport';
import { removeSecrets, withoutSecrets } from '../core/report/withoutSecrets';
import { readBoundedFile } from '../cluster/boundedFile';
import { checkMember, fleetMembers, fleetTuning, type FleetMember, type FleetMembers } from '../cluster/fleetTargets';
import type { GatewayTuning } from '../cluster/kubeGateway';
import { discoverKubeconfig } from '../cluster/kubeconfigDiscovery';
import { abortOnSignal } from './abortOnSignal';
import type { ParsedArgs } from './argv';
import { describeRequest } from '../core/kube/requestEvent';
import { EXIT_USAGE, SIGNAL_EXIT_CODES, type CommandIo } from './cliIo';
import { terminalJson } from '../core/text/terminalText';

export const FLEET_USAGE = `
Several clusters (each with its own time budget; one that fails, hangs or refuses does not stop the others):
  --all-contexts | --contexts a,b,c  every (or each named) context of the kubeconfig; kubeconfigs Rancher
                                     generates (servers ending in /k8s/clusters/<id>) work as they are
  --rancher URL                      every RKE2 cluster Rancher manages, read through Rancher's cluster proxy
                                     (/k8s/clusters/<id>); others are listed as skipped with their distribution.
                                     The API token comes from --rancher-token-file FILE or RANCHER_TOKEN, never
                                     from an argument. --rancher-ca FILE trusts a private CA (with
                                     NODE_EXTRA_CA_CERTS); without it, Node's CAs and NODE_EXTRA_CA_CERTS
  --parallel N                       clusters checked at once (default 8)
  --cluster-timeout SECONDS          a cluster not done by then is reported unreachable (default 120)
  --details                          after the fleet table, every checked cluster's full report
The fleet exits with its worst cluster: 1 a check fails > 2 a cluster could not be reached > 3 a cluster could not
be verified > 0; clusters skipped as not RKE2 do not count.`;

const DEFAULTS = { parallel: 8, clusterTimeoutSeconds: 120 } as const;

/** Options that make `check` a fleet run. */
export function isFleetRun(args: ParsedArgs): boolean {
  return args.options.has('all-contexts') || args.options.has('contexts') || args.options.has('rancher');
}

/** An option that only means something over several clusters, given to a single-cluster run. */
export function fleetOnlyOption(args: ParsedArgs): string | undefined {
  return ['rancher-token-file', 'rancher-ca', 'parallel', 'cluster-timeout', 'details'].find((name) => args.options.has(name));
}

/**
 * A token on the command line would be in the shell history and in every process listing: refused before the
 * arguments are parsed, without quoting what was given.
 */
export function refusedTokenArgument(argv: readonly string[]): string | undefined {
  return argv.some((word) => word === '--rancher-token' || word.startsWith('--rancher-token='))
    ? 'the Rancher token is never taken as an argument (it would be in shell history and process listings): put it in a file for --rancher-token-file, or in RANCHER_TOKEN'
    : undefined;
}

export interface FleetDependencies {
  readonly environment?: NodeJS.ProcessEnv;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function text(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

function positive(args: ParsedArgs, name: string, fallback: number, integer: boolean): number | undefined {
  const value = text(args, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed > 0 && (!integer || Number.isInteger(parsed)) ? parsed : undefined;
}

function rancherToken(args: ParsedArgs, environment: NodeJS.ProcessEnv): Parsed<string> {
  const file = text(args, 'rancher-token-file');
  let token: string;
  if (file !== undefined) {
    const read = readBoundedFile(file, 64 * 1024);
    if (!read.ok) return { ok: false, error: `cannot read --rancher-token-file ${file}: ${read.error}` };
    token = read.data.toString('utf8').trim();
    if (token === '') return { ok: false, error: `--rancher-token-file ${file} is empty` };
  } else {
    token = (environment.RANCHER_TOKEN ?? '').trim();
    if (token === '') return { ok: false, error: '--rancher needs an API token: --rancher-token-file FILE, or the RANCHER_TOKEN environment variable' };
  }
  if (/\s/.test(token)) return { ok: false, error: 'the Rancher token holds white space: it must be one API token (token-xxxxx:yyyy…)' };
  return { ok: true, value: token };
}

async function members(args: ParsedArgs, environment: NodeJS.ProcessEnv, tuning: GatewayTuning, signal: AbortSignal, secrets: string[]): Promise<FleetMembers> {
  const rancher = text(args, 'rancher');
  if (rancher !== undefined) {
    const token = rancherToken(args, environment);
    if (!token.ok) return token;
    secrets.push(token.value);
    return fleetMembers({ kind: 'rancher', url: rancher, token: token.value, caFile: text(args, 'rancher-ca') }, environment, tuning, signal);
  }
  const choice = discoverKubeconfig(text(args, 'kubeconfig'), 'argument', environment);
  if (!choice) return { ok: false, error: 'no kubeconfig found (looked at --kubeconfig, KUBECONFIG, ~/.kube/config and /etc/rancher/rke2/rke2.yaml)' };
  const named = text(args, 'contexts');
  const names = named === undefined ? 'all' : named.split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (names !== 'all' && names.length === 0) return { ok: false, error: '--contexts needs at least one context name' };
  return fleetMembers({ kind: 'contexts', choice, names }, environment, tuning, signal);
}

/** Usage problems of a fleet run, before anything is read. */
function fleetUsageError(args: ParsedArgs): string | undefined {
  const rancher = args.options.has('rancher');
  if (rancher && (args.options.has('all-contexts') || args.options.has('contexts'))) return '--rancher and --all-contexts/--contexts are two sources of clusters: give one';
  if (args.options.has('all-contexts') && args.options.has('contexts')) return 'give --all-contexts or --contexts, not both';
  if (!rancher && (args.options.has('rancher-token-file') || args.options.has('rancher-ca'))) return '--rancher-token-file and --rancher-ca go with --rancher';
  if (rancher && args.options.has('kubeconfig')) return '--kubeconfig is not used with --rancher (Rancher lists the clusters)';
  for (const single of ['watch', 'host-root', 'context', 'in-cluster', 'no-cluster', 'cluster-name', 'service-account-dir']) {
    if (args.options.has(single)) return `--${single} checks one cluster or node; it does not go with several clusters`;
  }
  return undefined;
}

/**
 * `check` over several clusters: lists them (kubeconfig contexts or Rancher), checks them with bounded
 * concurrency, and prints the fleet table or JSON. Ctrl-C aborts the clusters in flight and starts no more.
 */
export async function runFleetCheck(args: ParsedArgs, format: string, io: CommandIo, dependencies: FleetDependencies, usage: (message: string) => number): Promise<number> {
  const problem = fleetUsageError(args);
  if (problem) return usage(problem);
  const parallel = positive(args, 'parallel', DEFAULTS.parallel, true);
  const clusterTimeout = positive(args, 'cluster-timeout', DEFAULTS.clusterTimeoutSeconds, false);
  const readTimeout = positive(args, 'timeout', 15, false);
  if (parallel === undefined || clusterTimeout === undefined || readTimeout === undefined) return usage('--parallel takes a whole number above 0; --cluster-timeout and --timeout a number of seconds above 0');
  const environment = dependencies.environment ?? process.env;
  const watch = abortOnSignal(io.signals);
  const controller = watch.controller;
  const secrets: string[] = [];
  try {
    const tuning: GatewayTuning = { ...fleetTuning(readTimeout * 1000), observer: (event) => io.log.info(describeRequest(event)) };
    const listed = await members(args, environment, tuning, controller.signal, secrets);
    if (!listed.ok) {
      io.stderr(`rke2-calico-diag check: ${terminalField(removeSecrets(listed.error, secrets))}\n`);
      return EXIT_USAGE;
    }
    const outcomes = await runFleet<FleetMember>(listed.members, {
      parallel,
      clusterTimeoutMs: clusterTimeout * 1000,
      signal: controller.signal,
      check: checkMember,
    });
    const entries: FleetEntry[] = listed.members.map((member, index) => ({ target: member.target, outcome: outcomes[index] ?? { kind: 'cancelled', reason: 'not started' } }));
    const report = withoutSecrets(buildFleetReport(listed.source, entries), secrets);
    io.stdout(format === 'json' ? `${terminalJson(report)}\n` : format === 'openmetrics' ? fleetToOpenMetrics(report) : `${fleetReportToText(report, { details: args.options.has('details') })}\n`);
    const interrupted = watch.interrupted();
    if (interrupted !== undefined) {
      io.stderr(`rke2-calico-diag check: interrupted by ${interrupted}; clusters not finished are reported as cancelled\n`);
      return SIGNAL_EXIT_CODES[interrupted];
    }
    return report.fleet.exitCode;
  } finally {
    watch.stop();
  }
}
