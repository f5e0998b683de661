import { readFileSync } from 'node:fs';
import { checkClusterReader } from '../core/fleet/checkClusterReader';
import type { ClusterOutcome, FleetEntry } from '../core/fleet/fleetOutcome';
import { buildFleetReport, fleetReportToText, type FleetReportJson } from '../core/fleet/fleetReport';
import { checksToOpenMetrics } from '../core/report/openMetrics';
import { runFleet } from '../core/fleet/runFleet';
import { terminalField } from '../core/checks/checkReport';
import { contextMembers, rancherMembers, type FleetMember, type FleetMembers } from '../cluster/fleetTargets';
import type { GatewayTuning } from '../cluster/kubeGateway';
import { discoverKubeconfig } from '../cluster/kubeconfigDiscovery';
import { rancherTrust } from '../cluster/rancherTrust';
import type { ParsedArgs } from './argv';
import { EXIT_USAGE, type CliIo } from './cliIo';

export const FLEET_USAGE = `
Several clusters (each with its own time budget; one that fails, hangs or refuses does not stop the others):
  --all-contexts | --contexts a,b,c  every (or each named) context of the kubeconfig; kubeconfigs Rancher
                                     generates (servers ending in /k8s/clusters/<id>) work as they are
  --rancher URL                      every RKE2 cluster Rancher manages, read through Rancher's cluster proxy
                                     (/k8s/clusters/<id>); others are listed as skipped with their distribution.
                                     The API token comes from --rancher-token-file FILE or RANCHER_TOKEN, never
                                     from an argument. --rancher-ca FILE adds a private CA (NODE_EXTRA_CA_CERTS
                                     is honoured too)
  --parallel N                       clusters checked at once (default 8)
  --cluster-timeout SECONDS          a cluster not done by then is reported unreachable (default 120)
  --details                          after the fleet table, every checked cluster's full report
The fleet exits with its worst cluster: 1 a check fails > 2 a cluster could not be reached > 3 a cluster could not
be verified > 0; clusters skipped as not RKE2 do not count.`;

const DEFAULTS = { parallel: 8, clusterTimeoutSeconds: 120 } as const;

/**
 * Per cluster: several clusters are read at once, so each gets a smaller share of memory than a single check
 * (a 1,000-node page of nodes is about 20 MB and still fits).
 */
const FLEET_BYTES = { maxBytes: 32 * 1024 * 1024, maxBytesInFlight: 48 * 1024 * 1024 } as const;

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
  readonly onInterrupt?: (cancel: () => void) => () => void;
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
    try {
      token = readFileSync(file, 'utf8').trim();
    } catch (error) {
      return { ok: false, error: `cannot read --rancher-token-file ${file}: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (token === '') return { ok: false, error: `--rancher-token-file ${file} is empty` };
  } else {
    token = (environment.RANCHER_TOKEN ?? '').trim();
    if (token === '') return { ok: false, error: '--rancher needs an API token: --rancher-token-file FILE, or the RANCHER_TOKEN environment variable' };
  }
  if (/\s/.test(token)) return { ok: false, error: 'the Rancher token holds white space: it must be one API token (token-xxxxx:yyyy…)' };
  return { ok: true, value: token };
}

function removeSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((result, secret) => result.split(secret).join('[redacted]'), text);
}

/**
 * Every string of `value` with the given secrets taken out: a server may quote the Rancher token in any message.
 * (Secret-looking text was already redacted where it entered; this only takes out the token itself.)
 */
function withoutSecrets<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') return removeSecrets(value, secrets) as T;
  if (Array.isArray(value)) return value.map((entry: unknown) => withoutSecrets(entry, secrets)) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, entry]) => [key, withoutSecrets(entry, secrets)])) as T;
  return value;
}

async function members(args: ParsedArgs, environment: NodeJS.ProcessEnv, tuning: GatewayTuning, signal: AbortSignal, secrets: string[]): Promise<FleetMembers> {
  const rancher = text(args, 'rancher');
  if (rancher !== undefined) {
    let url: URL;
    try {
      url = new URL(rancher);
    } catch {
      return { ok: false, error: `--rancher ${rancher} is not a URL (https://rancher.example.com)` };
    }
    const token = rancherToken(args, environment);
    if (!token.ok) return token;
    secrets.push(token.value);
    const trust = rancherTrust(text(args, 'rancher-ca'), environment);
    if (!trust.ok) return trust;
    return rancherMembers({ url, token: token.value, caPem: trust.caPem, timeoutMs: tuning.timeoutMs, signal }, tuning);
  }
  const choice = discoverKubeconfig(text(args, 'kubeconfig'), 'argument', environment);
  if (!choice) return { ok: false, error: 'no kubeconfig found (looked at --kubeconfig, KUBECONFIG, ~/.kube/config and /etc/rancher/rke2/rke2.yaml)' };
  const named = text(args, 'contexts');
  const names = named === undefined ? 'all' : named.split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (names !== 'all' && names.length === 0) return { ok: false, error: '--contexts needs at least one context name' };
  return contextMembers(choice, names, tuning);
}

/** The fleet as metrics: every cluster labelled with its name (Rancher's display name or the context). */
function fleetMetrics(report: FleetReportJson): string {
  return checksToOpenMetrics(report.clusters.map((cluster) => ({ cluster: cluster.name, status: cluster.status, ...(cluster.report ? { report: cluster.report } : {}) })));
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
export async function runFleetCheck(args: ParsedArgs, format: string, io: CliIo, dependencies: FleetDependencies, usage: (message: string) => number): Promise<number> {
  const problem = fleetUsageError(args);
  if (problem) return usage(problem);
  const parallel = positive(args, 'parallel', DEFAULTS.parallel, true);
  const clusterTimeout = positive(args, 'cluster-timeout', DEFAULTS.clusterTimeoutSeconds, false);
  const readTimeout = positive(args, 'timeout', 15, false);
  if (parallel === undefined || clusterTimeout === undefined || readTimeout === undefined) return usage('--parallel takes a whole number above 0; --cluster-timeout and --timeout a number of seconds above 0');
  const environment = dependencies.environment ?? process.env;
  const controller = new AbortController();
  const unsubscribe = dependencies.onInterrupt?.(() => controller.abort()) ?? (() => undefined);
  const secrets: string[] = [];
  try {
    const tuning: GatewayTuning = { timeoutMs: readTimeout * 1000, retries: 3, ...FLEET_BYTES };
    const listed = await members(args, environment, tuning, controller.signal, secrets);
    if (!listed.ok) {
      io.stderr(`rke2-calico-diag check: ${terminalField(removeSecrets(listed.error, secrets))}\n`);
      return EXIT_USAGE;
    }
    const outcomes = await runFleet<FleetMember>(listed.members, {
      parallel,
      clusterTimeoutMs: clusterTimeout * 1000,
      signal: controller.signal,
      check: async (member, signal): Promise<ClusterOutcome> => {
        if (member.skipped !== undefined || !member.open) return { kind: 'skipped', reason: member.skipped ?? 'not checked' };
        const opened = member.open();
        if (!opened.ok) return { kind: 'unreachable', reason: opened.error };
        return checkClusterReader(opened.reader, signal, member.target.rancherId !== undefined);
      },
    });
    const entries: FleetEntry[] = listed.members.map((member, index) => ({ target: member.target, outcome: outcomes[index] ?? { kind: 'cancelled', reason: 'not started' } }));
    const report = withoutSecrets(buildFleetReport(listed.source, entries), secrets);
    io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'openmetrics' ? fleetMetrics(report) : `${fleetReportToText(report, { details: args.options.has('details') })}\n`);
    if (controller.signal.aborted) io.stderr('rke2-calico-diag check: cancelled; clusters not finished are reported as cancelled\n');
    return report.fleet.exitCode;
  } finally {
    unsubscribe();
  }
}
