import { buildCheckReport, terminalField } from '../core/checks/checkReport';
import { logCheckOutcomes } from '../core/checks/checkOutcomeLog';
import type { CheckResult } from '../core/checks/checkResult';
import { collectClusterEvidence, type ClusterEvidence } from '../core/checks/clusterEvidence';
import type { TimelineEntry } from '../core/checks/initTimeline';
import { runClusterChecks } from '../core/checks/runClusterChecks';
import { overallVerdict } from '../core/checks/verdict';
import { watchInitialisation } from '../core/checks/watchInitialisation';
import { describeRequest, type RequestEvent } from '../core/kube/requestEvent';
import { elapsedMs } from '../core/log/logger';
import { redactDeep, redactSecrets } from '../core/report/redactSecrets';
import { describeKubeconfigChoice, discoverKubeconfig } from '../cluster/kubeconfigDiscovery';
import { loadGateway } from '../cluster/loadGateway';
import { hostFilesAt } from '../host/hostFiles';
import { isRke2Node, runHostChecks } from '../host/hostChecks';
import { abortOnSignal } from './abortOnSignal';
import { checkToText } from './checkText';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNVERIFIED, EXIT_USAGE, SIGNAL_EXIT_CODES, type CommandIo } from './cliIo';
import { startCommand, usageError, type CommandSpec } from './commandArgs';
import { checksToOpenMetrics } from '../core/report/openMetrics';
import { inClusterUsageError, openInCluster } from './inClusterSource';
import { FLEET_USAGE, fleetOnlyOption, isFleetRun, refusedTokenArgument, runFleetCheck } from './fleetCheck';
import { terminalJson } from '../core/text/terminalText';

export const CHECK_USAGE = `Usage: rke2-calico-diag check [--kubeconfig F] [--context C] [--host-root DIR] [--watch SECONDS]
                             [--format text|json|openmetrics] [--timeout SECONDS] [--in-cluster] [--cluster-name N]
                             [--problems] [--verbose]

Runs the Calico readiness checks against a cluster (read-only: GET requests only) and, on an RKE2 node or with
--host-root, against the node's files. The kubeconfig is --kubeconfig, else KUBECONFIG, ~/.kube/config, or
/etc/rancher/rke2/rke2.yaml. --watch polls for that many seconds and prints the initialisation timeline.
--in-cluster reads the pod's own cluster with its service account (--service-account-dir DIR, or
RKE2_CALICO_SERVICE_ACCOUNT_DIR, moves the token and CA folder). --format openmetrics prints one gauge per check and
per known issue for the node_exporter textfile collector or a Pushgateway, labelled with --cluster-name (default:
the context). --timeout (default 15 s) bounds each read and the whole run (after --watch): retries and
Retry-After waits happen within it, an exec plugin or auth-provider helper that has not answered within it is
stopped, and reads not done when it runs out are reported unknown (exit 2). --problems prints only the checks that
fail, warn or are unknown (the verdict, root causes and counts stay). A cluster that cannot be read is said in one
line per cause, not a row per check.

Exit codes:
  0  every check passes or warns (verdict "ready" or warnings; a few unknowns allowed, see 3)
  1  a check fails
  2  the cluster could not be reached (network, TLS, credentials, timeout), or bad usage
  3  could not verify: no check fails, but more than half of the checks that ran are unknown (e.g. every read
     is forbidden), or a required check is unknown (known issues, Calico as the CNI, ClusterInformation,
     calico-node, nodes), or no check could run
  130/143  interrupted by SIGINT (Ctrl-C) / SIGTERM: the requests in flight are cancelled; a second signal ends
     the process at once
  70  internal error (a bug): --verbose logs its stack

--verbose writes the log to stderr: the kubeconfig and context, every API request (method, path, status, time,
retries; never headers or tokens) and each check's outcome.
${FLEET_USAGE}`;

const SPEC: CommandSpec<'text' | 'json' | 'openmetrics'> = { name: 'check', usage: CHECK_USAGE, values: ['kubeconfig', 'context', 'host-root', 'watch', 'timeout', 'interval', 'contexts', 'rancher', 'rancher-token-file', 'rancher-ca', 'parallel', 'cluster-timeout', 'service-account-dir', 'cluster-name'], flags: ['no-cluster', 'all-contexts', 'details', 'in-cluster', 'problems'], formats: ['text', 'json', 'openmetrics'] };

/** A message for stderr: redacted and without control characters (it may quote a server, a plugin, a kubeconfig). */
function safe(text: string): string {
  return terminalField(redactSecrets(text));
}

/**
 * The whole run may take --timeout (after --watch) and this much more: a read or an exec plugin stopped at its own
 * --timeout budget says why itself before the run's deadline cuts everything short.
 */
const RUN_DEADLINE_MARGIN_MS = 1000;

/** Reads that mean the cluster itself could not be reached or would not talk to us. */
const UNREACHABLE = new Set(['unreachable', 'timeout', 'unauthorized', 'malformed', 'cancelled']);

export interface CheckCommandDependencies {
  readonly environment?: NodeJS.ProcessEnv;
}

export async function runCheckCommand(argv: readonly string[], io: CommandIo, _version: string, dependencies: CheckCommandDependencies = {}): Promise<number> {
  const refused = refusedTokenArgument(argv);
  if (refused !== undefined) return usageError(io, SPEC, refused);
  const started = startCommand(argv, io, SPEC);
  if (!started.ok) return started.code;
  const { args } = started;
  const format = { value: started.format };
  if (args.positionals.length > 0) return usageError(io, SPEC, `unexpected argument "${args.positionals[0] ?? ''}"`);
  if (isFleetRun(args)) return runFleetCheck(args, started.format, io, dependencies, (message) => usageError(io, SPEC, message));
  const fleetOnly = fleetOnlyOption(args);
  if (fleetOnly !== undefined) return usageError(io, SPEC, `--${fleetOnly} goes with several clusters (--all-contexts, --contexts or --rancher)`);
  const inClusterProblem = inClusterUsageError(args);
  if (inClusterProblem !== undefined) return usageError(io, SPEC, inClusterProblem);
  const inCluster = args.options.has('in-cluster');
  const numberOption = (name: string, fallback: number): number | undefined => {
    const value = args.options.get(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    return typeof value === 'string' && Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
  };
  const watchSeconds = numberOption('watch', 0);
  const timeoutSeconds = numberOption('timeout', 15);
  const intervalSeconds = numberOption('interval', 5);
  if (watchSeconds === undefined || timeoutSeconds === undefined || intervalSeconds === undefined) return usageError(io, SPEC, '--watch, --timeout and --interval take a number of seconds');
  const optionText = (name: string): string | undefined => {
    const value = args.options.get(name);
    return typeof value === 'string' ? value : undefined;
  };

  const watch = abortOnSignal(io.signals);
  const controller = watch.controller;
  const checkStarted = performance.now();
  // The whole run, not only each read: a server that keeps answering (endless pages, slow drips) cannot hold it.
  const run = { outOfTime: false };
  const deadline = setTimeout(() => {
    run.outOfTime = true;
    controller.abort();
  }, (watchSeconds + timeoutSeconds) * 1000 + RUN_DEADLINE_MARGIN_MS);
  try {
    const results: CheckResult[] = [];
    let evidence: ClusterEvidence | undefined;
    let timeline: readonly TimelineEntry[] = [];
    let target: { context: string; server: string } | undefined;
    let unreachable = false;
    const hostRoot = optionText('host-root');
    const choice = args.options.has('no-cluster') || inCluster ? undefined : discoverKubeconfig(optionText('kubeconfig'), 'argument', dependencies.environment ?? process.env);
    if (!choice && !inCluster && !hostRoot && !args.options.has('no-cluster')) {
      io.stderr('rke2-calico-diag check: no kubeconfig found (looked at --kubeconfig, KUBECONFIG, ~/.kube/config and /etc/rancher/rke2/rke2.yaml); pass --kubeconfig, or --host-root for node checks only.\n');
      return EXIT_USAGE;
    }
    if (choice || inCluster) {
      if (choice) io.log.info(describeKubeconfigChoice(choice));
      const gateway = await loadGateway();
      const tuning = { ...gateway.DEFAULT_TUNING, timeoutMs: timeoutSeconds * 1000, observer: (event: RequestEvent) => io.log.info(describeRequest(event)) };
      const opened = choice ? gateway.openCluster(choice, optionText('context'), tuning) : openInCluster(gateway, args, dependencies.environment ?? process.env, tuning);
      if (!opened.ok) {
        io.log.error(`cannot open the cluster (${opened.kind}): ${opened.error}`);
        io.stderr(`rke2-calico-diag check: ${safe(opened.error)}\n`);
        return EXIT_USAGE;
      }
      io.log.info(`context ${opened.context} of ${opened.contexts.length} (${opened.contexts.join(', ')}), server ${opened.reader.identity.server}`);
      target = opened.reader.identity;
      if (opened.reader.connection.insecureSkipTlsVerify) {
        io.stderr(`rke2-calico-diag check: warning: TLS verification is off (insecure-skip-tls-verify: true in the kubeconfig${opened.reader.connection.certificateAuthority ? '; its certificate-authority is ignored' : ''}): the API server's identity is not checked\n`);
      }
      if (watchSeconds > 0) {
        const snapshot = await watchInitialisation(opened.reader, {
          durationSeconds: watchSeconds,
          intervalMs: intervalSeconds * 1000,
          signal: controller.signal,
          onPoll: (poll) => {
            if (format.value === 'text') for (const entry of poll.timeline.slice(timeline.length)) io.stderr(`+${entry.atSeconds} s  ${safe(entry.message)}\n`);
            timeline = poll.timeline;
          },
        });
        evidence = snapshot.evidence;
        timeline = snapshot.timeline;
        results.push(...snapshot.results);
      } else {
        evidence = await collectClusterEvidence(opened.reader, controller.signal);
        results.push(...runClusterChecks(evidence));
      }
      unreachable = UNREACHABLE.has(evidence.nodes.kind);
    }
    const hostFiles = hostRoot ? hostFilesAt(hostRoot) : hostFilesAt('/');
    if (hostRoot || isRke2Node(hostFiles)) results.push(...runHostChecks(hostFiles));
    // Everything printed is redacted (the gateway already took out the credentials it knows of; this catches tokens,
    // keys and JWTs a server or a plugin put anywhere else).
    logCheckOutcomes(io.log, results, elapsedMs(checkStarted));
    const report = redactDeep(buildCheckReport(results, evidence, target, timeline, { verdict: true }));
    const metricsCluster = optionText('cluster-name') ?? target?.context ?? 'local';
    const verdictStatus = unreachable ? 'unreachable' : (report.verdict?.status ?? 'could-not-verify');
    const unreachableCause = unreachable && evidence && evidence.nodes.kind !== 'ok' ? { kind: evidence.nodes.kind, message: evidence.nodes.message } : undefined;
    const text = (): string => checkToText(report, { palette: io.palette, problemsOnly: args.options.has('problems'), ...(unreachableCause ? { unreachable: unreachableCause } : {}) });
    io.stdout(format.value === 'json' ? terminalJson(report) + '\n' : format.value === 'openmetrics' ? checksToOpenMetrics([{ cluster: metricsCluster, status: verdictStatus, report }]) : text() + '\n');
    const interrupted = watch.interrupted();
    if (interrupted !== undefined) {
      io.stderr(`rke2-calico-diag check: interrupted by ${interrupted}; the requests in flight were cancelled\n`);
      return SIGNAL_EXIT_CODES[interrupted];
    }
    if (run.outOfTime) {
      io.stderr(`rke2-calico-diag check: the check did not finish within --timeout ${timeoutSeconds} s${watchSeconds > 0 ? ` after --watch ${watchSeconds} s` : ''}; the reads not done by then are unknown\n`);
      return EXIT_USAGE;
    }
    if (unreachable && evidence) {
      io.stderr(`rke2-calico-diag check: could not read the cluster: ${evidence.nodes.kind === 'ok' ? '' : safe(evidence.nodes.message)}\n`);
      return EXIT_USAGE;
    }
    const verdict = overallVerdict(results);
    if (verdict.status === 'fail') return EXIT_FINDINGS;
    if (verdict.status === 'could-not-verify') {
      io.stderr(`rke2-calico-diag check: could not verify: ${safe(verdict.reason)}\n`);
      return EXIT_UNVERIFIED;
    }
    return EXIT_OK;
  } finally {
    clearTimeout(deadline);
    watch.stop();
  }
}
