import { openBundle } from '../bundle/openBundle';
import { buildCheckReport, checkReportToText, type CheckReportJson } from '../core/checks/checkReport';
import { findingsToJson, type FindingsJson } from '../core/report/findingsJson';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIo } from './cliIo';
import { startCommand, usageError, type CommandSpec } from './commandArgs';

export const BUNDLE_USAGE = `Usage: rke2-calico-diag bundle <file.tar.gz|folder> [--format text|json]

Analyses a Rancher logs collector support bundle offline: cluster checks from its kubectl dumps, the node's
prerequisites, the recorded RKE2 version, config.yaml, and known failure lines in its logs. What the bundle does
not contain is "unknown: not in bundle". Tarballs are read safely (no path traversal, no links, size limits).

Exit codes: 0 every check passes or warns, 1 a check fails, 2 the bundle cannot be read or bad usage.`;

const SPEC: CommandSpec<'text' | 'json'> = { name: 'bundle', usage: BUNDLE_USAGE, values: [], formats: ['text', 'json'] };

export interface BundleReportJson extends CheckReportJson {
  findings: { file: string; line: number; code: string; severity: string; message: string; knownIssue?: string }[];
  files: FindingsJson['findings'];
  skipped: string[];
}

export async function runBundleCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const started = startCommand(argv, io, SPEC);
  if (!started.ok) return started.code;
  const { args } = started;
  const format = { value: started.format };
  if (args.positionals.length !== 1) return usageError(io, SPEC, 'give one bundle (.tar.gz or folder)');
  const opened = await openBundle(args.positionals[0] ?? '');
  if (!opened.ok) {
    io.stderr(`rke2-calico-diag bundle: ${opened.error}\n`);
    return EXIT_USAGE;
  }
  try {
    const { analysis, skipped } = opened.bundle;
    const report = buildCheckReport(analysis.checks, analysis.evidence, { context: `bundle ${analysis.name}`, server: args.positionals[0] ?? '' });
    if (format.value === 'json') {
      const json: BundleReportJson = {
        ...report,
        findings: analysis.logFindings.flatMap((log) => log.findings.map((finding) => ({
          file: log.file,
          line: finding.line,
          code: finding.signature.id,
          severity: finding.signature.severity,
          message: `${finding.signature.title}: ${finding.signature.meaning}`,
          ...(finding.signature.knownIssue ? { knownIssue: finding.signature.knownIssue } : {}),
        }))),
        files: findingsToJson(analysis.configFindings).findings,
        skipped: [...skipped],
      };
      io.stdout(JSON.stringify(json, null, 2) + '\n');
    } else {
      io.stdout(checkReportToText(report) + '\n');
      if (skipped.length > 0) io.stdout(`Not extracted: ${skipped.join('; ')}\n`);
    }
    return analysis.checks.some((check) => check.status === 'fail') ? EXIT_FINDINGS : EXIT_OK;
  } finally {
    opened.bundle.dispose();
  }
}

