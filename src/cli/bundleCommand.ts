import { openBundle } from '../bundle/openBundle';
import { nodeOfBundle } from '../core/bundles/nodeBundles';
import { buildCheckReport, checkReportToText, terminalField, type CheckReportJson } from '../core/checks/checkReport';
import { logCheckOutcomes } from '../core/checks/checkOutcomeLog';
import { elapsedMs } from '../core/log/logger';
import { findingsToJson, type FindingsJson } from '../core/report/findingsJson';
import { abortOnSignal } from './abortOnSignal';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, SIGNAL_EXIT_CODES, type CliSignal, type CommandIo } from './cliIo';
import { startCommand, usageError, type CommandSpec } from './commandArgs';
import { bundleSet } from '../bundle/bundleSet';
import { analyseNodeBundles, NODE_BUNDLES_USAGE } from './nodeBundlesCommand';
import { terminalJson } from '../core/text/terminalText';

export const BUNDLE_USAGE = `Usage: rke2-calico-diag bundle <file.tar.gz|folder>... [--format text|json]

Analyses a Rancher logs collector support bundle offline: cluster checks from its kubectl dumps, the node's
prerequisites, the recorded RKE2 version, config.yaml, and known failure lines in its logs. What the bundle does
not contain is "unknown: not in bundle". Tarballs are read safely (no path traversal, no links, size limits), and
folders too (links are not followed, only regular files are read). Entries not extracted or read are listed.

Exit codes: 0 every check passes or warns, 1 a check fails, 2 the bundle cannot be read or bad usage,
130/143 interrupted by SIGINT/SIGTERM (the temporary extracted copy is removed first).
${NODE_BUNDLES_USAGE}`;

const SPEC: CommandSpec<'text' | 'json'> = { name: 'bundle', usage: BUNDLE_USAGE, values: [], formats: ['text', 'json'] };

export interface BundleReportJson extends CheckReportJson {
  findings: { file: string; line: number; code: string; severity: string; message: string; knownIssue?: string }[];
  files: FindingsJson['findings'];
  skipped: string[];
}

export async function runBundleCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const started = startCommand(argv, io, SPEC);
  if (!started.ok) return started.code;
  const { args } = started;
  if (args.positionals.length === 0) return usageError(io, SPEC, 'give one bundle (.tar.gz or folder), one per node of a cluster, or a folder of them');
  const paths = bundleSet(args.positionals);
  // While a bundle is read, a signal aborts it instead of killing the process, so the extracted copy is removed.
  const signals = abortOnSignal(io.signals);
  const controller = signals.controller;
  try {
    if (paths.length > 1) {
      const interrupted = (): { signal: string; code: number } | undefined => {
        const received = signals.interrupted();
        return received === undefined ? undefined : { signal: received, code: SIGNAL_EXIT_CODES[received] };
      };
      return await analyseNodeBundles(paths, started.format, io, controller.signal, interrupted);
    }
    return await analyseBundle(paths[0] ?? '', started.format, io, controller.signal, signals.interrupted);
  } finally {
    signals.stop();
  }
}

async function analyseBundle(path: string, format: 'text' | 'json', io: CommandIo, signal: AbortSignal, interrupted: () => CliSignal | undefined): Promise<number> {
  const started = performance.now();
  const opened = await openBundle(path, { signal });
  const stopped = (): number | undefined => {
    const received = interrupted();
    if (received === undefined) return undefined;
    io.stderr(`rke2-calico-diag bundle: interrupted by ${received}; the temporary extracted copy was removed\n`);
    return SIGNAL_EXIT_CODES[received];
  };
  if (!opened.ok) {
    const code = stopped();
    if (code !== undefined) return code;
    io.stderr(`rke2-calico-diag bundle: ${terminalField(opened.error)}\n`);
    return EXIT_USAGE;
  }
  try {
    const code = stopped();
    if (code !== undefined) return code;
    const { analysis, skipped } = opened.bundle;
    io.log.info(`bundle ${analysis.name} read in ${elapsedMs(started)} ms: ${analysis.logFindings.length} log(s) scanned, ${skipped.length} entr(ies) not extracted`);
    logCheckOutcomes(io.log, analysis.checks, elapsedMs(started));
    // The bundle's logs are its node's: they join the cause graph tied to that node.
    const node = nodeOfBundle(analysis.name);
    const report = buildCheckReport(analysis.checks, analysis.evidence, { context: `bundle ${analysis.name}`, server: path }, undefined, { nodeLogs: analysis.logFindings.map((log) => ({ node, file: log.file, findings: log.findings })), bundleNode: node });
    if (format === 'json') {
      const json: BundleReportJson = {
        ...report,
        findings: analysis.logFindings.flatMap((log) => log.findings.map((finding) => ({
          file: log.file,
          line: finding.line,
          code: finding.signature.id,
          severity: finding.signature.severity,
          message: `${finding.signature.title}: ${finding.signature.meaning}`,
          ...(finding.knownIssue ? { knownIssue: finding.knownIssue.id } : {}),
        }))),
        files: findingsToJson(analysis.configFindings).findings,
        skipped: [...skipped],
      };
      io.stdout(terminalJson(json) + '\n');
    } else {
      io.stdout(checkReportToText(report) + '\n');
      if (skipped.length > 0) io.stdout(`Not extracted or not read: ${skipped.map(terminalField).join('; ')}\n`);
    }
    return analysis.checks.some((check) => check.status === 'fail') ? EXIT_FINDINGS : EXIT_OK;
  } finally {
    opened.bundle.dispose();
  }
}

