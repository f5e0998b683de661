import { openBundle } from '../bundle/openBundle';
import { buildCheckReport, checkReportToText, terminalField, type CheckReportJson } from '../core/checks/checkReport';
import { findingsToJson, type FindingsJson } from '../core/report/findingsJson';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIo } from './cliIo';
import { startCommand, usageError, type CommandSpec } from './commandArgs';
import { bundleSet } from '../bundle/bundleSet';
import { analyseNodeBundles, NODE_BUNDLES_USAGE } from './nodeBundlesCommand';

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

/** Exit codes after a signal, as shells report them: 128 + the signal's number. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

/**
 * While a bundle is read, SIGINT and SIGTERM abort it instead of killing the process, so the temporary extracted
 * copy is removed before the process exits. A second signal is not waited on: it gets the default action.
 */
function abortOnSignals(controller: AbortController): { readonly received: () => HandledSignal | undefined; readonly release: () => void } {
  let received: HandledSignal | undefined;
  const handlers = (Object.keys(SIGNAL_EXIT_CODES) as HandledSignal[]).map((signal) => {
    const handler = (): void => {
      if (received !== undefined) {
        release();
        process.kill(process.pid, signal);
        return;
      }
      received = signal;
      controller.abort();
    };
    process.on(signal, handler);
    return { signal, handler };
  });
  const release = (): void => {
    for (const { signal, handler } of handlers) process.off(signal, handler);
  };
  return { received: () => received, release };
}

export async function runBundleCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const started = startCommand(argv, io, SPEC);
  if (!started.ok) return started.code;
  const { args } = started;
  if (args.positionals.length === 0) return usageError(io, SPEC, 'give one bundle (.tar.gz or folder), one per node of a cluster, or a folder of them');
  const paths = bundleSet(args.positionals);
  const controller = new AbortController();
  const signals = abortOnSignals(controller);
  try {
    if (paths.length > 1) {
      const interrupted = (): { signal: string; code: number } | undefined => {
        const received = signals.received();
        return received === undefined ? undefined : { signal: received, code: SIGNAL_EXIT_CODES[received] };
      };
      return await analyseNodeBundles(paths, started.format, io, controller.signal, interrupted);
    }
    return await analyseBundle(paths[0] ?? '', started.format, io, controller.signal, signals.received);
  } finally {
    signals.release();
  }
}

async function analyseBundle(path: string, format: 'text' | 'json', io: CliIo, signal: AbortSignal, interrupted: () => HandledSignal | undefined): Promise<number> {
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
    const report = buildCheckReport(analysis.checks, analysis.evidence, { context: `bundle ${analysis.name}`, server: path });
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
      io.stdout(JSON.stringify(json, null, 2) + '\n');
    } else {
      io.stdout(checkReportToText(report) + '\n');
      if (skipped.length > 0) io.stdout(`Not extracted or not read: ${skipped.map(terminalField).join('; ')}\n`);
    }
    return analysis.checks.some((check) => check.status === 'fail') ? EXIT_FINDINGS : EXIT_OK;
  } finally {
    opened.bundle.dispose();
  }
}

