import { buildCheckReport, checkReportToText } from '../core/checks/checkReport';
import type { CheckResult } from '../core/checks/checkResult';
import { collectClusterEvidence, type ClusterEvidence } from '../core/checks/clusterEvidence';
import type { TimelineEntry } from '../core/checks/initTimeline';
import { runClusterChecks } from '../core/checks/runClusterChecks';
import { watchInitialisation } from '../core/checks/watchInitialisation';
import { discoverKubeconfig } from '../cluster/kubeconfigDiscovery';
import { loadGateway } from '../cluster/loadGateway';
import { hostFilesAt } from '../host/hostFiles';
import { isRke2Node, runHostChecks } from '../host/hostChecks';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIo } from './cliIo';
import { startCommand, usageError, type CommandSpec } from './commandArgs';

export const CHECK_USAGE = `Usage: rke2-calico-diag check [--kubeconfig F] [--context C] [--host-root DIR] [--watch SECONDS]
                             [--format text|json] [--timeout SECONDS]

Runs the Calico readiness checks against a cluster (read-only: GET requests only) and, on an RKE2 node or with
--host-root, against the node's files. The kubeconfig is --kubeconfig, else KUBECONFIG, ~/.kube/config, or
/etc/rancher/rke2/rke2.yaml. --watch polls for that many seconds and prints the initialisation timeline.

Exit codes: 0 every check passes or warns, 1 a check fails, 2 the cluster could not be reached or bad usage.`;

const SPEC: CommandSpec<'text' | 'json'> = { name: 'check', usage: CHECK_USAGE, values: ['kubeconfig', 'context', 'host-root', 'watch', 'timeout', 'interval'], flags: ['no-cluster'], formats: ['text', 'json'] };

/** Reads that mean the cluster itself could not be reached or would not talk to us. */
const UNREACHABLE = new Set(['unreachable', 'timeout', 'unauthorized', 'malformed', 'cancelled']);

export interface CheckCommandDependencies {
  /** Interrupt (Ctrl-C) wiring; returns an unsubscribe function. */
  readonly onInterrupt?: (cancel: () => void) => () => void;
  readonly environment?: NodeJS.ProcessEnv;
}

export async function runCheckCommand(argv: readonly string[], io: CliIo, _version: string, dependencies: CheckCommandDependencies = {}): Promise<number> {
  const started = startCommand(argv, io, SPEC);
  if (!started.ok) return started.code;
  const { args } = started;
  const format = { value: started.format };
  if (args.positionals.length > 0) return usageError(io, SPEC, `unexpected argument "${args.positionals[0] ?? ''}"`);
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

  const controller = new AbortController();
  const unsubscribe = dependencies.onInterrupt?.(() => controller.abort()) ?? (() => undefined);
  try {
    const results: CheckResult[] = [];
    let evidence: ClusterEvidence | undefined;
    let timeline: readonly TimelineEntry[] = [];
    let target: { context: string; server: string } | undefined;
    let unreachable = false;
    const hostRoot = optionText('host-root');
    const choice = args.options.has('no-cluster') ? undefined : discoverKubeconfig(optionText('kubeconfig'), 'argument', dependencies.environment ?? process.env);
    if (!choice && !hostRoot && !args.options.has('no-cluster')) {
      io.stderr('rke2-calico-diag check: no kubeconfig found (looked at --kubeconfig, KUBECONFIG, ~/.kube/config and /etc/rancher/rke2/rke2.yaml); pass --kubeconfig, or --host-root for node checks only.\n');
      return EXIT_USAGE;
    }
    if (choice) {
      const gateway = await loadGateway();
      const opened = gateway.openCluster(choice, optionText('context'), { ...gateway.DEFAULT_TUNING, timeoutMs: timeoutSeconds * 1000 });
      if (!opened.ok) {
        io.stderr(`rke2-calico-diag check: ${opened.error}\n`);
        return EXIT_USAGE;
      }
      target = opened.reader.identity;
      if (watchSeconds > 0) {
        const snapshot = await watchInitialisation(opened.reader, {
          durationSeconds: watchSeconds,
          intervalMs: intervalSeconds * 1000,
          signal: controller.signal,
          onPoll: (poll) => {
            if (format.value === 'text') for (const entry of poll.timeline.slice(timeline.length)) io.stderr(`+${entry.atSeconds} s  ${entry.message}\n`);
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
    const report = buildCheckReport(results, evidence, target, timeline);
    io.stdout(format.value === 'json' ? JSON.stringify(report, null, 2) + '\n' : checkReportToText(report) + '\n');
    if (controller.signal.aborted) {
      io.stderr('rke2-calico-diag check: cancelled\n');
      return EXIT_USAGE;
    }
    if (unreachable && evidence) {
      io.stderr(`rke2-calico-diag check: could not read the cluster: ${evidence.nodes.kind === 'ok' ? '' : evidence.nodes.message}\n`);
      return EXIT_USAGE;
    }
    return results.some((entry) => entry.status === 'fail') ? EXIT_FINDINGS : EXIT_OK;
  } finally {
    unsubscribe();
  }
}
